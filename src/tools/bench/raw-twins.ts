import type { BoardFilters, Input } from '../../shared/contract.ts';
import { STATUSES, type Status } from '../../shared/domain.ts';
import { looksLikePhone } from '../../shared/phone.ts';
import { accountKey, phoneKey } from '../../core/callers/caller-keys.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../core/store/database.ts';
import {
  CUSTOMER_TEXT_COLUMNS,
  matchAll,
  matchTicketText,
  TICKET_TEXT_COLUMNS,
} from '../../core/store/fts.ts';

/**
 * The bench's calibration: for each read operation, the same rows fetched off the same indexes by
 * plain better-sqlite3 statements, prepared once, with no dispatcher, validation, context, result
 * shaping or service code. `service ÷ raw` then says how much the service adds on top of SQLite on
 * whatever machine the bench runs, which an absolute figure cannot.
 *
 * Each twin returns the ids of what it fetched (in the service's order) so that
 * test/unit/bench-queries.test.ts can prove it is the same work: the same rows as its operation.
 * The SQL is written out here on purpose, not imported from the services: a twin that called the
 * service's helpers would measure them too.
 */

/** Card columns as the board, search and panel read them (ticket and its caller's name). */
const CARD = `t.id, t.key, t.title, t.status, t.priority, t.queue_id, c.name AS customer_name,
  t.assignee_id, t.created_at, t.version, t.sla_state, t.sla_next_due, t.rowid AS rid`;

const ids = (rows: unknown[]): string[] => (rows as { id: string }[]).map((r) => r.id);

export interface WallboardFigures {
  byPriority: Record<number, number>;
  openByQueue: Record<string, number>;
  openByTier: Record<number, number>;
  breached: number;
  atRisk: number;
  awaitingAcceptance: number;
  oldestWaiting: string | null;
  callbacksOverdue: number;
  callsToday: number;
  resolvedToday: number;
  createdByHour: Record<number, number>;
  analystsLoad: Record<string, number>;
}

export type RawTwins = ReturnType<typeof rawTwins>;

