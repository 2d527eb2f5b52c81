/**
 * The ticket write path: the only module that writes `tickets`, `ticket_events`, `ticket_pauses`
 * and the tickets' search rows (a test reads the sources to hold that). A mutation says what
 * changes and its one history event; `changeTicket` writes the row, the pauses its status
 * implies, the event, then the clocks, the rules and the search row, and queues the push (one
 * per reason for the whole call: see the dispatcher). The derived columns (clocks, the communication facts, the next check) have their own writers: they
 * are recomputed from the facts, never a change of what the ticket is.
 */
import type { EventPayloads } from '../../shared/events.ts';
import type { RootCause, Status, Tier } from '../../shared/domain.ts';
import {
  encodeHistoryEvent,
  type HistoryEventArgs,
  type HistoryEventData,
} from '../../shared/history-events.ts';
import type { SlaState } from '../../shared/sla.ts';
import type { TicketCard } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict, notFound } from '../kernel/failure.ts';
import { idFrom } from '../kernel/ids.ts';
import type { Db } from '../store/database.ts';
import { facetTokens, foldForSearch, type Facets } from '../store/fts.ts';
import { stmt } from '../store/statements.ts';
import { startSpan } from '../escalation/ladder.ts';
import { nextTicketKey } from '../sync/keys.ts';
import { domainOfCategory } from '../escalation/tiers.ts';
import { computeSla, NO_DUE, storedClocks } from '../sla/clocks.ts';
import type { SlaOutcomes } from '../sla/outcomes.ts';
import { reindexAfterChange, settle } from './settle.ts';

/** A ticket's row as stored, typed here once for every reader. */
export interface TicketRow {
  rowid: number;
  id: string;
  key: string;
  call_id: string;
  customer_id: string;
  account_id: string | null;
  asset_id: string | null;
  category_id: string;
  queue_id: string;
  title: string;
  description: string;
  impact: number;
  urgency: number;
  priority: number;
  status: Status;
  tier: Tier;
  assignee_id: string | null;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
  version: number;
  policy_version: number;
  planned_start: number | null;
  planned_end: number | null;
  responded_at: number | null;
  last_update_at: number | null;
  response_due: number | null;
  update_due: number | null;
  resolution_due: number | null;
  sla_state: SlaState;
  sla_check_at: number | null;
  sla_next_due: number;
  solution: string | null;
  root_cause: RootCause | null;
  reproduction_steps: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  reopen_count: number;
  update_agreed_at: number | null;
  reopened_at: number | null;
  no_contact_reason: string | null;
  domain_id: string | null;
  escalation_state: 'pending' | 'returned' | null;
  escalation_id: string | null;
  response_target_at: number | null;
  resolution_target_at: number | null;
  /** NULL until the desk has computed it (tickets from before migration 27). */
  update_misses: number | null;
  first_contact: 0 | 1;
  callbacks_promised: number;
  callbacks_kept: number;
  callback_open_due: number | null;
  created_day: number | null;
  resolved_day: number | null;
}

export function ticketRow(db: Db, id: string): TicketRow | undefined {
  return stmt<TicketRow>(db, 'SELECT rowid, * FROM tickets WHERE id = ?').get(id);
}

/** What the store keeps itself: identity, origin, the version, and the clocks it derives. */
type StoreKept =
  | 'rowid'
  | 'id'
  | 'key'
  | 'call_id'
  | 'customer_id'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | 'updated_by'
  | 'version'
  | 'policy_version'
  | 'response_due'
  | 'update_due'
  | 'resolution_due'
  | 'sla_state'
  | 'sla_check_at'
  | 'sla_next_due';

/** The fields a mutation may set. */
export type TicketPatch = Partial<Omit<TicketRow, StoreKept>>;

type TicketsChangedReason = EventPayloads['tickets.changed']['reason'];

