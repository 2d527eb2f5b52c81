/**
 * `npm run bench -- [--tickets 100000 --tickets 1000000 | --sizes 100000,1000000] [--data DIR]
 * [--runs N] [--passes N]`: speed on big desks, in one run, in figures that hold across machines.
 *
 * Every read operation is timed next to its raw twin (src/tools/bench/raw-twins.ts: the same rows
 * off the same indexes with plain better-sqlite3 statements), sample by sample, so both see the
 * same machine at the same moment; the verdict is `service ÷ raw` at p95 (≤ 2). With two sizes or
 * more, each interactive row's `p95 at the largest ÷ p95 at the smallest` is its growth (≤ 1.5).
 * The table is run `--passes` times on each desk and resident memory read after each pass: it
 * must stay flat (≤ 10 % growth from the second pass to the last: the first fills SQLite's page
 * cache and V8's heap, which a leak would not stop doing; its figure is printed too). Absolute figures and their old targets are kept
 * for reference. Seeds a desk first if its folder has none. Writes JSON to bench-results/.
 * Timing lives here, never in tests.
 *
 * Then the UI in Debian's Chromium (scripts/bench-ui.ts): the board's first paint in English and
 * in Arabic, and a language switch beside re-renders that keep the language, on a demo desk and
 * on the largest seeded desk on disk. `--ui-only` runs that part alone, `--no-ui` skips it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rawTwins } from '../src/tools/bench/raw-twins.ts';
import { benchSync } from '../src/tools/bench/sync-bench.ts';
import { benchExport, benchImport } from '../src/tools/bench/data-bench.ts';
import { benchReports } from '../src/tools/bench/report-bench.ts';
import { buildWorkload } from '../src/tools/bench/workload.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-desk.ts';
import { DESK_FILE, openDesk } from '../src/core/kernel/desk.ts';
import { idGenerator } from '../src/core/kernel/ids.ts';
import { systemClock } from '../src/core/kernel/clock.ts';
import { SEED_NOW, seedDesk } from '../src/tools/seed/generate.ts';
import { facetTokens, foldForSearch } from '../src/core/store/fts.ts';
import type { Input, MethodName, Output } from '../src/shared/contract.ts';
import { priorityFor } from '../src/shared/domain.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', multiple: true },
    sizes: { type: 'string' },
    data: { type: 'string' },
    runs: { type: 'string', default: '300' },
    passes: { type: 'string', default: '3' },
    sync: { type: 'boolean', default: true },
    /** Only the sync table (the size tables take minutes on a big desk). */
    'sync-only': { type: 'boolean', default: false },
    'sync-tickets': { type: 'string', default: '100000' },
    /** The sync table up to the first sync only (what its target is about), then stop. */
    'sync-first': { type: 'boolean', default: false },
    ui: { type: 'boolean', default: true },
    /** Only the UI table (scripts/bench-ui.ts, in Chromium). */
    'ui-only': { type: 'boolean', default: false },
    /** The data table: import (and export) of a desk's data (--no-io skips it). */
    io: { type: 'boolean', default: true },
    'io-only': { type: 'boolean', default: false },
    'import-rows': { type: 'string', default: '100000' },
    /** The seeded desk the export rows read a year of (two years of history). */
    'export-tickets': { type: 'string', default: '200000' },
    /** The seeded desk the reports are timed on. */
    'report-tickets': { type: 'string', default: '1000000' },
  },
  allowNegative: true,
});
const sizes = (values.sizes?.split(',') ?? values.tickets ?? ['1000000'])
  .map((x) => Number(x.replace(/_/g, '')))
  .sort((a, b) => a - b);
