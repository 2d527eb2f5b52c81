/** What every ticket-workspace form does with a refused call: errors by field, or one toast. */
import type { ApiError } from '../../../shared/errors.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import { errorText, fieldErrors } from '../ui/errors.ts';

/**
 * Field path → message, with `prefix` stripped ("changes.title" → "title"). A refusal that names
 * no field (a conflict, a lost connection) comes back under "" for the form's own error line.
 */
export function formErrors(tr: Translator, error: ApiError, prefix = ''): Record<string, string> {
  const byField = fieldErrors(tr, error);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(byField))
    out[prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path] = message;
  if (Object.keys(out).length === 0)
    out[''] = error.code === 'CONFLICT' ? error.message : errorText(tr, error);
  return out;
}

/** Opens the <details> around an element and focuses it: a shortcut lands in its form. */
export function reveal(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const details = el.closest('details');
  if (details) details.open = true;
  // The form's section at the top of the panel: what follows it (similar tickets) in view.
  (details ?? el.closest('section') ?? el).scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

/** Ctrl+Enter inside a form submits it, wherever the focus is. */
export function submitOnCtrlEnter(submit: () => void) {
  return (e: React.KeyboardEvent): void => {
    if (e.ctrlKey && e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  };
}
