/** What every ticket-workspace form does with a refused call: errors by field, or one toast. */
import { useState } from 'react';
import type { ApiError, Result } from '../../../shared/errors.ts';
import type { DeskInfo, TicketDetail } from '../../../shared/views.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import { useT } from '../i18n/index.ts';
import { errorText, fieldErrors } from './errors.ts';
import { useToasts } from './toastStore.ts';

/**
 * Field path → message, with `prefix` stripped ("changes.title" → "title"). A refusal that names
 * no field (a conflict, a lost connection) comes back under "" for the form's own error line.
 */
export function formErrors(tr: Translator, error: ApiError, prefix = ''): Record<string, string> {
  const byField = fieldErrors(tr, error);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(byField))
    out[prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path] = message;
  // A refusal about no one field (a conflict) is said at the form's top.
  if (Object.keys(out).length === 0) out[''] = errorText(tr, error);
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

/**
 * Ctrl+Enter inside a form submits it (the innermost, when forms nest), wherever the focus is.
 * Given `cancel`, Esc closes the form, not the dialog or view around it.
 */
export function submitOnCtrlEnter(submit: () => void, cancel?: () => void) {
  return (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape' && cancel) {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.ctrlKey && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      submit();
    }
  };
}

/**
 * The life of a ticket-workspace form: send, then either the errors by field (stripped of
 * `prefix`) or a clean slate and the caller's follow-up (a toast, a reload).
 */
export function useFormCall(prefix = '') {
  const tr = useT();
  const show = useToasts((s) => s.show);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit<T>(call: Promise<Result<T>>, done: (value: T) => void): Promise<boolean> {
    const r = await call;
    if (!r.ok) {
      setErrors(formErrors(tr, r.error, prefix));
      return false;
    }
    setErrors({});
    done(r.value);
    return true;
  }
  return { tr, t: tr.t, show, errors, setErrors, submit };
}

/** What a ticket-workspace form gets: the ticket as loaded, the desk, and what to do once saved. */
export interface WorkspaceFormProps {
  ticket: TicketDetail;
  desk: DeskInfo;
  onSaved: () => void;
}
