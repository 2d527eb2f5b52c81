/**
 * Change capture (migration 18): while a desk is joined, every write to a replicated table lands
 * in the outbox in the same transaction. Proved by replay: a copy of the desk taken before a
 * day's work, given only the outbox's changes, ends with the same replicated rows as the desk
 * itself (the derived columns apart, which each workstation computes). A desk not joined
 * captures nothing.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DESK_FILE } from '../../src/core/kernel/desk.ts';
import { openDatabase } from '../../src/core/store/database.ts';
import { setJoined } from '../../src/core/sync/state.ts';
import { REPLICATED as CATALOG } from '../../src/core/sync/tables.ts';
import { HLC_RE } from '../../src/shared/sync.ts';
import { demoDesk, resolve, validIntake, type TestDesk } from '../helpers/desk.ts';

/** What each workstation derives for itself, so the outbox leaves it out. */
const DERIVED: Record<string, string[]> = {
  tickets: [
    'response_due',
    'update_due',
    'resolution_due',
    'sla_state',
    'sla_check_at',
    'sla_next_due',
    'last_update_at',
    'update_agreed_at',
    'version',
    'response_target_at',
    'resolution_target_at',
    'update_misses',
    'first_contact',
    'callbacks_promised',
    'callbacks_kept',
    'callback_open_due',
    'created_day',
    'resolved_day',
  ],
  users: ['version'],
  queues: ['version'],
  categories: ['version'],
};
const REPLICATED = [
  'tickets',
  'ticket_events',
  'ticket_pauses',
  'tier_spans',
  'escalations',
  'rule_firings',
  'customers',
  'accounts',
  'assets',
  'calls',
  'contacts',
  'ticket_answers',
  'sop_scripts',
  'ticket_links',
  'policies',
  'calendars',
  'desk_events',
  'users',
  'user_domains',
  'queues',
  'categories',
  'domains',
  'tiers',
  'settings',
];

type Db = Database.Database;
const columns = (db: Db, t: string) =>
  (db.pragma(`table_info(${t})`) as { name: string; pk: number }[]).map((c) => c);

function rows(db: Db, t: string): unknown[] {
  const cols = columns(db, t)
    .map((c) => c.name)
    .filter((c) => !(DERIVED[t] ?? []).includes(c));
  return db
    .prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${t} ORDER BY 1, 2`)
    .raw()
    .all();
}

/** Applies captured changes to a store, as a workstation applying a pull would in their order. */
function replay(db: Db, changes: { tbl: string; key: string; fields: string }[]): void {
  db.transaction(() => {
    for (const c of changes) {
      const pk = columns(db, c.tbl)
        .filter((x) => x.pk)
        .sort((a, b) => a.pk - b.pk)
        .map((x) => x.name);
      const key = JSON.parse(c.key) as unknown[];
      const where = pk.map((k) => `"${k}" = ?`).join(' AND ');
      const fields = JSON.parse(c.fields) as Record<string, unknown>;
      if (fields['_deleted']) {
        db.prepare(`DELETE FROM ${c.tbl} WHERE ${where}`).run(...key);
        continue;
      }
      const names = Object.keys(fields);
      if (db.prepare(`SELECT 1 FROM ${c.tbl} WHERE ${where}`).get(...key))
        db.prepare(
          `UPDATE ${c.tbl} SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE ${where}`,
        ).run(...names.map((n) => fields[n]), ...key);
      else
        db.prepare(
          `INSERT INTO ${c.tbl} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        ).run(...names.map((n) => fields[n]));
    }
  })();
}

describe('the merge catalog', () => {
  it('the merge catalog names the same tables and derived columns as the capture', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...REPLICATED].sort());
    for (const [tbl, t] of Object.entries(CATALOG))
      expect([...t.derived].sort(), tbl).toEqual([...(DERIVED[tbl] ?? [])].sort());
  });
});

