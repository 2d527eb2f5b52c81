/**
 * Restoring a workstation's store from a backup, with the desk not running: the backup is checked
 * first (a Switchboard store, whole by `integrity_check`, of this release's schema or an older
 * one the next start migrates), the store it replaces is kept beside it, never deleted, and the
 * backup is copied in through SQLite's backup API. A joined store is marked restored before it
 * ever opens (sync/restore.ts), so it takes back what it made after the backup and issues no key
 * twice.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DESK_FILE } from '../kernel/desk.ts';
import { markRestored } from '../sync/restore.ts';
import { openFileAsIs, SCHEMA_VERSION } from './database.ts';

export class BackupRefused extends Error {}

export interface Restored {
  /** Where the store it replaced was kept (null: there was none). */
  kept: string | null;
  schema: number;
  /** It was a store of a desk joined to a hub: it catches up at its next sync. */
  joined: boolean;
}

function check(file: string): number {
  if (!existsSync(file)) throw new BackupRefused(`No backup at ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupRefused(`${file} is not a SQLite store: ${(e as Error).message}`);
  }
  try {
    const whole = db.pragma('integrity_check', { simple: true });
    if (whole !== 'ok') throw new BackupRefused(`${file} is damaged: ${String(whole)}`);
    const schema = db.pragma('user_version', { simple: true }) as number;
    const isDesk = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets'")
      .get();
    if (!isDesk || schema < 1) throw new BackupRefused(`${file} is not a Switchboard store`);
    if (schema > SCHEMA_VERSION)
      throw new BackupRefused(
        `${file} was made by a later release (schema ${schema}; this one has ${SCHEMA_VERSION}): restore it with that release`,
      );
    return schema;
  } catch (e) {
    if (e instanceof BackupRefused) throw e;
    throw new BackupRefused(`${file} cannot be read as a store: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

export async function restoreStore(
  dataDir: string,
  backup: string,
  now = Date.now(),
): Promise<Restored> {
  const schema = check(backup);
  const live = join(dataDir, DESK_FILE);
  const incoming = `${live}.restoring`;
  // Copied beside the live store first: a restore cut short leaves the live store as it was.
  const source = new Database(backup, { readonly: true });
  try {
    await source.backup(incoming);
  } finally {
    source.close();
  }
  const db = openFileAsIs(incoming);
  let joined = false;
  try {
    // A store from before sync (schema 18) was never joined to a hub.
    const synced = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'")
      .get();
    joined =
      synced !== undefined &&
      db.prepare("SELECT value FROM sync_state WHERE key = 'joined'").pluck().get() === '1';
    if (joined) markRestored(db);
  } catch (e) {
    db.close();
    throw new BackupRefused(`The backup could not be prepared: ${(e as Error).message}`);
  }
  db.close();
  let kept: string | null = null;
  if (existsSync(live)) {
    kept = `${live}.replaced-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(live, kept);
    for (const side of ['-wal', '-shm'])
      if (existsSync(live + side)) renameSync(live + side, kept + side);
  }
  renameSync(incoming, live);
  return { kept, schema, joined };
}