export function rawTwins(db: Db) {
  const countryCode = db
    .prepare("SELECT value FROM settings WHERE key = 'desk.countryCode'")
    .pluck()
    .get() as string;

  // ---- caller look-up: account prefix, phone prefix (B-trees) or names (FTS5), then accounts --
  const accountPrefix = db.prepare(`SELECT c.id, c.name, c.phone, c.email, c.organisation
    FROM accounts a JOIN customers c ON c.id = a.customer_id
    WHERE a.number_norm >= ? AND a.number_norm < ? ORDER BY a.number_norm LIMIT ?`);
  const phonePrefix = db.prepare(`SELECT id, name, phone, email, organisation FROM customers
    WHERE phone_norm >= ? AND phone_norm < ? ORDER BY phone_norm LIMIT ?`);
  const nameMatch = db.prepare(`SELECT c.id, c.name, c.phone, c.email, c.organisation
    FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
    WHERE customers_fts MATCH ? ORDER BY f.rank LIMIT ?`);
  const accountsOf = db.prepare(
    'SELECT id, number FROM accounts WHERE customer_id = ? ORDER BY number',
  );
  function lookup(query: string, limit: number): string[] {
    const q = query.trim();
    const found: string[] = [];
    const add = (rows: unknown[]) => {
      for (const id of ids(rows)) if (!found.includes(id) && found.length < limit) found.push(id);
    };
    const account = accountKey(q);
    if (/\d/.test(account)) add(accountPrefix.all(account, `${account}\u{10FFFF}`, limit));
    if (looksLikePhone(q)) {
      const key = phoneKey(q, countryCode);
      if (key.replace(/\D/g, '').length >= 3) add(phonePrefix.all(key, `${key}:`, limit));
    } else if (found.length < limit) {
      const match = matchAll(q, CUSTOMER_TEXT_COLUMNS);
      if (match) add(nameMatch.all(match, limit));
    }
    for (const id of found) accountsOf.all(id);
    return found;
  }

  // ---- ticket search: one FTS5 MATCH (words and facets), newest first, stops at the limit -----
  const searchMatch = db.prepare(`SELECT ${CARD} FROM tickets_fts f
    JOIN tickets t ON t.rowid = f.rowid JOIN customers c ON c.id = t.customer_id
    WHERE tickets_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`);
  /** Takes the operation's own input (`limit` as the contract defaults it). */
  function search(s: Input<'tickets.search'>): string[] {
    const limit = s.limit ?? 50;
    const match = matchTicketText(s.text, {
      status: s.status,
      queueId: s.queueId,
      priority: s.priority,
    });
    return match ? ids(searchMatch.all(match, limit + 1)).slice(0, limit) : [];
  }

  // ---- board: counts off the counter table, each column a LIMITed scan of its own index -------
  // Statements whose text depends on the filters given, each prepared once.
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string): Statement<unknown[]> => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.prepare<unknown[]>(sql)));
    return st;
  };
  function board(f: BoardFilters, perColumn: number): Record<Status, string[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const put = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (f.queueId) put('queue_id = ?', f.queueId);
    if (f.priority) put('priority = ?', f.priority);
    if (f.assigneeId) put('assignee_id = ?', f.assigneeId === 'none' ? '' : f.assigneeId);
    prepared(
      `SELECT status, sum(n) AS n FROM ticket_counts${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY status`,
    ).all(...params);
    const out = {} as Record<Status, string[]>;
    for (const status of STATUSES) {
      const resolved = status === 'resolved';
      // The resolved column lets one filter drive its rowid-ordered index (`+col` for the rest).
      const driver = !resolved
        ? null
        : f.queueId
          ? 'q'
          : f.assigneeId
            ? 'a'
            : f.priority
              ? 'p'
              : null;
      const col = (name: string, kind: string) =>
        resolved && driver !== kind ? `+t.${name}` : `t.${name}`;
      let sql = `SELECT ${CARD} FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.status = ?`;
      const p: unknown[] = [status];
      const and = (cond: string, ...value: unknown[]) => {
        sql += ` AND ${cond}`;
        p.push(...value);
      };
      if (f.queueId) and(`${col('queue_id', 'q')} = ?`, f.queueId);
      if (f.priority) and(`${col('priority', 'p')} = ?`, f.priority);
      if (f.assigneeId === 'none') and(`${col('assignee_id', 'a')} IS NULL`);
      else if (f.assigneeId) and(`${col('assignee_id', 'a')} = ?`, f.assigneeId);
      sql += resolved
        ? ' ORDER BY t.rowid DESC LIMIT ?'
        : ' ORDER BY t.sla_next_due, t.rowid LIMIT ?';
      out[status] = ids(prepared(sql).all(...p, perColumn + 1)).slice(0, perColumn);
    }
    return out;
  }

  // ---- board text filter: one MATCH for every open hit, a capped count and a page of resolved --
  const textOpen =
    db.prepare(`SELECT ${CARD} FROM tickets t JOIN customers c ON c.id = t.customer_id
    WHERE t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)
    ORDER BY t.sla_next_due, t.rowid`);
  const textCount = db.prepare(
    'SELECT count(*) AS n FROM (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ? LIMIT 1001)',
  );
  const textResolved = db.prepare(`SELECT ${CARD} FROM tickets_fts f
    JOIN tickets t ON t.rowid = f.rowid JOIN customers c ON c.id = t.customer_id
    WHERE tickets_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`);
  function boardText(text: string, perColumn: number): Record<Status, string[]> {
    const out = Object.fromEntries(STATUSES.map((s) => [s, [] as string[]])) as Record<
      Status,
      string[]
    >;
    const open = STATUSES.filter((s) => s !== 'resolved');
    const match = matchTicketText(text, {}, open);
    if (match === null) return out;
    for (const r of textOpen.all(match) as { id: string; status: Status }[])
      if (out[r.status].length < perColumn) out[r.status].push(r.id);
    const resolved = matchTicketText(text, { status: 'resolved' })!;
    textCount.get(resolved);
    out.resolved = ids(textResolved.all(resolved, perColumn + 1)).slice(0, perColumn);
    return out;
  }

  // ---- panel counts: the counter table, read whole --------------------------------------------
  const countsAll = db.prepare(
    'SELECT status, queue_id, priority, assignee_id, n FROM ticket_counts WHERE n > 0',
  );
  const counts = (): Record<string, number> => {
    const byStatus: Record<string, number> = {};
    for (const r of countsAll.all() as { status: string; n: number }[])
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    return byStatus;
  };

  // ---- search everywhere: the four FTS5 MATCHes (newest 400 of each, best bm25 first) ---------
  const evTickets =
    db.prepare(`SELECT t.id, t.key, t.title, t.description, t.solution, c.name, m.rank
    FROM (SELECT rowid, rank FROM tickets_fts WHERE tickets_fts MATCH ? ORDER BY rowid DESC LIMIT 400) m
    JOIN tickets t ON t.rowid = m.rowid JOIN customers c ON c.id = t.customer_id ORDER BY m.rank LIMIT ?`);
  const evCustomers = db.prepare(`SELECT c.id, c.name, c.organisation, c.phone, c.email, m.rank
    FROM (SELECT rowid, rank FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid DESC LIMIT 400) m
    JOIN customers c ON c.rowid = m.rowid ORDER BY m.rank LIMIT ?`);
  const evAssets =
    db.prepare(`SELECT c.id, c.name, a.model_number, a.serial, a.location, a.licence, m.rank
    FROM (SELECT rowid, rank FROM assets_fts WHERE assets_fts MATCH ? ORDER BY rowid DESC LIMIT 400) m
    JOIN assets a ON a.rowid = m.rowid JOIN customers c ON c.id = a.customer_id ORDER BY m.rank LIMIT ?`);
  const evNotes =
    db.prepare(`SELECT t.id, t.key, t.title, json_extract(e.data, '$.text') AS text, m.rank
    FROM (SELECT rowid, rank FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT 400) m
    JOIN ticket_events e ON e.rowid = m.rowid JOIN tickets t ON t.id = e.ticket_id ORDER BY m.rank LIMIT ?`);
  function everywhere(query: string, limit: number): string[] {
    const hits: { kind: string; id: string; rank: number }[] = [];
    const take = (kind: string, rows: unknown[]) => {
      for (const r of rows as { id: string; rank: number }[])
        hits.push({ kind, id: r.id, rank: r.rank });
    };
    const t = matchAll(query, TICKET_TEXT_COLUMNS);
    if (t) take('ticket', evTickets.all(t, limit));
    const c = matchAll(query, CUSTOMER_TEXT_COLUMNS);
    if (c) take('customer', evCustomers.all(c, limit));
    const a = matchAll(query);
    if (a) {
      take('asset', evAssets.all(a, limit));
      take('note', evNotes.all(a, limit));
    }
    return hits
      .sort((x, y) => x.rank - y.rank)
      .slice(0, limit)
      .map((h) => `${h.kind}:${h.id}`);
  }

  // ---- My call-backs: two ranges on the owner's due-time index, last contacts by id, two counts
  const dueRange = db.prepare(`SELECT cb.ticket_id, cb.due_at, cb.kind, cb.last_contact_id,
      t.key, t.title, t.priority, t.status, c.id AS customer_id, c.name, c.phone, c.email
    FROM callbacks cb JOIN tickets t ON t.id = cb.ticket_id JOIN customers c ON c.id = t.customer_id
    WHERE cb.owner_id = ? AND cb.due_at >= ? AND cb.due_at < ? ORDER BY cb.due_at, t.key LIMIT ?`);
  const contactsById =
    db.prepare(`SELECT c.id, c.ticket_id, t.key, c.direction, c.channel, c.outcome, c.at,
      c.duration_sec, c.summary, c.closing, c.next_at, c.next_reason, c.corrects_id,
      (SELECT x.id FROM contacts x WHERE x.corrects_id = c.id) AS corrected_by, u.id AS by_id,
      u.display_name, c.logged_at
    FROM contacts c JOIN tickets t ON t.id = c.ticket_id JOIN users u ON u.id = c.logged_by
    WHERE c.id IN (SELECT value FROM json_each(?))`);
  const dueBy = db.prepare(
    'SELECT count(*) AS n FROM callbacks WHERE owner_id = ? AND due_at <= ?',
  );
  const dueFrom = db.prepare(
    'SELECT count(*) AS n FROM callbacks WHERE owner_id = ? AND due_at >= ?',
  );
  function callbacksMine(
    owner: string,
    now: number,
    endOfDay: number,
    laterUntil: number,
  ): string[] {
    const list = (from: number, to: number, limit: number) => {
      const rows = dueRange.all(owner, from, to, limit) as {
        ticket_id: string;
        last_contact_id: string | null;
      }[];
      const last = rows.flatMap((r) => (r.last_contact_id ? [r.last_contact_id] : []));
      if (last.length) contactsById.all(JSON.stringify(last));
      return rows.map((r) => r.ticket_id);
    };
    const found = [...list(0, endOfDay, 300), ...list(endOfDay, laterUntil, 200)];
    dueBy.get(owner, now);
    dueFrom.get(owner, endOfDay);
    return found;
  }

  // ---- returning caller: the record, accounts, equipment, open tickets with their last contact --
  const customerById = db.prepare('SELECT rowid, * FROM customers WHERE id = ?');
  const assetsOf = db.prepare(`SELECT id, model_number, serial, location, licence
    FROM assets WHERE customer_id = ? ORDER BY created_at DESC`);
  const openOf =
    db.prepare(`SELECT t.id, t.key, t.title, t.status, t.priority, t.created_at, cb.due_at, cb.kind
    FROM tickets t LEFT JOIN callbacks cb ON cb.ticket_id = t.id
    WHERE t.customer_id = ? AND t.status <> 'resolved' ORDER BY t.created_at DESC LIMIT 20`);
  const latestContact =
    db.prepare(`SELECT c.id, c.ticket_id, t.key, c.direction, c.channel, c.outcome, c.at,
      c.duration_sec, c.summary, c.closing, c.next_at, c.next_reason, c.corrects_id,
      (SELECT x.id FROM contacts x WHERE x.corrects_id = c.id) AS corrected_by, u.id AS by_id,
      u.display_name, c.logged_at
    FROM contacts c JOIN tickets t ON t.id = c.ticket_id JOIN users u ON u.id = c.logged_by
    WHERE c.ticket_id = ? AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.corrects_id = c.id)
    ORDER BY c.at DESC, c.logged_at DESC, c.id DESC LIMIT 1`);
  function returningCaller(id: string): string[] {
    customerById.get(id);
    accountsOf.all(id);
    assetsOf.all(id);
    const open = ids(openOf.all(id));
    for (const t of open) latestContact.get(t);
    return open;
  }

  // ---- escalation panel: the filter shape's due-time index up to the limit, escalations, counts -
  const escalation =
    db.prepare(`SELECT e.*, b.display_name AS by_name, d.id AS dec_id, d.display_name AS dec_name
    FROM tickets t JOIN escalations e ON e.id = t.escalation_id JOIN users b ON b.id = e.by_id
    LEFT JOIN users d ON d.id = e.decided_by WHERE t.id = ? AND t.escalation_state IS NOT NULL`);
  function panel(p: { now: number; domainId?: string; tier?: 1 | 2 | 3; limit: number }): string[] {
    const f = { now: p.now, domain: p.domainId ?? null, tier: p.tier ?? null };
    const where = [
      "t.status <> 'resolved'",
      ...(f.domain !== null ? ['t.domain_id = @domain'] : []),
      ...(f.tier !== null ? ['t.tier = @tier'] : []),
    ].join(' AND ');
    const index =
      f.domain !== null && f.tier !== null
        ? 'tickets_open_domain_due'
        : f.tier !== null
          ? 'tickets_open_tier_due'
          : 'tickets_open_due';
    const rows =
      prepared(`SELECT ${CARD}, t.domain_id, t.tier, t.escalation_state, coalesce(cb.due_at <= @now, 0) AS cb_overdue
      FROM tickets t INDEXED BY ${index} JOIN customers c ON c.id = t.customer_id
      LEFT JOIN callbacks cb ON cb.ticket_id = t.id
      WHERE ${where} AND (t.sla_state <> 'on_track' OR t.escalation_state IS NOT NULL OR cb.due_at <= @now)
      ORDER BY t.sla_next_due, t.id LIMIT @limit`).all({ ...f, limit: p.limit }) as {
        id: string;
        escalation_state: string | null;
      }[];
    for (const r of rows) if (r.escalation_state) escalation.get(r.id);
    prepared(`SELECT sum(t.sla_state = 'at_risk'), sum(t.sla_state = 'breached'),
        sum(t.escalation_state = 'pending'), sum(t.escalation_state = 'returned')
      FROM tickets t INDEXED BY tickets_open_state WHERE ${where}`).get(f);
    prepared(`SELECT count(*) AS n FROM callbacks WHERE due_at <= @now
      ${f.domain !== null ? 'AND domain_id = @domain' : ''} ${f.tier !== null ? 'AND tier = @tier' : ''}`).get(
      f,
    );
    return rows.map((r) => r.id);
  }

  // ---- wall-board: the counter table, the open-work index, the day's time ranges ---------------
  const wb = {
    byPriority: db.prepare(
      "SELECT priority, sum(n) AS n FROM ticket_counts WHERE status <> 'resolved' GROUP BY priority",
    ),
    byQueue: db.prepare(`SELECT q.id, coalesce(sum(c.n), 0) AS open
      FROM queues q LEFT JOIN ticket_counts c ON c.queue_id = q.id AND c.status <> 'resolved'
      GROUP BY q.id HAVING q.active = 1 OR open > 0 ORDER BY open DESC, q.name`),
    tiers: db.prepare(`SELECT tier, count(*) AS open, sum(sla_state = 'breached') AS breached,
        sum(sla_state = 'at_risk') AS at_risk, sum(escalation_state = 'pending') AS pending
      FROM tickets INDEXED BY tickets_open_state WHERE status <> 'resolved' GROUP BY tier ORDER BY tier`),
    load: db.prepare(`SELECT assignee_id AS id, sum(n) AS n FROM ticket_counts
      WHERE status <> 'resolved' AND assignee_id IS NOT NULL GROUP BY assignee_id`),
    oldest: db.prepare(`SELECT key FROM tickets INDEXED BY tickets_unresponded
      WHERE responded_at IS NULL AND status <> 'resolved' ORDER BY created_at LIMIT 1`),
    calls: db.prepare('SELECT count(*) AS n FROM calls WHERE created_at >= ? AND created_at < ?'),
    resolved: db.prepare(
      'SELECT count(*) AS n FROM tickets WHERE resolved_at >= ? AND resolved_at < ?',
    ),
    createdByHour:
      db.prepare(`SELECT CAST((created_at - ?) / 3600000 AS INTEGER) AS hour, count(*) AS n
      FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY hour`),
    resolvedByHour:
      db.prepare(`SELECT CAST((resolved_at - ?) / 3600000 AS INTEGER) AS hour, count(*) AS n
      FROM tickets WHERE resolved_at >= ? AND resolved_at < ? GROUP BY hour`),
    overdue: db.prepare('SELECT count(*) AS n FROM callbacks WHERE due_at <= ?'),
    analysts: db.prepare(
      `SELECT id FROM users WHERE active = 1 AND role = 'analyst' AND username <> 'system'`,
    ),
  };
  /** `dayStart` is the desk's local midnight (the service derives it from the calendar). */
  function wallboard(now: number, dayStart: number): WallboardFigures {
    const window = dayStart - 28 * 86_400_000;
    const n = (s: { get: (...p: unknown[]) => unknown }, ...p: unknown[]) =>
      (s.get(...p) as { n: number }).n;
    const tiers = wb.tiers.all() as {
      tier: number;
      open: number;
      breached: number;
      at_risk: number;
      pending: number;
    }[];
    const load = new Map((wb.load.all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
    const figures: WallboardFigures = {
      byPriority: Object.fromEntries(
        (wb.byPriority.all() as { priority: number; n: number }[]).map((r) => [r.priority, r.n]),
      ),
      openByQueue: Object.fromEntries(
        (wb.byQueue.all() as { id: string; open: number }[]).map((r) => [r.id, r.open]),
      ),
      openByTier: Object.fromEntries(tiers.map((r) => [r.tier, r.open])),
      breached: tiers.reduce((s, r) => s + r.breached, 0),
      atRisk: tiers.reduce((s, r) => s + r.at_risk, 0),
      awaitingAcceptance: tiers.reduce((s, r) => s + r.pending, 0),
      oldestWaiting: (wb.oldest.pluck().get() as string | undefined) ?? null,
      callbacksOverdue: n(wb.overdue, now),
      callsToday: n(wb.calls, dayStart, now + 1),
      resolvedToday: n(wb.resolved, dayStart, now + 1),
      createdByHour: Object.fromEntries(
        (wb.createdByHour.all(dayStart, dayStart, now + 1) as { hour: number; n: number }[]).map(
          (r) => [r.hour, r.n],
        ),
      ),
      analystsLoad: Object.fromEntries(
        (wb.analysts.pluck().all() as string[]).map((id) => [id, load.get(id) ?? 0]),
      ),
    };
    n(wb.calls, window, dayStart);
    n(wb.resolved, window, dayStart);
    wb.resolvedByHour.all(dayStart, dayStart, now + 1);
    return figures;
  }

  return {
    lookup,
    search,
    board,
    boardText,
    counts,
    everywhere,
    callbacksMine,
    returningCaller,
    panel,
    wallboard,
  };
}
