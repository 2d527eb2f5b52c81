import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawTwins, type RawTwins } from '../../src/tools/bench/raw-twins.ts';
import { buildWorkload, type Workload } from '../../src/tools/bench/workload.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { seedDesk } from '../../src/tools/seed/generate.ts';
import { TEXT_COUNT_CAP } from '../../src/core/board/board.ts';
import { CUSTOMER_TEXT_COLUMNS, matchAll, TICKET_TEXT_COLUMNS } from '../../src/core/store/fts.ts';
import type { Input, MethodName, Output } from '../../src/shared/contract.ts';
import { STATUSES } from '../../src/shared/domain.ts';
import { accountKey, phoneKey } from '../../src/core/callers/caller-keys.ts';

/**
 * The benchmark's queries are fast because of indexes, counters and query shapes chosen for
 * speed. Here the same workload, on a small seed, is checked against the simplest possible
 * reference: every ticket loaded into memory, filtered and sorted in JavaScript.
 */
interface T {
  rid: number;
  id: string;
  key: string;
  status: string;
  priority: number;
  queueId: string;
  assigneeId: string | null;
  createdAt: number;
  due: number;
}

let dir: string;
let desk: Desk;
let conn: Connection;
let wl: Workload;
let all: T[];
let raw: RawTwins;

