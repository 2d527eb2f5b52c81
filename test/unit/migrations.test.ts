import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountKey, phoneKey } from '../../src/core/callers/caller-keys.ts';
import { ACCOUNT_OWNER_SQL, PHONE_OWNERS_SQL } from '../../src/core/callers/customers.ts';
import { policyVersion } from '../../src/core/sla/policy-terms.ts';
import { openDatabase, type Db } from '../../src/core/store/database.ts';
import { facetTokens, foldForSearch, matchAll, matchTicketText } from '../../src/core/store/fts.ts';
import { MIGRATIONS } from '../../src/core/store/migrations/index.ts';

describe('migrations on a desk with data', () => {
  it('14 rebuilds the users table for the wall-board role and every reference still holds', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-mig-')), 'desk.sqlite');
    const old = openDatabase(file, { upTo: 13 });
    old
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
         VALUES ('u1', 'amira', 'Amira', 'x', 'analyst', 1, 0)`,
      )
      .run();
    old
      .prepare(
        "INSERT INTO queues (id, code, name, created_at, created_by) VALUES ('q1', 'SD', 'Desk', 0, 'u1')",
      )
      .run();
    expect(() =>
      old
        .prepare(
          `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
           VALUES ('w', 'wall', 'Wall', 'x', 'wallboard', 1, 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(14);
    db.prepare(
      `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
       VALUES ('w', 'wall', 'Wall', 'x', 'wallboard', 1, 0)`,
    ).run();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT created_by FROM queues WHERE id = 'q1'").pluck().get()).toBe('u1');
    // The rename kept every reference: a queue by an unknown user is still refused.
    expect(() =>
      db
        .prepare(
          "INSERT INTO queues (id, code, name, created_at, created_by) VALUES ('q2', 'X', 'X', 0, 'nobody')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('15 keys stored phones in E.164 and account numbers without case or punctuation', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-mig-')), 'desk.sqlite');
    const old = openDatabase(file, { upTo: 14 });
    old.exec(`
      INSERT INTO settings (key, value) VALUES ('desk.countryCode', '44');
      INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
        VALUES ('u1', 'amira', 'Amira', 'x', 'analyst', 1, 0);
    `);
    // As the hand-written normaliser of schema 14 keyed them (digits, no "+").
    const callers = [
      ['c1', 'International', '+44 20 7946 0018', '442079460018'],
      ['c2', 'National', '020 7946 0018', '442079460018'],
      ['c3', 'Slash', '020/7946 0018', '442079460018'],
      ['c4', 'Trunk in brackets', '+44 (0)20 7946 0018', '4402079460018'],
      ['c5', 'Greek caller', '+30 21 0323 4567', '302103234567'],
      ['c6', 'Too short to dial', '12345', '12345'],
      ['c7', 'Email only', '', ''],
    ];
    const addCustomer = old.prepare(
      `INSERT INTO customers (id, name, phone, phone_norm, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 0, 'u1', 0, 'u1')`,
    );
    for (const c of callers) addCustomer.run(...c);
    const addAccount = old.prepare(
      "INSERT INTO accounts (id, customer_id, number, created_at, created_by) VALUES (?, ?, ?, 0, 'u1')",
    );
    addAccount.run('a1', 'c1', 'ab-1234');
    addAccount.run('a2', 'c5', 'NW 10442');
    // Two numbers schema 14 kept apart that share a key now: the migration must still run.
    addAccount.run('a3', 'c2', 'XY-1');
    addAccount.run('a4', 'c3', 'xy 1');
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(15);
    const rows = db.prepare('SELECT id, phone, phone_norm FROM customers ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'c1', phone: '+44 20 7946 0018', phone_norm: '+442079460018' },
      { id: 'c2', phone: '020 7946 0018', phone_norm: '+442079460018' },
      { id: 'c3', phone: '020/7946 0018', phone_norm: '+442079460018' },
      { id: 'c4', phone: '+44 (0)20 7946 0018', phone_norm: '+442079460018' },
      { id: 'c5', phone: '+30 21 0323 4567', phone_norm: '+302103234567' },
      // Not a number this desk can dial: keyed as typed so far, so it is still found as typed.
      { id: 'c6', phone: '12345', phone_norm: phoneKey('12345', '44') },
      { id: 'c7', phone: '', phone_norm: '' },
    ]);
    expect(db.prepare('SELECT id, number, number_norm FROM accounts ORDER BY id').all()).toEqual([
      { id: 'a1', number: 'ab-1234', number_norm: 'AB1234' },
      { id: 'a2', number: 'NW 10442', number_norm: 'NW10442' },
      { id: 'a3', number: 'XY-1', number_norm: 'XY1' },
      { id: 'a4', number: 'xy 1', number_norm: 'XY1' },
    ]);
    // The look-ups' own queries find the migrated callers by every form, on their indexes.
    const owners = (q: string) =>
      (db.prepare(PHONE_OWNERS_SQL).all(phoneKey(q, '44'), 10) as { id: string }[]).map(
        (r) => r.id,
      );
    for (const q of ['020 7946 0018', '+44 (0)20 7946 0018', '٠٢٠ ٧٩٤٦ ٠٠١٨', '020/7946 0018'])
      expect(owners(q).sort(), q).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(owners('12345')).toEqual(['c6']);
    expect(db.prepare(ACCOUNT_OWNER_SQL).get(accountKey('AB 1234'))).toMatchObject({ id: 'c1' });
    expect(db.prepare(ACCOUNT_OWNER_SQL).get(accountKey('nw10442'))).toMatchObject({ id: 'c5' });
    db.close();
  });
});

const LATEST = MIGRATIONS.at(-1)!.version;
const MIGRATIONS_DIR = join(import.meta.dirname, '../../src/core/store/migrations');

/**
 * sha256 of each shipped migration's SQL. A desk that ran a migration never runs it again, so an
 * edit reaches only new desks and the two kinds then differ for good: change the schema with a
 * new migration. Record a migration here when it ships.
 */
const SHIPPED: Record<number, string> = {
  1: 'b4de437fac9a7170e72e54475a3091cf1c28c955ab37c2a5eecfae60c4dbf138',
  2: 'ae45530ae050f567178a0eed18bb9c66ae890a08a60426f6c38faa7b4125f935',
  3: '808cfa006b0ffa98d2f412f231384d777630e9163c7d142a693421506497aa8c',
  4: 'f3ed7d0770d5889fd32ed4c9f183586a301c5a9011fa2f26b5a35a7140eb3827',
  5: 'f348af948866d0241ba95b3de7c7bea80588c7479e32b9380ed0c90cc047b1db',
  6: 'c0baacb42a1cf77818cc030ebd5de0bea5c888697cf9d33dc9275e8354e888c0',
  7: 'fe44ed56d67c631b4fe7151199c93ce01353911127ae21d0a7ef2de69c4c8386',
  8: '4df598dd49be67786efb3dfab21d6a0066555ec7a6ce43045e590fbbdb156c6a',
  9: '5febdee9738f513636cf41d077bf7dc3b7a314e2e17ec64c7bd1aa358ab80f35',
  10: '6614c2b1b00a458f7f35d91f6d0c8863dc57c6c9342170516ecb1be0e0ed74f2',
  11: '2199f65a60240a937e15760fab98b72434b667ddf8853d1b018dcefd5e66dba6',
  12: 'd9956f5e8b1c6678a6db713380bbe1cf47996d5e5ae78174f38ed4a478fdc577',
  13: '1e778647b1c08acd92b1156cf6ec61d39e8772502913589d0a19d5c6957234c0',
  14: '01f2609dc0e623e07ac0b562814f6370001b14b5ada4ed1c21933114b8ea3e57',
  15: '5abfdef90575e95f84456f52cbb78992b3eb5c9ee33c3ab822a63fde692b45d3',
  16: 'b3ea1d23d6191479a791a052f889dd75424a6e9e9019731a41dc5191e80b9081',
  17: 'b425eaabfcb36e12ece30055e871bba76f7483c704a382f65ceb8616582f8b03',
  18: '71295499237a92e0aabaae4ed8549bc4112589db3710b79f7c8601f2aa9583a2',
  19: '628e00b502527df739d5ef513c4a5f6a28de1bca40047cf3447dcd9a1525e7de',
  20: '11763615803ce132293ab7ea95d6e21fc69cee566709a0ff1a48c81c1e7b9d52',
  21: '5c2995afeecbc017e9f43a7be4f67aa57da77daed5b670596fbeaa608b8022fa',
  22: '74a9440f74f64b4e5f10ef0ee70f75f21b413bbb786242f18b11401915ba5e4f',
  23: '862b73558459915b012803f2a7cffed870ef2535f794c8e6925a865450ffe0f3',
  24: 'dabbdfb372c1d7029bb70880ae2486ebc3ad5a21972a20a9c4a87620f91b09bd',
  25: 'd8242e9577156e97f9387179aeee4ce32888875c85b87549a690096648f92c0c',
  26: '438e22e2d0aea61512343a2a0409bff72b45fcfec92067cbef1ebb8c3acaa0c2',
  27: 'ef0e19f2af351d65eb6ed940c10fc73e118ffc9b3021c2a5da0bccb4be77dae4',
  28: '4089037046023ba2deccf252d76a75f93c990349f7f176bb2f606efb05d5c1f8',
};

describe('migrations are fixed text', () => {
  it('one file per version, listed in order, each importing nothing but its type', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}-/.test(f))
      .sort();
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const index = readFileSync(join(MIGRATIONS_DIR, 'index.ts'), 'utf8');
    for (const f of files) {
      expect(index, `index.ts lists ${f}`).toContain(`'./${f}'`);
      const source = readFileSync(join(MIGRATIONS_DIR, f), 'utf8');
      // No interpolation, and nothing to interpolate: today's code cannot reach the SQL.
      expect(source, `${f} builds its SQL from code`).not.toContain('${');
      expect(source.match(/^import .*$/gm), `${f} imports something besides its type`).toEqual([
        "import type { Migration } from './migration.ts';",
      ]);
    }
  });

  it('no shipped migration has changed', () => {
    for (const m of MIGRATIONS) {
      const sum = createHash('sha256').update(m.sql).digest('hex');
      expect(
        SHIPPED[m.version],
        `migration ${m.version} has no checksum: record '${sum}' in SHIPPED when it ships`,
      ).toBeDefined();
      expect(
        sum,
        `migration ${m.version} changed after it shipped; add a new migration instead`,
      ).toBe(SHIPPED[m.version]);
    }
  });
});

