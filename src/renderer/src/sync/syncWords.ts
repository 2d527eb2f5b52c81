/** The words for what the hub said, from its codes: the hub's own sentences are English, for logs. */
import type { Translator } from '../../../shared/i18n/index.ts';
import type { Refusal } from '../../../shared/sync.ts';
import type { SyncStatus } from '../../../shared/views.ts';

/** Why the hub would not take one change. */
export const refusalReason = (tr: Translator, code: Refusal['code']): string =>
  code === 'OUT_OF_SCOPE' ? tr.t('refused.outOfScope') : tr.t('refused.forbidden');

/** Why the last round with the hub failed. */
export const syncFailure = (tr: Translator, code: NonNullable<SyncStatus['errorCode']>): string =>
  tr.t(`sync.why.${code}`);
