/**
 * The outbox keeps what the hub has not acknowledged, and a month of what it has: older
 * acknowledged changes go, a batch a round, never the newest (it holds the clock's last reading).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { ModelHub } from '../helpers/model-hub.ts';
import { join, round } from '../helpers/sync-desks.ts';
import { lastHlc } from '../../src/core/sync/state.ts';
import { OUTBOX_KEEP_MS, trimOutbox } from '../../src/core/sync/outbox.ts';

describe('the outbox over time', () => {
  const open: TestDesk[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  it('drops acknowledged changes older than a month, oldest first, and keeps the rest', async () => {
    const hub = new ModelHub();
    const t = await demoDesk({ escalationRules: false });
    open.push(t);
    const db = t.desk.db;
    const count = () => db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    await join(t, hub.transport());
    await round(t, hub.transport());
    const founded = count();
    expect(founded).toBeGreaterThan(0);

    // A month on: a call taken while the hub is away stays (not acknowledged), the desk's
    // founding changes go, in batches, down to the newest.
    t.clock.advance(OUTBOX_KEEP_MS + 60_000);
    const analyst = await t.as('analyst');
    hub.down = true;
    await t.ok(analyst, 'intake.submit', await validIntake(t, analyst, 1));
    const waiting = db
      .prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL')
      .pluck()
      .get() as number;
    expect(waiting).toBeGreaterThan(0);
    const before = lastHlc(db);
    expect(db.transaction(() => trimOutbox(db, t.clock.now(), 10))()).toBe(10);
    expect(count()).toBe(founded + waiting - 10);
    while (db.transaction(() => trimOutbox(db, t.clock.now(), 10))() > 0);
    expect(count()).toBe(waiting);
    expect(lastHlc(db)).toBe(before);

    // Back with the hub: pushed, and kept for a month like the rest.
    hub.down = false;
    await round(t, hub.transport());
    expect(count()).toBe(waiting);
    expect(db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get()).toBe(0);
    expect(hub.log.length).toBeGreaterThanOrEqual(founded + waiting);
  });
});