const q = (s: string): string => `'${s.replaceAll("'", "''")}'`;

const NAME = 'Γιώργος Παπαδόπουλος';
const NOTE = 'Replaced the toner cartridge';
/**
 * Policy version 1 as migration 5 wrote it when it shipped (88066fb): no retries, no rules. Desks
 * of that time hold it as version 1; here it is a later version, since the store is made today.
 */
const FIRST_POLICY_BODY =
  '{"priorities":[{"label":"Business failure","firstResponseMin":15,"updateEveryMin":30,"resolutionMin":240,"clock":"24x7","planned":false},{"label":"Critical","firstResponseMin":30,"updateEveryMin":60,"resolutionMin":480,"clock":"business","planned":false},{"label":"Routine service","firstResponseMin":240,"updateEveryMin":1440,"resolutionMin":4320,"clock":"business","planned":false},{"label":"Planned event","firstResponseMin":1440,"updateEveryMin":2880,"resolutionMin":10080,"clock":"business","planned":true}],"matrix":[[1,2,3],[2,3,3],[3,3,4]],"atRiskShare":0.75}';

/**
 * What a desk at schema v holds: each entry runs on a store at or past the version it names (the
 * one that brought its tables or columns), written as the services of that version wrote it,
 * search rows included (with the real SQL functions the store registers).
 */
