import {
  Component,
  Fragment,
  useEffect,
  useRef,
  type ComponentType,
  type ErrorInfo,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { useT } from '../i18n/index.ts';
import { Kbd } from './Kbd.tsx';

interface BoundaryProps {
  /** What the part is called on screen ("Escalation panel"), for the message in its place. */
  name: MessageKey;
  children: ReactNode;
  /** Values that, when they change, let the part render again (the ticket it shows reloaded). */
  resetKeys?: readonly unknown[];
  /** For a dialog: its message floats over the view, and Close (or Esc) closes the dialog. */
  onClose?: () => void;
  /** The whole window (the shell, the wall-board): there is no "rest of the window". */
  whole?: boolean;
  /** Try again by itself this long after failing (a wall-board has nobody at a keyboard). */
  retryAfterMs?: number;
}

interface BoundaryState {
  failed: boolean;
  /** Bumped by Try again: the part is mounted afresh, its own state and effects too. */
  attempt: number;
}

const changed = (a: readonly unknown[] = [], b: readonly unknown[] = []): boolean =>
  a.length !== b.length || a.some((v, i) => !Object.is(v, b[i]));

/**
 * One part of the window (a view, a dialog, a section of the ticket) that throws while it
 * renders is replaced by a message saying so, with Try again; without it React unmounts the
 * whole tree and the window goes blank. The error, with the component stack, goes to the console.
 */
export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, attempt: 0 };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Switchboard: "${this.props.name}" failed to render`, error, info.componentStack);
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    if (this.state.failed && changed(prev.resetKeys, this.props.resetKeys)) this.retry();
  }

  retry = (): void => this.setState((s) => ({ failed: false, attempt: s.attempt + 1 }));

  override render(): ReactNode {
    if (this.state.failed)
      return (
        <PartFailed
          name={this.props.name}
          onRetry={this.retry}
          onClose={this.props.onClose}
          whole={!!this.props.whole}
          retryAfterMs={this.props.retryAfterMs}
        />
      );
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}

function PartFailed({
  name,
  onRetry,
  onClose,
  whole,
  retryAfterMs,
}: {
  name: MessageKey;
  onRetry: () => void;
  onClose: (() => void) | undefined;
  whole: boolean;
  retryAfterMs: number | undefined;
}): ReactElement {
  const { t } = useT();
  const retry = useRef<HTMLButtonElement>(null);
  // A dialog that failed had the focus: its message takes it, and gives it back once closed.
  // Elsewhere the focus was most likely inside what failed, and fell to the page with it.
  const floating = !!onClose;
  useEffect(() => {
    const before = document.activeElement;
    if (floating || before === document.body) retry.current?.focus();
    return () => {
      if (floating && before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [floating]);
  // A dialog's Esc went with the dialog: the message in its place keeps it.
  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => {
    if (retryAfterMs === undefined) return;
    const timer = setTimeout(onRetry, retryAfterMs);
    return () => clearTimeout(timer);
  }, [retryAfterMs, onRetry]);
  return (
    <div
      className={`part-failed${floating ? ' part-failed--floating' : ''}`}
      role="alert"
      data-testid="part-failed"
    >
      <p>
        {t('boundary.failed', { name: t(name) })}
        {whole ? null : ` ${t('boundary.rest')}`}
      </p>
      <div className="actions">
        <button ref={retry} type="button" className="btn btn--small" onClick={onRetry}>
          {t('boundary.retry')}
        </button>
        {onClose ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
            {t('help.close')} <Kbd keys="Esc" />
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * `Part` behind its own boundary, named `name`; `resetKeys` picks the props whose change lets it
 * try again by itself (a section of the ticket, when the ticket reloads).
 */
export function guarded<P extends object>(
  Part: ComponentType<P>,
  name: MessageKey,
  resetKeys?: (props: P) => readonly unknown[],
): (props: P) => ReactElement {
  const Guarded = (props: P): ReactElement => (
    <ErrorBoundary name={name} {...(resetKeys ? { resetKeys: resetKeys(props) } : {})}>
      <Part {...props} />
    </ErrorBoundary>
  );
  Guarded.displayName = `Guarded(${Part.displayName ?? Part.name})`;
  return Guarded;
}