describe('change capture', () => {
  let t: TestDesk;
  afterEach(() => t.close());

  /** A morning's work of a desk: a call, its tickets worked, escalated, resolved, admin edits. */
  async function work(): Promise<void> {
    const a = await t.as('analyst');
    const tech2 = await t.as('tech2');
    const admin = await t.as('admin');
    const got = await t.ok(a, 'intake.submit', await validIntake(t, a, 3));
    const [one, two, three] = got.tickets;
    let c = await t.ok(a, 'tickets.move', { id: one!.id, version: 1, to: 'in_progress' });
    c = await t.ok(a, 'tickets.assign', { id: one!.id, version: c.version, assigneeId: null });
    await t.ok(a, 'tickets.addNote', { id: one!.id, text: 'Rebooted the router remotely' });
    c = await t.ok(a, 'tickets.setPriority', {
      id: one!.id,
      version: c.version,
      impact: 2,
      urgency: 2,
    });
    await t.ok(a, 'tickets.update', {
      id: one!.id,
      version: c.version,
      changes: { title: 'Site link flapping' },
    });
    const esc = await t.ok(a, 'tickets.escalate', {
      id: two!.id,
      version: 1,
      reason: 'Needs the carrier',
      note: 'Logs attached',
    });
    const me = await t.ok(tech2, 'session.get', {});
    await t.ok(tech2, 'tickets.acceptEscalation', {
      id: two!.id,
      version: esc.version,
      assigneeId: me.user!.id,
    });
    await t.ok(a, 'tickets.link', { id: one!.id, target: three!.key, kind: 'related' });
    await resolve(t, a, three!.id, 1);
    const info = await t.ok(admin, 'desk.info', {});
    await t.ok(admin, 'queues.create', { code: 'CAP', name: 'Capture test queue' });
    const q = info.queues[0]!;
    const dir = await t.ok(admin, 'admin.directory', {});
    const queue = dir.queues.find((x) => x.id === q.id)!;
    await t.ok(admin, 'queues.update', {
      id: q.id,
      expectedVersion: queue.version,
      code: queue.code,
      name: `${queue.name} (renamed)`,
    });
  }

  it('captures every replicated write while joined: a copy given the outbox ends the same', async () => {
    t = await demoDesk();
    const db = t.desk.db;
    setJoined(db, true);
    // The copy is taken as the desk stood when it joined.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(mkdtempSync(join(tmpdir(), 'sb-capture-')), DESK_FILE);
    copyFileSync(join(t.dir, DESK_FILE), copy);

    await work();

    const outbox = db
      .prepare('SELECT seq, id, hlc, author, tbl, key, fields FROM outbox ORDER BY seq')
      .all() as {
      seq: number;
      id: string;
      hlc: string;
      author: string;
      tbl: string;
      key: string;
      fields: string;
    }[];
    expect(outbox.length).toBeGreaterThan(20);
    // Readings order the changes as they were made, each one after the last.
    for (let i = 1; i < outbox.length; i++) expect(outbox[i]!.hlc > outbox[i - 1]!.hlc).toBe(true);
    for (const c of outbox) expect(c.hlc).toMatch(HLC_RE);
    // Each names its author: the people who made the calls (or the desk, for its own rules).
    const analyst = db.prepare("SELECT id FROM users WHERE username = 'analyst'").pluck().get();
    expect(outbox.filter((c) => c.tbl === 'calls').map((c) => c.author)).toEqual([analyst]);
    // The clocks are derived: never captured.
    for (const c of outbox.filter((x) => x.tbl === 'tickets'))
      for (const f of DERIVED['tickets']!)
        expect(Object.keys(JSON.parse(c.fields))).not.toContain(f);

    // Opened as any store is, which never captures: what it applies came from elsewhere.
    const replica = openDatabase(copy);
    replay(replica, outbox);
    for (const table of REPLICATED) expect(rows(replica, table), table).toEqual(rows(db, table));
    replica.close();
  });

  it('captures nothing while the desk is not joined', async () => {
    t = await demoDesk();
    await work();
    expect(t.desk.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});
