import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { accountKey, phoneKey } from '../callers/caller-keys.ts';
import { facetTokens, foldForSearch } from './fts.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { noCapture } from '../sync/capture.ts';

export type Db = Database.Database;

export class MigrationError extends Error {}

/** Page cache: index pages of a million-ticket desk stay in memory between saves. */
export const STORE_CACHE_KIB = 65_536;
/** While a catch-up applies pages: it touches far more of the store than a save does. */
export const CATCH_UP_CACHE_KIB = 512 * 1024;

/** The schema version this release's migrations bring a store to. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Opens (creating if needed) a desk's SQLite file and brings it to the latest schema.
 * synchronous=FULL: an acknowledged save survives power loss; intake runs at human speed, so
 * one fsync per commit is affordable.
 */
export function openDatabase(file: string, options: { upTo?: number } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${STORE_CACHE_KIB}`);
  registerFunctions(db);
  // upTo: a store left at an earlier schema, for tests that migrate it with data in it.
  migrate(db, options.upTo);
  return db;
}

/**
 * A store file opened as it is, not migrated and never capturing: a desk image being made or
 * checked (see sync/image.ts).
 */
export function openFileAsIs(file: string): Db {
  const db = new Database(file);
  registerFunctions(db);
  return db;
}

/**
 * Runs `write` with commits that do not wait for the disk (synchronous=NORMAL, safe in WAL mode:
 * the store stays whole, only the latest commits can be lost to a power cut). Only for what can be
 * had again: pages pulled from the hub commit with the cursor they moved, so a lost one is pulled
 * again. The next ordinary commit (a save) waits for the disk, and makes them durable too.
 */
export function withLightCommits<T>(db: Db, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/**
 * Search-index helpers and caller keys as SQL functions, so migrations that rebuild an index or
 * re-key stored numbers fold text and read numbers the same way the services do. They are part
 * of those migrations' contract (see migrations/migration.ts): keep each name and its arguments.
 */
function registerFunctions(db: Db): void {
  // The capture triggers' functions: a desk's own (see openDesk) replace these.
  noCapture(db);
  db.function('sb_fold', { deterministic: true }, (s: unknown) => foldForSearch(String(s ?? '')));
  db.function('sb_phone_key', { deterministic: true }, (phone: unknown, callingCode: unknown) =>
    phoneKey(String(phone ?? ''), String(callingCode ?? '')),
  );
  db.function('sb_account_key', { deterministic: true }, (n: unknown) =>
    accountKey(String(n ?? '')),
  );
  db.function(
    'sb_facets',
    { deterministic: true },
    (status: unknown, queueId: unknown, priority: unknown, assigneeId: unknown) =>
      facetTokens({
        status: String(status),
        queueId: String(queueId),
        priority: Number(priority),
        assigneeId: assigneeId === null ? null : String(assigneeId),
      }),
  );
}

/** Brings the store to the latest schema (or to `upTo`, for tests of one migration). */
export function migrate(db: Db, upTo = Infinity): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = SCHEMA_VERSION;
  if (current > latest) {
    throw new MigrationError(
      `This desk file is at schema version ${current}, newer than this Switchboard (${latest}). Update Switchboard.`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    // SQLite's way to rebuild a table others refer to: foreign keys off around the transaction,
    // and every reference checked before it commits.
    if (m.rebuilds) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.rebuilds && (db.pragma('foreign_key_check') as unknown[]).length > 0)
          throw new MigrationError(`Migration ${m.version} (${m.name}) would break references`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuilds) db.pragma('foreign_keys = ON');
    }
  }
}