const DATA: { since: number; until?: number; sql: string }[] = [
  {
    since: 1,
    sql: `
INSERT INTO settings (key, value) VALUES ('desk.countryCode', '44');
INSERT INTO counters (name, value) VALUES ('ticket', 2);
INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at) VALUES
  ('u1', 'amira', 'Amira', 'x', 'analyst', 1, 0), ('s1', 'sam', 'Sam O''Neill', 'x', 'supervisor', 2, 0);
INSERT INTO queues (id, code, name, created_at, created_by) VALUES
  ('q1', 'SD', 'Service desk', 0, 's1'), ('q2', 'HW2', 'Hardware tier 2', 0, 's1');
INSERT INTO categories (id, code, name, domain, default_queue_id, created_at, created_by)
  VALUES ('k1', 'PRN', 'Printers', 'Hardware', 'q1', 0, 's1');
INSERT INTO customers (id, name, phone, phone_norm, email, organisation, created_at, created_by, updated_at, updated_by)
  VALUES ('c1', ${q(NAME)}, '020 7946 0018', '442079460018', 'g@example.com', 'Ακρόπολη', 0, 'u1', 0, 'u1');
INSERT INTO accounts (id, customer_id, number, created_at, created_by) VALUES ('a1', 'c1', 'AB-1234', 0, 'u1');
INSERT INTO customers_fts (rowid, name, email, organisation, accounts)
  SELECT rowid, sb_fold(name), email, sb_fold(organisation), 'AB-1234' FROM customers;
INSERT INTO assets (id, customer_id, model_number, serial, location, licence, created_at, created_by)
  VALUES ('as1', 'c1', 'LaserJet Pro', 'SN77X', 'Floor 3', '', 0, 'u1');
INSERT INTO calls (id, customer_id, account_id, asset_id, direction, contact_phone, taken_by, created_at)
  VALUES ('call1', 'c1', 'a1', 'as1', 'inbound', '020 7946 0018', 'u1', 1000);
INSERT INTO tickets (id, key, call_id, customer_id, account_id, asset_id, category_id, queue_id, title,
    description, impact, urgency, priority, status, assignee_id, created_at, created_by, updated_at, updated_by)
  VALUES ('t1', 'LON-000001', 'call1', 'c1', 'a1', 'as1', 'k1', 'q1', 'Εκτυπωτής jams on tray two',
    'Café printer smudges', 2, 1, 2, 'in_progress', 'u1', 1000, 'u1', 2000, 'u1'),
  ('t2', 'LON-000002', 'call1', 'c1', NULL, NULL, 'k1', 'q1', 'Password reset', '', 3, 3, 4, 'resolved',
    NULL, 1000, 'u1', 3000, 'u1');
INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES
  ('e1', 't1', 'created', '{}', 'u1', 1000), ('e2', 't1', 'note_added', json_object('text', ${q(NOTE)}), 'u1', 2000),
  ('e3', 't2', 'created', '{}', 'u1', 1000), ('e4', 't2', 'resolved', '{}', 'u1', 3000);
INSERT INTO tickets_fts (rowid, key, title, description, customer)
  SELECT t.rowid, t.key, sb_fold(t.title), sb_fold(t.description), sb_fold(c.name)
  FROM tickets t JOIN customers c ON c.id = t.customer_id;`,
  },
  {
    since: 4,
    sql: `UPDATE tickets_fts SET facets = (SELECT sb_facets(status, queue_id, priority, assignee_id)
  FROM tickets t WHERE t.rowid = tickets_fts.rowid);`,
  },
  {
    since: 5,
    sql: `
INSERT INTO policies (version, body, created_at, created_by) VALUES (2, ${q(FIRST_POLICY_BODY)}, 4000, 's1');
INSERT INTO desk_events (id, type, data, actor_id, at) VALUES ('de1', 'policy_changed', '{"version":2}', 's1', 4000);
UPDATE tickets SET policy_version = 2, responded_at = 1500, last_update_at = 2000, response_due = 1801000,
  update_due = 3602000, resolution_due = 28801000, sla_state = 'at_risk', sla_check_at = 5000 WHERE id = 't1';
INSERT INTO ticket_pauses (ticket_id, started_at, ended_at, reason) VALUES ('t1', 2500, 2600, 'customer');`,
  },
  { since: 6, sql: `UPDATE tickets SET sla_next_due = 1801000 WHERE id = 't1';` },
  {
    since: 7,
    sql: `
INSERT INTO sop_scripts (category_id, version, questions, created_at, created_by)
  VALUES ('k1', 1, '[{"id":"tray","text":"Which tray?"}]', 0, 's1');
INSERT INTO ticket_answers (ticket_id, question_id, question, answer, answered_at, answered_by)
  VALUES ('t1', 'tray', 'Which tray?', 'The second one', 2100, 'u1');
INSERT INTO ticket_links (id, from_id, to_id, kind, created_at, created_by) VALUES ('l1', 't2', 't1', 'related', 3000, 'u1');
UPDATE tickets SET resolved_at = 3000, resolved_by = 'u1', root_cause = 'user', solution = 'Reset the password'
  WHERE id = 't2';
UPDATE tickets_fts SET answers = '', solution = (SELECT sb_fold(coalesce(solution, '')) FROM tickets t
  WHERE t.rowid = tickets_fts.rowid);
UPDATE tickets_fts SET answers = sb_fold('The second one') WHERE rowid = (SELECT rowid FROM tickets WHERE id = 't1');
INSERT INTO assets_fts (rowid, model, serial, location, licence)
  SELECT rowid, sb_fold(model_number), sb_fold(serial), sb_fold(location), sb_fold(licence) FROM assets;
INSERT INTO notes_fts (rowid, text) SELECT rowid, sb_fold(json_extract(data, '$.text')) FROM ticket_events
  WHERE type = 'note_added';`,
  },
  {
    since: 8,
    sql: `
INSERT INTO contacts (id, ticket_id, customer_id, direction, channel, outcome, at, summary, logged_at, logged_by)
  VALUES ('ct1', 't1', 'c1', 'outbound', 'phone', 'reached', 2000, 'Part ordered', 2000, 'u1');
INSERT INTO callbacks (ticket_id, owner_id, due_at, kind) VALUES ('t1', 'u1', 3602000, 'update');`,
  },
  { since: 9, sql: `UPDATE callbacks SET last_contact_id = 'ct1' WHERE ticket_id = 't1';` },
  {
    since: 10,
    sql: `
INSERT INTO domains (id, name, created_at) VALUES ('d1', 'Hardware', 0);
INSERT INTO tiers (domain_id, level, queue_id) VALUES ('d1', 1, 'q1'), ('d1', 2, 'q2');
INSERT INTO user_domains (user_id, domain_id) VALUES ('u1', 'd1');
UPDATE tickets SET domain_id = 'd1';
INSERT INTO escalations (id, ticket_id, from_domain_id, from_tier, to_domain_id, to_tier, reason, by_id, at, state)
  VALUES ('x1', 't1', 'd1', 1, 'd1', 2, 'expertise', 'u1', 2200, 'returned');
INSERT INTO tier_spans (ticket_id, seq, domain_id, tier, assignee_id, from_at, to_at)
  VALUES ('t1', 1, 'd1', 1, 'u1', 1000, NULL), ('t2', 1, 'd1', 1, NULL, 1000, 3000);
INSERT INTO rule_firings (ticket_id, rule, condition, at) VALUES ('t1', 'breach', 'response', 2100);`,
  },
  // The escalation the ticket waits on, under the columns' names of the time (17 renamed them).
  {
    since: 10,
    until: 16,
    sql: `UPDATE tickets SET handoff_state = 'returned', handoff_id = 'x1' WHERE id = 't1';`,
  },
  {
    since: 17,
    sql: `UPDATE tickets SET escalation_state = 'returned', escalation_id = 'x1' WHERE id = 't1';`,
  },
  { since: 13, sql: `UPDATE callbacks SET domain_id = 'd1', tier = 1;` },
  {
    since: 14,
    sql: `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at)
  VALUES ('w1', 'wall', 'Wall', 'x', 'wallboard', 1, 0);`,
  },
  {
    since: 15,
    sql: `
UPDATE customers SET phone_norm = sb_phone_key(phone, '44');
UPDATE accounts SET number_norm = sb_account_key(number);`,
  },
];

