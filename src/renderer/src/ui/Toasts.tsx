import { useEffect, useState, type ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { useToasts } from './toastStore.ts';

/** The modal dialog on top, if one is open (the ticket workspace, search, the shortcut list). */
const topModal = (): HTMLDialogElement | null =>
  [...document.querySelectorAll<HTMLDialogElement>('dialog:modal')].at(-1) ?? null;

/**
 * Follows the open modal dialogs. A modal dialog sits in the top layer above everything and makes
 * the rest of the page inert: a toast outside it is covered by it, and not announced.
 */
function useTopModal(active: boolean): HTMLDialogElement | null {
  const [modal, setModal] = useState(topModal);
  useEffect(() => {
    // Only while a toast shows: the observer sees every DOM change (a scrolled board's cards too).
    if (!active) return;
    const watch = new MutationObserver(() => setModal(topModal()));
    watch.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['open'],
    });
    setModal(topModal());
    return () => watch.disconnect();
  }, [active]);
  return modal;
}

/** The toasts, inside the modal dialog on top when there is one, so they are seen and heard. */
export function Toasts(): ReactElement {
  const toasts = useToasts((s) => s.toasts);
  const modal = useTopModal(toasts.length > 0);
  const region = (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} data-testid="toast">
          {t.text}
        </div>
      ))}
    </div>
  );
  return modal ? createPortal(region, modal) : region;
}
