/**
 * Desk images as the hub keeps them: opaque compressed files in chunks, stored by the imager
 * (src/imager, which makes them with the workstations' core) and served to workstations that
 * join. The hub never opens one.
 */
import type pg from 'pg';
import type { ImageInfo } from '../shared/sync.ts';
import { inTransaction } from './postgres.ts';

/** What one row of desk_image_chunks holds. */
export const IMAGE_CHUNK_BYTES = 1 << 20;

interface ImageRow {
  sha256: string;
  cursor: string;
  schema: number;
  bytes: string;
  changes: string;
  built_at: Date;
}

export async function imageInfo(pool: pg.Pool, deskId: string): Promise<ImageInfo | null> {
  const r = await pool.query<ImageRow>(
    'SELECT sha256, cursor, schema, bytes, changes, built_at FROM desk_images WHERE desk_id = $1',
    [deskId],
  );
  const row = r.rows[0];
  return row
    ? {
        sha256: row.sha256,
        cursor: row.cursor,
        schema: row.schema,
        bytes: Number(row.bytes),
        changes: Number(row.changes),
        builtAt: row.built_at.toISOString(),
      }
    : null;
}

/** The image's chunks in order, one query each: a download holds no transaction open. */
export async function* imageChunks(
  pool: pg.Pool,
  deskId: string,
  sha256: string,
): AsyncGenerator<Buffer> {
  for (let n = 0; ; n++) {
    const r = await pool.query<{ data: Buffer }>(
      'SELECT data FROM desk_image_chunks WHERE desk_id = $1 AND sha256 = $2 AND n = $3',
      [deskId, sha256, n],
    );
    const chunk = r.rows[0];
    if (!chunk) return;
    yield chunk.data;
  }
}

/**
 * Stores a new image of the desk, in one transaction: its chunks, then it as the desk's latest.
 * The image before it stays until the next one (a download of it may be under way); older ones go.
 */
export async function storeImage(
  pool: pg.Pool,
  deskId: string,
  info: Omit<ImageInfo, 'builtAt'>,
  body: AsyncIterable<Buffer>,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    let n = 0;
    let pending: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      await client.query(
        'INSERT INTO desk_image_chunks (desk_id, sha256, n, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [deskId, info.sha256, n++, Buffer.concat(pending)],
      );
      pending = [];
      size = 0;
    };
    for await (const part of body) {
      for (let at = 0; at < part.length;) {
        const take = Math.min(IMAGE_CHUNK_BYTES - size, part.length - at);
        pending.push(part.subarray(at, at + take));
        size += take;
        at += take;
        if (size === IMAGE_CHUNK_BYTES) await flush();
      }
    }
    await flush();
    const before = await client.query<{ sha256: string }>(
      'SELECT sha256 FROM desk_images WHERE desk_id = $1 FOR UPDATE',
      [deskId],
    );
    const previous = before.rows[0]?.sha256 ?? null;
    await client.query(
      `INSERT INTO desk_images (desk_id, sha256, cursor, schema, bytes, changes, built_at, previous)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7)
     ON CONFLICT (desk_id) DO UPDATE SET sha256 = excluded.sha256, cursor = excluded.cursor,
       schema = excluded.schema, bytes = excluded.bytes, changes = excluded.changes,
       built_at = excluded.built_at, previous = excluded.previous`,
      [deskId, info.sha256, info.cursor, info.schema, info.bytes, info.changes, previous],
    );
    await client.query(
      'DELETE FROM desk_image_chunks WHERE desk_id = $1 AND sha256 <> $2 AND sha256 IS DISTINCT FROM $3',
      [deskId, info.sha256, previous],
    );
  });
}
