import { useEffect, type ReactElement } from 'react';
import { Board } from '../board/Board.tsx';
import { useT } from '../i18n/index.ts';
import { IntakeForm } from '../intake/IntakeForm.tsx';
import { useSession } from '../session/sessionStore.ts';
import { TicketView } from '../ticket/TicketView.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { matches, SHORTCUTS } from './shortcuts.ts';
import { useView, type View } from './viewStore.ts';

const NAV: { view: View; label: 'nav.intake' | 'nav.board'; keys: string }[] = [
  { view: 'intake', label: 'nav.intake', keys: SHORTCUTS.newCall.keys },
  { view: 'board', label: 'nav.board', keys: SHORTCUTS.board.keys },
];

export function Shell(): ReactElement {
  const { t } = useT();
  const { view, go, ticketId, helpOpen, setHelp, toggleTheme, theme } = useView();
  const user = useSession((s) => s.user)!;
  const desk = useSession((s) => s.desk)!;
  const signOut = useSession((s) => s.signOut);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, SHORTCUTS.newCall.keys)) go('intake');
      else if (matches(e, SHORTCUTS.board.keys)) go('board');
      else if (matches(e, SHORTCUTS.theme.keys)) toggleTheme();
      else if (matches(e, SHORTCUTS.help.keys)) setHelp(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, toggleTheme, setHelp]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="topbar__desk">
          <strong>{t('app.name')}</strong> · {desk.name}
        </span>
        <nav aria-label={t('nav.main')} className="topbar__nav">
          {NAV.map((n) => (
            <button
              key={n.view}
              type="button"
              className="navbtn"
              aria-current={view === n.view ? 'page' : undefined}
              aria-keyshortcuts={n.keys}
              onClick={() => go(n.view)}
            >
              {t(n.label)} <Kbd keys={n.keys} />
            </button>
          ))}
        </nav>
        <span className="topbar__spacer" />
        <span className="topbar__user">
          {t('nav.signedInAs', {
            name: user.displayName,
            role: t(`role.${user.role}`),
            tier: user.tier,
          })}
        </span>
        <button
          type="button"
          className="btn btn--ghost"
          aria-keyshortcuts="F1"
          onClick={() => setHelp(true)}
        >
          {t('nav.help')} <Kbd keys="F1" />
        </button>
        <button
          type="button"
          className="btn btn--ghost"
          aria-keyshortcuts="Alt+T"
          onClick={toggleTheme}
        >
          {theme === 'dark' ? t('nav.theme.light') : t('nav.theme.dark')} <Kbd keys="Alt+T" />
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <main className="main">{view === 'intake' ? <IntakeForm /> : <Board />}</main>
      {ticketId ? <TicketView id={ticketId} /> : null}
      {helpOpen ? <HelpDialog onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
