/**
 * The merge rules for rows that change (see tables.ts), and the field clocks they keep (the only
 * module that writes field_clocks).
 *
 * Each field of a row keeps the change that set it last: its hybrid-clock reading, its author and
 * its chain (its own id, then the chain of the value it replaced, newest first). A change to a
 * field wins when its clock reading is later; a removal wins over any change to the row. A
 * change that replaces a value its author had not seen (the value's change is not in the bases
 * the change carries), or that loses to a value whose chain does not hold it, is a conflict: the
 * losing value is not dropped silently, it is written into the ticket's history. Every
 * workstation comes to the same values whatever order the changes reach it in, because the
 * winner depends only on the clock readings.
 */
import { MAX_CHAIN } from '../../shared/sync.ts';
import { idFrom } from '../kernel/ids.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { ReplicatedTable } from './tables.ts';

export interface FieldClock {
  hlc: string;
  changeId: string;
  author: string;
  chain: string[];
}

interface RowAt {
  tbl: string;
  key: string;
}

/** The clock of one field: '' is the row's creation (every field it set), '_deleted' its removal. */
export function fieldClock(db: Db, at: RowAt, field: string): FieldClock | undefined {
  const r = stmt<{ hlc: string; change_id: string; author: string; chain: string }>(
    db,
    'SELECT hlc, change_id, author, chain FROM field_clocks WHERE tbl = ? AND key = ? AND field = ?',
  ).get(at.tbl, at.key, field);
  return r && { hlc: r.hlc, changeId: r.change_id, author: r.author, chain: JSON.parse(r.chain) };
}

/** The clock a field's value stands at: its own, else the row's creation, else none (older than any). */
export const valueClock = (db: Db, at: RowAt, field: string): FieldClock | undefined =>
  fieldClock(db, at, field) ?? fieldClock(db, at, '');

export function writeFieldClock(db: Db, at: RowAt, field: string, c: FieldClock): void {
  stmt(
    db,
    `INSERT INTO field_clocks (tbl, key, field, hlc, change_id, author, chain) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, key, field) DO UPDATE SET hlc = excluded.hlc, change_id = excluded.change_id,
       author = excluded.author, chain = excluded.chain`,
  ).run(
    at.tbl,
    at.key,
    field,
    c.hlc,
    c.changeId,
    c.author,
    JSON.stringify(c.chain.slice(0, MAX_CHAIN)),
  );
}

/** A new row's change carries its whole key; a change to a row never changes its key. */
export const isCreation = (t: ReplicatedTable, fields: Record<string, unknown>): boolean =>
  t.key.every((k) => k in fields);

export interface Incoming {
  id: string;
  hlc: string;
  author: string;
  /** What the author had seen of this field (empty: nothing, a new row). */
  seen: readonly string[];
}

export type FieldOutcome =
  /** The incoming value replaces the stored one; `lost` when its author had not seen that one. */
  | { take: true; lost: boolean }
  /** The stored value stays; `lost` when it had not seen the incoming one. */
  | { take: false; lost: boolean };

/**
 * One field, one incoming change, against the clock its stored value stands at. `same` is true
 * when both values are equal: two people setting the same value is no conflict.
 */
export function mergeField(cur: FieldClock | undefined, y: Incoming, same: boolean): FieldOutcome {
  // Rows that were here before the desk joined have no clock: everyone had seen them.
  if (!cur) return { take: true, lost: false };
  if (y.id === cur.changeId || y.hlc === cur.hlc) return { take: false, lost: false };
  if (y.hlc > cur.hlc) return { take: true, lost: !same && !y.seen.includes(cur.changeId) };
  return { take: false, lost: !same && !cur.chain.includes(y.id) };
}

/** The same conflict found on two workstations is one event: its id comes from the two changes. */
export const conflictEventId = (field: string, lostChange: string, keptChange: string): string =>
  idFrom('conflict', field, lostChange, keptChange);

/** A row this workstation no longer holds (it left a field desk's scope): its clocks go with it. */
export function dropFieldClocks(db: Db, tbl: string, keys: readonly string[]): void {
  const drop = stmt(db, 'DELETE FROM field_clocks WHERE tbl = ? AND key = ?');
  for (const key of keys) drop.run(tbl, key);
}
