/**
 * Desk images: the whole desk as one SQLite file, so a new workstation receives it in one
 * download instead of replaying every change since the desk began (a first sync of a hundred
 * thousand tickets is a million changes, and each needs its derived data recomputed).
 *
 * The hub's imager keeps a replica of each desk from the hub's log with this same core, and
 * writes an image of it now and then (writeImage); a workstation joining takes the latest image,
 * checks it, makes it its own store in one step (restoreImage), and pulls from the image's cursor
 * as after any round. An image holds no workstation's own state (outbox, counters, sync state):
 * the workstation's own goes in with it. Derived data comes with it as the imager computed it
 * from the same facts; every later change recomputes what it touches, as always.
 */
import { rmSync } from 'node:fs';
import { openFileAsIs, SCHEMA_VERSION, type Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { receiveClock } from './capture.ts';
import { clearSyncState, setJoined, syncValues, writeSyncValue } from './state.ts';

/** An image this workstation will not take: it joins by the log instead. */
export class ImageRefused extends Error {}

/** Tables that are a workstation's own: empty in every image. */
const OWN_TABLES = ['outbox', 'counters', 'sync_dirty'] as const;

/**
 * Writes a compact copy of `db` to `file` (VACUUM INTO: a consistent snapshot while `db` stays
 * open), without the replica's own sync state. The caller has flushed derived data first.
 */
export function writeImage(db: Db, file: string): void {
  for (const t of OWN_TABLES)
    if (stmt<number>(db, `SELECT count(*) FROM (SELECT 1 FROM ${t} LIMIT 1)`).pluck().get())
      throw new Error(`an image is made from a replica, which has no ${t} of its own`);
  rmSync(file, { force: true });
  db.prepare('VACUUM INTO ?').run(file);
  const image = openFileAsIs(file);
  try {
    clearSyncState(image);
    // One file, no write-ahead log beside it: what is sent is the whole image.
    image.pragma('journal_mode = DELETE');
  } finally {
    image.close();
  }
}

export interface ImageStamp {
  deskId: string;
  workstationId: string;
  number: number;
  /** The hub's cursor the image stands at: pulls go on from there. */
  cursor: string;
}

/**
 * Makes the image in `file` this workstation's store: checked first (this release's schema, not
 * damaged, nothing of another workstation's in it), stamped with this workstation's own sync
 * state (its clock's node, the hub's address and token, its place in the desk, the image's
 * cursor), then copied over the live store in one transaction of SQLite's backup API, so the
 * store is either as it was or the joined desk, whatever happens part-way. The file is changed.
 */
export async function restoreImage(db: Db, file: string, stamp: ImageStamp): Promise<void> {
  const image = openFileAsIs(file);
  try {
    const version = image.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION)
      throw new ImageRefused(
        `the image is at schema version ${version}, this release at ${SCHEMA_VERSION}`,
      );
    if (image.pragma('quick_check', { simple: true }) !== 'ok')
      throw new ImageRefused('the image is damaged');
    if (image.pragma('page_size', { simple: true }) !== db.pragma('page_size', { simple: true }))
      throw new ImageRefused('the image has another page size');
    for (const t of OWN_TABLES)
      if (stmt<number>(image, `SELECT count(*) FROM (SELECT 1 FROM ${t} LIMIT 1)`).pluck().get())
        throw new ImageRefused(`the image holds a workstation's ${t}`);
    const own = syncValues(db);
    image.transaction(() => {
      clearSyncState(image);
      for (const [k, v] of own) writeSyncValue(image, k, v);
      writeSyncValue(image, 'desk.id', stamp.deskId);
      writeSyncValue(image, 'workstation.id', stamp.workstationId);
      writeSyncValue(image, 'workstation.number', String(stamp.number));
      writeSyncValue(image, 'cursor', stamp.cursor);
      setJoined(image, true);
    })();
    if (db.inTransaction) throw new Error('a store is replaced outside any transaction');
    // All pages in one step: the backup holds one write transaction on the live store throughout.
    await image.backup(db.name, { progress: () => 0x7fffffff });
  } finally {
    image.close();
  }
  setJoined(db, true);
  // What this workstation makes next orders after everything the desk made so far.
  const latest = stmt<string | null>(db, 'SELECT max(hlc) FROM field_clocks').pluck().get();
  if (latest) {
    try {
      receiveClock(db, latest);
    } catch {
      // A reading far ahead of this clock: the desk's own changes will carry it as they come.
    }
  }
}
