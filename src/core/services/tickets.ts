import type { BoardFilters, ParsedInput } from '../../shared/contract.ts';
import { STATUSES, type Priority, type Status, type TicketEventType } from '../../shared/domain.ts';
import type {
  BoardColumn,
  BoardView,
  TicketCard,
  TicketCounts,
  TicketDetail,
  TicketEvent,
  TicketPage,
  TicketSearchResult,
  TicketSla,
} from '../../shared/views.ts';
import { actor, type Ctx } from '../context.ts';
import { conflict, invalid, issue, notFound } from '../failure.ts';
import type { Db } from '../store/database.ts';
import { facetTokens, foldForSearch, matchTicketText, type Facets } from '../store/fts.ts';
import { assetsOf } from './customers.ts';
import { policyPriority } from '../../shared/policy.ts';
import { applySla, deskCalendar, NO_DUE, policyVersion } from './sla.ts';
import { stmt } from '../store/statements.ts';

export function appendEvent(
  ctx: Ctx,
  ticketId: string,
  type: TicketEventType,
  data: Record<string, unknown>,
): { id: string; at: number } {
  const id = ctx.newId();
  const at = ctx.clock.now();
  stmt(
    ctx.db,
    'INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, ticketId, type, JSON.stringify(data), actor(ctx).id, at);
  return { id, at };
}

/** Rewrites the ticket's search row (words and facets) from the tables, in the caller's transaction. */
export function indexTicket(db: Db, ticketId: string): void {
  const t = stmt(
    db,
    `SELECT t.rowid, t.key, t.title, t.description, c.name AS customer, t.status, t.queue_id, t.priority, t.assignee_id
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
  };
  stmt(db, 'DELETE FROM tickets_fts WHERE rowid = ?').run(t.rowid);
  insertTicketIndex(db, t.rowid, {
    key: t.key,
    title: t.title,
    description: t.description,
    customer: t.customer,
    status: t.status,
    queueId: t.queue_id,
    priority: t.priority,
    assigneeId: t.assignee_id,
  });
}

/** The search row of a ticket that has none yet (a new ticket): no delete, no read-back. */
export function insertTicketIndex(
  db: Db,
  rowid: number | bigint,
  t: { key: string; title: string; description: string; customer: string } & Facets,
): void {
  stmt(
    db,
    'INSERT INTO tickets_fts (rowid, key, title, description, customer, facets) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    rowid,
    t.key,
    foldForSearch(t.title),
    foldForSearch(t.description),
    foldForSearch(t.customer),
    facetTokens(t),
  );
}

// ---- the board ---------------------------------------------------------------------------------

const CARD_COLUMNS = `t.id, t.key, t.title, t.status, t.priority, t.queue_id AS queueId, c.name AS customerName,
  t.assignee_id AS assigneeId, t.created_at AS createdAt, t.version, t.sla_state AS slaState, t.sla_next_due AS due`;

/**
 * Open work is ordered by time to breach (the earliest running due time); resolved work newest
 * first by arrival (rowid). Every filter has an index in exactly that order (migrations 2 and 4), so a
 * page is read straight off an index, and pages are keyset cursors: page N costs what page 1 costs.
 * With a text filter, FTS5 does the filtering (words AND facet tokens) and only its hits are read.
 */
const isOpenColumn = (s: Status): boolean => s !== 'resolved';

type Cursor = [number, number] | [number];
type CardRow = Omit<TicketCard, 'nextDueAt'> & { rid: number; due: number };

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(raw: string, status: Status): Cursor {
  try {
    const c: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(c) &&
      c.length === (isOpenColumn(status) ? 2 : 1) &&
      c.every((x) => Number.isSafeInteger(x))
    ) {
      return c as Cursor;
    }
  } catch {
    // fall through
  }
  throw invalid([issue('cursor', 'malformed', 'This page cursor is not valid; reload the board')]);
}

const facetsOf = (f: BoardFilters, status?: Status) => ({
  status,
  queueId: f.queueId,
  priority: f.priority,
  assigneeId: f.assigneeId === 'none' ? null : f.assigneeId,
});

/**
 * Plain SQL conditions for the non-text filters. For the resolved column (newest first by rowid)
 * exactly one filter may drive an index, the others are written `+col` so SQLite checks them row
 * by row instead: otherwise it prefers the index with the most equal columns, whose order is by
 * created_at, and sorts the whole match (tens of thousands of rows) for a page of fifty.
 */
function sqlFilters(f: BoardFilters, resolved: boolean): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let driver: 'queue' | 'assignee' | 'priority' | null = null;
  if (resolved)
    driver = f.queueId ? 'queue' : f.assigneeId ? 'assignee' : f.priority ? 'priority' : null;
  const col = (name: string, kind: typeof driver) =>
    resolved && driver !== kind ? `+t.${name}` : `t.${name}`;
  if (f.queueId) {
    where.push(`${col('queue_id', 'queue')} = ?`);
    params.push(f.queueId);
  }
  if (f.priority) {
    where.push(`${col('priority', 'priority')} = ?`);
    params.push(f.priority);
  }
  if (f.assigneeId === 'none') where.push(`${col('assignee_id', 'assignee')} IS NULL`);
  else if (f.assigneeId) {
    where.push(`${col('assignee_id', 'assignee')} = ?`);
    params.push(f.assigneeId);
  }
  return { sql: where.map((w) => ` AND ${w}`).join(''), params };
}

const toCard = ({ rid: _rid, due, ...card }: CardRow): TicketCard => ({
  ...card,
  nextDueAt: due === NO_DUE ? null : due,
});

function page(
  db: Db,
  status: Status,
  f: BoardFilters,
  cursor: string | null,
  limit: number,
): TicketPage {
  const open = isOpenColumn(status);
  const c = cursor ? decodeCursor(cursor, status) : null;
  let sql: string;
  let params: unknown[];
  if (f.text) {
    const match = matchTicketText(f.text, facetsOf(f, status));
    if (match === null) return { items: [], next: null };
    if (open) {
      // An open column's hits are few (the status facet narrows them); read them, then order.
      sql = `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id
        WHERE t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)`;
      params = [match];
    } else {
      // Resolved: FTS5 streams its hits newest first and stops at the limit.
      sql = `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets_fts f
        JOIN tickets t ON t.rowid = f.rowid JOIN customers c ON c.id = t.customer_id
        WHERE tickets_fts MATCH ?`;
      params = [match];
      if (c) {
        sql += ' AND f.rowid < ?';
        params.push(c[0]);
      }
      sql += ' ORDER BY f.rowid DESC LIMIT ?';
      params.push(limit + 1);
    }
  } else {
    const filter = sqlFilters(f, !open);
    sql = `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id
      WHERE t.status = ?${filter.sql}`;
    params = [status, ...filter.params];
    if (!open) {
      if (c) {
        sql += ' AND t.rowid < ?';
        params.push(c[0]);
      }
      sql += ' ORDER BY t.rowid DESC LIMIT ?';
      params.push(limit + 1);
    }
  }
  if (open) {
    if (c) {
      sql += ' AND (t.sla_next_due, t.rowid) > (?, ?)';
      params.push(...c);
    }
    sql += ' ORDER BY t.sla_next_due, t.rowid LIMIT ?';
    params.push(limit + 1);
  }
  const rows = stmt(db, sql).all(...params) as CardRow[];
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  const next = more && last ? encodeCursor(open ? [last.due, last.rid] : [last.rid]) : null;
  return { items: items.map(toCard), next };
}

/** Above this many text matches a column shows "1,000+": counting further would cost a scan. */
export const TEXT_COUNT_CAP = 1_000;

function counts(
  db: Db,
  f: BoardFilters,
  statuses: readonly Status[] = STATUSES,
): Map<Status, { count: number; capped: boolean }> {
  const m = new Map<Status, { count: number; capped: boolean }>();
  if (f.text) {
    for (const s of statuses) {
      const match = matchTicketText(f.text, facetsOf(f, s));
      if (match === null) return m;
      const n = stmt(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT ${TEXT_COUNT_CAP + 1})`,
      ).get(match) as { n: number };
      m.set(s, { count: Math.min(n.n, TEXT_COUNT_CAP), capped: n.n > TEXT_COUNT_CAP });
    }
    return m;
  }
  // Without text, the counter table answers: a few thousand rows at most, never the tickets.
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.queueId) {
    where.push('queue_id = ?');
    params.push(f.queueId);
  }
  if (f.priority) {
    where.push('priority = ?');
    params.push(f.priority);
  }
  if (f.assigneeId) {
    where.push('assignee_id = ?');
    params.push(f.assigneeId === 'none' ? '' : f.assigneeId);
  }
  const rows = stmt(
    db,
    `SELECT status, sum(n) AS n FROM ticket_counts${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY status`,
  ).all(...params) as { status: Status; n: number }[];
  for (const r of rows) m.set(r.status, { count: r.n, capped: false });
  return m;
}

