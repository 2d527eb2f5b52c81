import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { STATUSES, type Status } from '../../../shared/domain.ts';
import type { ApiError } from '../../../shared/errors.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { DeskInfo, TicketDetail, TicketEvent } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { useBoard } from '../board/boardStore.ts';
import { slaText } from '../board/TicketCardView.tsx';
import { useNow } from '../board/useNow.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { errorText, firstErrorText } from '../ui/errors.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { LevelOptions, UserOptions } from '../ui/Options.tsx';

const when = (tr: Translator, ms: number) =>
  new Intl.DateTimeFormat(tr.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

function eventText(tr: Translator, desk: DeskInfo, e: TicketEvent): string {
  const actor = e.actor.displayName;
  const d = e.data;
  const status = (s: unknown) =>
    STATUSES.includes(s as Status) ? tr.t(`status.${s as Status}`) : String(s);
  switch (e.type) {
    case 'created':
      return d['overrideReason']
        ? tr.t('event.created.override', {
            actor,
            priority: tr.t('priority.short', { n: Number(d['priority']) }),
            from: tr.t('priority.short', { n: Number(d['priorityFromPolicy']) }),
            reason: String(d['overrideReason']),
          })
        : tr.t('event.created', {
            actor,
            priority: tr.t(`priority.${d['priority'] as 1 | 2 | 3 | 4}`),
          });
    case 'status_changed':
      return tr.t('event.status_changed', { actor, from: status(d['from']), to: status(d['to']) });
    case 'note_added':
      return tr.t('event.note_added', { actor, text: String(d['text'] ?? '') });
    case 'priority_changed':
      return tr.t('event.priority_changed', {
        actor,
        from: tr.t('priority.short', { n: Number(d['from']) }),
        to: tr.t('priority.short', { n: Number(d['to']) }),
      });
    case 'priority_overridden':
      return tr.t('event.priority_overridden', {
        actor,
        from: tr.t('priority.short', { n: Number(d['from']) }),
        to: tr.t('priority.short', { n: Number(d['to']) }),
        reason: String(d['reason'] ?? ''),
      });
    case 'sla_at_risk':
    case 'sla_breached': {
      const names = ((d['targets'] as { target: string }[] | undefined) ?? [])
        .map((x) =>
          tr.has(`sla.target.${x.target}`)
            ? tr.t(`sla.target.${x.target}` as 'sla.target.response')
            : x.target,
        )
        .join(', ');
      return tr.t(e.type === 'sla_breached' ? 'event.sla_breached' : 'event.sla_at_risk', {
        targets: names,
      });
    }
    case 'assigned': {
      const u = desk.users.find((x) => x.id === d['to']);
      return u
        ? tr.t('event.assigned', { actor, to: u.displayName })
        : tr.t('event.assigned.none', { actor });
    }
  }
}

/** The ticket with everything done so far, so the next technician needs to ask nobody. */
export function TicketView({ id }: { id: string }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const close = useView((s) => s.openTicket);
  const refreshBoard = useBoard((s) => s.refresh);
  const show = useToasts((s) => s.show);
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  const load = useCallback(async () => {
    const r = await api.invoke('tickets.get', { id });
    if (r.ok) setTicket(r.value);
    else setError(r.error);
  }, [id]);

  useEffect(() => {
    void load();
    return api.on('tickets.changed', (e) => {
      if (e.ids.includes(id)) void load();
    });
  }, [id, load]);

  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    const back = returnFocus.current;
    return () => {
      d.close();
      if (back instanceof HTMLElement) back.focus();
    };
  }, []);

  async function change(kind: 'move' | 'assign', value: string) {
    if (!ticket) return;
    const r =
      kind === 'move'
        ? await api.invoke('tickets.move', { id, to: value as Status, version: ticket.version })
        : await api.invoke('tickets.assign', {
            id,
            assigneeId: value || null,
            version: ticket.version,
          });
    if (!r.ok)
      show(r.error.code === 'CONFLICT' ? r.error.message : errorText(tr, r.error), 'error');
    await load();
    void refreshBoard();
  }

  const now = useNow(15_000);
  const countdown = ticket ? slaText(tr, ticket, now) : null;
  const queue = desk.queues.find((q) => q.id === ticket?.queueId);
  const category = desk.categories.find((c) => c.id === ticket?.categoryId);

  return (
    <dialog
      ref={ref}
      className="dialog dialog--side"
      aria-labelledby="ticket-title"
      onCancel={() => close(null)}
    >
      {error ? <p role="alert">{errorText(tr, error)}</p> : null}
      {ticket ? (
        <>
          <header className="ticket__head">
            <h2 id="ticket-title">
              <span className="ticket__key">{ticket.key}</span> {ticket.title}
            </h2>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => close(null)}>
              {t('ticket.close')} <Kbd keys="Esc" />
            </button>
          </header>
          <div className="grid grid--2">
            <div className="field">
              <label htmlFor="ticket-status">{t('ticket.status')}</label>
              <select
                id="ticket-status"
                value={ticket.status}
                onChange={(e) => void change('move', e.target.value)}
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="ticket-assignee">{t('ticket.assignee')}</label>
              <select
                id="ticket-assignee"
                value={ticket.assigneeId ?? ''}
                onChange={(e) => void change('assign', e.target.value)}
              >
                <option value="">{t('board.unassigned')}</option>
                <UserOptions users={desk.users} />
              </select>
            </div>
          </div>
          <PriorityEditor
            ticket={ticket}
            desk={desk}
            onSaved={() => void load().then(() => refreshBoard())}
          />
          <dl className="facts">
            <dt>{t('intake.priority')}</dt>
            <dd>
              <span className={`prio prio--${ticket.priority}`}>
                {t('priority.short', { n: ticket.priority })}
              </span>{' '}
              {t(`priority.${ticket.priority}`)}
            </dd>
            <dt>{t('ticket.impactUrgency')}</dt>
            <dd>
              {t(`level.${ticket.impact}`)} / {t(`level.${ticket.urgency}`)}
            </dd>
            <dt>{t('ticket.queue')}</dt>
            <dd>{queue?.name}</dd>
            <dt>{t('ticket.category')}</dt>
            <dd>{category?.name}</dd>
            <dt>{t('ticket.tier')}</dt>
            <dd>{ticket.tier}</dd>
            <dt>{t('ticket.customer')}</dt>
            <dd>
              {[ticket.customer.name, ticket.customer.phone, ticket.customer.email]
                .filter(Boolean)
                .join(' · ')}
            </dd>
            {ticket.account ? (
              <>
                <dt>{t('ticket.account')}</dt>
                <dd>{ticket.account.number}</dd>
              </>
            ) : null}
            {ticket.asset ? (
              <>
                <dt>{t('ticket.asset')}</dt>
                <dd>
                  {[
                    ticket.asset.modelNumber,
                    ticket.asset.serial,
                    ticket.asset.location,
                    ticket.asset.licence,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </dd>
              </>
            ) : null}
            <dt>{t('ticket.created')}</dt>
            <dd>
              {when(tr, ticket.createdAt)} · {ticket.createdBy.displayName}
            </dd>
          </dl>
          <h3>{t('sla.clock')}</h3>
          <p>
            <span
              className={`sla-badge sla-badge--${ticket.status === 'resolved' ? 'on_track' : ticket.sla.state}`}
            >
              {t(`sla.state.${ticket.sla.state}`)}
            </span>{' '}
            {countdown ? <strong data-testid="sla-countdown">{countdown}</strong> : null}{' '}
            <span className="muted">
              {t(ticket.sla.clock === '24x7' ? 'sla.explain.24x7' : 'sla.explain.business', {
                label: ticket.sla.priorityLabel,
                version: ticket.sla.policyVersion,
                calendar: ticket.sla.calendar.name,
                zone: ticket.sla.calendar.timeZone,
              })}
            </span>
          </p>
          <dl className="facts" data-testid="sla-dues">
            {ticket.sla.respondedAt !== null ? (
              <>
                <dt>{t('sla.respondedAt')}</dt>
                <dd>{when(tr, ticket.sla.respondedAt)}</dd>
              </>
            ) : (
              <>
                <dt>{t('sla.responseDue')}</dt>
                <dd>
                  {ticket.sla.responseDue !== null
                    ? when(tr, ticket.sla.responseDue)
                    : t('sla.none')}
                </dd>
              </>
            )}
            <dt>{t('sla.updateDue')}</dt>
            <dd>
              {ticket.sla.updateDue !== null ? when(tr, ticket.sla.updateDue) : t('sla.none')}
            </dd>
            <dt>{t('sla.resolutionDue')}</dt>
            <dd>
              {ticket.sla.resolutionDue !== null
                ? when(tr, ticket.sla.resolutionDue)
                : t('sla.none')}
            </dd>
            {ticket.sla.plannedStart !== null ? (
              <>
                <dt>{t('sla.plannedWindow')}</dt>
                <dd>
                  {when(tr, ticket.sla.plannedStart)}
                  {ticket.sla.plannedEnd !== null ? ` – ${when(tr, ticket.sla.plannedEnd)}` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          <h3>{t('sla.timeline')}</h3>
          <ol className="history" data-testid="sla-timeline">
            {ticket.sla.timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={new Date(e.at).toISOString()}>{when(tr, e.at)}</time>
                <span>
                  {t(`sla.kind.${e.kind}`)}
                  {e.reason
                    ? `: ${tr.has(`sla.reason.${e.reason}`) ? t(`sla.reason.${e.reason}` as 'sla.reason.waiting_customer') : e.reason}`
                    : ''}
                </span>
              </li>
            ))}
          </ol>
          <h3>{t('ticket.description')}</h3>
          <p className="ticket__desc">{ticket.description || t('ticket.noDescription')}</p>
          <NoteForm ticketId={ticket.id} ticketKey={ticket.key} onSaved={() => void load()} />
          <h3>{t('ticket.history')}</h3>
          <ol className="history" data-testid="history">
            {ticket.events.map((e) => (
              <li key={e.id}>
                <time dateTime={new Date(e.at).toISOString()}>{when(tr, e.at)}</time>
                <span>{eventText(tr, desk, e)}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </dialog>
  );
}

/** Re-rate a ticket: impact and urgency by its policy version, or an override with a reason. */
function PriorityEditor({
  ticket,
  desk,
  onSaved,
}: {
  ticket: TicketDetail;
  desk: DeskInfo;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [impact, setImpact] = useState(String(ticket.impact));
  const [urgency, setUrgency] = useState(String(ticket.urgency));
  const [priority, setPriority] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function apply() {
    const r = await api.invoke('tickets.setPriority', {
      id: ticket.id,
      version: ticket.version,
      impact: Number(impact) as 1 | 2 | 3,
      urgency: Number(urgency) as 1 | 2 | 3,
      ...(priority ? { priority: Number(priority), reason } : {}),
    });
    if (!r.ok) {
      setError(firstErrorText(tr, r.error));
      return;
    }
    setError(null);
    show(t('ticket.priorityChanged', { key: ticket.key }));
    onSaved();
  }
  return (
    <details className="prio-edit">
      <summary>{t('ticket.changePriority')}</summary>
      <div className="grid grid--4">
        <div className="field">
          <label htmlFor="tp-impact">{t('intake.impact')}</label>
          <select id="tp-impact" value={impact} onChange={(e) => setImpact(e.target.value)}>
            <LevelOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="tp-urgency">{t('intake.urgency')}</label>
          <select id="tp-urgency" value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            <LevelOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="tp-priority">{t('intake.priorityOverride')}</label>
          <select id="tp-priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">{t('intake.priorityFromPolicyEmpty')}</option>
            {desk.policy.body.priorities.map((l, i) => (
              <option key={i} value={i + 1}>
                {t('priority.short', { n: i + 1 })} · {l.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label htmlFor="tp-reason">{t('intake.priorityReason')}</label>
          <input
            id="tp-reason"
            value={reason}
            aria-invalid={!!error}
            aria-describedby={error ? 'tp-error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {error ? (
            <span className="field__error" id="tp-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
      </div>
      <button type="button" className="btn btn--small" onClick={() => void apply()}>
        {t('ticket.applyPriority')}
      </button>
    </details>
  );
}

/** An internal note: Ctrl+Enter or the button adds it to the history. */
function NoteForm({
  ticketId,
  ticketKey,
  onSaved,
}: {
  ticketId: string;
  ticketKey: string;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save() {
    const r = await api.invoke('tickets.addNote', { id: ticketId, text });
    if (!r.ok) {
      setError(firstErrorText(tr, r.error));
      return;
    }
    setError(null);
    setText('');
    show(t('ticket.noteAdded', { key: ticketKey }));
    onSaved();
  }
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor="ticket-note">{t('ticket.note')}</label>
      <textarea
        id="ticket-note"
        rows={2}
        value={text}
        aria-invalid={!!error}
        aria-describedby={error ? 'ticket-note-error' : undefined}
        aria-keyshortcuts="Control+Enter"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.ctrlKey && e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
        }}
      />
      {error ? (
        <span className="field__error" id="ticket-note-error" role="alert">
          {error}
        </span>
      ) : null}
      <button type="button" className="btn btn--small" onClick={() => void save()}>
        {t('ticket.addNote')} <Kbd keys="Ctrl+Enter" />
      </button>
    </div>
  );
}
