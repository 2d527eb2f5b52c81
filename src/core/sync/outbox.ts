/**
 * The outbox (the only module that writes it after the capture triggers): stamping each change
 * with what its author had seen, reading the next batch to push, and marking a batch the hub
 * acknowledged.
 */
import { DESK_AUTHOR, MAX_CHAIN, MAX_PUSH, type Change } from '../../shared/sync.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { isCreation, valueClock, writeFieldClock } from './merge.ts';
import { CREATION_ORDER, REPLICATED } from './tables.ts';

interface OutboxRow {
  seq: number;
  id: string;
  hlc: string;
  author: string;
  tbl: string;
  key: string;
  fields: string;
  bases: string | null;
}

/**
 * Gives every change not yet stamped its bases (per field, the chain of changes that had set it)
 * and moves the field clocks on, oldest first. Run before anything pulled is applied: until
 * then, only this workstation's own writes have changed its fields, so the bases are exactly
 * what the author saw when it saved.
 */
export function stampOutbox(db: Db): number {
  const rows = stmt<OutboxRow>(
    db,
    'SELECT seq, id, hlc, author, tbl, key, fields, bases FROM outbox WHERE bases IS NULL ORDER BY seq',
  ).all();
  const set = stmt(db, 'UPDATE outbox SET bases = ? WHERE seq = ?');
  for (const r of rows) {
    const table = REPLICATED[r.tbl];
    const fields = JSON.parse(r.fields) as Record<string, unknown>;
    const bases: Record<string, string[]> = {};
    if (table?.merge === 'fields') {
      const at = { tbl: r.tbl, key: r.key };
      const by = { hlc: r.hlc, changeId: r.id, author: r.author };
      if ('_deleted' in fields) writeFieldClock(db, at, '_deleted', { ...by, chain: [r.id] });
      else if (isCreation(table, fields)) writeFieldClock(db, at, '', { ...by, chain: [r.id] });
      else
        for (const f of Object.keys(fields)) {
          const seen = valueClock(db, at, f)?.chain ?? [];
          bases[f] = seen;
          writeFieldClock(db, at, f, { ...by, chain: [r.id, ...seen].slice(0, MAX_CHAIN) });
        }
    }
    set.run(JSON.stringify(bases), r.seq);
  }
  return rows.length;
}

/** The oldest changes not yet acknowledged by the hub, stamped, as they travel. */
export function nextBatch(db: Db, limit = MAX_PUSH): { changes: Change[]; lastSeq: number } {
  const rows = stmt<OutboxRow>(
    db,
    'SELECT seq, id, hlc, author, tbl, key, fields, bases FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?',
  ).all(limit);
  const changes = rows.map((r): Change => {
    const bases = r.bases ? (JSON.parse(r.bases) as Record<string, string[]>) : {};
    return {
      id: r.id,
      hlc: r.hlc,
      author: r.author,
      table: r.tbl,
      key: r.key,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      ...(Object.keys(bases).length ? { bases } : {}),
    };
  });
  return { changes, lastSeq: rows.at(-1)?.seq ?? 0 };
}

/** The hub has these (up to `lastSeq`): they are not pushed again. */
export function markPushed(db: Db, lastSeq: number, at: number): void {
  stmt(db, 'UPDATE outbox SET pushed_at = ? WHERE seq <= ? AND pushed_at IS NULL').run(at, lastSeq);
}

/** How long an acknowledged change stays in the outbox (the hub has it): to trace a round by. */
export const OUTBOX_KEEP_MS = 30 * 86_400_000;

/**
 * Drops acknowledged changes older than OUTBOX_KEEP_MS, oldest first, at most `batch` a call (a
 * founder's outbox starts with the whole desk): they are pushed in order, so what goes is a run
 * from the start. The newest change always stays: it holds this clock's last reading (lastHlc).
 */
export function trimOutbox(db: Db, now: number, batch = 10_000): number {
  // Most rounds have nothing to drop: the oldest change says so without reading a batch.
  const oldest = stmt<number | null>(db, 'SELECT pushed_at FROM outbox ORDER BY seq LIMIT 1')
    .pluck()
    .get();
  if (oldest === undefined || oldest === null || oldest >= now - OUTBOX_KEEP_MS) return 0;
  const rows = stmt<{ seq: number; pushed_at: number | null }>(
    db,
    'SELECT seq, pushed_at FROM outbox ORDER BY seq LIMIT ?',
  ).all(batch + 1);
  let upTo: number | null = null;
  for (const r of rows.slice(0, -1)) {
    if (r.pushed_at === null || r.pushed_at >= now - OUTBOX_KEEP_MS) break;
    upTo = r.seq;
  }
  if (upTo === null) return 0;
  return stmt(db, 'DELETE FROM outbox WHERE seq <= ?').run(upTo).changes;
}

/** Changes saved here that the hub has not acknowledged yet. */
export const waiting = (db: Db): number =>
  stmt<number>(db, 'SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get() ?? 0;

/**
 * The first workstation of a desk sends the desk whole: every replicated row as the change that
 * creates it, in an order where what a row refers to comes first. Runs in the caller's
 * transaction, with capture on (the clock readings and ids are the capture's own), written by the
 * desk itself (DESK_AUTHOR), not by whoever joined it: the hub takes them from the founder. The rows get
 * no field clocks: a value with none was there before the desk joined, and everyone has seen it.
 */
export function snapshotIntoOutbox(db: Db): number {
  let n = 0;
  for (const tbl of CREATION_ORDER) {
    const t = REPLICATED[tbl]!;
    const cols = (db.prepare(`PRAGMA table_info(${tbl})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !t.derived.includes(c));
    n += stmt(
      db,
      `INSERT INTO outbox (id, hlc, author, tbl, key, fields, bases)
       SELECT sb_change_id(), sb_hlc(), '${DESK_AUTHOR}', '${tbl}', json_array(${t.key.join(', ')}),
              json_object(${cols.map((c) => `'${c}', ${c}`).join(', ')}), '{}'
       FROM ${tbl}`,
    ).run().changes;
  }
  return n;
}
