import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { DisplayDialog } from '../display/DisplayDialog.tsx';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { isLocale } from '../../../shared/i18n/locales.ts';
import { SyncIndicator } from '../sync/SyncIndicator.tsx';
import { Board } from '../board/Board.tsx';
import { useT } from '../i18n/index.ts';
import { IntakeForm } from '../intake/IntakeForm.tsx';
import { useSession } from '../session/sessionStore.ts';
import { TicketView } from '../ticket/TicketView.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { SearchPalette } from '../search/SearchPalette.tsx';
import { PolicySettings } from '../settings/PolicySettings.tsx';
import { DeskAdmin } from '../admin/DeskAdmin.tsx';
import { ReportsView } from '../reports/ReportsView.tsx';
import { api } from '../api/index.ts';
import { useCallbacks } from '../contacts/callbacksStore.ts';
import { CallbacksView } from '../contacts/CallbacksView.tsx';
import { notify } from '../contacts/notify.ts';
import { EscalationPanelView } from '../escalation/EscalationPanelView.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { matches, SHORTCUTS } from './shortcuts.ts';
import { useView, type View } from './viewStore.ts';

const NAV: {
  view: View;
  label:
    | 'nav.intake'
    | 'nav.board'
    | 'nav.callbacks'
    | 'nav.panel'
    | 'nav.reports'
    | 'nav.settings'
    | 'nav.admin';
  keys: string;
  supervisor?: boolean;
  admin?: boolean;
}[] = [
  { view: 'intake', label: 'nav.intake', keys: SHORTCUTS.newCall.keys },
  { view: 'board', label: 'nav.board', keys: SHORTCUTS.board.keys },
  { view: 'callbacks', label: 'nav.callbacks', keys: SHORTCUTS.callbacks.keys },
  { view: 'panel', label: 'nav.panel', keys: SHORTCUTS.panel.keys },
  { view: 'reports', label: 'nav.reports', keys: SHORTCUTS.reports.keys, supervisor: true },
  { view: 'settings', label: 'nav.settings', keys: SHORTCUTS.settings.keys, supervisor: true },
  { view: 'admin', label: 'nav.admin', keys: SHORTCUTS.admin.keys, admin: true },
];