export interface TicketChange {
  /** The ticket's own fields that change (none for a note, an answer, a link). */
  set?: TicketPatch;
  /** Its one event in the history. */
  event: HistoryEventArgs;
  /** What the windows are told changed. */
  reason: TicketsChangedReason;
  /**
   * A note, an answer or a link is not a change of what the ticket is: the version stays, so a
   * colleague's pending edit is not refused because of it.
   */
  versioned?: boolean;
  /**
   * The communication log is the record of a contact: logging one leaves the ticket's row as it
   * is (its last change, its version) and only its history gains the event. Default true.
   */
  touches?: boolean;
  /**
   * What follows the write: `settle` (the clocks, the rules, the search row), `clocks` (the
   * clocks and the rules: nothing searched changed), `index` (the search row only: nothing the
   * clocks read changed), or `none` (the desk's own rules, inside a settle already).
   */
  after?: 'settle' | 'clocks' | 'index' | 'none';
  /** The author: the signed-in person by default; the desk (SYSTEM_USER_ID) for its rules. */
  by?: string;
  /** When the event happened, if not now (a clock threshold crossed between two looks). */
  at?: number;
  /**
   * The event's id, when every workstation that makes this change must give it the same one (a
   * rule's escalation, fired on each workstation that noticed the breach: one event per desk).
   */
  eventId?: string;
}

/** The columns a patch may name: its keys become SQL, so only these pass. */
const PATCHABLE = new Set<string>([
  'account_id',
  'asset_id',
  'category_id',
  'queue_id',
  'title',
  'description',
  'impact',
  'urgency',
  'priority',
  'status',
  'tier',
  'assignee_id',
  'planned_start',
  'planned_end',
  'responded_at',
  'last_update_at',
  'solution',
  'root_cause',
  'reproduction_steps',
  'resolved_at',
  'resolved_by',
  'reopen_count',
  'update_agreed_at',
  'reopened_at',
  'no_contact_reason',
  'domain_id',
  'escalation_state',
  'escalation_id',
] satisfies (keyof TicketPatch)[]);

function column(f: string): string {
  if (!PATCHABLE.has(f)) throw new Error(`tickets.${f} is not a field a change may set`);
  return f;
}

type Writer = Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'> & Partial<Pick<Ctx, 'conn'>>;

/**
 * The one write of a ticket mutation, in the caller's transaction. Returns its event.
 * The author is the signed-in person unless `change.by` names one.
 */
export function changeTicket(
  ctx: Writer,
  id: string,
  change: TicketChange,
): { id: string; at: number } {
  const { db } = ctx;
  const by = change.by ?? actor(ctx as Ctx).id;
  const now = ctx.clock.now();
  const set = Object.entries(change.set ?? {}) as [keyof TicketPatch, unknown][];
  if (set.some(([f]) => f === 'status')) followPauses(db, id, change.set!.status!, now);
  if (set.length || change.touches !== false)
    stmt(
      db,
      `UPDATE tickets SET ${set.map(([f]) => `${column(f)} = ?, `).join('')}updated_at = ?, updated_by = ?${
        change.versioned === false ? '' : ', version = version + 1'
      } WHERE id = ?`,
    ).run(...set.map(([, v]) => v), now, by, id);
  const event = appendEventBy(ctx, by, id, change.event, change.at, change.eventId);
  const after = change.after ?? 'settle';
  if (after === 'settle') reindexAfterChange(ctx, id);
  else if (after === 'clocks') settle(ctx, id);
  else if (after === 'index') indexTicket(db, id);
  ctx.emit('tickets.changed', { ids: [id], reason: change.reason });
  return event;
}

/** Waiting on the customer stops the clocks; leaving it starts them again. */
function followPauses(db: Db, id: string, to: Status, now: number): void {
  const from = stmt<{ status: Status }>(db, 'SELECT status FROM tickets WHERE id = ?').get(
    id,
  )!.status;
  if (from === to) return;
  if (to === 'waiting_customer')
    stmt(db, 'INSERT INTO ticket_pauses (ticket_id, started_at, reason) VALUES (?, ?, ?)').run(
      id,
      now,
      'waiting_customer',
    );
  else if (from === 'waiting_customer')
    stmt(db, 'UPDATE ticket_pauses SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL').run(
      now,
      id,
    );
}