/** Open work: soonest to breach first; tickets with no running clock last, oldest arrival first. */
const byBoardOrder = (a: CardRow, b: CardRow): number => a.due - b.due || a.rid - b.rid;

/**
 * The board under a text filter. Open work is a small part of any desk, so one FTS pass finds
 * every open hit (words AND any open status), and the columns are split, counted and ordered
 * from that set; the resolved column streams newest first with a capped count.
 */
function textBoard(db: Db, f: BoardFilters, perColumn: number): BoardColumn[] | null {
  const open = STATUSES.filter(isOpenColumn);
  const match = matchTicketText(f.text ?? '', facetsOf(f), open);
  if (match === null) return null;
  const hits = stmt(
    db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id
     WHERE t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)`,
  ).all(match) as CardRow[];
  const columns: BoardColumn[] = open.map((status) => {
    const rows = hits.filter((h) => h.status === status).sort(byBoardOrder);
    const items = rows.slice(0, perColumn);
    const last = items.at(-1);
    return {
      status,
      count: rows.length,
      countCapped: false,
      items: items.map(toCard),
      next: rows.length > perColumn && last ? encodeCursor([last.due, last.rid]) : null,
    };
  });
  const resolved = counts(db, f, ['resolved']).get('resolved') ?? { count: 0, capped: false };
  columns.push({
    status: 'resolved',
    count: resolved.count,
    countCapped: resolved.capped,
    ...page(db, 'resolved', f, null, perColumn),
  });
  return columns;
}

export function board(ctx: Ctx, input: ParsedInput<'tickets.board'>): BoardView {
  if (input.filters.text) {
    const columns = textBoard(ctx.db, input.filters, input.perColumn);
    return {
      columns:
        columns ??
        STATUSES.map((status) => ({ status, count: 0, countCapped: false, items: [], next: null })),
    };
  }
  const n = counts(ctx.db, input.filters);
  const columns: BoardColumn[] = STATUSES.map((status) => ({
    status,
    count: n.get(status)?.count ?? 0,
    countCapped: n.get(status)?.capped ?? false,
    ...page(ctx.db, status, input.filters, null, input.perColumn),
  }));
  return { columns };
}

export function ticketPage(ctx: Ctx, input: ParsedInput<'tickets.page'>): TicketPage {
  return page(ctx.db, input.status, input.filters, input.cursor, input.limit);
}

/** Full-text search, newest first: words and filters intersect inside FTS5, which stops at the limit. */
export function searchTickets(ctx: Ctx, input: ParsedInput<'tickets.search'>): TicketSearchResult {
  const match = matchTicketText(input.text, {
    status: input.status,
    queueId: input.queueId,
    priority: input.priority,
  });
  if (match === null) return { items: [], more: false };
  const rows = stmt(
    ctx.db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets_fts f
     JOIN tickets t ON t.rowid = f.rowid JOIN customers c ON c.id = t.customer_id
     WHERE tickets_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
  ).all(match, input.limit + 1) as CardRow[];
  return { items: rows.slice(0, input.limit).map(toCard), more: rows.length > input.limit };
}

/** Counts by status, queue and priority for panels and the wall-board, from the counter table. */
export function ticketCounts(ctx: Ctx): TicketCounts {
  const rows = stmt(
    ctx.db,
    'SELECT status, queue_id AS queueId, priority, assignee_id AS assigneeId, n FROM ticket_counts WHERE n > 0',
  ).all() as {
    status: Status;
    queueId: string;
    priority: Priority;
    assigneeId: string;
    n: number;
  }[];
  const out: TicketCounts = { byStatus: {}, byQueue: {}, byPriority: {}, unassignedOpen: 0 };
  for (const r of rows) {
    out.byStatus[r.status] = (out.byStatus[r.status] ?? 0) + r.n;
    const q = (out.byQueue[r.queueId] ??= {});
    q[r.status] = (q[r.status] ?? 0) + r.n;
    if (r.status !== 'resolved') {
      out.byPriority[r.priority] = (out.byPriority[r.priority] ?? 0) + r.n;
      if (r.assigneeId === '') out.unassignedOpen += r.n;
    }
  }
  return out;
}

// ---- one ticket --------------------------------------------------------------------------------

function card(db: Db, id: string): TicketCard | undefined {
  const row = stmt(
    db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`,
  ).get(id) as CardRow | undefined;
  return row && toCard(row);
}