export function Shell(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const { view, go, ticketId, helpOpen, setHelp, searchOpen, setSearch, toggleTheme } = useView();
  const openTicket = useView((s) => s.openTicket);
  const closeTicket = useCallback(() => openTicket(null), [openTicket]);
  const closeHelp = useCallback(() => setHelp(false), [setHelp]);
  const closeSearch = useCallback(() => setSearch(false), [setSearch]);
  const user = useSession((s) => s.user)!;
  const desk = useSession((s) => s.desk)!;
  const signOut = useSession((s) => s.signOut);
  const setLanguage = useSession((s) => s.setLanguage);
  const reloadDesk = useSession((s) => s.load);
  const [displayOpen, setDisplayOpen] = useState(false);
  const closeDisplay = useCallback(() => setDisplayOpen(false), []);

  // A supervisor changed the policy or the calendar: intake rates the next call by the new one.
  useEffect(() => api.on('policy.changed', () => void reloadDesk()), [reloadDesk]);
  // An admin renamed, disabled or added a queue, a category or a person: every list follows.
  useEffect(() => api.on('desk.changed', () => void reloadDesk()), [reloadDesk]);

  // My call-backs stay live; one falling due is a desktop notification and the badge.
  const watchCallbacks = useCallbacks((s) => s.watch);
  const dueNow = useCallbacks((s) => s.data?.dueNow ?? 0);
  useEffect(
    () =>
      watchCallbacks(user.id, (keys) =>
        notify(
          tr.plural('callbacks.notify.title', keys.length, { keys: keys.slice(0, 5).join(', ') }),
          t('callbacks.notify.body'),
          () => go('callbacks'),
        ),
      ),
    [watchCallbacks, user.id, tr, t, go],
  );

  // Supervisors hear the rules' alerts (a Business failure, a breach at the top tier) at once.
  const showToast = useToasts((s) => s.show);
  useEffect(() => {
    if (user.role === 'analyst') return;
    return api.on('supervisors.alerted', (e) => {
      showToast(t('supervisors.alert.title', { key: e.key }), 'alert');
      notify(t('supervisors.alert.title', { key: e.key }), e.title, () => go('panel'));
    });
  }, [user.role, showToast, t, go]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, SHORTCUTS.newCall.keys)) go('intake');
      else if (matches(e, SHORTCUTS.board.keys)) go('board');
      else if (matches(e, SHORTCUTS.callbacks.keys)) go('callbacks');
      else if (matches(e, SHORTCUTS.panel.keys)) go('panel');
      else if (matches(e, SHORTCUTS.reports.keys)) go('reports');
      else if (matches(e, SHORTCUTS.settings.keys)) go('settings');
      else if (matches(e, SHORTCUTS.admin.keys)) go('admin');
      else if (matches(e, SHORTCUTS.theme.keys)) toggleTheme();
      else if (matches(e, SHORTCUTS.display.keys)) setDisplayOpen(true);
      else if (matches(e, SHORTCUTS.help.keys)) setHelp(true);
      else if (matches(e, SHORTCUTS.searchEverywhere.keys)) setSearch(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, toggleTheme, setHelp, setSearch]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="topbar__desk">
          <strong>{t('app.name')}</strong> · {desk.name}
        </span>
        <nav aria-label={t('nav.main')} className="topbar__nav">
          {NAV.filter(
            (n) =>
              (!n.supervisor || user.role !== 'analyst') && (!n.admin || user.role === 'admin'),
          ).map((n) => (
            <button
              key={n.view}
              type="button"
              className="navbtn"
              aria-current={view === n.view ? 'page' : undefined}
              aria-keyshortcuts={n.keys}
              onClick={() => go(n.view)}
            >
              {t(n.label)}
              {n.view === 'callbacks' && dueNow > 0 ? (
                <span className="badge" data-testid="callbacks-badge">
                  {dueNow}
                  <span className="sr-only">{tr.plural('nav.callbacks.badge', dueNow)}</span>
                </span>
              ) : null}{' '}
              <Kbd keys={n.keys} />
            </button>
          ))}
        </nav>
        <span className="topbar__spacer" />
        <SyncIndicator />
        <span className="topbar__user">
          {t('nav.signedInAs', {
            name: user.displayName,
            role: t(`role.${user.role}`),
            tier: user.tier,
          })}
        </span>
        <LanguagePicker onPick={(locale) => void setLanguage(isLocale(locale) ? locale : null)} />
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
          aria-keyshortcuts="Alt+D"
          aria-haspopup="dialog"
          data-testid="display-open"
          onClick={() => setDisplayOpen(true)}
        >
          {t('nav.display')} <Kbd keys="Alt+D" />
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <main className="main">
        {!desk.queues.some((q) => q.active) && view !== 'admin' ? (
          <p className="banner" role="status">
            {t('admin.emptyDesk')}
          </p>
        ) : null}
        {view === 'admin' ? (
          user.role === 'admin' ? (
            <ErrorBoundary name="nav.admin">
              <DeskAdmin />
            </ErrorBoundary>
          ) : (
            <p className="splash" role="alert">
              {t('admin.forbidden')}
            </p>
          )
        ) : null}
        {view === 'intake' ? (
          <ErrorBoundary name="intake.title">
            <IntakeForm />
          </ErrorBoundary>
        ) : null}
        {view === 'board' ? (
          <ErrorBoundary name="board.title">
            <Board />
          </ErrorBoundary>
        ) : null}
        {view === 'callbacks' ? (
          <ErrorBoundary name="callbacks.title">
            <CallbacksView />
          </ErrorBoundary>
        ) : null}
        {view === 'panel' ? (
          <ErrorBoundary name="panel.title">
            <EscalationPanelView />
          </ErrorBoundary>
        ) : null}
        {view === 'reports' ? (
          user.role === 'analyst' ? (
            <p className="splash" role="alert">
              {t('reports.forbidden')}
            </p>
          ) : (
            <ErrorBoundary name="nav.reports">
              <ReportsView />
            </ErrorBoundary>
          )
        ) : null}
        {view === 'settings' ? (
          user.role === 'analyst' ? (
            <p className="splash" role="alert">
              {t('settings.forbidden')}
            </p>
          ) : (
            <ErrorBoundary name="nav.settings">
              <PolicySettings />
            </ErrorBoundary>
          )
        ) : null}
      </main>
      {/* A dialog that failed: its message floats over the view, with Close. */}
      {ticketId ? (
        <ErrorBoundary key={ticketId} name="boundary.ticket" onClose={closeTicket}>
          <TicketView id={ticketId} />
        </ErrorBoundary>
      ) : null}
      {displayOpen ? (
        <ErrorBoundary name="display.title" onClose={closeDisplay}>
          <DisplayDialog onClose={closeDisplay} />
        </ErrorBoundary>
      ) : null}
      {helpOpen ? (
        <ErrorBoundary name="help.title" onClose={closeHelp}>
          <HelpDialog onClose={() => setHelp(false)} />
        </ErrorBoundary>
      ) : null}
      {searchOpen ? (
        <ErrorBoundary name="search.label" onClose={closeSearch}>
          <SearchPalette onClose={() => setSearch(false)} />
        </ErrorBoundary>
      ) : null}
    </div>
  );
}