if (sizes.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new Error('sizes: whole numbers');
if (values.data && sizes.length > 1) throw new Error('--data names one desk: give one size');
const runs = Number(values.runs);
const passes = Math.max(1, Number(values.passes));

/** Service ÷ raw at p95, for every row with a raw twin. */
const RATIO_TARGET = 2;
/** p95 at the largest size ÷ p95 at the smallest, for every interactive row. */
const GROWTH_TARGET = 1.5;
/** Resident memory after the last pass ÷ after the first, minus one. */
const MEMORY_GROWTH_TARGET = 0.1;

interface Row {
  op: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  /** The raw twin's figures, sampled next to the service's. */
  raw?: { p50: number; p95: number; max: number };
  /** service p95 ÷ raw p95: the verdict when there is a twin. */
  ratio?: number;
  /** service p50 ÷ raw p50: steadier on a loaded machine, shown beside the verdict. */
  ratioP50?: number;
  ok?: boolean;
  /** Counts in the growth table (what an analyst waits on). */
  interactive: boolean;
  /** The absolute target this row had before the ratios (machine-bound; for reference). */
  absTargetMs?: number;
  note?: string;
}

interface SizeResult {
  tickets: number;
  dataDir: string;
  rows: Row[];
  rssMBAfterPass: number[];
  /** After the last pass ÷ after the first, minus one: warm-up included. */
  memoryGrowth: number;
  /** After the last pass ÷ after the second (caches warm), minus one: the verdict. */
  memoryGrowthWarm: number | null;
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: q(s, 0.5), p95: q(s, 0.95), max: s.at(-1)! };
};

/** Samples gathered across passes, per row, in the order rows are first met. */
class Samples {
  private readonly byOp = new Map<
    string,
    { service: number[]; raw: number[]; interactive: boolean; absTargetMs?: number; note?: string }
  >();
  add(
    op: string,
    o: { interactive?: boolean; absTargetMs?: number; note?: string },
    service: number[],
    raw: number[] = [],
  ) {
    let e = this.byOp.get(op);
    if (!e) this.byOp.set(op, (e = { service: [], raw: [], interactive: o.interactive ?? true }));
    if (o.absTargetMs !== undefined) e.absTargetMs = o.absTargetMs;
    if (o.note) e.note = o.note;
    e.service.push(...service);
    e.raw.push(...raw);
  }
  /** Rows with samples (an operation can run out of input on a desk a bench ran on before). */
  rows(): Row[] {
    return [...this.byOp].flatMap(([op, e]) => {
      if (e.service.length === 0) {
        console.error(`${op}: nothing left to measure on this desk (an earlier bench used it up)`);
        return [];
      }
      const row: Row = { op, ...stats(e.service), interactive: e.interactive };
      if (e.absTargetMs !== undefined) row.absTargetMs = e.absTargetMs;
      if (e.note) row.note = e.note;
      if (e.raw.length) {
        const raw = stats(e.raw);
        row.raw = { p50: raw.p50, p95: raw.p95, max: raw.max };
        row.ratio = row.p95 / raw.p95;
        row.ratioP50 = row.p50 / raw.p50;
        row.ok = row.ratio <= RATIO_TARGET;
      }
      return [row];
    });
  }
}

