/**
 * A workstation restored from a backup (issue 18's backups; any copy of its store taken earlier).
 * Its store is older than what it told the hub: changes it made after the backup are on the hub,
 * not here, and ticket numbers it had leased may have been used since. So, before it takes any
 * call, a restore is marked here (markRestored): the numbers it had in hand are dropped, and until
 * it has caught up a key it must issue itself carries a mark of its own (LON-W3R7K-0001), which
 * nothing issued before can carry. Its next round pulls its own changes back too (the hub serves
 * them only when asked), a field desk's scope whole again; then its marked numbering moves past
 * every key it had issued, and new numbers are leased.
 */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../kernel/context.ts';
import { raiseCounter } from '../kernel/settings.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { ScopeMoves } from '../../shared/sync.ts';
import { dropKeyBlocks } from './keys.ts';
import { leaveScope } from './scope.ts';
import { clearSyncValue, isJoined, syncValue, writeSyncValue } from './state.ts';

type RestoreCtx = Pick<Ctx, 'db' | 'clock' | 'emit'>;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Marks a store just restored from a backup, before it opens as the live store. */
export function markRestored(db: Db): void {
  if (!isJoined(db)) return;
  // Five characters of Crockford's base32: two restores of one backup mark their keys apart.
  const mark = [...randomBytes(5)].map((b) => ALPHABET[b & 31]).join('');
  db.transaction(() => {
    writeSyncValue(db, 'restored', mark);
    dropKeyBlocks(db);
  })();
}

export const isRestoring = (db: Db): boolean => syncValue(db, 'restored') !== undefined;

/** The mark on keys this workstation issues itself until its restore has caught up. */
export const restoreMark = (db: Db): string | undefined => syncValue(db, 'restored');

/**
 * After the round that pulled its own changes back: a field desk lets go of what its scope no
 * longer gives it (the hub gave it its scope again whole); the numbering of keys it issues itself
 * moves past every such key it had issued; the restore is done.
 */
export function finishRestore(ctx: RestoreCtx, entered: NonNullable<ScopeMoves['entered']>): void {
  const { db } = ctx;
  const number = syncValue(db, 'workstation.number') ?? '0';
  db.transaction(() => {
    if (syncValue(db, 'scope') !== undefined) {
      const keepT = new Set(entered.tickets);
      const keepC = new Set(entered.customers);
      const tickets = (stmt<string>(db, 'SELECT id FROM tickets').pluck().all() as string[]).filter(
        (id) => !keepT.has(id),
      );
      const customers = (
        stmt<string>(db, 'SELECT id FROM customers').pluck().all() as string[]
      ).filter((id) => !keepC.has(id));
      leaveScope(ctx, { tickets, customers });
    }
    const marked = stmt<string>(db, 'SELECT key FROM tickets WHERE key LIKE ?')
      .pluck()
      .all(`%-W${number}-%`) as string[];
    const highest = Math.max(0, ...marked.map((k) => Number(k.slice(k.lastIndexOf('-') + 1)) || 0));
    raiseCounter(db, 'ticket.marked', highest);
    clearSyncValue(db, 'restored');
  })();
}
