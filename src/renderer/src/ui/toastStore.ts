import { create } from 'zustand';

/**
 * `ok` confirms what the user just did, `error` says it was refused, `alert` is news from the
 * desk (a Business failure, a breach at the top tier) that is no answer to anything they did.
 */
export type ToastTone = 'ok' | 'error' | 'alert';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

/** How many toasts stand at once; the oldest goes first. */
export const MAX_TOASTS = 3;
/** How long each tone stands, in ms: a refusal or an alert takes longer to read and act on. */
export const TOAST_MS: Record<ToastTone, number> = { ok: 5000, error: 8000, alert: 8000 };

/**
 * The toasts standing once `toast` is shown. At most one error stands: errors answer the user's
 * last attempt, so an older one is out of date (or the same one again) and a pile of them only
 * hides the form. A success clears it, for the same reason: what failed has since worked, or
 * the user has moved on. The same text shown twice stands once, as the newest (a repeated
 * refusal is announced again). Alerts are not answers: a success or an error leaves them.
 */
export function withToast(toasts: readonly Toast[], toast: Toast): Toast[] {
  const kept = toasts.filter(
    (t) =>
      t.text !== toast.text &&
      !(t.tone === 'error' && (toast.tone === 'error' || toast.tone === 'ok')),
  );
  return [...kept, toast].slice(-MAX_TOASTS);
}

interface ToastState {
  toasts: Toast[];
  show(text: string, tone?: ToastTone): void;
  dismiss(id: number): void;
}

let next = 1;

/** Short confirmations, announced politely to screen readers and gone after a few seconds. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(text, tone = 'ok') {
    const id = next++;
    set({ toasts: withToast(get().toasts, { id, text, tone }) });
    setTimeout(() => get().dismiss(id), TOAST_MS[tone]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
