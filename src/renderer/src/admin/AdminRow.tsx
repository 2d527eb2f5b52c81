import { useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { FormError } from '../ui/FormError.tsx';
import { submitOnCtrlEnter } from '../ui/forms.ts';
import { Kbd } from '../ui/Kbd.tsx';

/** A form a row opens in place of itself: its button, and the form given a way to close. */
export interface RowAction {
  /** The button's words, and its accessible name (which names the row). */
  text: string;
  label: string;
  form: (close: () => void) => ReactElement;
}

interface AdminRowProps {
  /** What the row is called ("NET · Network Operations"). */
  name: string;
  active: boolean;
  /** Said after the name: what it is, what uses it. */
  details?: ReactNode;
  /** Words shown as tags beside the name (a disabled row says so in words, not colour). */
  tags?: string[];
  /** Edit first; for people, Reset password too. */
  actions: RowAction[];
  /** Disable, or enable a disabled row. */
  onToggle: () => void;
  toggleLabel: string;
  /** A refused disable or enable, said under the row. */
  error: string | undefined;
  /** More buttons after the toggle (Show on the board). */
  extra?: ReactNode;
}

/**
 * One queue, category or person: its name and state, Edit, Disable / Enable (and more). A form
 * opens in the row's place, focused on its first field; closing it puts the focus back on the
 * button that opened it.
 */
export function AdminRow(props: AdminRowProps): ReactElement {
  const errorId = useId();
  const row = useRef<HTMLLIElement>(null);
  const [open, setOpen] = useState<number | null>(null);
  const opened = useRef<number | null>(null);
  useEffect(() => {
    if (open === null && opened.current !== null)
      row.current?.querySelector<HTMLElement>(`[data-action="${opened.current}"]`)?.focus();
    opened.current = open;
  }, [open]);

  const action = open === null ? null : props.actions[open];
  return (
    <li ref={row} className={`admin-row${props.active ? '' : ' admin-row--disabled'}`}>
      {action ? (
        action.form(() => setOpen(null))
      ) : (
        <>
          <div className="admin-row__text">
            <span className="admin-row__name">{props.name}</span>
            {props.tags?.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
            {props.details ? (
              <span className="muted admin-row__details">{props.details}</span>
            ) : null}
          </div>
          <div className="admin-row__actions">
            {props.actions.map((a, i) => (
              <button
                key={a.text}
                type="button"
                className="btn btn--small"
                data-action={i}
                aria-label={a.label}
                onClick={() => setOpen(i)}
              >
                {a.text}
              </button>
            ))}
            <button
              type="button"
              className="btn btn--small btn--ghost"
              aria-describedby={props.error ? errorId : undefined}
              onClick={props.onToggle}
            >
              {props.toggleLabel}
            </button>
            {props.extra}
          </div>
          {props.error ? (
            <p id={errorId} className="field__error admin-row__error" role="alert">
              {props.error}
            </p>
          ) : null}
        </>
      )}
    </li>
  );
}

/** An edit form inside a row: Enter (in a field) or Ctrl+Enter saves, Esc cancels. */
export function RowForm({
  label,
  onSave,
  onCancel,
  error,
  children,
}: {
  label: string;
  onSave: () => void;
  onCancel: () => void;
  /** The form's own error line (one not about a single field). */
  error: string | undefined;
  children: ReactNode;
}): ReactElement {
  const { t } = useT();
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  return (
    <form
      ref={form}
      className="admin-row__form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={submitOnCtrlEnter(onSave, onCancel)}
    >
      <h2 id={titleId}>{label}</h2>
      <div className="grid grid--4">{children}</div>
      <FormError text={error} />
      <div className="actions actions--inline">
        <button
          type="submit"
          className="btn btn--primary btn--small"
          aria-keyshortcuts="Control+Enter"
        >
          {t('admin.save')} <Kbd keys="Ctrl+Enter" />
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          aria-keyshortcuts="Escape"
          onClick={onCancel}
        >
          {t('admin.cancel')} <Kbd keys="Esc" />
        </button>
      </div>
    </form>
  );
}
