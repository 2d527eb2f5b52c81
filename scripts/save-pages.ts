/**
 * `npm run probe:save-pages -- [--data DIR] [--saves 50]`: where an intake save's commit goes.
 * Copies the desk to a temporary folder, saves calls of three problems for known callers through
 * the dispatcher, and after each reads the page numbers of the WAL's frames, mapped to the table
 * or index that owns each page (SQLite's dbstat). A measurement, not a test: it prints a table.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DESK_FILE, openDesk } from '../src/core/kernel/desk.ts';
import { DEMO_PASSWORD } from '../src/demo/demo-desk.ts';
import type { Input, MethodName, Output } from '../src/shared/contract.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join('.data', 'seed-100000') },
    saves: { type: 'string', default: '50' },
  },
});
const saves = Number(values.saves);
const dir = mkdtempSync(join(tmpdir(), 'sb-save-pages-'));
copyFileSync(join(resolve(values.data), DESK_FILE), join(dir, DESK_FILE));
const file = join(dir, DESK_FILE);
try {
  // No checkpoint worker: the WAL holds exactly what the last commit wrote.
  const desk = await openDesk({ dataDir: dir, maintenance: false });
  const conn = desk.connect();
  const call = async <M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> => {
    const r = await desk.call(conn, m, input);
    if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await call('auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
  const info = await call('desk.info', {});
  const callers = desk.db
    .prepare('SELECT id FROM customers ORDER BY random() LIMIT ?')
    .pluck()
    .all(saves) as string[];
  const pageSize = desk.db.pragma('page_size', { simple: true }) as number;
  const tally = new Map<string, number>();
  for (let i = 0; i < saves; i++) {
    desk.db.pragma('wal_checkpoint(TRUNCATE)');
    await call('intake.submit', {
      caller: { kind: 'existing', customerId: callers[i]! },
      contact: { phone: '', email: '' },
      problems: [0, 1, 2].map((k) => {
        const cat = info.categories[(i + k) % info.categories.length]!;
        return {
          categoryId: cat.id,
          queueId: cat.defaultQueueId,
          impact: 2 as const,
          urgency: 2 as const,
          title: `Probe problem ${k} of call ${i}`,
          description: 'Measured by npm run probe:save-pages.',
        };
      }),
    });
    // A WAL frame is a 24-byte header (the page number first) and the page; the file has a
    // 32-byte header.
    const wal = readFileSync(`${file}-wal`);
    const pages = new Set<number>();
    for (let at = 32; at + 24 <= wal.length; at += 24 + pageSize) pages.add(wal.readUInt32BE(at));
    const ro = new Database(file, { readonly: true });
    const owner = new Map(
      (
        ro
          .prepare(`SELECT pageno, name FROM dbstat WHERE pageno IN (${[...pages].join(',')})`)
          .all() as { pageno: number; name: string }[]
      ).map((r) => [r.pageno, r.name]),
    );
    ro.close();
    for (const p of pages) {
      const name = owner.get(p) ?? '(free list, header)';
      tally.set(name, (tally.get(name) ?? 0) + 1);
    }
  }
  await desk.close();
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  console.log(
    `Pages one intake save (3 problems, known caller) writes, mean of ${saves} saves on ${values.data}:`,
  );
  for (const [name, n] of [...tally].sort((a, b) => b[1] - a[1]))
    console.log(`${(n / saves).toFixed(1).padStart(7)}  ${name}`);
  console.log(
    `${(total / saves).toFixed(1).padStart(7)}  in all (${(((total / saves) * pageSize) / 1024).toFixed(0)} KiB of ${pageSize}-byte pages, each written and synced by the commit)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
