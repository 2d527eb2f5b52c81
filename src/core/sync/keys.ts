/**
 * Ticket keys that never collide across the workstations of a desk, and stay short: the analyst
 * reads the key to the caller at the moment of saving. While joined, numbers come from blocks
 * leased from the hub ahead of need (the sync loop tops them up); a workstation that has used
 * them all while the hub is away issues keys marked with its own number (LON-W3-0001), which no
 * other workstation can issue. A desk not joined numbers its tickets itself, as before.
 */
import type { KeysReply } from '../../shared/sync.ts';
import { nextCounter } from '../kernel/settings.ts';
import type { Db } from '../store/database.ts';
import { isJoined, syncValue, writeSyncValue } from './state.ts';

/** Numbers leased to this workstation and not used yet: [from, to) ranges, oldest first. */
type Blocks = [number, number][];

const blocksOf = (db: Db): Blocks => JSON.parse(syncValue(db, 'keys.blocks') ?? '[]') as Blocks;

/** How many leased numbers are left. */
export const keysLeft = (db: Db): number =>
  blocksOf(db).reduce((n, [from, to]) => n + (to - from), 0);

/** A block the hub leased: kept until used. */
export function addKeyBlock(db: Db, block: KeysReply): void {
  if (!(block.to > block.from)) return;
  writeSyncValue(db, 'keys.blocks', JSON.stringify([...blocksOf(db), [block.from, block.to]]));
}

/** The number a lease must start at or above: past every number this desk has issued. */
export const nextOwnNumber = (db: Db): number =>
  (db.prepare("SELECT value FROM counters WHERE name = 'ticket'").pluck().get() as
    number | undefined) ?? 0;

/** The next ticket key, in the caller's transaction. */
export function nextTicketKey(db: Db, prefix: string): string {
  if (!isJoined(db)) return `${prefix}-${String(nextCounter(db, 'ticket')).padStart(6, '0')}`;
  const blocks = blocksOf(db);
  const first = blocks[0];
  if (first) {
    const n = first[0];
    if (n + 1 >= first[1]) blocks.shift();
    else first[0] = n + 1;
    writeSyncValue(db, 'keys.blocks', JSON.stringify(blocks));
    return `${prefix}-${String(n).padStart(6, '0')}`;
  }
  const mark = syncValue(db, 'workstation.number') ?? '0';
  return `${prefix}-W${mark}-${String(nextCounter(db, 'ticket.marked')).padStart(4, '0')}`;
}
