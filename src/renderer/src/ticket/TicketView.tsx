import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { STATUSES, type Status } from '../../../shared/domain.ts';
import type { ApiError } from '../../../shared/errors.ts';
import type { SopQuestion, TicketDetail } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useView } from '../app/viewStore.ts';
import { useBoard } from '../board/boardStore.ts';
import { slaText } from '../ui/timeText.ts';
import { useNow } from '../board/useNow.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { RefusedBanner } from './RefusedBanner.tsx';
import { errorText } from '../ui/errors.ts';
import { Joined } from '../ui/Joined.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { UserOptions } from '../ui/Options.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { EDIT_TITLE_ID } from './FieldsForm.tsx';
import { formErrors, reveal } from '../ui/forms.ts';
import { eventText, eventTicketRef, when } from './history.ts';
import { LINK_TARGET_ID } from './LinksPanel.tsx';
import { NOTE_ID } from './NoteForm.tsx';
import { REOPEN_ID, SOLUTION_ID } from './ResolutionPanel.tsx';
import { questionControlId } from './ScriptForm.tsx';
import { MERGE_INTO_ID, SPLIT_TITLE_ID } from './SplitMerge.tsx';
import { CONTACT_FIRST_ID } from '../contacts/ContactSection.tsx';
import { ESCALATE_ID } from '../escalation/EscalationSection.tsx';
// Each section behind its own error boundary: one that fails leaves the rest of the ticket.
import {
  ContactSection,
  EscalationSection,
  FieldsForm,
  LinksPanel,
  MergeForm,
  NoteForm,
  PriorityEditor,
  ResolutionPanel,
  ScriptForm,
  SlaSection,
  SplitForm,
} from './sections.ts';

/**
 * The ticket workspace: every field, the SOP questions, the resolution, links, split and merge,
 * notes, the clock and the whole history, so the next technician needs to ask nobody.
 */
