import type { ReactElement } from 'react';
import { useToasts } from './toastStore.ts';

export function Toasts(): ReactElement {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} data-testid="toast">
          {t.text}
        </div>
      ))}
    </div>
  );
}