/**
 * A status change as the board and the ticket view make it: leaving "new" is the first response
 * (the customer's update clock follows the communication log, not the status), and a ticket sent
 * back is picked up again by working on it.
 */
export function statusChange(t: TicketRow, to: Status, now: number): TicketPatch {
  return {
    status: to,
    ...(t.responded_at === null && t.status === 'new' ? { responded_at: now } : {}),
    ...pickedUp(t),
  };
}

/** Working on a ticket sent back (moving or assigning it) picks it up: the return is done with. */
export function pickedUp(t: TicketRow): TicketPatch {
  return t.escalation_state === 'returned' ? { escalation_state: null, escalation_id: null } : {};
}

/**
 * The one event, by a given author: a person, or the desk itself (SYSTEM_USER_ID) for its rules.
 * Only a kind with its own payload's shape typechecks (see shared/history-events.ts).
 */
function appendEventBy(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId'>,
  by: string,
  ticketId: string,
  event: HistoryEventArgs,
  at = ctx.clock.now(),
  eventId?: string,
): { id: string; at: number } {
  const id = eventId ?? ctx.newId();
  const { type, data } = encodeHistoryEvent(...event);
  stmt(
    ctx.db,
    'INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, ticketId, type, data, by, at);
  return { id, at };
}

/**
 * An event the desk records without changing the ticket: a clock threshold crossed, a rule that
 * alerted the supervisors. No version, no push of its own (its cause pushes). With `once`, the
 * event's id comes from those parts: every workstation that notices the same fact writes the same
 * event, and it is stored once per desk.
 */
export function recordDeskEvent(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId'>,
  by: string,
  ticketId: string,
  event: HistoryEventArgs,
  at?: number,
  once?: string[],
): void {
  if (!once) {
    appendEventBy(ctx, by, ticketId, event, at);
    return;
  }
  const { type, data } = encodeHistoryEvent(...event);
  stmt(
    ctx.db,
    'INSERT OR IGNORE INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(idFrom(ticketId, ...once), ticketId, type, data, by, at ?? ctx.clock.now());
}

/**
 * A conflict sync found (see sync/merge.ts): the same conflict found on two workstations has one
 * id, so it is written once. Returns false when it was here already.
 */
export function recordConflict(
  db: Db,
  id: string,
  ticketId: string,
  data: HistoryEventData<'conflict'>,
  at: number,
  by: string,
): boolean {
  const e = encodeHistoryEvent('conflict', data);
  return (
    stmt(
      db,
      'INSERT OR IGNORE INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, ticketId, e.type, e.data, by, at).changes === 1
  );
}

/** A note's search row: search everywhere finds a ticket by what a technician wrote on it. */
export function indexNote(db: Db, eventId: string, text: string): void {
  // Like every search row, written as a replacement (see writeTicketIndex).
  stmt(
    db,
    'INSERT OR REPLACE INTO notes_fts (rowid, text) SELECT rowid, ? FROM ticket_events WHERE id = ?',
  ).run(foldForSearch(text), eventId);
}

/** Rewrites the ticket's search row (words and facets) from the tables, in the caller's transaction. */
export function indexTicket(db: Db, ticketId: string): void {
  const t = stmt<
    Pick<
      TicketRow,
      'rowid' | 'key' | 'title' | 'description' | 'status' | 'queue_id' | 'priority' | 'assignee_id'
    > & { customer: string; solution: string; answers: string }
  >(
    db,
    `SELECT t.rowid, t.key, t.title, t.description, c.name AS customer, t.status, t.queue_id, t.priority,
            t.assignee_id, coalesce(t.solution, '') AS solution,
            (SELECT coalesce(group_concat(answer, ' '), '') FROM ticket_answers WHERE ticket_id = t.id) AS answers
     FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`,
  ).get(ticketId)!;
  writeTicketIndex(db, t.rowid, {
    key: t.key,
    title: t.title,
    description: t.description,
    customer: t.customer,
    answers: t.answers,
    solution: t.solution,
    status: t.status,
    queueId: t.queue_id,
    priority: t.priority,
    assigneeId: t.assignee_id,
  });
}

/**
 * Writes the ticket's search row from the fields given (no read-back), replacing the row it has,
 * if any. A ticket may be indexed more than once in one transaction (a new ticket, then again
 * when a rule moves it inside the same save), so this must never be a plain insert: that ended
 * a save in a primary-key conflict. Index a new ticket before settling it, so that a rule's move
 * writes the row last.
 */
export function writeTicketIndex(
  db: Db,
  rowid: number | bigint,
  t: {
    key: string;
    title: string;
    description: string;
    customer: string;
    answers?: string;
    solution?: string;
  } & Facets,
): void {
  stmt(
    db,
    `INSERT OR REPLACE INTO tickets_fts (rowid, key, title, description, customer, answers, solution, facets)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    rowid,
    t.key,
    foldForSearch(t.title),
    foldForSearch(t.description),
    foldForSearch(t.customer),
    foldForSearch(t.answers ?? ''),
    foldForSearch(t.solution ?? ''),
    facetTokens(t),
  );
}

/** The SLA clocks as computed from the facts (see sla/clocks.ts): derived, never a mutation. */
export function writeClocks(
  db: Db,
  id: string,
  c: Pick<
    TicketRow,
    'response_due' | 'update_due' | 'resolution_due' | 'sla_state' | 'sla_check_at' | 'sla_next_due'
  >,
): void {
  stmt(
    db,
    `UPDATE tickets SET response_due = ?, update_due = ?, resolution_due = ?, sla_state = ?, sla_check_at = ?,
       sla_next_due = ? WHERE id = ?`,
  ).run(
    c.response_due,
    c.update_due,
    c.resolution_due,
    c.sla_state,
    c.sla_check_at,
    c.sla_next_due,
    id,
  );
}

/** How the ticket fared against its targets (see sla/outcomes.ts): derived, never a mutation. */
export function writeOutcomes(db: Db, id: string, o: SlaOutcomes): void {
  stmt(
    db,
    `UPDATE tickets SET response_target_at = @response_target_at,
       resolution_target_at = @resolution_target_at, update_misses = @update_misses,
       first_contact = @first_contact, callbacks_promised = @callbacks_promised,
       callbacks_kept = @callbacks_kept, callback_open_due = @callback_open_due,
       created_day = @created_day, resolved_day = @resolved_day WHERE id = @id`,
  ).run({ ...o, id });
}

/**
 * Every ticket's outcomes to be worked out again (the desk fills them in, a batch at a time):
 * after the desk's time zone changed, the days they are summed by have moved.
 */
export function forgetOutcomes(db: Db): void {
  stmt(db, 'UPDATE tickets SET update_misses = NULL WHERE update_misses IS NOT NULL').run();
}

/** What the communication log says of the ticket (see communication/contacts.ts): derived. */
export function writeContactFacts(
  db: Db,
  id: string,
  f: Pick<TicketRow, 'last_update_at' | 'update_agreed_at' | 'responded_at'>,
): void {
  stmt(
    db,
    'UPDATE tickets SET last_update_at = ?, update_agreed_at = ?, responded_at = ? WHERE id = ?',
  ).run(f.last_update_at, f.update_agreed_at, f.responded_at, id);
}

/** Brings the ticket's next check (by the scanner) forward to `at`, if it is later. */
export function checkBy(db: Db, id: string, at: number): void {
  stmt(db, 'UPDATE tickets SET sla_check_at = min(coalesce(sla_check_at, ?), ?) WHERE id = ?').run(
    at,
    at,
    id,
  );
}

/** Every open ticket is checked again at `at` (new opening hours apply to running clocks). */
export function checkOpenTicketsAt(db: Db, at: number): void {
  stmt(
    db,
    "UPDATE tickets SET sla_check_at = ? WHERE status <> 'resolved' AND sla_check_at IS NOT NULL",
  ).run(at);
}

export const CARD_COLUMNS = `t.id, t.key, t.title, t.status, t.priority, t.queue_id AS queueId, c.name AS customerName,
  t.assignee_id AS assigneeId, t.created_at AS createdAt, t.version, t.sla_state AS slaState, t.sla_next_due AS due`;

export type CardRow = Omit<TicketCard, 'nextDueAt'> & { rid: number; due: number };

export const toCard = ({ rid: _rid, due, ...card }: CardRow): TicketCard => ({
  ...card,
  nextDueAt: due === NO_DUE ? null : due,
});

export function card(db: Db, id: string): TicketCard | undefined {
  const row = stmt<CardRow>(
    db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`,
  ).get(id);
  return row && toCard(row);
}

/**
 * Loads the ticket for a change, refusing when someone else changed it since the caller saw it:
 * the card the caller answers with, and the row its rules read.
 */
export function forUpdate(
  db: Db,
  id: string,
  version: number,
): { card: TicketCard; row: TicketRow } {
  const row = ticketRow(db, id);
  if (!row) throw notFound('Ticket');
  if (row.version !== version) {
    throw conflict(
      'stale_ticket',
      `${row.key} was changed by someone else since you loaded it; it has been refreshed`,
      { key: row.key },
    );
  }
  return { card: card(db, id)!, row };
}

export interface NewTicket {
  id: string;
  callId: string;
  customerId: string;
  accountId: string | null;
  assetId: string | null;
  categoryId: string;
  queueId: string;
  title: string;
  description: string;
  impact: number;
  urgency: number;
  priority: number;
  policyVersion: number;
  plannedStart: number | null;
  plannedEnd: number | null;
  /** When the customer reported it: its clocks run from here. */
  createdAt: number;
}

/**
 * Writes a new ticket row with the desk's next key (`prefix` from the desk's settings, read once
 * by the caller however many tickets it writes), its first step on the ladder and its `created`
 * event; the caller indexes and settles it.
 */
export function insertTicket(
  ctx: Ctx,
  prefix: string,
  t: NewTicket,
  created: (key: string) => HistoryEventArgs,
): { key: string; rowid: number | bigint } {
  const by = actor(ctx).id;
  const now = ctx.clock.now();
  const key = nextTicketKey(ctx.db, prefix, now);
  const domainId = domainOfCategory(ctx.db, t.categoryId);
  // Born with its clocks (the state stays on track until the settle that follows records any
  // threshold already crossed): a due time written after the insert would move the ticket's
  // entry in every index that orders open work by it.
  const clocks = storedClocks(
    computeSla(
      ctx.db,
      {
        id: t.id,
        status: 'new',
        priority: t.priority,
        policy_version: t.policyVersion,
        created_at: t.createdAt,
        planned_start: t.plannedStart,
        planned_end: t.plannedEnd,
        responded_at: null,
        last_update_at: t.createdAt,
        update_agreed_at: null,
        reopened_at: null,
        sla_state: 'on_track',
        assignee_id: null,
        created_by: by,
        domain_id: domainId,
        tier: 1,
      },
      now,
    ),
  );
  const { lastInsertRowid } = stmt(
    ctx.db,
    `INSERT INTO tickets (id, key, call_id, customer_id, account_id, asset_id, category_id, queue_id, title, description,
                          impact, urgency, priority, status, tier, created_at, created_by, updated_at, updated_by,
                          policy_version, planned_start, planned_end, last_update_at, domain_id,
                          response_due, update_due, resolution_due, sla_check_at, sla_next_due)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.id,
    key,
    t.callId,
    t.customerId,
    t.accountId,
    t.assetId,
    t.categoryId,
    t.queueId,
    t.title,
    t.description,
    t.impact,
    t.urgency,
    t.priority,
    t.createdAt,
    by,
    now,
    by,
    t.policyVersion,
    t.plannedStart,
    t.plannedEnd,
    t.createdAt,
    domainId,
    clocks.response_due,
    clocks.update_due,
    clocks.resolution_due,
    clocks.sla_check_at,
    clocks.sla_next_due,
  );
  // Its first step on the escalation ladder: tier 1 of its category's domain.
  if (domainId) startSpan(ctx.db, t.id, { domainId, tier: 1, assigneeId: null }, t.createdAt);
  appendEventBy(ctx, by, t.id, created(key));
  return { key, rowid: lastInsertRowid };
}
