/**
 * The hub's imager: keeps a replica of each desk on the hub, from the hub's log, with the
 * workstations' own core (the same merge rules and derived data, so nothing of the desk is
 * written twice), and now and then stores an image of it on the hub (see core/sync/image.ts), so
 * a new workstation receives the desk in one download. It is a shell over the core, like the
 * desktop app and the host: the hub itself stores and serves images and never opens one.
 *
 * Its replicas are a cache: delete them and it rebuilds them from the log. One imager works on a
 * desk at a time (an advisory lock), so several hub instances may each run one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createZstdCompress } from 'node:zlib';
import type pg from 'pg';
import { systemClock, type Clock } from '../core/kernel/clock.ts';
import { openDatabase, SCHEMA_VERSION } from '../core/store/database.ts';
import { pullAll } from '../core/sync/client.ts';
import { writeImage } from '../core/sync/image.ts';
import { syncValue, writeSyncValue } from '../core/sync/state.ts';
import { pull } from '../hub/changes.ts';
import { imageInfo, storeImage } from '../hub/images.ts';
import { FIRST_CURSOR, type ImageInfo } from '../shared/sync.ts';

/** The imager reads the log as a workstation of no desk: nothing in it is its own. */
const IMAGER_ID = '00000000-0000-0000-0000-000000000000';

/** A new image once the log has grown by this many changes since the last one. */
export const IMAGE_EVERY_CHANGES = 10_000;
/** Or once a day, when anything at all has changed. */
const IMAGE_MAX_AGE_MS = 24 * 3600_000;

export interface ImagerOptions {
  pool: pg.Pool;
  /** Where the replicas are kept (one folder per desk). */
  dir: string;
  everyChanges?: number;
  /** The replicas' clock (the SLA clocks they compute): the hub machine's by default. */
  clock?: Clock;
  log?: (line: string) => void;
}

export interface DeskImaged {
  /** Changes the replica took in on this pass. */
  pulled: number;
  /** The image the hub now has (a new one when `built`). */
  image: ImageInfo | null;
  built: boolean;
  /** Seconds this pass took: catching up, then writing and storing the image. */
  seconds: { catchUp: number; image: number };
}

/** One desk: its replica brought up to the log's end, and a new image stored when it is due. */
export async function imageDesk(o: ImagerOptions, deskId: string): Promise<DeskImaged | null> {
  const lock = await o.pool.connect();
  try {
    const key = `switchboard-imager:${deskId}`;
    const got = await lock.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
      [key],
    );
    if (!got.rows[0]?.ok) return null; // another imager has this desk
    try {
      return await catchUpAndImage(o, deskId);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    lock.release();
  }
}

async function catchUpAndImage(o: ImagerOptions, deskId: string): Promise<DeskImaged> {
  const folder = join(o.dir, deskId);
  mkdirSync(folder, { recursive: true });
  const db = openDatabase(join(folder, 'replica.sqlite'));
  try {
    const ctx = { db, clock: o.clock ?? systemClock, newId: randomUUID, emit: () => {} };
    const ws = { id: IMAGER_ID, deskId, name: 'imager' };
    let t0 = performance.now();
    const { pulled } = await pullAll(ctx, (cursor) => pull(o.pool, ws, cursor), IMAGER_ID);
    const total = Number(syncValue(db, 'imager.changes') ?? 0) + pulled;
    db.transaction(() => writeSyncValue(db, 'imager.changes', String(total)))();
    const catchUp = (performance.now() - t0) / 1000;

    const cursor = syncValue(db, 'cursor') ?? FIRST_CURSOR;
    const stored = await imageInfo(o.pool, deskId);
    const due =
      total > 0 &&
      (!stored ||
        stored.schema !== SCHEMA_VERSION ||
        total - stored.changes >= (o.everyChanges ?? IMAGE_EVERY_CHANGES) ||
        (total > stored.changes && Date.now() - Date.parse(stored.builtAt) > IMAGE_MAX_AGE_MS));
    if (!due || stored?.cursor === cursor)
      return { pulled, image: stored, built: false, seconds: { catchUp, image: 0 } };

    t0 = performance.now();
    const raw = join(folder, 'image.sqlite');
    const packed = join(folder, 'image.sqlite.zst');
    try {
      writeImage(db, raw);
      const hash = createHash('sha256');
      let bytes = 0;
      await pipeline(
        createReadStream(raw),
        createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: 3 } }),
        new Transform({
          transform(chunk: Buffer, _enc, next) {
            hash.update(chunk);
            bytes += chunk.length;
            next(null, chunk);
          },
        }),
        createWriteStream(packed),
      );
      const info = {
        cursor,
        schema: SCHEMA_VERSION,
        bytes,
        sha256: hash.digest('hex'),
        changes: total,
      };
      await storeImage(o.pool, deskId, info, createReadStream(packed));
      o.log?.(
        `desk ${deskId}: image of ${total.toLocaleString('en')} changes stored (${(bytes / 2 ** 20).toFixed(1)} MB)`,
      );
      const image = await imageInfo(o.pool, deskId);
      return {
        pulled,
        image,
        built: true,
        seconds: { catchUp, image: (performance.now() - t0) / 1000 },
      };
    } finally {
      rmSync(raw, { force: true });
      rmSync(packed, { force: true });
    }
  } finally {
    db.close();
  }
}

/** Every desk on the hub, one after another. */
export async function imageDesks(o: ImagerOptions): Promise<void> {
  const desks = await o.pool.query<{ id: string }>('SELECT id FROM desks ORDER BY id');
  for (const { id } of desks.rows) {
    try {
      await imageDesk(o, id);
    } catch (e) {
      o.log?.(`desk ${id}: no image this time: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Passes over every desk, `everyMs` apart, until stopped. */
export function runImager(o: ImagerOptions & { everyMs: number }): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      await imageDesks(o);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, o.everyMs).unref();
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
