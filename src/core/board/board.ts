/** The ticket board: columns paged off indexes, counts from the counter table, text via FTS5. */
import type { BoardFilters, ParsedInput } from '../../shared/contract.ts';
import { STATUSES, type Priority, type Status } from '../../shared/domain.ts';
import type {
  BoardColumn,
  BoardView,
  TicketCounts,
  TicketPage,
  TicketSearchResult,
} from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { invalid, issue } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { matchTicketText } from '../store/fts.ts';
import { stmt } from '../store/statements.ts';
import { CARD_COLUMNS, toCard, type CardRow } from '../tickets/write.ts';

// ---- the board ---------------------------------------------------------------------------------

/**
 * Open work is ordered by time to breach (the earliest running due time); resolved work newest
 * first by arrival (rowid). Every filter has an index in exactly that order (migrations 2 and 4), so a
 * page is read straight off an index, and pages are keyset cursors: page N costs what page 1 costs.
 * With a text filter, FTS5 does the filtering (words AND facet tokens) and only its hits are read.
 */
const isOpenColumn = (s: Status): boolean => s !== 'resolved';

type Cursor = [number, number] | [number];

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
  const rows = stmt<CardRow>(db, sql).all(...params);
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
      const n = stmt<{ n: number }>(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT ${TEXT_COUNT_CAP + 1})`,
      ).get(match)!;
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
  const rows = stmt<{ status: Status; n: number }>(
    db,
    `SELECT status, sum(n) AS n FROM ticket_counts${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY status`,
  ).all(...params);
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
  const hits = stmt<CardRow>(
    db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets t JOIN customers c ON c.id = t.customer_id
     WHERE t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)`,
  ).all(match);
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
  const rows = stmt<CardRow>(
    ctx.db,
    `SELECT ${CARD_COLUMNS}, t.rowid AS rid FROM tickets_fts f
     JOIN tickets t ON t.rowid = f.rowid JOIN customers c ON c.id = t.customer_id
     WHERE tickets_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
  ).all(match, input.limit + 1);
  return { items: rows.slice(0, input.limit).map(toCard), more: rows.length > input.limit };
}

/** Counts by status, queue and priority for panels and the wall-board, from the counter table. */
export function ticketCounts(ctx: Ctx): TicketCounts {
  const rows = stmt<{
    status: Status;
    queueId: string;
    priority: Priority;
    assigneeId: string;
    n: number;
  }>(
    ctx.db,
    'SELECT status, queue_id AS queueId, priority, assignee_id AS assigneeId, n FROM ticket_counts WHERE n > 0',
  ).all();
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
