import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { thresholdLevel } from '../../../shared/policy-rules.ts';
import type { WallboardView } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { syncDeskClock } from '../app/deskClock.ts';
import { useLiveReload } from '../app/useLiveReload.ts';
import { useNow } from '../board/useNow.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { HourChart } from './HourChart.tsx';
import { BarList } from './BarList.tsx';
import { waitText } from './figures.ts';
import { priorityLabel } from '../ui/priorityLabel.ts';

/** Below this width (CSS pixels) the three lists take turns; a 4K wall shows them side by side. */
const ALL_PANELS_FROM = 2800;
const ROTATE_MS = 12_000;
const LIVE_EVENTS = [
  'tickets.changed',
  'sla.changed',
  'callbacks.changed',
  'callbacks.due',
  'policy.changed',
] as const;

/** A tile's figure: its digits large, the words between them ("h", "min") smaller. */
function Figure({ text }: { text: string }): ReactElement {
  return (
    <>
      {text.split(/(\d[\d.,]*)/).map((part, i) =>
        part === '' ? null : /^\d/.test(part) ? (
          part
        ) : (
          <span key={i} className="wall-tile__unit">
            {part}
          </span>
        ),
      )}
    </>
  );
}

/**
 * The wall-board: the desk at a glance from five metres. Dark, large, never scrolls; every figure
 * comes from the store and is read again when the desk pushes a change (never on a timer, apart
 * from the hour turning). When the host goes away it says so, and carries on when it is back.
 */