/** Columns a later migration renames: their values must be found under the new name. */
const RENAMED: Record<string, { to: string; by: number }> = {
  'tickets.handoff_state': { to: 'escalation_state', by: 17 },
  'tickets.handoff_id': { to: 'escalation_id', by: 17 },
};
const latestName = (table: string, column: string): string =>
  RENAMED[`${table}.${column}`]?.to ?? column;

/** Columns a later migration derives again from the others (it rewrites them on purpose). */
const REDERIVED: Record<string, number> = { 'customers.phone_norm': 15, 'tickets.sla_check_at': 6 };

/**
 * Every row of every stored table (search indexes apart), on the columns it has at schema v but
 * those a later migration derives again.
 */
function snapshot(db: Db, v: number): Map<string, { columns: string[]; rows: unknown[][] }> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT GLOB '*_fts_*' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return new Map(
    tables.map((t) => {
      const columns = (db.pragma(`table_info(${t})`) as { name: string }[])
        .map((c) => c.name)
        .filter((c) => (REDERIVED[`${t}.${c}`] ?? 0) <= v);
      return [t, { columns, rows: rowsOf(db, t, columns) }];
    }),
  );
}

function rowsOf(db: Db, table: string, columns: readonly string[]): unknown[][] {
  const order = columns.map((_, i) => i + 1).join(', ');
  return db
    .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table} ORDER BY ${order}`)
    .raw()
    .all() as unknown[][];
}

/** The search indexes hold one row per indexed row, as the services write it, and find it. */
function expectSearchConsistent(db: Db): void {
  const rowids = (sql: string) => (db.prepare(sql).pluck().all() as number[]).sort();
  for (const [fts, source] of [
    ['customers_fts', 'SELECT rowid FROM customers'],
    ['tickets_fts', 'SELECT rowid FROM tickets'],
    ['assets_fts', 'SELECT rowid FROM assets'],
    ['notes_fts', "SELECT rowid FROM ticket_events WHERE type = 'note_added'"],
  ] as const) {
    db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run();
    expect(rowids(`SELECT rowid FROM ${fts}`), fts).toEqual(rowids(source));
  }
  const tickets = db
    .prepare(
      `SELECT t.rowid, t.key, t.title, t.description, c.name, t.solution, t.status, t.queue_id, t.priority,
              t.assignee_id, f.key AS fkey, f.title AS ftitle, f.description AS fdescription,
              f.customer AS fcustomer, f.solution AS fsolution, f.facets AS ffacets
       FROM tickets t JOIN customers c ON c.id = t.customer_id JOIN tickets_fts f ON f.rowid = t.rowid`,
    )
    .all() as Record<string, string | number | null>[];
  for (const t of tickets) {
    expect(
      [t.fkey, t.ftitle, t.fdescription, t.fcustomer, t.fsolution, t.ffacets],
      String(t.key),
    ).toEqual([
      t.key,
      foldForSearch(String(t.title)),
      foldForSearch(String(t.description)),
      foldForSearch(String(t.name)),
      foldForSearch(String(t.solution ?? '')),
      facetTokens({
        status: String(t.status),
        queueId: String(t.queue_id),
        priority: Number(t.priority),
        assigneeId: t.assignee_id === null ? null : String(t.assignee_id),
      }),
    ]);
  }
  const hits = (fts: string, match: string | null) =>
    db.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?`).pluck().all(match);
  const rowid = (sql: string) => db.prepare(sql).pluck().get();
  if (!rowid("SELECT 1 FROM customers WHERE id = 'c1'")) return;
  // Final sigma is folded by sb_fold, not by the tokenizer: a no-op function would miss these.
  expect(hits('customers_fts', matchAll('Γιώργος'))).toEqual([
    rowid("SELECT rowid FROM customers WHERE id = 'c1'"),
  ]);
  const t1 = rowid("SELECT rowid FROM tickets WHERE id = 't1'");
  expect(
    hits(
      'tickets_fts',
      matchTicketText('γιωργοσ εκτυπωτης', { status: 'in_progress', queueId: 'q1' }),
    ),
  ).toEqual([t1]);
  expect(hits('tickets_fts', matchAll('cafe'))).toEqual([t1]);
  expect(hits('assets_fts', matchAll('sn77x'))).toEqual([rowid('SELECT rowid FROM assets')]);
  expect(hits('notes_fts', matchAll('toner'))).toEqual([
    rowid("SELECT rowid FROM ticket_events WHERE id = 'e2'"),
  ]);
}

