/**
 * `npm run bench -- [--tickets 1000000] [--data DIR] [--runs N]`: speed on a big desk, in one run.
 * Seeds the desk first if the folder has none. Prints p50 / p95 / max per operation and writes the
 * table as JSON to bench-results/. Timing lives here, never in tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWorkload } from '../src/core/bench/workload.ts';
import { DEMO_PASSWORD } from '../src/core/demo.ts';
import { DESK_FILE, openDesk } from '../src/core/desk.ts';
import { idGenerator } from '../src/core/ids.ts';
import { systemClock } from '../src/core/clock.ts';
import { seedDesk } from '../src/core/seed/generate.ts';
import { facetTokens, foldForSearch } from '../src/core/store/fts.ts';
import type { Input, MethodName, Output } from '../src/shared/contract.ts';
import { priorityFor } from '../src/shared/domain.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    data: { type: 'string' },
    runs: { type: 'string', default: '300' },
  },
});
const tickets = Number(values.tickets);
const runs = Number(values.runs);
const dataDir = resolve(values.data ?? join('.data', `seed-${tickets}`));

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

interface Row {
  op: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  target?: string;
  ok?: boolean;
  note?: string;
}
const rows: Row[] = [];
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
function record(op: string, samples: number[], targetMs?: number, note?: string): Row {
  const s = [...samples].sort((a, b) => a - b);
  const row: Row = { op, n: s.length, p50: q(s, 0.5), p95: q(s, 0.95), max: s.at(-1)! };
  if (targetMs !== undefined)
    Object.assign(row, { target: `p95 ≤ ${targetMs} ms`, ok: row.p95 <= targetMs });
  if (note) row.note = note;
  rows.push(row);
  return row;
}

// ---- setup, not measured against a target: bring the desk to this version's schema and clocks ---
{
  const t0 = performance.now();
  const setup = await openDesk({ dataDir, maintenance: false, slaTicker: false });
  let clocks = 0;
  for (let n = 1; n > 0; clocks += n) n = setup.tickSla();
  if (clocks > 0) setup.db.exec('ANALYZE');
  await setup.close();
  console.error(
    `setup: migrations and ${clocks.toLocaleString('en')} SLA clocks caught up in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

// ---- cold start: a fresh process opens the desk and answers its first board --------------------
{
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
  record('cold start: core ready (process start → desk open)', core, 1000);
  record('cold start: + first board answered', first, 1000);
}

const desk = await openDesk({ dataDir });
const conn = desk.connect();
async function call<M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> {
  const r = await desk.call(conn, m, input);
  if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
  return r.value;
}
async function time<T>(f: () => T | Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}
await call('auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
const info = await call('desk.info', {});
const wl = buildWorkload(desk.db, runs);

// ---- intake: through the dispatcher vs raw better-sqlite3 writing the same rows ---------------
{
  const callers = desk.db
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

  // The same rows, written by hand: call, three tickets (the counter triggers fire), three history
  // events, three search rows, three log entries and call-backs, the key counter. One transaction. (The caller is on file and
  // unchanged, so neither path rewrites the caller's search row.)
  const db = desk.db;
  const newId = idGenerator(systemClock);
  const user = conn.user!.id;
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
  const core = record('intake save, 3 problems (dispatcher)', viaCore, 3);
  const base = record('intake save, same rows (raw better-sqlite3)', raw);
  const ratio = core.p95 / base.p95;
  rows.push({
    op: 'intake ratio dispatcher / raw (p50, p95)',
    n: runs,
    p50: core.p50 / base.p50,
    p95: ratio,
    max: NaN,
    target: 'p95 ≤ 5×',
    ok: ratio <= 5,
  });
}

// ---- look-up as you type -------------------------------------------------------------------------
for (const kind of ['phone', 'account', 'name'] as const) {
  const samples: number[] = [];
  for (const l of wl.lookups.filter((x) => x.kind === kind))
    samples.push(await time(() => call('customers.lookup', { query: l.query, limit: 8 })));
  record(`caller look-up by ${kind}`, samples, 10);
}

// ---- full-text search ----------------------------------------------------------------------------
{
  const plain: number[] = [];
  const filtered: number[] = [];
  for (const s of wl.searches) {
    const t = await time(() => call('tickets.search', s));
    (s.queueId || s.status ? filtered : plain).push(t);
  }
  record('ticket search, first 50', plain, 20);
  record('ticket search, first 50, queue or status filter', filtered, 20);
}

// ---- the board -----------------------------------------------------------------------------------
{
  const first: number[] = [];
  for (let i = 0; i < Math.min(runs, 100); i++)
    first.push(await time(() => call('tickets.board', { filters: {}, perColumn: 50 })));
  record('board first page (6 columns × 50 cards + counts)', first, 20);
  const change: number[] = [];
  for (const b of wl.boards.slice(1)) change.push(await time(() => call('tickets.board', b)));
  record('board filter change (queue / priority / assignee)', change, 20);
  const text: number[] = [];
  for (const s of wl.searches.slice(0, Math.min(runs, 100)))
    text.push(
      await time(() => call('tickets.board', { filters: { text: s.text }, perColumn: 50 })),
    );
  record('board text filter', text, undefined, 'columns and capped counts through FTS');
  const counts: number[] = [];
  for (let i = 0; i < runs; i++) counts.push(await time(() => call('tickets.counts', {})));
  record('panel / wall-board counts', counts, 20);
}

// ---- documentation and resolution ----------------------------------------------------------------
{
  const everywhere: number[] = [];
  for (const s of wl.searches.filter((x) => !x.queueId && !x.status))
    everywhere.push(await time(() => call('search.everywhere', { query: s.text, limit: 12 })));
  record('search everywhere (tickets, callers, equipment, notes)', everywhere, 20);
  const open = (
    desk.db
      .prepare("SELECT id FROM tickets WHERE status <> 'resolved' ORDER BY rowid DESC LIMIT ?")
      .all(Math.min(runs, 100)) as { id: string }[]
  ).map((x) => x.id);
  const similar: number[] = [];
  for (const id of open) similar.push(await time(() => call('tickets.similar', { id, limit: 5 })));
  record('similar resolved tickets', similar, undefined, 'bm25 over the rarest words');
}

// ---- customer communication -------------------------------------------------------------------
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
  record('log a contact (clocks and call-back follow)', logged, 10);
  // The busiest owner's list: the worst case for My call-backs.
  const busiest = desk.db
    .prepare(
      `SELECT u.username FROM callbacks cb JOIN users u ON u.id = cb.owner_id
       GROUP BY cb.owner_id ORDER BY count(*) DESC LIMIT 1`,
    )
    .pluck()
    .get() as string;
  const owner = desk.connect();
  await desk.call(owner, 'auth.signIn', { username: busiest, password: DEMO_PASSWORD });
  const mine: number[] = [];
  let listed = 0;
  for (let i = 0; i < Math.min(runs, 100); i++)
    mine.push(
      await time(async () => {
        const r = await desk.call(owner, 'callbacks.mine', {});
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        listed = r.value.items.length;
      }),
    );
  record(`My call-backs, busiest analyst (${listed} listed)`, mine, 20);
  const callers = desk.db
    .prepare(
      "SELECT DISTINCT customer_id FROM tickets WHERE status <> 'resolved' ORDER BY rowid DESC LIMIT ?",
    )
    .pluck()
    .all(Math.min(runs, 100)) as string[];
  const returning: number[] = [];
  for (const id of callers) returning.push(await time(() => call('customers.get', { id })));
  record('returning caller (record, open tickets, last contacts)', returning, 10);
}

// ---- escalation ---------------------------------------------------------------------------------
{
  const domains = info.domains;
  const panel: number[] = [];
  for (let i = 0; i < Math.min(runs, 100); i++) {
    const d = domains[i % (domains.length + 1)];
    panel.push(
      await time(() =>
        call('escalations.panel', d ? { domainId: d.id, tier: ((i % 2) + 1) as 1 | 2 } : {}),
      ),
    );
  }
  record('escalation panel (first 200, counts; filters vary)', panel, 20);
  const open = desk.db
    .prepare(
      "SELECT id, version FROM tickets WHERE status IN ('open', 'in_progress') AND tier = 1 ORDER BY rowid DESC LIMIT ?",
    )
    .all(Math.min(runs, 100)) as { id: string; version: number }[];
  const escalate: number[] = [];
  for (const t of open)
    escalate.push(
      await time(() =>
        call('tickets.escalate', { id: t.id, version: t.version, reason: 'Bench hand-over' }),
      ),
    );
  record('escalate a ticket (hand-over, ladder, clocks, rules)', escalate, 10);
}

// ---- the wall-board -------------------------------------------------------------------------------
{
  // The same call a display makes (the analyst's sign-in may read it too).
  const board: number[] = [];
  for (let i = 0; i < Math.min(runs, 100); i++)
    board.push(await time(() => call('wallboard.get', {})));
  record('wall-board, every tile (read again on each push)', board, 50);
}

const rss = process.memoryUsage().rss / 1024 / 1024;
await desk.close();

// ---- report --------------------------------------------------------------------------------------
const fmt = (x: number) => (Number.isNaN(x) ? '' : x >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log(
  `\nSwitchboard bench — ${tickets.toLocaleString('en')} tickets (${dataDir}), ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
const header = `${'operation'.padEnd(52)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  target`;
console.log(header);
console.log('-'.repeat(header.length + 12));
for (const r of rows) {
  console.log(
    `${r.op.padEnd(52)} ${String(r.n).padStart(5)} ${fmt(r.p50).padStart(8)} ${fmt(r.p95).padStart(8)} ${fmt(r.max).padStart(8)}  ${r.target ? `${r.target} ${r.ok ? 'ok' : 'MISSED'}` : ''}`,
  );
}
console.log(
  `${'resident memory after the run'.padEnd(52)} ${''.padStart(5)} ${`${rss.toFixed(0)} MB`.padStart(8)}${''.padStart(18)}  ≤ 300 MB ${rss <= 300 ? 'ok' : 'MISSED'}`,
);
mkdirSync('bench-results', { recursive: true });
const out = join('bench-results', `bench-${tickets}.json`);
writeFileSync(
  out,
  JSON.stringify(
    {
      tickets,
      dataDir,
      at: new Date().toISOString(),
      node: process.version,
      rows,
      rssMB: rss,
    },
    null,
    2,
  ),
);
console.log(`\nwritten to ${out}`);
