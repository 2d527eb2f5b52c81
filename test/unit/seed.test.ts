import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/store/database.ts';
import { seedDesk } from '../../src/tools/seed/generate.ts';
import { DESK_FILE } from '../../src/core/kernel/desk.ts';

const dirs: string[] = [];
async function seeded(tickets: number, seed: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-seed-'));
  dirs.push(dir);
  await seedDesk({ dataDir: dir, tickets, seed });
  return join(dir, DESK_FILE);
}

/** Every row of every table, in primary-key order, hashed. */
function digest(file: string): string {
  const db = openDatabase(file);
  const h = createHash('sha256');
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).raw().iterate())
      h.update(JSON.stringify(row));
  }
  db.close();
  return h.digest('hex');
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the seed generator', () => {
  it('gives the same desk, row for row, from the same seed number', async () => {
    const [a, b] = [await seeded(3000, 7), await seeded(3000, 7)];
    expect(digest(a)).toBe(digest(b));
  });

  it('gives a different desk from another seed number', async () => {
    expect(digest(await seeded(3000, 7))).not.toBe(digest(await seeded(3000, 8)));
  });

  it('makes a realistic desk: one caller per five tickets, most resolved, thousands-scale open work, five languages', async () => {
    const db = openDatabase(await seeded(20_000, 3));
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(one('SELECT count(*) AS n FROM tickets')).toBe(20_000);
    expect(one('SELECT count(*) AS n FROM customers')).toBe(4000);
    const resolved = one("SELECT count(*) AS n FROM tickets WHERE status = 'resolved'");
    expect(resolved / 20_000).toBeGreaterThan(0.9);
    expect(one('SELECT count(DISTINCT status) AS n FROM tickets')).toBe(6);
    expect(one('SELECT count(DISTINCT priority) AS n FROM tickets')).toBe(4);
    expect(one('SELECT count(DISTINCT queue_id) AS n FROM tickets')).toBeGreaterThanOrEqual(8);
    for (const script of ['\\p{Script=Greek}', '\\p{Script=Devanagari}', '\\p{Script=Arabic}']) {
      const re = new RegExp(script, 'u');
      const titles = db.prepare('SELECT title FROM tickets LIMIT 2000').pluck().all() as string[];
      expect(
        titles.some((t) => re.test(t)),
        script,
      ).toBe(true);
    }
    expect(one('SELECT count(*) AS n FROM ticket_events') / 20_000).toBeGreaterThan(2);
    // Counters agree with a recount, and keys run without gaps.
    expect(
      db
        .prepare('SELECT status, sum(n) AS n FROM ticket_counts GROUP BY status ORDER BY status')
        .all(),
    ).toEqual(
      db.prepare('SELECT status, count(*) AS n FROM tickets GROUP BY status ORDER BY status').all(),
    );
    expect(db.prepare("SELECT value FROM counters WHERE name = 'ticket'").pluck().get()).toBe(
      20_000,
    );
    expect(db.prepare('SELECT max(key) FROM tickets').pluck().get()).toBe('LON-020000');
    db.close();
  });
});
