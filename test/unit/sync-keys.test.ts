/**
 * Ticket numbers for a workstation that may be away from the hub for a week: it keeps a week of
 * its usual work in hand, leases more as its work grows, and says when less than a day is left.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoDesk, type TestDesk } from '../helpers/desk.ts';
import { ModelHub } from '../helpers/model-hub.ts';
import { join, round } from '../helpers/sync-desks.ts';
import {
  addKeyBlock,
  KEYS_BLOCK,
  keysLeft,
  keysLow,
  keysWanted,
  nextTicketKey,
  weeklyKeyUse,
} from '../../src/core/sync/keys.ts';

const DAY = 86_400_000;

describe('ticket numbers for a week away', () => {
  const open: TestDesk[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  it('keeps a week of the workstation’s usual work in hand, and says when less than a day is left', async () => {
    const hub = new ModelHub();
    const t = await demoDesk({ escalationRules: false });
    open.push(t);
    await join(t, hub.transport());
    await round(t, hub.transport());
    const db = t.desk.db;
    const now = t.clock.now();
    // A new workstation has no usual work yet: one block.
    expect(keysLeft(db)).toBe(KEYS_BLOCK);
    expect(keysWanted(db, now)).toBe(0);

    // A busy week: 300 calls a day, keys issued as intake issues them.
    const issue = (n: number, at: number) =>
      db.transaction(() => {
        for (let i = 0; i < n; i++) nextTicketKey(db, 'LON', at);
      })();
    for (let d = 6; d >= 0; d--) {
      const at = now - d * DAY;
      if (keysLeft(db) < 300)
        addKeyBlock(db, { from: 100_000 + d * 1000, to: 100_000 + d * 1000 + 1000 });
      issue(300, at);
    }
    expect(weeklyKeyUse(db, now)).toBe(2100);
    const left = keysLeft(db);
    // Fewer than a week's 2,100 in hand: it asks for half a week more than that, in one lease.
    expect(keysWanted(db, now)).toBe(Math.ceil(2100 * 1.5) - left);
    await round(t, hub.transport());
    expect(keysLeft(db)).toBe(Math.ceil(2100 * 1.5));
    expect(keysWanted(db, now)).toBe(0);
    expect(keysLow(db, now)).toBe(false);

    // Away from the hub, the numbers run down: under a day's 300, the header says so.
    issue(keysLeft(db) - 299, now);
    expect(keysLow(db, now)).toBe(true);
    expect(t.desk.sync.status()).toMatchObject({ keysLow: true, keysLeft: 299 });
    // A fortnight later, the old week no longer counts: a quiet desk wants only its block.
    const later = now + 14 * DAY;
    expect(weeklyKeyUse(db, later)).toBe(0);
    expect(keysLow(db, later)).toBe(false);
  });
});