export function getTicket(ctx: Ctx, input: ParsedInput<'tickets.get'>): TicketDetail {
  const { db } = ctx;
  const base = card(db, input.id);
  if (!base) throw notFound('Ticket');
  const t = stmt(
    db,
    `SELECT t.description, t.impact, t.urgency, t.tier, t.category_id AS categoryId, t.call_id AS callId,
              t.customer_id, t.account_id, t.asset_id, t.updated_at AS updatedAt,
              c.name AS c_name, c.phone AS c_phone, c.email AS c_email,
              u.id AS u_id, u.display_name AS u_name
       FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN users u ON u.id = t.created_by
       WHERE t.id = ?`,
  ).get(input.id) as Record<string, never> & {
    description: string;
    impact: 1 | 2 | 3;
    urgency: 1 | 2 | 3;
    tier: 1 | 2 | 3;
    categoryId: string;
    callId: string;
    customer_id: string;
    account_id: string | null;
    asset_id: string | null;
    updatedAt: number;
    c_name: string;
    c_phone: string;
    c_email: string;
    u_id: string;
    u_name: string;
  };
  const account = t.account_id
    ? (stmt(db, 'SELECT id, number FROM accounts WHERE id = ?').get(t.account_id) as {
        id: string;
        number: string;
      })
    : null;
  const asset = t.asset_id
    ? (assetsOf(db, t.customer_id).find((a) => a.id === t.asset_id) ?? null)
    : null;
  const events = (
    stmt(
      db,
      `SELECT e.id, e.type, e.at, e.data, u.id AS actorId, u.display_name AS actorName
         FROM ticket_events e JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = ? ORDER BY e.at, e.id`,
    ).all(input.id) as {
      id: string;
      type: TicketEvent['type'];
      at: number;
      data: string;
      actorId: string;
      actorName: string;
    }[]
  ).map((e): TicketEvent => ({
    id: e.id,
    type: e.type,
    at: e.at,
    actor: { id: e.actorId, displayName: e.actorName },
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
  return {
    ...base,
    sla: ticketSla(db, input.id, base.status, events),
    description: t.description,
    impact: t.impact,
    urgency: t.urgency,
    tier: t.tier,
    categoryId: t.categoryId,
    callId: t.callId,
    customer: { id: t.customer_id, name: t.c_name, phone: t.c_phone, email: t.c_email },
    account,
    asset,
    createdBy: { id: t.u_id, displayName: t.u_name },
    updatedAt: t.updatedAt,
    events,
  };
}

/** The clock's explanation; crossings and the resolution come from the history already read. */
function ticketSla(db: Db, id: string, status: Status, events: readonly TicketEvent[]): TicketSla {
  const s = stmt(
    db,
    `SELECT sla_state, policy_version, priority, responded_at, response_due, update_due, resolution_due,
            planned_start, planned_end, created_at FROM tickets WHERE id = ?`,
  ).get(id) as {
    sla_state: TicketSla['state'];
    policy_version: number;
    priority: number;
    responded_at: number | null;
    response_due: number | null;
    update_due: number | null;
    resolution_due: number | null;
    planned_start: number | null;
    planned_end: number | null;
    created_at: number;
  };
  const level = policyVersion(db, s.policy_version).priorities[s.priority - 1];
  const cal = deskCalendar(db);
  const timeline: TicketSla['timeline'] = [{ at: s.created_at, kind: 'started' }];
  if (s.responded_at !== null) timeline.push({ at: s.responded_at, kind: 'responded' });
  const pauses = stmt(
    db,
    'SELECT started_at, ended_at, reason FROM ticket_pauses WHERE ticket_id = ?',
  ).all(id) as {
    started_at: number;
    ended_at: number | null;
    reason: string;
  }[];
  for (const p of pauses) {
    timeline.push({ at: p.started_at, kind: 'paused', reason: p.reason });
    if (p.ended_at !== null) timeline.push({ at: p.ended_at, kind: 'resumed' });
  }
  let resolvedAt: number | null = null;
  for (const e of events) {
    if (e.type === 'sla_at_risk') timeline.push({ at: e.at, kind: 'at_risk' });
    if (e.type === 'sla_breached') timeline.push({ at: e.at, kind: 'breached' });
    if (e.type === 'status_changed' && e.data['to'] === 'resolved')
      resolvedAt = Math.max(resolvedAt ?? e.at, e.at);
  }
  if (status === 'resolved' && resolvedAt !== null)
    timeline.push({ at: resolvedAt, kind: 'resolved' });
  timeline.sort((a, b) => a.at - b.at);
  return {
    state: s.sla_state,
    policyVersion: s.policy_version,
    priorityLabel: level?.label ?? '',
    clock: level?.clock ?? 'business',
    calendar: { name: cal.name, timeZone: cal.timeZone },
    respondedAt: s.responded_at,
    responseDue: s.response_due,
    updateDue: s.update_due,
    resolutionDue: s.resolution_due,
    plannedStart: s.planned_start,
    plannedEnd: s.planned_end,
    timeline,
  };
}

/** Loads the ticket for a change, refusing when someone else changed it since the caller saw it. */
function forUpdate(db: Db, id: string, version: number): TicketCard {
  const t = card(db, id);
  if (!t) throw notFound('Ticket');
  if (t.version !== version) {
    throw conflict(
      `${t.key} was changed by someone else since you loaded it; it has been refreshed`,
    );
  }
  return t;
}

export function moveTicket(ctx: Ctx, input: ParsedInput<'tickets.move'>): TicketCard {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const t = forUpdate(ctx.db, input.id, input.version);
    if (t.status === input.to) return t;
    const now = ctx.clock.now();
    // Leaving "new" is the first response; a status change is news for the customer's update clock.
    stmt(
      ctx.db,
      `UPDATE tickets SET status = ?, updated_at = ?, updated_by = ?, version = version + 1,
         responded_at = coalesce(responded_at, CASE WHEN ? = 'new' THEN ? END), last_update_at = ?
       WHERE id = ?`,
    ).run(input.to, now, by, t.status, now, now, t.id);
    // Waiting on the customer stops the clocks; leaving it starts them again.
    if (input.to === 'waiting_customer') {
      stmt(
        ctx.db,
        'INSERT INTO ticket_pauses (ticket_id, started_at, reason) VALUES (?, ?, ?)',
      ).run(t.id, now, 'waiting_customer');
    } else if (t.status === 'waiting_customer') {
      stmt(
        ctx.db,
        'UPDATE ticket_pauses SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL',
      ).run(now, t.id);
    }
    appendEvent(ctx, t.id, 'status_changed', { from: t.status, to: input.to });
    applySla(ctx, t.id);
    indexTicket(ctx.db, t.id);
    ctx.emit('tickets.changed', { ids: [t.id], reason: 'moved' });
    return card(ctx.db, t.id)!;
  })();
}

/**
 * Re-rates a ticket: impact and urgency by the policy version it was opened under (a later policy
 * never rewrites it); an override needs a reason. Its clocks are recomputed at once.
 */
export function setPriority(ctx: Ctx, input: ParsedInput<'tickets.setPriority'>): TicketCard {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const t = forUpdate(ctx.db, input.id, input.version);
    const row = stmt(
      ctx.db,
      'SELECT impact, urgency, policy_version FROM tickets WHERE id = ?',
    ).get(t.id) as {
      impact: number;
      urgency: number;
      policy_version: number;
    };
    const policy = policyVersion(ctx.db, row.policy_version);
    const fromPolicy = policyPriority(policy, input.impact, input.urgency);
    const priority = input.priority ?? fromPolicy;
    if (priority > policy.priorities.length)
      throw invalid([issue('priority', 'unknown', 'The policy has no such priority')]);
    if (priority !== fromPolicy && !input.reason) {
      throw invalid([issue('reason', 'required', 'Say why this differs from the policy')]);
    }
    if (priority === t.priority && input.impact === row.impact && input.urgency === row.urgency)
      return t;
    stmt(
      ctx.db,
      `UPDATE tickets SET impact = ?, urgency = ?, priority = ?, updated_at = ?, updated_by = ?, version = version + 1
       WHERE id = ?`,
    ).run(input.impact, input.urgency, priority, ctx.clock.now(), by, t.id);
    appendEvent(ctx, t.id, priority !== fromPolicy ? 'priority_overridden' : 'priority_changed', {
      from: t.priority,
      to: priority,
      impact: input.impact,
      urgency: input.urgency,
      ...(input.reason ? { reason: input.reason } : {}),
    });
    applySla(ctx, t.id);
    indexTicket(ctx.db, t.id);
    ctx.emit('tickets.changed', { ids: [t.id], reason: 'moved' });
    return card(ctx.db, t.id)!;
  })();
}

