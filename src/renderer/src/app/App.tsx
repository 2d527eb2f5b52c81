import { useEffect, type ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { ChangePassword } from '../session/ChangePassword.tsx';
import { Setup } from '../session/Setup.tsx';
import { SignIn } from '../session/SignIn.tsx';
import { useSession } from '../session/sessionStore.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { Toasts } from '../ui/Toasts.tsx';
import { Wallboard } from '../wallboard/Wallboard.tsx';
import { Shell } from './Shell.tsx';
import { useView } from './viewStore.ts';

/** The host's /wallboard address, or Electron's kiosk window (#wallboard): the wall-board only. */
const wallboardAddress = (): boolean =>
  location.pathname === '/wallboard' || location.hash === '#wallboard';

/** A wall-board that failed to render tries again by itself: nobody is at its keyboard. */
const WALLBOARD_RETRY_MS = 30_000;

export function App(): ReactElement {
  const phase = useSession((s) => s.phase);
  const load = useSession((s) => s.load);
  const theme = useView((s) => s.theme);
  const { t } = useT();

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (phase !== 'unreachable') return;
    const timer = setTimeout(() => void load(), 3000);
    return () => clearTimeout(timer);
  }, [phase, load]);

  return (
    <>
      {phase === 'loading' ? <p className="splash">{t('app.loading')}</p> : null}
      {phase === 'unreachable' ? (
        <p className="splash" role="alert">
          {t('app.offlineHost')}
        </p>
      ) : null}
      {phase === 'signedOut' ? <SignIn /> : null}
      {phase === 'setup' ? <Setup /> : null}
      {phase === 'changePassword' ? <ChangePassword /> : null}
      {/* Each view has its own boundary inside the shell; this one keeps the window from going
          blank should the shell itself fail. */}
      {phase === 'ready' && !wallboardAddress() ? (
        <ErrorBoundary name="app.name" whole>
          <Shell />
        </ErrorBoundary>
      ) : null}
      {phase === 'wallboard' || (phase === 'ready' && wallboardAddress()) ? (
        <ErrorBoundary name="boundary.wallboard" whole retryAfterMs={WALLBOARD_RETRY_MS}>
          <Wallboard />
        </ErrorBoundary>
      ) : null}
      <Toasts />
    </>
  );
}
