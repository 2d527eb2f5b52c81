/** This workstation's place in its desk's sync (the only module that writes sync_state). */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { setCapturing } from './capture.ts';

export function syncValue(db: Db, key: string): string | undefined {
  return stmt<string>(db, 'SELECT value FROM sync_state WHERE key = ?').pluck().get(key);
}

export function writeSyncValue(db: Db, key: string, value: string): void {
  stmt(
    db,
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function clearSyncValue(db: Db, key: string): void {
  stmt(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
}

/** Every value, to carry this workstation's own state into a store that replaces its own. */
export const syncValues = (db: Db): [string, string][] =>
  stmt<{ key: string; value: string }>(db, 'SELECT key, value FROM sync_state ORDER BY key')
    .all()
    .map((r) => [r.key, r.value]);

/** A desk image holds no workstation's sync state (see image.ts). */
export function clearSyncState(db: Db): void {
  stmt(db, 'DELETE FROM sync_state').run();
}

/** The name this workstation's clock readings carry: made once, kept. */
export function hlcNode(db: Db): string {
  let node = syncValue(db, 'node');
  if (!node) {
    node = randomBytes(8).toString('hex');
    writeSyncValue(db, 'node', node);
  }
  return node;
}

/**
 * The latest clock reading this workstation made or took in from a change it applied, so a restart
 * never reads earlier than anything it has seen (a change made after that would lose to it).
 */
export function lastHlc(db: Db): string | undefined {
  const made = stmt<string | null>(db, 'SELECT max(hlc) FROM outbox').pluck().get() ?? undefined;
  const seen = syncValue(db, 'hlc.seen');
  return made === undefined ? seen : seen !== undefined && seen > made ? seen : made;
}

/** The latest clock reading of the changes applied so far (in the apply's transaction). */
export function noteSeenHlc(db: Db, hlc: string): void {
  const seen = syncValue(db, 'hlc.seen');
  if (seen === undefined || hlc > seen) writeSyncValue(db, 'hlc.seen', hlc);
}

/** While joined, every write to a replicated table is captured in the outbox. */
export function setJoined(db: Db, joined: boolean): void {
  if (joined) writeSyncValue(db, 'joined', '1');
  else stmt(db, "DELETE FROM sync_state WHERE key = 'joined'").run();
  setCapturing(db, joined);
}

export const isJoined = (db: Db): boolean => syncValue(db, 'joined') === '1';