export function Wallboard(): ReactElement {
  const tr = useT();
  const { t } = tr;
  // An average in the reader's own decimal separator and digits (0,4 in Greek, 0.4 in English).
  const oneDecimal = (n: number) =>
    n.toLocaleString(tr.formats, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const expired = useSession((s) => s.expired);
  const [view, setView] = useState<WallboardView | null>(null);
  const [online, setOnline] = useState(true);
  const [panel, setPanel] = useState(0);
  const [wide, setWide] = useState(() => window.innerWidth >= ALL_PANELS_FROM);
  const now = useNow(10_000);

  const load = useCallback(async () => {
    const r = await api.invoke('wallboard.get', {});
    if (r.ok) {
      syncDeskClock(r.value.asOf);
      setView(r.value);
      setOnline(true);
    } else if (r.error.code === 'UNAUTHENTICATED') expired();
    else setOnline(false);
  }, [expired]);

  // Dark, whatever the workstation's theme.
  useEffect(() => {
    const root = document.documentElement;
    const before = root.dataset.theme;
    root.dataset.theme = 'dark';
    root.classList.add('wallboard-root');
    return () => {
      root.dataset.theme = before ?? 'light';
      root.classList.remove('wallboard-root');
    };
  }, []);

  // Live by push: any change to tickets, clocks, call-backs or the policy; and the link itself.
  useLiveReload(load, LIVE_EVENTS, 300, (soon) => {
    // The browser knows first when its network goes: say so, and read again when it is back.
    const offline = () => setOnline(false);
    window.addEventListener('offline', offline);
    window.addEventListener('online', soon);
    return [
      api.onLink((up) => {
        setOnline(up);
        if (up) soon();
      }),
      () => {
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', soon);
      },
    ];
  });

  // While the host is away, knock every few seconds; the push channel reconnects by itself too.
  useEffect(() => {
    if (online) return;
    const timer = setInterval(() => void load(), 3000);
    return () => clearInterval(timer);
  }, [online, load]);

  // A new hour starts a new bar in the chart.
  useEffect(() => {
    if (!view) return;
    const next =
      view.dayStart + (Math.floor((view.asOf - view.dayStart) / 3_600_000) + 1) * 3_600_000;
    const timer = setTimeout(() => void load(), Math.max(1000, next - view.asOf + 500));
    return () => clearTimeout(timer);
  }, [view, load]);

  useEffect(() => {
    const onResize = () => setWide(window.innerWidth >= ALL_PANELS_FROM);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    if (wide) return;
    const timer = setInterval(() => setPanel((p) => (p + 1) % 3), ROTATE_MS);
    return () => clearInterval(timer);
  }, [wide]);

  if (!view) return <p className="wallboard wallboard--loading">{t('app.loading')}</p>;
  const th = view.thresholds;
  const waitedMin = view.oldestWaiting
    ? Math.floor((now - view.oldestWaiting.createdAt) / 60_000)
    : 0;
  const tiles: { id: string; label: string; value: string; level: string; sub?: string }[] = [
    {
      id: 'breached',
      label: t('wall.breached'),
      value: String(view.breached),
      level: thresholdLevel(view.breached, th.breached),
    },
    {
      id: 'at-risk',
      label: t('wall.atRisk'),
      value: String(view.atRisk),
      level: thresholdLevel(view.atRisk, th.atRisk),
    },
    {
      id: 'awaiting',
      label: t('wall.awaiting'),
      value: String(view.awaitingAcceptance),
      level: thresholdLevel(view.awaitingAcceptance, th.awaitingAcceptance),
    },
    {
      id: 'callbacks',
      label: t('wall.callbacks'),
      value: String(view.callbacksOverdue),
      level: thresholdLevel(view.callbacksOverdue, th.callbacksOverdue),
    },
    {
      id: 'oldest',
      label: t('wall.oldest'),
      value: view.oldestWaiting ? waitText(tr, waitedMin) : '—',
      level: view.oldestWaiting ? thresholdLevel(waitedMin, th.oldestWaitingMin) : 'calm',
      ...(view.oldestWaiting ? { sub: view.oldestWaiting.key } : {}),
    },
    {
      id: 'calls',
      label: t('wall.calls'),
      value: String(view.callsToday),
      level: 'calm',
      sub: t('wall.average', { n: oneDecimal(view.callsDailyAverage) }),
    },
    {
      id: 'resolved',
      label: t('wall.resolved'),
      value: String(view.resolvedToday),
      level: 'calm',
      sub: t('wall.average', { n: oneDecimal(view.resolvedDailyAverage) }),
    },
  ];
  const panels = [
    <BarList
      key="queues"
      title={t('wall.byQueue')}
      rows={view.openByQueue.map((q) => ({ id: q.queueId, label: q.name, value: q.open }))}
    />,
    <BarList
      key="tiers"
      title={t('wall.byTier')}
      rows={view.openByTier.map((x) => ({
        id: String(x.tier),
        label: t('escalation.tierN', { n: x.tier }),
        value: x.open,
      }))}
    />,
    <BarList
      key="analysts"
      title={t('wall.analysts')}
      rows={view.analysts.map((a) => ({ id: a.id, label: a.name, value: a.open }))}
    />,
  ];

  return (
    <main className="wallboard" aria-labelledby="wall-title" data-testid="wallboard">
      <header className="wallboard__head">
        <h1 id="wall-title">{view.deskName}</h1>
        <span
          className={`wallboard__link wallboard__link--${online ? 'up' : 'down'}`}
          role="status"
        >
          {online ? t('wall.live') : t('wall.reconnecting')}
        </span>
        <time className="wallboard__clock" dateTime={new Date(now).toISOString()}>
          {new Intl.DateTimeFormat(tr.formats, { timeStyle: 'short' }).format(now)}
        </time>
      </header>
      <ul className="wallboard__tiles" aria-label={t('wall.summary')}>
        {tiles.map((x) => (
          <li key={x.id} className={`wall-tile wall-tile--${x.level}`} data-testid={`wall-${x.id}`}>
            <span className="wall-tile__label">{x.label}</span>
            <span className="wall-tile__value" data-testid={`wall-${x.id}-value`}>
              <Figure text={x.value} />
            </span>
            {x.sub ? <span className="wall-tile__sub">{x.sub}</span> : null}
          </li>
        ))}
      </ul>
      <section className="wallboard__priorities" aria-labelledby="wall-prio">
        <h2 id="wall-prio">{t('wall.byPriority')}</h2>
        <ul>
          {view.openByPriority.map((p) => (
            <li
              key={p.priority}
              className={`wall-prio wall-prio--${p.priority}`}
              data-testid={`wall-p${p.priority}`}
            >
              <span className="wall-prio__n" data-testid={`wall-p${p.priority}-value`}>
                {p.open}
              </span>
              <span className="wall-prio__label">
                {t('priority.short', { n: p.priority })} · {priorityLabel(tr, p.priority, p.label)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="wallboard__chart" aria-labelledby="wall-chart">
        <h2 id="wall-chart">{t('wall.hours')}</h2>
        <HourChart hours={view.hours} />
      </section>
      <div className={`wallboard__panels${wide ? ' wallboard__panels--all' : ''}`}>
        {wide ? panels : panels[panel]}
      </div>
    </main>
  );
}
