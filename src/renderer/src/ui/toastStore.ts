import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'ok' | 'error';
}

interface ToastState {
  toasts: Toast[];
  show(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
}

let next = 1;

/** Short confirmations, announced politely to screen readers and gone after a few seconds. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(text, tone = 'ok') {
    const id = next++;
    set({ toasts: [...get().toasts.slice(-3), { id, text, tone }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? 8000 : 5000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
