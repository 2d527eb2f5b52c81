/**
 * Each replicated table is written by one module: a test that reads the sources. A stray
 * `UPDATE tickets` in a handler fails here, naming the file and the line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Table → the one module that may insert, update or delete its rows. */
export const WRITER: Record<string, string> = {
  tickets: 'src/core/tickets/write.ts',
  ticket_events: 'src/core/tickets/write.ts',
  ticket_pauses: 'src/core/tickets/write.ts',
  tickets_fts: 'src/core/tickets/write.ts',
  notes_fts: 'src/core/tickets/write.ts',
  ticket_links: 'src/core/tickets/links.ts',
  tier_spans: 'src/core/escalation/ladder.ts',
  escalations: 'src/core/escalation/escalations.ts',
  rule_firings: 'src/core/escalation/rules.ts',
  domains: 'src/core/escalation/tiers.ts',
  tiers: 'src/core/escalation/tiers.ts',
  customers: 'src/core/callers/customers.ts',
  accounts: 'src/core/callers/customers.ts',
  assets: 'src/core/callers/customers.ts',
  customers_fts: 'src/core/callers/customers.ts',
  assets_fts: 'src/core/callers/customers.ts',
  calls: 'src/core/intake/intake.ts',
  contacts: 'src/core/communication/contacts.ts',
  callbacks: 'src/core/communication/callbacks.ts',
  ticket_answers: 'src/core/resolution/scripts.ts',
  sop_scripts: 'src/core/resolution/scripts.ts',
  policies: 'src/core/sla/policy.ts',
  calendars: 'src/core/sla/policy.ts',
  desk_events: 'src/core/sla/policy.ts',
  users: 'src/core/access/users.ts',
  user_domains: 'src/core/access/users.ts',
  queues: 'src/core/admin/reference.ts',
  categories: 'src/core/admin/reference.ts',
  settings: 'src/core/kernel/settings.ts',
  counters: 'src/core/kernel/settings.ts',
  // The capture triggers write the outbox (migration 18); sync stamps, sends and marks it.
  outbox: 'src/core/sync/outbox.ts',
  sync_state: 'src/core/sync/state.ts',
  field_clocks: 'src/core/sync/merge.ts',
  sync_held: 'src/core/sync/apply.ts',
  sync_dirty: 'src/core/sync/apply.ts',
  sync_refused: 'src/core/sync/refusals.ts',
  sync_left: 'src/core/sync/scope.ts',
};

/**
 * Writes to a table named by a variable: only where sync writes what another workstation's
 * owning module wrote there (the replica writer, by design its second writer).
 */
const DYNAMIC_WRITERS = ['src/core/sync/apply.ts', 'src/core/sync/scope.ts'];
const DYNAMIC = /\b(?:INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+\$\{/g;

/**
 * Not runtime code: the migrations shape the schema, and the seed builds a benchmark desk of a
 * million tickets in bulk (through the services it would take hours); neither runs on a desk
 * that analysts use. The hub writes its own PostgreSQL tables, not a desk's.
 */
const OUTSIDE = ['src/core/store/migrations/', 'src/tools/seed/', 'src/hub/'];

/** SQL is written in capitals here, which also keeps prose ("an update clock") out of it. */
const WRITE =
  /\b(?:INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)/g;

export interface Stray {
  file: string;
  line: number;
  table: string;
}

/** Every write to a table outside the module that owns it, in one source text. */
export function strayWrites(file: string, text: string): Stray[] {
  const found: Stray[] = [];
  for (const m of text.matchAll(WRITE)) {
    const table = m[1]!;
    // `ON CONFLICT DO UPDATE SET` names no table.
    if (table === 'SET') continue;
    const owner = WRITER[table];
    if (owner === file) continue;
    found.push({ file, line: text.slice(0, m.index).split('\n').length, table });
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !OUTSIDE.some((o) => f.startsWith(o)));
}

describe('the write path', () => {
  it('no table is written outside its module', () => {
    const stray = sources('src').flatMap((f) =>
      strayWrites(f, readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(stray).toEqual([]);
  });

  it('writes to a table named by a variable only in the replica writer', () => {
    const dynamic = sources('src').flatMap((f) =>
      [...readFileSync(join(ROOT, f), 'utf8').matchAll(DYNAMIC)].map(() => f),
    );
    expect(new Set(dynamic)).toEqual(new Set(DYNAMIC_WRITERS));
  });

  it('every table the schema has is owned by a module, or derived by the store', () => {
    // Counter tables kept by triggers, and the full-text index's own shadow tables.
    const derived =
      /^(ticket_counts|escalation_counts|.*_fts_.*|sqlite_.*|wallboard_.*|report_.*|.*_counts)$/;
    const schema = readdirSync(join(ROOT, 'src/core/store/migrations'))
      .filter((f) => /^\d{3}-/.test(f))
      .map((f) => readFileSync(join(ROOT, 'src/core/store/migrations', f), 'utf8'))
      .join('\n');
    const tables = [...schema.matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?(\w+)/g)].map(
      (m) => m[1]!,
    );
    const renamed = new Set([...schema.matchAll(/ALTER TABLE (\w+) RENAME TO/g)].map((m) => m[1]!));
    const unowned = [...new Set(tables)].filter(
      (t) => !WRITER[t] && !derived.test(t) && !renamed.has(t) && !t.endsWith('_new'),
    );
    expect(unowned).toEqual([]);
  });

  it('sees a stray UPDATE tickets in a handler, and a write in its own module passes', () => {
    const handler = [
      "import { stmt } from '../store/statements.ts';",
      'export function touch(db, id) {',
      "  stmt(db, 'UPDATE tickets SET title = ? WHERE id = ?').run('x', id);",
      '  stmt(db, `INSERT OR IGNORE INTO ticket_events (id) VALUES (?)`).run(id);',
      '}',
    ].join('\n');
    expect(strayWrites('src/core/tickets/moves.ts', handler)).toEqual([
      { file: 'src/core/tickets/moves.ts', line: 3, table: 'tickets' },
      { file: 'src/core/tickets/moves.ts', line: 4, table: 'ticket_events' },
    ]);
    expect(strayWrites('src/core/tickets/write.ts', handler)).toEqual([]);
    expect(
      strayWrites(
        'src/core/resolution/scripts.ts',
        'INSERT INTO ticket_answers (a) VALUES (1) ON CONFLICT DO UPDATE SET a = 2',
      ),
    ).toEqual([]);
  });
});
