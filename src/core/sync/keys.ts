/**
 * Ticket keys that never collide across the workstations of a desk, and stay short: the analyst
 * reads the key to the caller at the moment of saving. While joined, numbers come from blocks
 * leased from the hub ahead of need (the sync loop tops them up); a workstation that has used
 * them all while the hub is away issues keys marked with its own number (LON-W3-0001), which no
 * other workstation can issue. A desk not joined numbers its tickets itself, as before.
 */
import { MAX_KEY_BLOCK, type KeysReply } from '../../shared/sync.ts';
import { nextCounter } from '../kernel/settings.ts';
import type { Db } from '../store/database.ts';
import { isJoined, syncValue, writeSyncValue } from './state.ts';

/** Numbers leased to this workstation and not used yet: [from, to) ranges, oldest first. */
type Blocks = [number, number][];

const blocksOf = (db: Db): Blocks => JSON.parse(syncValue(db, 'keys.blocks') ?? '[]') as Blocks;

/** How many leased numbers are left. */
export const keysLeft = (db: Db): number =>
  blocksOf(db).reduce((n, [from, to]) => n + (to - from), 0);

/** Numbers in hand that may have been used since (a restore from a backup): not issued. */
export function dropKeyBlocks(db: Db): void {
  writeSyncValue(db, 'keys.blocks', '[]');
}

/** A block the hub leased: kept until used. */
export function addKeyBlock(db: Db, block: KeysReply): void {
  if (!(block.to > block.from)) return;
  writeSyncValue(db, 'keys.blocks', JSON.stringify([...blocksOf(db), [block.from, block.to]]));
}

/** The number a lease must start at or above: past every number this desk has issued. */
export const nextOwnNumber = (db: Db): number =>
  (db.prepare("SELECT value FROM counters WHERE name = 'ticket'").pluck().get() as
    number | undefined) ?? 0;

const DAY_MS = 86_400_000;
/** Days of key usage remembered, per day: how many keys this workstation issued. */
type Usage = [number, number][];
const usageOf = (db: Db): Usage => JSON.parse(syncValue(db, 'keys.used') ?? '[]') as Usage;

function noteKeyUsed(db: Db, now: number): void {
  const today = Math.floor(now / DAY_MS);
  const usage = usageOf(db).filter(([d]) => d > today - 14);
  const last = usage.at(-1);
  if (last && last[0] === today) last[1]++;
  else usage.push([today, 1]);
  writeSyncValue(db, 'keys.used', JSON.stringify(usage));
}

/** Keys this workstation issued over the last seven days (its usual week's work). */
export function weeklyKeyUse(db: Db, now: number): number {
  const today = Math.floor(now / DAY_MS);
  return usageOf(db)
    .filter(([d]) => d > today - 7)
    .reduce((n, [, c]) => n + c, 0);
}

/** Fewest numbers to keep in hand, and the least a lease asks for. */
export const KEYS_LOW = 200;
export const KEYS_BLOCK = 1000;

/**
 * How many numbers to lease now (0: enough in hand). A workstation keeps at least a week of its
 * usual work in hand (a field desk may go a week without the hub), and tops up to half as much
 * again, never less than a block.
 */
export function keysWanted(db: Db, now: number): number {
  const left = keysLeft(db);
  const week = weeklyKeyUse(db, now);
  if (left >= Math.max(KEYS_LOW, week)) return 0;
  const target = Math.max(KEYS_BLOCK, Math.ceil(week * 1.5));
  return Math.min(MAX_KEY_BLOCK, Math.max(100, target - left));
}

/**
 * Running low: less than a day of its usual work (or 50 numbers) left. Said in the header, so a
 * field desk connects before it has to issue keys marked with its own number.
 */
export function keysLow(db: Db, now: number): boolean {
  if (!isJoined(db)) return false;
  return keysLeft(db) < Math.max(50, Math.ceil(weeklyKeyUse(db, now) / 7));
}

/** The next ticket key, in the caller's transaction. */
export function nextTicketKey(db: Db, prefix: string, now: number): string {
  if (!isJoined(db)) return `${prefix}-${String(nextCounter(db, 'ticket')).padStart(6, '0')}`;
  noteKeyUsed(db, now);
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
  // Restored from a backup and not caught up yet: its own marked numbers since the backup are
  // unknown here, so these carry the restore's mark too.
  const restored = syncValue(db, 'restored');
  if (restored)
    return `${prefix}-W${mark}R${restored}-${String(nextCounter(db, `ticket.marked.${restored}`)).padStart(4, '0')}`;
  return `${prefix}-W${mark}-${String(nextCounter(db, 'ticket.marked')).padStart(4, '0')}`;
}