export function TicketView({ id }: { id: string }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const openTicket = useView((s) => s.openTicket);
  const focusOnOpen = useRef(useView.getState().ticketFocus);
  const refreshBoard = useBoard((s) => s.refresh);
  const show = useToasts((s) => s.show);
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  /** SOP answers typed but not saved yet, by question id. */
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  const load = useCallback(async () => {
    const r = await api.invoke('tickets.get', { id });
    if (r.ok) setTicket(r.value);
    else setError(r.error);
  }, [id]);

  // Opened from the board to resolve or reopen: land in that form once it is there.
  useEffect(() => {
    if (!ticket || !focusOnOpen.current) return;
    const focus = focusOnOpen.current;
    focusOnOpen.current = null;
    if (focus === 'escalation') reveal(ESCALATE_ID);
    else reveal(ticket.status === 'resolved' ? REOPEN_ID : SOLUTION_ID);
  }, [ticket]);
  const reload = useCallback(() => {
    void load();
    void refreshBoard();
  }, [load, refreshBoard]);

  useEffect(() => {
    void load();
    const offTickets = api.on('tickets.changed', (e) => {
      if (e.ids.includes(id)) void load();
    });
    const offScripts = api.on('scripts.changed', () => void load());
    return () => {
      offTickets();
      offScripts();
    };
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

  const answerValue = (q: SopQuestion) =>
    drafts[q.id] ?? ticket?.answers.find((a) => a.questionId === q.id)?.answer ?? '';

  /** Saves drafted answers; true when there was nothing to save or it was saved. */
  async function saveAnswers(): Promise<boolean> {
    if (!ticket) return false;
    const changed = ticket.script.questions
      .filter((q) => drafts[q.id] !== undefined)
      .map((q) => ({ questionId: q.id, answer: drafts[q.id]! }));
    if (changed.length === 0) return true;
    const r = await api.invoke('tickets.answer', { id: ticket.id, answers: changed });
    if (!r.ok) {
      const byPath = formErrors(tr, r.error, 'answers.');
      const byQuestion: Record<string, string> = {};
      changed.forEach((c, i) => {
        const m = byPath[`${i}.answer`] ?? byPath[`${i}.questionId`];
        if (m) byQuestion[c.questionId] = m;
      });
      setAnswerErrors(byQuestion);
      if (byPath['']) show(byPath[''], 'error');
      return false;
    }
    setDrafts({});
    setAnswerErrors({});
    show(t('ticket.script.saved', { key: ticket.key }));
    await load();
    return true;
  }

  /** A refused resolve names the unanswered required questions: mark each, focus the first. */
  function onResolveRefused(e: ApiError) {
    if (!ticket) return;
    const byPath = formErrors(tr, e, 'answers.');
    const marked: Record<string, string> = {};
    for (const q of ticket.script.questions) {
      const m = byPath[q.id];
      if (m) marked[q.id] = m;
    }
    setAnswerErrors(marked);
    const first = ticket.script.questions.find((q) => marked[q.id]);
    if (first) document.getElementById(questionControlId(first))?.focus();
  }

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
    if (!r.ok) show(formErrors(tr, r.error)['to'] ?? errorText(tr, r.error), 'error');
    reload();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (!ticket) return;
    const first = ticket.script.questions[0];
    const targets: [string, string | undefined][] = [
      [SHORTCUTS.ticketEdit.keys, EDIT_TITLE_ID],
      [SHORTCUTS.ticketScript.keys, first && questionControlId(first)],
      [SHORTCUTS.ticketResolve.keys, ticket.status === 'resolved' ? REOPEN_ID : SOLUTION_ID],
      [SHORTCUTS.ticketLink.keys, LINK_TARGET_ID],
      [SHORTCUTS.ticketSplit.keys, SPLIT_TITLE_ID],
      [SHORTCUTS.ticketMerge.keys, MERGE_INTO_ID],
      [SHORTCUTS.ticketNote.keys, NOTE_ID],
      [SHORTCUTS.ticketContact.keys, CONTACT_FIRST_ID],
      [SHORTCUTS.ticketEscalate.keys, ESCALATE_ID],
    ];
    const hit = targets.find(([keys]) => matches(e.nativeEvent, keys));
    if (!hit?.[1]) return;
    e.preventDefault();
    reveal(hit[1]);
  }

  const now = useNow(15_000);
  const countdown = ticket ? slaText(tr, ticket, now) : null;
  const queue = desk.queues.find((q) => q.id === ticket?.queueId);
  const category = desk.categories.find((c) => c.id === ticket?.categoryId);
  const open = ticket && ticket.status !== 'resolved';

  return (
    <dialog
      ref={ref}
      className="dialog dialog--side"
      aria-labelledby="ticket-title"
      onCancel={() => openTicket(null)}
      onKeyDown={onKeyDown}
    >
      {error ? <p role="alert">{errorText(tr, error)}</p> : null}
      {ticket ? (
        <>
          <header className="ticket__head">
            <h2 id="ticket-title">
              <bdi className="ticket__key" dir="ltr">
                {ticket.key}
              </bdi>{' '}
              <bdi dir="auto">{ticket.title}</bdi>
            </h2>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => openTicket(null)}
            >
              {t('ticket.close')} <Kbd keys="Esc" />
            </button>
          </header>
          <RefusedBanner
            ticket={ticket}
            onSeen={() => {
              if (ticket.leftScope) openTicket(null);
              else reload();
              void refreshBoard();
            }}
          />
          {/* Wide screens: the record (fields, links, history, clock) beside the work on it
              (questions, escalations, the customer, the resolution, notes); one column when narrow. */}
          <div className="ticket__body">
            <div className="ticket__record" data-testid="ticket-record">
              <div className="grid grid--2">
                <div className="field">
                  <label htmlFor="ticket-status">{t('ticket.status')}</label>
                  <select
                    id="ticket-status"
                    value={ticket.status}
                    onChange={(e) => void change('move', e.target.value)}
                  >
                    {STATUSES.map((s) => (
                      <option
                        key={s}
                        value={s}
                        // Resolving, reopening and escalating have their own forms, with a reason.
                        disabled={
                          (s === 'resolved') !== (ticket.status === 'resolved') ||
                          (s === 'escalated' && ticket.status !== 'escalated')
                        }
                      >
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
                    <UserOptions users={desk.users} keep={ticket.assigneeId} />
                  </select>
                </div>
              </div>
              <dl className="facts">
                <dt>{t('intake.priority')}</dt>
                <dd>
                  <span className={`prio prio--${ticket.priority}`}>
                    {t('priority.short', { n: ticket.priority })}
                  </span>{' '}
                  {t(`priority.${ticket.priority}`)} · {t(`level.${ticket.impact}`)} /{' '}
                  {t(`level.${ticket.urgency}`)}
                </dd>
                <dt>{t('ticket.queue')}</dt>
                <dd>
                  {queue?.name} · {category?.name} · {t('ticket.tier')} {ticket.tier}
                </dd>
                <dt>{t('ticket.customer')}</dt>
                <dd>
                  <Joined
                    parts={[
                      ticket.customer.name,
                      { phone: ticket.customer.phone },
                      ticket.customer.email,
                      ticket.account?.number,
                    ]}
                  />
                </dd>
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
                  {ticket.reopenCount
                    ? ` · ${tr.plural('ticket.reopens', ticket.reopenCount)}`
                    : ''}
                </dd>
                <dt>{t('sla.clock')}</dt>
                <dd>
                  <span className={`sla-badge sla-badge--${open ? ticket.sla.state : 'on_track'}`}>
                    {t(`sla.state.${ticket.sla.state}`)}
                  </span>{' '}
                  {countdown ? <strong data-testid="sla-countdown">{countdown}</strong> : null}
                </dd>
              </dl>
              <h3>{t('ticket.description')}</h3>
              <p className="ticket__desc" dir="auto">
                {ticket.description || t('ticket.noDescription')}
              </p>
              {open ? (
                <FieldsForm key={ticket.version} ticket={ticket} desk={desk} onSaved={reload} />
              ) : null}
              {open ? <PriorityEditor ticket={ticket} desk={desk} onSaved={reload} /> : null}
              <LinksPanel ticket={ticket} onSaved={reload} />
              {open ? <SplitForm ticket={ticket} desk={desk} onSaved={reload} /> : null}
              {open ? <MergeForm ticket={ticket} onSaved={reload} /> : null}
              <h3>{t('ticket.history')}</h3>
              <ol className="history" data-testid="history">
                {ticket.events.map((e) => {
                  const other = eventTicketRef(e);
                  return (
                    <li key={e.id}>
                      <time dateTime={new Date(e.at).toISOString()}>{when(tr, e.at)}</time>
                      <span>
                        {eventText(tr, desk, e)}
                        {other ? (
                          <>
                            {' '}
                            <button
                              type="button"
                              className="link"
                              onClick={() => openTicket(other.id)}
                            >
                              {t('ticket.open', { key: other.key })}
                            </button>
                          </>
                        ) : null}
                      </span>
                    </li>
                  );
                })}
              </ol>
              <SlaSection ticket={ticket} />
            </div>
            <div className="ticket__work" data-testid="ticket-work">
              <ScriptForm
                ticket={ticket}
                value={answerValue}
                onChange={(q, v) => setDrafts((d) => ({ ...d, [q.id]: v }))}
                errors={answerErrors}
                onSave={() => void saveAnswers()}
              />
              <EscalationSection ticket={ticket} onSaved={reload} />
              <ContactSection ticket={ticket} onSaved={() => void load()} />
              <ResolutionPanel
                ticket={ticket}
                saveAnswers={saveAnswers}
                onRefused={onResolveRefused}
                onDone={reload}
              />
              <NoteForm ticketId={ticket.id} ticketKey={ticket.key} onSaved={() => void load()} />
            </div>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
