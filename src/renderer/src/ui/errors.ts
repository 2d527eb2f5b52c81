import type { ApiError } from '../../../shared/errors.ts';
import type { Translator } from '../../../shared/i18n/index.ts';

/** The plain-words message for one field, in the user's language where the rule is known. */
export function issueText(
  tr: Translator,
  rule: string,
  message: string,
  limit?: number,
  params?: Record<string, string | number>,
): string {
  if (rule === 'too_small' && limit !== undefined && limit > 1)
    return tr.t('rule.too_small.min', { limit });
  if (rule === 'throttled') return tr.plural('signIn.throttled', limit ?? 1);
  const key = `rule.${rule}`;
  if (tr.has(key)) return tr.t(key, { ...params, ...(limit === undefined ? {} : { limit }) });
  return message;
}

/** Field path → message, for putting each error next to its field. */
export function fieldErrors(tr: Translator, error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error?.issues ?? [])
    out[i.path] ??= issueText(tr, i.rule, i.message, i.limit, i.params);
  return out;
}

export function errorText(tr: Translator, error: ApiError): string {
  if (error.code === 'INTERNAL' && error.message === 'network') return tr.t('error.network');
  // A refusal about the whole request (a conflict's cause) has its own words.
  const whole = error.issues.find((i) => i.path === '' && tr.has(`rule.${i.rule}`));
  if (whole) return issueText(tr, whole.rule, whole.message, whole.limit, whole.params);
  return tr.t(`error.${error.code}`);
}

/** One line for a form with a single error slot: the first field's problem, else the error itself. */
export function firstErrorText(tr: Translator, error: ApiError): string {
  const first = error.issues[0];
  return first
    ? issueText(tr, first.rule, first.message, first.limit, first.params)
    : errorText(tr, error);
}
