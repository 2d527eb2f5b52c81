import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import type { Tier } from '../../../shared/domain.ts';
import type { EscalationPanel, PanelItem } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { syncDeskClock } from '../app/deskClock.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useLiveReload } from '../app/useLiveReload.ts';
import { useView } from '../app/viewStore.ts';
import { slaText } from '../ui/timeText.ts';
import { useNow } from '../board/useNow.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { UserOptions } from '../ui/Options.tsx';
import { submitOnCtrlEnter, useFormCall } from '../ui/forms.ts';
import { AcceptForm, EscalateForm, ReturnForm } from './EscalationForms.tsx';
import { mayAnswer, positionText } from './tierText.ts';
import { TierReport } from './TierReport.tsx';
import { ConflictList } from '../conflicts/ConflictList.tsx';

type Action = 'accept' | 'return' | 'escalate' | 'assign';
const ACTION_KEYS: Record<string, Action> = {
  a: 'accept',
  r: 'return',
  e: 'escalate',
  s: 'assign',
};
const PREFIX = 'panel-action';
const NONE: PanelItem[] = [];
const LIVE_EVENTS = [
  'tickets.changed',
  'sla.changed',
  'callbacks.changed',
  'callbacks.due',
] as const;

/**
 * The escalation panel: every open ticket that needs someone now (at risk, breached, escalated
 * and waiting, sent back, a call-back overdue), the nearest breach first, filtered by domain and
 * tier, live. ↑/↓ pick a ticket; A accept, R return, E escalate, S assign, Enter open it.
 */