/**
 * An internal note for the next technician: an event in the history, by its author. It leaves the
 * ticket's version alone, so a colleague's pending move is not refused because of a note.
 */
export function addNote(ctx: Ctx, input: ParsedInput<'tickets.addNote'>): TicketEvent {
  const user = actor(ctx);
  return ctx.db.transaction(() => {
    if (!card(ctx.db, input.id)) throw notFound('Ticket');
    const { id, at } = appendEvent(ctx, input.id, 'note_added', { text: input.text });
    stmt(ctx.db, 'UPDATE tickets SET updated_at = ?, updated_by = ? WHERE id = ?').run(
      at,
      user.id,
      input.id,
    );
    ctx.emit('tickets.changed', { ids: [input.id], reason: 'noted' });
    return {
      id,
      type: 'note_added' as const,
      at,
      actor: { id: user.id, displayName: user.displayName },
      data: { text: input.text },
    };
  })();
}

export function assignTicket(ctx: Ctx, input: ParsedInput<'tickets.assign'>): TicketCard {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const t = forUpdate(ctx.db, input.id, input.version);
    if (t.assigneeId === input.assigneeId) return t;
    if (
      input.assigneeId &&
      !stmt(ctx.db, 'SELECT 1 FROM users WHERE id = ? AND active = 1').get(input.assigneeId)
    ) {
      throw invalid([issue('assigneeId', 'unknown', 'No such user')]);
    }
    stmt(
      ctx.db,
      'UPDATE tickets SET assignee_id = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?',
    ).run(input.assigneeId, ctx.clock.now(), by, t.id);
    appendEvent(ctx, t.id, 'assigned', { from: t.assigneeId, to: input.assigneeId });
    indexTicket(ctx.db, t.id);
    ctx.emit('tickets.changed', { ids: [t.id], reason: 'assigned' });
    return card(ctx.db, t.id)!;
  })();
}