async function call<M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> {
  const r = await desk.call(conn, m, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-benchq-'));
  await seedDesk({ dataDir: dir, tickets: 6000, seed: 11 });
  desk = await openDesk({ dataDir: dir });
  conn = desk.connect();
  await call('auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
  wl = buildWorkload(desk.db, 40);
  raw = rawTwins(desk.db);
  all = desk.db
    .prepare(
      'SELECT rowid AS rid, id, key, status, priority, queue_id AS queueId, assignee_id AS assigneeId, created_at AS createdAt, sla_next_due AS due FROM tickets',
    )
    .all() as T[];
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows whose words match, by the FTS index alone (no facets, no joins): the reference's raw material. */
const ftsRows = (table: 'tickets_fts' | 'customers_fts', text: string): Set<number> =>
  new Set(
    desk.db
      .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`)
      .pluck()
      .all(
        matchAll(text, table === 'tickets_fts' ? TICKET_TEXT_COLUMNS : CUSTOMER_TEXT_COLUMNS),
      ) as number[],
  );

describe('bench queries return what the reference queries return', () => {
  it('board columns and counts, unfiltered and filtered', async () => {
    expect(wl.boards.length).toBeGreaterThan(20);
    for (const b of wl.boards) {
      const f = b.filters ?? {};
      const got = await call('tickets.board', b);
      for (const col of got.columns) {
        const ref = all
          .filter((t) => t.status === col.status)
          .filter((t) => !f.queueId || t.queueId === f.queueId)
          .filter((t) => !f.priority || t.priority === f.priority)
          .filter(
            (t) =>
              !f.assigneeId ||
              (f.assigneeId === 'none' ? t.assigneeId === null : t.assigneeId === f.assigneeId),
          )
          .sort((x, y) =>
            col.status === 'resolved' ? y.rid - x.rid : x.due - y.due || x.rid - y.rid,
          );
        expect(col.count, `${col.status} ${JSON.stringify(f)}`).toBe(ref.length);
        expect(col.items.map((i) => i.key)).toEqual(
          ref.slice(0, b.perColumn ?? 100).map((t) => t.key),
        );
      }
    }
  });

  it('paging a whole column by cursor gives the reference order, each ticket once', async () => {
    for (const status of ['resolved', 'in_progress'] as const) {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { key: string }[]; next: string | null } = await call('tickets.page', {
          status,
          cursor,
          limit: 500,
        });
        keys.push(...page.items.map((i) => i.key));
        cursor = page.next;
      } while (cursor);
      const ref = all
        .filter((t) => t.status === status)
        .sort((x, y) => (status === 'resolved' ? y.rid - x.rid : x.due - y.due || x.rid - y.rid));
      expect(keys).toEqual(ref.map((t) => t.key));
    }
  });

  it('ticket search: newest first, filters applied, first 50', async () => {
    for (const s of wl.searches) {
      const hits = ftsRows('tickets_fts', s.text);
      const ref = all
        .filter((t) => hits.has(t.rid))
        .filter((t) => !s.status || t.status === s.status)
        .filter((t) => !s.queueId || t.queueId === s.queueId)
        .sort((x, y) => y.rid - x.rid);
      const got = await call('tickets.search', s);
      expect(
        got.items.map((i) => i.key),
        JSON.stringify(s),
      ).toEqual(ref.slice(0, 50).map((t) => t.key));
      expect(got.more).toBe(ref.length > 50);
    }
  });

  it('board text filter: columns and counts match the reference', async () => {
    for (const s of wl.searches.slice(0, 15)) {
      const hits = ftsRows('tickets_fts', s.text);
      const got = await call('tickets.board', { filters: { text: s.text }, perColumn: 50 });
      for (const col of got.columns) {
        const ref = all.filter((t) => hits.has(t.rid) && t.status === col.status);
        const capped = col.status === 'resolved' && ref.length > TEXT_COUNT_CAP;
        expect(col.count).toBe(capped ? TEXT_COUNT_CAP : ref.length);
        expect(col.countCapped).toBe(capped);
        expect(new Set(col.items.map((i) => i.key))).toEqual(
          new Set(
            ref
              .sort((x, y) =>
                col.status === 'resolved' ? y.rid - x.rid : x.due - y.due || x.rid - y.rid,
              )
              .slice(0, 50)
              .map((t) => t.key),
          ),
        );
      }
    }
  });

  it('caller look-up: phone and account prefixes, names through the index', async () => {
    const customers = desk.db
      .prepare(
        'SELECT c.id, c.phone_norm AS phone, group_concat(a.number) AS accounts FROM customers c JOIN accounts a ON a.customer_id = c.id GROUP BY c.id',
      )
      .all() as { id: string; phone: string; accounts: string }[];
    const cc = desk.db
      .prepare("SELECT value FROM settings WHERE key = 'desk.countryCode'")
      .pluck()
      .get() as string;
    for (const l of wl.lookups) {
      const got = (await call('customers.lookup', { query: l.query, limit: 8 })).map((h) => h.id);
      expect(new Set(got).size).toBe(got.length);
      let ref: Set<string>;
      if (l.kind === 'name') {
        const rows = ftsRows('customers_fts', l.query);
        ref = new Set(
          desk.db
            .prepare(`SELECT id FROM customers WHERE rowid IN (${[...rows].join(',') || 'NULL'})`)
            .pluck()
            .all() as string[],
        );
      } else {
        // Numbers meet on their keys: E.164 for phones, letters and digits for accounts.
        const digits = phoneKey(l.query, cc);
        const account = accountKey(l.query);
        ref = new Set(
          customers
            .filter(
              (c) =>
                (l.kind === 'phone' && c.phone.startsWith(digits)) ||
                c.accounts.split(',').some((n) => accountKey(n).startsWith(account)),
            )
            .map((c) => c.id),
        );
      }
      expect(got.length, `${l.kind} ${l.query}`).toBe(Math.min(8, ref.size));
      for (const id of got) expect(ref.has(id), `${l.kind} ${l.query}`).toBe(true);
    }
  });

  it('panel counts equal a recount', async () => {
    const got = await call('tickets.counts', {});
    for (const s of STATUSES)
      expect(got.byStatus[s] ?? 0).toBe(all.filter((t) => t.status === s).length);
    const open = all.filter((t) => t.status !== 'resolved');
    for (const p of [1, 2, 3, 4] as const)
      expect(got.byPriority[p] ?? 0).toBe(open.filter((t) => t.priority === p).length);
    expect(got.unassignedOpen).toBe(open.filter((t) => t.assigneeId === null).length);
  });
});

/**
 * The bench divides each operation's time by its raw twin's (src/tools/bench/raw-twins.ts): plain
 * statements on the same indexes. That ratio means something only if the twin is the same work,
 * so here each twin must fetch exactly the rows its operation returns, in the same order.
 */
describe('each raw twin fetches the same rows as its operation', () => {
  it('caller look-up by phone, account and name', async () => {
    for (const l of wl.lookups) {
      const got = (await call('customers.lookup', { query: l.query, limit: 8 })).map((h) => h.id);
      expect(raw.lookup(l.query, 8), `${l.kind} ${l.query}`).toEqual(got);
    }
  });

  it('ticket search, with and without its filters', async () => {
    for (const s of wl.searches) {
      const got = (await call('tickets.search', s)).items.map((i) => i.id);
      expect(raw.search(s), JSON.stringify(s)).toEqual(got);
    }
  });

  it('board first page and every filter change, column by column', async () => {
    for (const b of wl.boards) {
      const got = await call('tickets.board', b);
      const twin = raw.board(b.filters ?? {}, b.perColumn ?? 50);
      for (const col of got.columns)
        expect(twin[col.status], `${col.status} ${JSON.stringify(b.filters)}`).toEqual(
          col.items.map((i) => i.id),
        );
    }
  });

  it('board text filter, column by column', async () => {
    for (const s of wl.searches.slice(0, 30)) {
      const got = await call('tickets.board', { filters: { text: s.text }, perColumn: 50 });
      const twin = raw.boardText(s.text, 50);
      for (const col of got.columns)
        expect(twin[col.status], `${col.status} ${s.text}`).toEqual(col.items.map((i) => i.id));
    }
  });

  it('panel counts', async () => {
    expect(raw.counts()).toEqual((await call('tickets.counts', {})).byStatus);
  });

  it('search everywhere: tickets, callers, equipment and notes, best first', async () => {
    const queries = wl.searches.filter((s) => !s.queueId && !s.status).map((s) => s.text);
    // Callers' names and equipment words too, so every one of the four indexes answers.
    queries.push(...wl.lookups.filter((l) => l.kind === 'name').map((l) => l.query));
    let kinds = new Set<string>();
    for (const q of queries) {
      const got = await call('search.everywhere', { query: q, limit: 12 });
      kinds = new Set([...kinds, ...got.map((h) => h.kind)]);
      expect(raw.everywhere(q, 12), q).toEqual(got.map((h) => `${h.kind}:${h.id}`));
    }
    expect(kinds.has('ticket') && kinds.has('customer')).toBe(true);
  });

  it("My call-backs, the busiest analyst's", async () => {
    const busiest = desk.db
      .prepare(
        `SELECT u.id, u.username FROM callbacks cb JOIN users u ON u.id = cb.owner_id
         GROUP BY cb.owner_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { id: string; username: string };
    const owner = desk.connect();
    await desk.call(owner, 'auth.signIn', { username: busiest.username, password: DEMO_PASSWORD });
    const r = await desk.call(owner, 'callbacks.mine', {});
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const got = [...r.value.items, ...r.value.later.flatMap((d) => d.items)].map((i) => i.ticketId);
    expect(got.length).toBeGreaterThan(0);
    expect(
      raw.callbacksMine(busiest.id, r.value.asOf, r.value.endOfDay, r.value.laterUntil),
    ).toEqual(got);
  });

  it('returning caller: open tickets of callers with open work', async () => {
    const callers = desk.db
      .prepare(
        "SELECT DISTINCT customer_id FROM tickets WHERE status <> 'resolved' ORDER BY rowid DESC LIMIT 40",
      )
      .pluck()
      .all() as string[];
    for (const id of callers) {
      const got = (await call('customers.get', { id })).openTickets.map((t) => t.id);
      expect(got.length).toBeGreaterThan(0);
      expect(raw.returningCaller(id)).toEqual(got);
    }
  });

  it('escalation panel, every filter shape', async () => {
    const info = await call('desk.info', {});
    const shapes: { domainId?: string; tier?: 1 | 2 }[] = [{}, { tier: 1 }, { tier: 2 }];
    for (const d of info.domains) shapes.push({ domainId: d.id }, { domainId: d.id, tier: 1 });
    for (const shape of shapes) {
      const got = await call('escalations.panel', shape);
      expect(raw.panel({ ...shape, now: got.asOf, limit: 200 }), JSON.stringify(shape)).toEqual(
        got.items.map((i) => i.id),
      );
    }
  });

  it('wall-board: every figure', async () => {
    const got = await call('wallboard.get', {});
    const twin = raw.wallboard(got.asOf, got.dayStart);
    expect(twin).toEqual({
      byPriority: Object.fromEntries(
        got.openByPriority.filter((p) => p.open > 0).map((p) => [p.priority, p.open]),
      ),
      openByQueue: Object.fromEntries(got.openByQueue.map((q) => [q.queueId, q.open])),
      openByTier: Object.fromEntries(got.openByTier.map((t) => [t.tier, t.open])),
      breached: got.breached,
      atRisk: got.atRisk,
      awaitingAcceptance: got.awaitingAcceptance,
      oldestWaiting: got.oldestWaiting?.key ?? null,
      callbacksOverdue: got.callbacksOverdue,
      callsToday: got.callsToday,
      resolvedToday: got.resolvedToday,
      createdByHour: Object.fromEntries(
        got.hours.filter((h) => h.created > 0).map((h) => [h.hour, h.created]),
      ),
      analystsLoad: Object.fromEntries(got.analysts.map((a) => [a.id, a.open])),
    });
    expect(got.openByTier.length).toBeGreaterThan(0);
  });
});