describe('a desk at every earlier schema, with data in it, migrates to the latest', () => {
  it.each(Array.from({ length: LATEST }, (_, v) => v))('from version %i', (v) => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-mig-')), 'desk.sqlite');
    const old = openDatabase(file, { upTo: v });
    expect(old.pragma('user_version', { simple: true })).toBe(v);
    for (const d of DATA) if (d.since <= v && v <= (d.until ?? Infinity)) old.exec(d.sql);
    expect(old.pragma('foreign_key_check')).toEqual([]);
    const before = snapshot(old, v);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    if (v >= 1) {
      expect(before.get('customers')?.rows).toHaveLength(1);
      expect(before.get('tickets')?.rows).toHaveLength(2);
    }
    // Every row is still there (a migration may add rows: the system user, domains, call-backs).
    for (const [table, { columns, rows }] of before)
      expect(
        rowsOf(
          db,
          table,
          columns.map((c) => latestName(table, c)),
        ),
        `${table} after migrating from ${v}`,
      ).toEqual(expect.arrayContaining(rows));
    expectSearchConsistent(db);
    // The counts the triggers keep agree with the tickets they count.
    expect(
      rowsOf(db, 'ticket_counts', ['status', 'queue_id', 'priority', 'assignee_id', 'n']).filter(
        (r) => r[4] !== 0,
      ),
    ).toEqual(
      db
        .prepare(
          "SELECT status, queue_id, priority, coalesce(assignee_id, ''), count(*) FROM tickets GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        )
        .raw()
        .all(),
    );
    // Every policy version a desk holds still reads, the one migration 5 first shipped included.
    for (const version of db.prepare('SELECT version FROM policies').pluck().all() as number[])
      expect(() => policyVersion(db, version), `policy ${version}`).not.toThrow();
    db.close();
  });
});
