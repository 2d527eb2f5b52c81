/**
 * The write primitives every ticket mutation is built from: one history event, the search row,
 * the card read back, the optimistic version check, a status change with its clock facts.
 */
import type { Status } from '../../shared/domain.ts';
import { encodeHistoryEvent, type HistoryEventArgs } from '../../shared/history-events.ts';
import type { TicketCard } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict, notFound } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { facetTokens, foldForSearch, type Facets } from '../store/fts.ts';
import { nextCounter } from '../kernel/settings.ts';
import { stmt } from '../store/statements.ts';
import { NO_DUE } from '../sla/clocks.ts';
import { domainOfCategory } from '../escalation/tiers.ts';

export function appendEvent(
  ctx: Ctx,
  ticketId: string,
  ...event: HistoryEventArgs
): { id: string; at: number } {
  return appendEventBy(ctx, actor(ctx).id, ticketId, ...event);
}

/**
 * The one event, by a given author: a person, or the desk itself (SYSTEM_USER_ID) for its rules.
 * Only a kind with its own payload's shape typechecks (see shared/history-events.ts).
 */
export function appendEventBy(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId'>,
  by: string,
  ticketId: string,
  ...event: HistoryEventArgs
): { id: string; at: number } {
  const id = ctx.newId();
  const at = ctx.clock.now();
  const { type, data } = encodeHistoryEvent(...event);
  stmt(
    ctx.db,
    'INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, ticketId, type, data, by, at);
  return { id, at };
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
  const t = stmt(
    db,
    `SELECT t.rowid, t.key, t.title, t.description, c.name AS customer, t.status, t.queue_id, t.priority,
            t.assignee_id, coalesce(t.solution, '') AS solution,
            (SELECT coalesce(group_concat(answer, ' '), '') FROM ticket_answers WHERE ticket_id = t.id) AS answers
     FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`,
  ).get(ticketId) as {
    rowid: number;
    key: string;
    title: string;
    description: string;
    customer: string;
    status: Status;
    queue_id: string;
    priority: number;
    assignee_id: string | null;
    solution: string;
    answers: string;
  };
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

export const CARD_COLUMNS = `t.id, t.key, t.title, t.status, t.priority, t.queue_id AS queueId, c.name AS customerName,
  t.assignee_id AS assigneeId, t.created_at AS createdAt, t.version, t.sla_state AS slaState, t.sla_next_due AS due`;

export type CardRow = Omit<TicketCard, 'nextDueAt'> & { rid: number; due: number };

export const toCard = ({ rid: _rid, due, ...card }: CardRow): TicketCard => ({
  ...card,
  nextDueAt: due === NO_DUE ? null : due,
});

export function card(db: Db, id: string): TicketCard | undefined {
  const row = stmt(
    db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`,
  ).get(id) as CardRow | undefined;
  return row && toCard(row);
}

/** Loads the ticket for a change, refusing when someone else changed it since the caller saw it. */
export function forUpdate(db: Db, id: string, version: number): TicketCard {
  const t = card(db, id);
  if (!t) throw notFound('Ticket');
  if (t.version !== version) {
    throw conflict(
      `${t.key} was changed by someone else since you loaded it; it has been refreshed`,
    );
  }
  return t;
}

/**
 * Moves a ticket to a status inside the caller's transaction: version, first response, pauses.
 * It writes no event: each caller appends the one event its mutation leaves.
 */
export function setStatus(ctx: Ctx, t: TicketCard, to: Status): void {
  const now = ctx.clock.now();
  // Leaving "new" is the first response. The customer's update clock follows the communication
  // log, not the status: a status change tells the customer nothing by itself.
  stmt(
    ctx.db,
    `UPDATE tickets SET status = ?, updated_at = ?, updated_by = ?, version = version + 1,
       responded_at = coalesce(responded_at, CASE WHEN ? = 'new' THEN ? END),
       -- a ticket sent back is picked up again by working on it
       escalation_state = nullif(escalation_state, 'returned'),
       escalation_id = CASE WHEN escalation_state = 'returned' THEN NULL ELSE escalation_id END
     WHERE id = ?`,
  ).run(to, now, actor(ctx).id, t.status, now, t.id);
  // Waiting on the customer stops the clocks; leaving it starts them again.
  if (to === 'waiting_customer') {
    stmt(ctx.db, 'INSERT INTO ticket_pauses (ticket_id, started_at, reason) VALUES (?, ?, ?)').run(
      t.id,
      now,
      'waiting_customer',
    );
  } else if (t.status === 'waiting_customer') {
    stmt(
      ctx.db,
      'UPDATE ticket_pauses SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL',
    ).run(now, t.id);
  }
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
 * by the caller however many tickets it writes); the caller writes its event and index row.
 */
export function insertTicket(
  ctx: Ctx,
  prefix: string,
  t: NewTicket,
): { key: string; rowid: number | bigint } {
  const by = actor(ctx).id;
  const key = `${prefix}-${String(nextCounter(ctx.db, 'ticket')).padStart(6, '0')}`;
  const domainId = domainOfCategory(ctx.db, t.categoryId);
  const now = ctx.clock.now();
  const { lastInsertRowid } = stmt(
    ctx.db,
    `INSERT INTO tickets (id, key, call_id, customer_id, account_id, asset_id, category_id, queue_id, title, description,
                          impact, urgency, priority, status, tier, created_at, created_by, updated_at, updated_by,
                          policy_version, planned_start, planned_end, last_update_at, domain_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  );
  // Its first step on the escalation ladder: tier 1 of its category's domain.
  if (domainId)
    stmt(
      ctx.db,
      'INSERT INTO tier_spans (ticket_id, seq, domain_id, tier, from_at) VALUES (?, 1, ?, 1, ?)',
    ).run(t.id, domainId, t.createdAt);
  return { key, rowid: lastInsertRowid };
}