async function time<T>(f: () => T | Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function ensureDesk(tickets: number, dataDir: string): Promise<void> {
  if (!existsSync(join(dataDir, DESK_FILE))) {
    console.error(`No desk in ${dataDir}: seeding ${tickets.toLocaleString('en')} tickets first…`);
    await seedDesk({
      dataDir,
      tickets,
      onProgress: (phase, done, total) =>
        process.stderr.write(`\r${phase} ${Math.floor((done / Math.max(1, total)) * 100)}%   `),
    });
    process.stderr.write('\n');
  }
  // Setup, not measured: bring the desk to this version's schema and clocks.
  const t0 = performance.now();
  const setup = await openDesk({ dataDir, maintenance: false, slaTicker: false });
  let clocks = 0;
  for (let n = 1; n > 0; clocks += n) n = setup.tickSla();
  let outcomes = 0;
  for (let n = 1; n > 0; outcomes += n) n = setup.fillOutcomes();
  if (clocks > 0 || outcomes > 0) setup.db.exec('ANALYZE');
  await setup.close();
  console.error(
    `setup: migrations, ${outcomes.toLocaleString('en')} tickets' outcomes and ${clocks.toLocaleString('en')} SLA clocks caught up in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/** A fresh process opens the desk and answers its first board (no raw twin: it is start-up). */
function coldStart(dataDir: string, out: Samples): void {
  const core: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['scripts/bench-coldstart.ts', dataDir], {
      encoding: 'utf8',
    });
    const m = JSON.parse(r.stdout) as { ready: number; board: number };
    core.push(m.ready);
    first.push(m.board);
  }
  const o = { interactive: false, absTargetMs: 1000 };
  out.add('cold start: core ready (process start → desk open)', o, core);
  out.add('cold start: + first board answered', o, first);
}

async function benchDesk(tickets: number, dataDir: string): Promise<SizeResult> {
  await ensureDesk(tickets, dataDir);
  const out = new Samples();
  coldStart(dataDir, out);

  const desk = await openDesk({ dataDir });
  const conn = desk.connect();
  async function call<M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> {
    const r = await desk.call(conn, m, input);
    if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    return r.value;
  }
  await call('auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
  const info = await call('desk.info', {});
  const wl = buildWorkload(desk.db, runs);
  const raw = rawTwins(desk.db);
  /** One sample of an operation and one of its twin, back to back. */
  async function pair(
    service: number[],
    twin: number[],
    s: () => unknown,
    r: () => unknown,
  ): Promise<void> {
    service.push(await time(s));
    twin.push(await time(r));
  }

  const rss: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    console.error(`${tickets.toLocaleString('en')} tickets: pass ${pass + 1} of ${passes}`);
    await intake(desk, conn.user!.id, info, call, out);

    // ---- look-up as you type: B-tree prefix ranges (phone, account), FTS5 (names) -------------
    for (const kind of ['phone', 'account', 'name'] as const) {
      const s: number[] = [];
      const r: number[] = [];
      for (const l of wl.lookups.filter((x) => x.kind === kind))
        await pair(
          s,
          r,
          () => call('customers.lookup', { query: l.query, limit: 8 }),
          () => raw.lookup(l.query, 8),
        );
      out.add(`caller look-up by ${kind}`, { absTargetMs: 10 }, s, r);
    }

    // ---- full-text search: one MATCH, words and facets, newest first -------------------------
    {
      const plain = { s: [] as number[], r: [] as number[] };
      const filtered = { s: [] as number[], r: [] as number[] };
      for (const x of wl.searches) {
        const into = x.queueId || x.status ? filtered : plain;
        await pair(
          into.s,
          into.r,
          () => call('tickets.search', x),
          () => raw.search(x),
        );
      }
      out.add('ticket search, first 50', { absTargetMs: 20 }, plain.s, plain.r);
      out.add(
        'ticket search, first 50, queue or status filter',
        { absTargetMs: 20 },
        filtered.s,
        filtered.r,
      );
    }

    // ---- the board: the counter table, then each column a LIMITed scan of its index ----------
    {
      const s: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < Math.min(runs, 100); i++)
        await pair(
          s,
          r,
          () => call('tickets.board', { filters: {}, perColumn: 50 }),
          () => raw.board({}, 50),
        );
      out.add('board first page (6 columns × 50 cards + counts)', { absTargetMs: 20 }, s, r);
      const cs: number[] = [];
      const cr: number[] = [];
      for (const b of wl.boards.slice(1))
        await pair(
          cs,
          cr,
          () => call('tickets.board', b),
          () => raw.board(b.filters ?? {}, b.perColumn ?? 50),
        );
      out.add('board filter change (queue / priority / assignee)', { absTargetMs: 20 }, cs, cr);
      const ts: number[] = [];
      const tr: number[] = [];
      for (const x of wl.searches.slice(0, Math.min(runs, 100)))
        await pair(
          ts,
          tr,
          () => call('tickets.board', { filters: { text: x.text }, perColumn: 50 }),
          () => raw.boardText(x.text, 50),
        );
      out.add('board text filter', { note: 'columns and capped counts through FTS' }, ts, tr);
      const ks: number[] = [];
      const kr: number[] = [];
      for (let i = 0; i < runs; i++)
        await pair(
          ks,
          kr,
          () => call('tickets.counts', {}),
          () => raw.counts(),
        );
      out.add('panel / wall-board counts', { absTargetMs: 20 }, ks, kr);
    }

    // ---- documentation and resolution: four FTS5 MATCHes; bm25 over the rarest words ---------
    {
      const s: number[] = [];
      const r: number[] = [];
      for (const x of wl.searches.filter((y) => !y.queueId && !y.status))
        await pair(
          s,
          r,
          () => call('search.everywhere', { query: x.text, limit: 12 }),
          () => raw.everywhere(x.text, 12),
        );
      out.add('search everywhere (tickets, callers, equipment, notes)', { absTargetMs: 20 }, s, r);
      const open = (
        desk.db
          .prepare("SELECT id FROM tickets WHERE status <> 'resolved' ORDER BY rowid DESC LIMIT ?")
          .all(Math.min(runs, 100)) as { id: string }[]
      ).map((x) => x.id);
      const similar: number[] = [];
      for (const id of open)
        similar.push(await time(() => call('tickets.similar', { id, limit: 5 })));
      out.add('similar resolved tickets', { note: 'no raw twin yet' }, similar);
    }

    // ---- customer communication ---------------------------------------------------------------
    {
      const open = (
        desk.db
          .prepare("SELECT id FROM tickets WHERE status <> 'resolved' ORDER BY rowid DESC LIMIT ?")
          .all(runs) as { id: string }[]
      ).map((x) => x.id);
      const logged: number[] = [];
      for (const [i, id] of open.entries())
        logged.push(
          await time(() =>
            call('contacts.log', {
              ticketId: id,
              direction: 'outbound',
              channel: 'phone',
              outcome: i % 3 === 0 ? 'no_answer' : 'reached',
              summary: 'Bench update call',
            }),
          ),
        );
      out.add(
        'log a contact (clocks and call-back follow)',
        { absTargetMs: 10, note: 'no raw twin yet' },
        logged,
      );
      // The busiest owner's list: the worst case for My call-backs.
      const busiest = desk.db
        .prepare(
          `SELECT u.id, u.username FROM callbacks cb JOIN users u ON u.id = cb.owner_id
           GROUP BY cb.owner_id ORDER BY count(*) DESC LIMIT 1`,
        )
        .get() as { id: string; username: string };
      const owner = desk.connect();
      await desk.call(owner, 'auth.signIn', {
        username: busiest.username,
        password: DEMO_PASSWORD,
      });
      const mine = async () => {
        const r = await desk.call(owner, 'callbacks.mine', {});
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return r.value;
      };
      const window = await mine();
      const listed = window.items.length + window.later.reduce((n, d) => n + d.items.length, 0);
      const s: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < Math.min(runs, 100); i++)
        await pair(s, r, mine, () =>
          raw.callbacksMine(busiest.id, Date.now(), window.endOfDay, window.laterUntil),
        );
      out.add(
        'My call-backs, busiest analyst',
        { absTargetMs: 20, note: `${listed} listed` },
        s,
        r,
      );
      const callers = desk.db
        .prepare(
          "SELECT DISTINCT customer_id FROM tickets WHERE status <> 'resolved' ORDER BY rowid DESC LIMIT ?",
        )
        .pluck()
        .all(Math.min(runs, 100)) as string[];
      const gs: number[] = [];
      const gr: number[] = [];
      for (const id of callers)
        await pair(
          gs,
          gr,
          () => call('customers.get', { id }),
          () => raw.returningCaller(id),
        );
      out.add(
        'returning caller (record, open tickets, last contacts)',
        { absTargetMs: 10 },
        gs,
        gr,
      );
    }

    // ---- escalation ---------------------------------------------------------------------------
    {
      const domains = info.domains;
      const s: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < Math.min(runs, 100); i++) {
        const d = domains[i % (domains.length + 1)];
        const shape = d ? { domainId: d.id, tier: ((i % 2) + 1) as 1 | 2 } : {};
        await pair(
          s,
          r,
          () => call('escalations.panel', shape),
          () => raw.panel({ ...shape, now: Date.now(), limit: 200 }),
        );
      }
      out.add('escalation panel (first 200, counts; filters vary)', { absTargetMs: 20 }, s, r);
      const open = desk.db
        .prepare(
          "SELECT id, version FROM tickets WHERE status IN ('open', 'in_progress') AND tier = 1 ORDER BY rowid DESC LIMIT ?",
        )
        .all(Math.min(runs, 100)) as { id: string; version: number }[];
      const escalate: number[] = [];
      for (const t of open)
        escalate.push(
          await time(() =>
            call('tickets.escalate', { id: t.id, version: t.version, reason: 'Bench escalation' }),
          ),
        );
      out.add(
        'escalate a ticket (escalation, ladder, clocks, rules)',
        { absTargetMs: 10, note: 'no raw twin yet' },
        escalate,
      );
    }

    // ---- the wall-board: the same call a display makes, read again on each push ---------------
    {
      const { dayStart } = await call('wallboard.get', {});
      const s: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < Math.min(runs, 100); i++)
        await pair(
          s,
          r,
          () => call('wallboard.get', {}),
          () => raw.wallboard(Date.now(), dayStart),
        );
      out.add('wall-board, every tile (read again on each push)', { absTargetMs: 50 }, s, r);
    }
    rss.push(process.memoryUsage().rss / 1024 / 1024);
  }
  await desk.close();
  return {
    tickets,
    dataDir,
    rows: out.rows(),
    rssMBAfterPass: rss,
    memoryGrowth: rss.at(-1)! / rss[0]! - 1,
    memoryGrowthWarm: rss.length >= 3 ? rss.at(-1)! / rss[1]! - 1 : null,
  };
}

/**
 * Intake: through the dispatcher, then the same rows written by hand with plain statements (call,
 * three tickets with their counter triggers, history events, search rows, log entries and
 * call-backs, the key counter; one transaction). The caller is on file and unchanged, so neither
 * path rewrites the caller's search row. Writes are not interleaved: each path's commits queue
 * behind their own.
 */
async function intake(
  desk: Awaited<ReturnType<typeof openDesk>>,
  user: string,
  info: Output<'desk.info'>,
  call: <M extends MethodName>(m: M, input: Input<M>) => Promise<Output<M>>,
  out: Samples,
): Promise<void> {
  const db = desk.db;
  const callers = db
    .prepare('SELECT c.id, c.rowid FROM customers c ORDER BY random() LIMIT ?')
    .all(runs * 2) as { id: string; rowid: number }[];
  const viaCore: number[] = [];
  for (let i = 0; i < runs; i++) {
    const problems = [0, 1, 2].map((k) => {
      const cat = info.categories[(i + k) % info.categories.length]!;
      return {
        categoryId: cat.id,
        queueId: cat.defaultQueueId,
        impact: 2 as const,
        urgency: 2 as const,
        title: `Bench problem ${k} of call ${i}`,
        description: 'Measured by npm run bench.',
      };
    });
    viaCore.push(
      await time(() =>
        call('intake.submit', {
          caller: { kind: 'existing', customerId: callers[i]!.id },
          contact: { phone: '', email: '' },
          problems,
        }),
      ),
    );
  }

  const newId = idGenerator(systemClock);
  const sIns = {
    call: db.prepare(
      "INSERT INTO calls (id, customer_id, direction, taken_by, created_at) VALUES (?, ?, 'inbound', ?, ?)",
    ),
    counter: db.prepare(
      "UPDATE counters SET value = value + 1 WHERE name = 'ticket' RETURNING value",
    ),
    ticket: db.prepare(
      `INSERT INTO tickets (id, key, call_id, customer_id, category_id, queue_id, title, description, impact, urgency, priority, status, tier, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2, 2, ?, 'new', 1, ?, ?, ?, ?) RETURNING rowid`,
    ),
    event: db.prepare(
      "INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, 'created', ?, ?, ?)",
    ),
    fts: db.prepare(
      'INSERT INTO tickets_fts (rowid, key, title, description, customer, facets) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    contact: db.prepare(
      `INSERT INTO contacts (id, ticket_id, customer_id, direction, channel, outcome, at, summary, logged_at, logged_by)
       VALUES (?, ?, ?, 'inbound', 'phone', 'reached', ?, ?, ?, ?)`,
    ),
    callback: db.prepare(
      "INSERT INTO callbacks (ticket_id, owner_id, due_at, kind) VALUES (?, ?, ?, 'update')",
    ),
  };
  const raw: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = callers[runs + i]!;
    raw.push(
      await time(() =>
        db.transaction(() => {
          const now = Date.now();
          const callId = newId();
          sIns.call.run(callId, c.id, user, now);
          for (let k = 0; k < 3; k++) {
            const cat = info.categories[(i + k) % info.categories.length]!;
            const seq = (sIns.counter.get() as { value: number }).value;
            const id = newId();
            const key = `LON-${String(seq).padStart(6, '0')}`;
            const title = `Raw problem ${k} of call ${i}`;
            const { rowid } = sIns.ticket.get(
              id,
              key,
              callId,
              c.id,
              cat.id,
              cat.defaultQueueId,
              title,
              'Measured.',
              priorityFor(2, 2),
              now,
              user,
              now,
              user,
            ) as { rowid: number };
            sIns.event.run(newId(), id, JSON.stringify({ key, title }), user, now);
            sIns.contact.run(newId(), id, c.id, now, title, now, user);
            sIns.callback.run(id, user, now + 3_600_000);
            sIns.fts.run(
              rowid,
              key,
              foldForSearch(title),
              'measured',
              'name',
              facetTokens({
                status: 'new',
                queueId: cat.defaultQueueId,
                priority: 3,
                assigneeId: null,
              }),
            );
          }
        })(),
      ),
    );
  }
  out.add('intake save, 3 problems (dispatcher)', { absTargetMs: 3 }, viaCore, raw);
}

// ---- run every size, then report ------------------------------------------------------------------
const results: SizeResult[] = [];
const sizeDir = (tickets: number) =>
  resolve(sizes.length === 1 && values.data ? values.data : join('.data', `seed-${tickets}`));
const only = values['sync-only'] || values['ui-only'] || values['io-only'];
for (const tickets of only ? [] : sizes) results.push(await benchDesk(tickets, sizeDir(tickets)));

const fmt = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '' : x >= 100 ? x.toFixed(0) : x.toFixed(2);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')}`;
mkdirSync('bench-results', { recursive: true });

function printRows(rows: Row[]): void {
  const header = `${'operation'.padEnd(56)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'raw p95'.padStart(8)} ${'÷ raw'.padStart(6)} ${'p50 ÷'.padStart(6)}  ${`verdict (÷ raw ≤ ${RATIO_TARGET})`.padEnd(22)} old absolute target`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const r of rows) {
    const v = r.ratio === undefined ? (r.note ?? '') : verdict(r.ok!);
    const abs =
      r.absTargetMs === undefined
        ? ''
        : `p95 ≤ ${r.absTargetMs} ms ${r.p95 <= r.absTargetMs ? 'met' : 'over'}`;
    console.log(
      `${r.op.padEnd(56)} ${String(r.n).padStart(5)} ${fmt(r.p50).padStart(8)} ${fmt(r.p95).padStart(8)} ${fmt(r.max).padStart(8)} ${fmt(r.raw?.p95).padStart(8)} ${(r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`).padStart(6)} ${(r.ratioP50 === undefined ? '' : `${r.ratioP50.toFixed(2)}×`).padStart(6)}  ${v.padEnd(22)} ${abs}${r.ratio !== undefined && r.note ? ` (${r.note})` : ''}`.trimEnd(),
    );
  }
}

for (const res of results) {
  console.log(
    `\nSwitchboard bench — ${res.tickets.toLocaleString('en')} tickets (${res.dataDir}), ${machine}, ${passes} passes\n`,
  );
  printRows(res.rows);
  const mem = res.rssMBAfterPass.map((m) => m.toFixed(0)).join(' / ');
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const warm = res.memoryGrowthWarm;
  console.log(
    `${'resident memory after each pass'.padEnd(56)} ${`${mem} MB`.padStart(32)}  ${
      warm === null
        ? `growth after pass 1 ${pct(res.memoryGrowth)} (≤ ${MEMORY_GROWTH_TARGET * 100} %) ${verdict(res.memoryGrowth <= MEMORY_GROWTH_TARGET)}`
        : `growth pass 2 → last ${pct(warm)} (≤ ${MEMORY_GROWTH_TARGET * 100} %) ${verdict(warm <= MEMORY_GROWTH_TARGET)}; with the warm-up pass ${pct(res.memoryGrowth)}`
    }`,
  );
  const out = join('bench-results', `bench-${res.tickets}.json`);
  writeFileSync(
    out,
    JSON.stringify(
      {
        ...res,
        at: new Date().toISOString(),
        machine,
        passes,
        runs,
        targets: { ratio: RATIO_TARGET, memoryGrowth: MEMORY_GROWTH_TARGET },
      },
      null,
      2,
    ),
  );
  console.log(`written to ${out}`);
}

if (results.length > 1) {
  const small = results[0]!;
  const big = results.at(-1)!;
  const label = (n: number) =>
    n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : `${n}`;
  const title = `p95 at ${label(big.tickets)} ÷ p95 at ${label(small.tickets)}`;
  console.log(`\nGrowth with size: ${title} (interactive rows, target ≤ ${GROWTH_TARGET})\n`);
  const header = `${'operation'.padEnd(56)} ${`p95 ${label(small.tickets)}`.padStart(10)} ${`p95 ${label(big.tickets)}`.padStart(10)} ${'growth'.padStart(7)}  verdict`;
  console.log(header);
  console.log('-'.repeat(header.length));
  const growth = [];
  for (const b of big.rows) {
    const s = small.rows.find((x) => x.op === b.op);
    if (!s || !b.interactive) continue;
    const g = b.p95 / s.p95;
    growth.push({ op: b.op, small: s.p95, big: b.p95, growth: g, ok: g <= GROWTH_TARGET });
    console.log(
      `${b.op.padEnd(56)} ${fmt(s.p95).padStart(10)} ${fmt(b.p95).padStart(10)} ${g.toFixed(2).padStart(7)}  ${verdict(g <= GROWTH_TARGET)}`,
    );
  }
  const out = join('bench-results', `bench-growth-${small.tickets}-${big.tickets}.json`);
  writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine,
        small: small.tickets,
        big: big.tickets,
        target: GROWTH_TARGET,
        rows: growth,
      },
      null,
      2,
    ),
  );
  console.log(`written to ${out}`);
}

// ---- sync: hub processes over PostgreSQL, workstations over HTTP (--no-sync skips it) ---------
if (values.sync && !values['ui-only'] && !values['io-only']) {
  const syncTickets = Number(values['sync-tickets']);
  const dir = join('.data', `seed-${syncTickets}`);
  await ensureDesk(syncTickets, dir);
  const rows = await benchSync({
    seededDesk: join(dir, DESK_FILE),
    tickets: syncTickets,
    firstSyncOnly: values['sync-first'],
    log: (line) => console.error(line),
  });
  console.log(
    `\nSync — two hub instances over one PostgreSQL (embedded, fsync on), workstations over HTTP, a ${syncTickets.toLocaleString('en')}-ticket desk\n`,
  );
  const header = `${'operation'.padEnd(78)} ${'figure'.padEnd(52)} target`;
  console.log(header);
  console.log('-'.repeat(header.length + 16));
  for (const r of rows)
    console.log(
      `${r.op.padEnd(78)} ${r.value.padEnd(52)} ${r.target ? `${r.target} ${r.ok ? 'met' : 'MISSED'}` : ''}`,
    );
  const out = join('bench-results', 'bench-sync.json');
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    out,
    JSON.stringify({ at: new Date().toISOString(), tickets: syncTickets, rows }, null, 2),
  );
  console.log(`written to ${out}`);
}

// ---- the UI in Debian's Chromium: first paint of the board, switching language (--no-ui) ------
if (values.ui && !values['sync-only'] && !values['io-only']) {
  // Besides a demo desk, the largest seeded desk this run names and has on disk (never seeded here).
  const seeded = [
    ...sizes.map((tickets) => ({ tickets, dir: sizeDir(tickets) })),
    {
      tickets: Number(values['sync-tickets']),
      dir: resolve('.data', `seed-${values['sync-tickets']}`),
    },
  ]
    .filter((d) => existsSync(join(d.dir, DESK_FILE)))
    .sort((a, b) => b.tickets - a.tickets)[0];
  if (seeded) await ensureDesk(seeded.tickets, seeded.dir);
  else console.error('UI: no seeded desk on disk (npm run seed makes one): the demo desk only');
  const r = spawnSync(
    process.execPath,
    ['scripts/bench-ui.ts', ...(seeded ? ['--desk', seeded.dir] : [])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
  );
  type UiDesk = { dataDir: string | null; tickets: number; rows: UiRow[] };
  type UiRow = { op: string; note?: string; samples: number[] };
  const ui = (
    r.status === 0
      ? JSON.parse(r.stdout)
      : { skipped: `scripts/bench-ui.ts exited with ${r.status ?? r.signal}` }
  ) as { skipped: string } | { chromium: string; desks: UiDesk[] };
  if ('skipped' in ui) console.log(`\nUI in Chromium: skipped (${ui.skipped})`);
  else
    for (const d of ui.desks) {
      const out = new Samples();
      for (const row of d.rows)
        out.add(row.op, { interactive: false, note: row.note }, row.samples);
      const rows = out.rows();
      console.log(
        `\nSwitchboard bench — the UI in Chromium ${ui.chromium}, ${d.tickets.toLocaleString('en')} tickets (${d.dataDir ?? 'a demo desk'}), ${machine}\n`,
      );
      printRows(rows);
      const file = join(
        'bench-results',
        `bench-ui-${d.dataDir ? basename(d.dataDir) : 'demo'}.json`,
      );
      const at = new Date().toISOString();
      writeFileSync(
        file,
        JSON.stringify(
          { at, machine, chromium: ui.chromium, ...d, rows, samples: d.rows },
          null,
          2,
        ),
      );
      console.log(`written to ${file}`);
    }
}

// ---- data: a desk's callers brought in (--no-io skips it) -------------------------------------
if (values.io && !values['sync-only'] && !values['ui-only']) {
  const importRows = Number(values['import-rows']);
  const exportTickets = Number(values['export-tickets']);
  const exportDir = join('.data', `seed-${exportTickets}`);
  await ensureDesk(exportTickets, exportDir);
  const reportTickets = Number(values['report-tickets']);
  const reportDir = join('.data', `seed-${reportTickets}`);
  await ensureDesk(reportTickets, reportDir);
  const log = (line: string) => console.error(line);
  const rows = [
    ...(await benchImport({ rows: importRows, log })),
    ...(await benchExport({ dataDir: exportDir, end: SEED_NOW, log })),
    ...(await benchReports({ dataDir: reportDir, end: SEED_NOW, runs: 20, log })),
  ];
  console.log(
    `\nData — an import of ${importRows.toLocaleString('en')} callers into a demo desk on disk, exports of a year of a ${exportTickets.toLocaleString('en')}-ticket desk, and the supervisors' report on a ${reportTickets.toLocaleString('en')}-ticket desk, through the contract, ${machine}\n`,
  );
  const header = `${'operation'.padEnd(86)} figure`;
  console.log(header);
  console.log('-'.repeat(header.length + 30));
  for (const r of rows) console.log(`${r.op.padEnd(86)} ${r.value}`);
  const out = join('bench-results', 'bench-data.json');
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2));
  console.log(`written to ${out}`);
}
