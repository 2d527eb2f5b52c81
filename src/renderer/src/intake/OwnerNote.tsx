import type { ReactElement } from 'react';
import type { CustomerHit } from '../../../shared/views.ts';
import { SHORTCUTS } from '../app/shortcuts.ts';
import { useT } from '../i18n/index.ts';
import { Kbd } from '../ui/Kbd.tsx';

/** What Alt+U does in the new-caller form while a number belongs to someone. */
export type OwnerShortcut = { use: CustomerHit } | { search: true } | null;

interface Props {
  /** For the field's aria-describedby: the warning is read with the field. */
  id: string;
  kind: 'phone' | 'account';
  owners: CustomerHit[];
  shortcut: OwnerShortcut;
  onUse(owner: CustomerHit): void;
  /** Several people share the number: choose among them in the caller search. */
  onSearch(): void;
}

/**
 * "This number belongs to …", next to the field, before the new caller is saved. Its buttons
 * stay out of the Tab sequence: the note appears while the analyst types, and a stop inserted
 * between this field and the next would take the keystrokes meant for the next one. The keyboard
 * reaches them with Alt+U, shown on the button it presses.
 */
export function OwnerNote({ id, kind, owners, shortcut, onUse, onSearch }: Props): ReactElement {
  const { t } = useT();
  const keys = SHORTCUTS.useOwner.keys;
  // The name is isolated for the bidi algorithm inside the sentence, wherever the language puts it.
  const [before, after] = t(kind === 'phone' ? 'intake.owner.phone' : 'intake.owner.account').split(
    '{name}',
  );
  const searchHere = kind === 'phone' && shortcut !== null && 'search' in shortcut;
  return (
    <div id={id} className="owner-note" role="status" data-testid={`owner-${kind}`}>
      {owners.map((h) => {
        const pressed = shortcut !== null && 'use' in shortcut && shortcut.use.id === h.id;
        return (
          <p key={h.id} className="owner-note__line">
            <span>
              {before}
              <bdi>
                <strong>{h.name}</strong>
              </bdi>
              {after}
            </span>
            <button
              type="button"
              className="btn btn--small"
              tabIndex={-1}
              aria-keyshortcuts={pressed ? keys : undefined}
              onClick={() => onUse(h)}
            >
              {t('intake.owner.use')}
              {pressed ? <Kbd keys={keys} /> : null}
            </button>
          </p>
        );
      })}
      {searchHere ? (
        <button
          type="button"
          className="btn btn--small"
          tabIndex={-1}
          aria-keyshortcuts={keys}
          onClick={onSearch}
        >
          {t('intake.owner.search')}
          <Kbd keys={keys} />
        </button>
      ) : null}
      {owners.length ? (
        <p className="field__hint">
          {t(kind === 'phone' ? 'intake.owner.phoneShared' : 'intake.owner.accountOnce')}
        </p>
      ) : null}
    </div>
  );
}
