import { useEffect, useRef, type ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { SHORTCUTS, type Shortcut } from './shortcuts.ts';

const GROUPS = [
  ['global', 'help.global'],
  ['intake', 'help.intake'],
  ['board', 'help.board'],
  ['ticket', 'help.ticket'],
  ['callbacks', 'help.group.callbacks'],
  ['panel', 'help.group.panel'],
  ['admin', 'help.group.admin'],
  ['reports', 'help.group.reports'],
] as const;

export function HelpDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    return () => d.close();
  }, []);
  const all: Shortcut[] = Object.values(SHORTCUTS);
  return (
    <dialog
      ref={ref}
      className="dialog dialog--help"
      aria-labelledby="help-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <header className="dialog__head">
        <h2 id="help-title">{t('help.title')}</h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={onClose} autoFocus>
          {t('help.close')} <Kbd keys="Esc" />
        </button>
      </header>
      {/* In columns, so the whole list fits a laptop's screen without scrolling. */}
      <div className="help__groups">
        {GROUPS.map(([g, label]) => (
          <section key={g} aria-labelledby={`help-${g}`}>
            <h3 id={`help-${g}`}>{t(label)}</h3>
            <dl className="shortcuts">
              {all
                .filter((s) => s.group === g)
                .map((s) => (
                  <div key={s.help}>
                    <dt>
                      <Kbd keys={s.keys} />
                      <span className="sr-only">{s.keys}</span>
                    </dt>
                    <dd>{t(s.help)}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