export function EscalationPanelView(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const user = useSession((s) => s.user)!;
  const openTicket = useView((s) => s.openTicket);
  const ticketId = useView((s) => s.ticketId);
  const now = useNow(15_000);
  const [domainId, setDomainId] = useState('');
  const [tier, setTier] = useState('');
  const [data, setData] = useState<EscalationPanel | null>(null);
  /** The picked ticket, by id: a reload may reorder the list under it. */
  const [activeId, setActiveId] = useState<string | null>(null);
  const [action, setAction] = useState<{ id: string; kind: Action } | null>(null);
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  /** Where the picked ticket was, for its neighbour to take its place once it leaves the list. */
  const lastIndex = useRef(0);

  const load = useCallback(async () => {
    const r = await api.invoke('escalations.panel', {
      ...(domainId ? { domainId } : {}),
      ...(tier ? { tier: Number(tier) as Tier } : {}),
    });
    if (!r.ok) return;
    syncDeskClock(r.value.asOf);
    setData(r.value);
  }, [domainId, tier]);

  // Live: any change to tickets, clocks or call-backs may change the panel.
  useLiveReload(load, LIVE_EVENTS);

  const items = data?.items ?? NONE;
  const found = items.findIndex((item) => item.id === activeId);
  const active = found >= 0 ? found : Math.max(0, Math.min(lastIndex.current, items.length - 1));
  useEffect(() => {
    lastIndex.current = active;
  });

  /** The row at `i` (clamped) takes the focus; with nothing listed, the panel's heading does. */
  const focusRow = useCallback(
    (i: number) => {
      const item = items[Math.max(0, Math.min(items.length - 1, i))];
      if (!item) return heading.current?.focus();
      setActiveId(item.id);
      rows.current.get(item.id)?.focus();
    },
    [items],
  );
  /** An action's form closed: back to its ticket's row, or to its neighbour once it has left. */
  const closeAction = () => {
    const id = action?.id;
    setAction(null);
    requestAnimationFrame(() => {
      const row = id && rows.current.get(id);
      if (!row) return focusRow(lastIndex.current);
      setActiveId(id);
      row.focus();
    });
  };

  // Opened (F7 or its button): the first ticket has the focus, so ↓ and A, R, E, S work at once.
  const opened = useRef(false);
  useEffect(() => {
    if (!data || opened.current) return;
    opened.current = true;
    if (!section.current?.contains(document.activeElement)) focusRow(0);
  }, [data, focusRow]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (matches(e, SHORTCUTS.panel.keys)) focusRow(0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusRow]);
  // The focused row left the list (accepted, live from another desk) or the ticket opened from
  // it was closed after it left: the focus fell to the page. Its neighbour takes it.
  useEffect(() => {
    if (opened.current && document.activeElement === document.body) focusRow(active);
  }, [items, ticketId, active, focusRow]);

  function start(item: PanelItem, kind: Action) {
    const pending = item.escalation?.state === 'pending';
    if (
      (kind === 'accept' || kind === 'return') &&
      !(pending && mayAnswer(desk, user, item.escalation!))
    )
      return;
    if ((kind === 'escalate' || kind === 'assign') && pending) return;
    setAction({ id: item.id, kind });
    const first = { accept: 'assignee', return: 'return', escalate: 'reason', assign: 'assign' }[
      kind
    ];
    requestAnimationFrame(() => document.getElementById(`${PREFIX}-${first}`)?.focus());
  }

  function onRowKey(e: KeyboardEvent<HTMLLIElement>, i: number, item: PanelItem) {
    if (e.target !== e.currentTarget) return;
    const kind =
      !e.ctrlKey && !e.altKey && !e.metaKey ? ACTION_KEYS[e.key.toLowerCase()] : undefined;
    if (e.key === 'ArrowDown') focusRow(i + 1);
    else if (e.key === 'ArrowUp') focusRow(i - 1);
    else if (e.key === 'Enter') openTicket(item.id);
    else if (kind) start(item, kind);
    else return;
    e.preventDefault();
  }

  const c = data?.counts;
  const tiles: [string, number | undefined, string][] = [
    [t('panel.breached'), c?.breached, 'bad'],
    [t('panel.atRisk'), c?.atRisk, 'warn'],
    [t('panel.pending'), c?.pending, 'info'],
    [t('panel.returned'), c?.returned, 'info'],
    [t('panel.callbacks'), c?.callbacksOverdue, 'warn'],
  ];
  const domain = desk.domains.find((d) => d.id === domainId);

  return (
    <section ref={section} className="panel-view" aria-labelledby="panel-h">
      <div className="intake__head">
        <h1 id="panel-h" ref={heading} tabIndex={-1}>
          {t('panel.title')}
        </h1>
        <div className="panel-view__filters">
          <label>
            {t('escalation.domain')}{' '}
            <select
              value={domainId}
              onChange={(e) => {
                setDomainId(e.target.value);
                setTier('');
              }}
            >
              <option value="">{t('board.any')}</option>
              {desk.domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('escalation.tier')}{' '}
            <select value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="">{t('board.any')}</option>
              {(domain?.tiers.map((x) => x.level) ?? [1, 2, 3]).map((l) => (
                <option key={l} value={l}>
                  {t('escalation.tierN', { n: l })}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <ul className="tiles" aria-label={t('panel.summary')}>
        {tiles.map(([label, n, tone]) => (
          <li key={label} className={`tile tile--${n ? tone : 'calm'}`}>
            <span className="tile__n">{n ?? '…'}</span>
            <span className="tile__label">{label}</span>
          </li>
        ))}
      </ul>
      {data && items.length === 0 ? <p className="muted">{t('panel.none')}</p> : null}
      <ul className="callbacks__list" aria-label={t('panel.title')} data-testid="panel">
        {items.map((item, i) => {
          const pending = item.escalation?.state === 'pending';
          const answerable = pending && mayAnswer(desk, user, item.escalation!);
          const due = slaText(tr, item, now);
          return (
            <li
              key={item.id}
              ref={(el) => {
                if (el) rows.current.set(item.id, el);
                else rows.current.delete(item.id);
              }}
              tabIndex={i === active ? 0 : -1}
              className={`callback panel-row panel-row--${item.slaState}`}
              data-testid="panel-item"
              aria-label={`${item.key} ${item.title}`}
              onFocus={(e) => e.target === e.currentTarget && setActiveId(item.id)}
              onKeyDown={(e) => onRowKey(e, i, item)}
            >
              <div className="callback__due">
                <span className={`sla-badge sla-badge--${item.slaState}`}>
                  {t(`sla.state.${item.slaState}`)}
                </span>
                {due ? <strong>{due}</strong> : null}
              </div>
              <div className="callback__ticket">
                <span className={`prio prio--${item.priority}`}>
                  {t('priority.short', { n: item.priority })}
                </span>{' '}
                <strong>{item.key}</strong> <bdi>{item.title}</bdi>
                <div className="muted">
                  {positionText(tr, desk, item)} · <bdi>{item.customerName}</bdi>
                  {item.assigneeId
                    ? ` · ${desk.users.find((u) => u.id === item.assigneeId)?.displayName ?? ''}`
                    : ''}
                </div>
              </div>
              <div className="callback__last">
                {pending ? (
                  <span className="tag tag--warn">
                    {t('panel.flag.pending', {
                      by: item.escalation!.rule
                        ? t('escalation.byDesk')
                        : item.escalation!.by.displayName,
                      reason: item.escalation!.reason,
                    })}
                  </span>
                ) : null}
                {item.escalation?.state === 'returned' ? (
                  <span className="tag">
                    {t('panel.flag.returned', { reason: item.escalation.decision?.reason ?? '' })}
                  </span>
                ) : null}
                {item.callbackOverdue ? (
                  <span className="tag tag--bad">{t('panel.flag.callback')}</span>
                ) : null}
              </div>
              <div className="callback__actions">
                {answerable ? (
                  <>
                    <ActionButton
                      label={t('escalation.accept')}
                      keys="A"
                      onClick={() => start(item, 'accept')}
                    />
                    <ActionButton
                      label={t('escalation.return')}
                      keys="R"
                      onClick={() => start(item, 'return')}
                    />
                  </>
                ) : null}
                {!pending ? (
                  <>
                    <ActionButton
                      label={t('escalation.escalate')}
                      keys="E"
                      onClick={() => start(item, 'escalate')}
                    />
                    <ActionButton
                      label={t('panel.assign')}
                      keys="S"
                      onClick={() => start(item, 'assign')}
                    />
                  </>
                ) : null}
                <ActionButton
                  label={t('callbacks.openTicket')}
                  keys="Enter"
                  onClick={() => openTicket(item.id)}
                />
              </div>
              {action?.id === item.id ? (
                <div className="callback__form">
                  <PanelAction item={item} kind={action.kind} onDone={closeAction} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {user.role !== 'analyst' ? <TierReport /> : null}
      {user.role !== 'analyst' ? <ConflictList /> : null}
    </section>
  );
}

function ActionButton({
  label,
  keys,
  onClick,
}: {
  label: string;
  keys: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className="btn btn--ghost btn--small" tabIndex={-1} onClick={onClick}>
      {label} <Kbd keys={keys} />
    </button>
  );
}

function PanelAction({
  item,
  kind,
  onDone,
}: {
  item: PanelItem;
  kind: Action;
  onDone: () => void;
}) {
  const target = {
    id: item.id,
    key: item.key,
    version: item.version,
    domainId: item.domainId,
    tier: item.tier,
  };
  if (kind === 'accept')
    return <AcceptForm ticket={target} idPrefix={PREFIX} onDone={onDone} onCancel={onDone} />;
  if (kind === 'return')
    return <ReturnForm ticket={target} idPrefix={PREFIX} onDone={onDone} onCancel={onDone} />;
  if (kind === 'escalate')
    return <EscalateForm ticket={target} idPrefix={PREFIX} onDone={onDone} onCancel={onDone} />;
  return <AssignForm item={item} onDone={onDone} />;
}

/** Give the ticket to someone, from the panel. */
function AssignForm({ item, onDone }: { item: PanelItem; onDone: () => void }): ReactElement {
  const desk = useSession((s) => s.desk)!;
  const { t, show, errors, submit } = useFormCall();
  const [assignee, setAssignee] = useState(item.assigneeId ?? '');
  const save = () =>
    void submit(
      api.invoke('tickets.assign', {
        id: item.id,
        version: item.version,
        assigneeId: assignee || null,
      }),
      () => {
        show(t('panel.assigned', { key: item.key }));
        onDone();
      },
    );
  return (
    <div
      className="inline-panel"
      onKeyDown={(e) => {
        // Enter on the person saves at once; Ctrl+Enter and Esc as in every inline form.
        if (e.key === 'Enter' && !e.ctrlKey && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          e.stopPropagation();
          save();
        } else submitOnCtrlEnter(save, onDone)(e);
      }}
    >
      <label htmlFor={`${PREFIX}-assign`}>{t('ticket.assignee')}</label>{' '}
      <select
        id={`${PREFIX}-assign`}
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
      >
        <option value="">{t('board.unassigned')}</option>
        <UserOptions users={desk.users} keep={item.assigneeId} />
      </select>{' '}
      <button type="button" className="btn btn--primary btn--small" onClick={save}>
        {t('panel.assign')} <Kbd keys="Ctrl+Enter" />
      </button>
      {errors[''] ? (
        <span className="field__error" role="alert">
          {errors['']}
        </span>
      ) : null}
    </div>
  );
}
