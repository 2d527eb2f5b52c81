/**
 * The desk's enrolled workstations, over a real hub and PostgreSQL: an admin lists them with what
 * each last said of itself (its release, its changes waiting) and revokes one in one step; the
 * revoked one is stopped at its next contact, its changes are kept on it and never reach the
 * desk, and it says why.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { hubDatabase } from '../helpers/hub.ts';
import { startHubProcess, type HubProcess } from '../helpers/hub-process.ts';
import { createDesk, createJoinCode } from '../../src/hub/access.ts';
import { syncValue } from '../../src/core/sync/state.ts';
import { httpTransport } from '../../src/core/sync/http.ts';
import { compareReleases, OLDEST_RELEASE, RELEASE } from '../../src/shared/sync.ts';

let db: Awaited<ReturnType<typeof hubDatabase>>;
let hub: HubProcess;
const open: TestDesk[] = [];

beforeAll(async () => {
  db = await hubDatabase();
  hub = await startHubProcess(db.url);
});
afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
  await hub?.stop();
  await db?.pool.end();
});

const settle = async (...ts: TestDesk[]) => {
  for (const t of ts) {
    t.desk.sync.nudge();
    await t.desk.sync.settled();
  }
};

describe('enrolled workstations', () => {
  it('says its release as package.json does', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(RELEASE).toBe(pkg.version);
  });

  it('orders releases by their numbers, and serves this one', () => {
    expect(compareReleases('1.10.0', '1.9.2')).toBe(1);
    expect(compareReleases('0.1.0', '0.1')).toBe(0);
    expect(compareReleases('0.1.0-beta.2', '0.1.0')).toBe(0);
    expect(compareReleases('0.0.9', '0.1.0')).toBe(-1);
    expect(compareReleases(RELEASE, OLDEST_RELEASE)).toBeGreaterThanOrEqual(0);
  });

  it('a workstation of a release older than the hub serves is told to update, and joins nothing', async () => {
    await createDesk(db.pool, { id: 'OLD', name: 'Old release desk' });
    const old = await demoDesk({
      empty: true,
      hubTransport: (url, token, report) =>
        httpTransport(url, token, () => ({ ...report!(), release: '0.0.9' })),
    });
    open.push(old);
    const r = await old.desk.call(old.desk.connect(), 'sync.join', {
      url: hub.url,
      code: (await createJoinCode(db.pool, 'OLD')).code,
      name: 'Old laptop',
    });
    expect(r.ok || r.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/runs Switchboard 0\.0\.9.*update Switchboard/),
    });
    expect(old.desk.sync.status()).toMatchObject({ joined: false });
    const joined = await db.pool.query(
      "SELECT count(*)::int AS n FROM workstations WHERE desk_id = 'OLD'",
    );
    expect(joined.rows[0].n).toBe(0);
  });

  it('an admin lists the workstations and revokes one, which stops at its next contact and keeps its changes', async () => {
    await createDesk(db.pool, { id: 'DEV', name: 'Devices desk' });
    const a = await demoDesk({ escalationRules: false });
    const b = await demoDesk({ empty: true });
    open.push(a, b);
    const admin = await a.as('admin');
    await a.ok(admin, 'sync.join', {
      url: hub.url,
      code: (await createJoinCode(db.pool, 'DEV')).code,
      name: 'Front desk',
    });
    await b.ok(b.desk.connect(), 'sync.join', {
      url: hub.url,
      code: (await createJoinCode(db.pool, 'DEV')).code,
      name: 'Field laptop 7',
    });
    await settle(a, b);

    const list = await a.ok(admin, 'sync.workstations', {});
    expect(list.self).toBe(syncValue(a.desk.db, 'workstation.id'));
    expect(list.workstations.map((w) => [w.name, w.number, w.release, w.waiting])).toEqual([
      ['Front desk', 1, RELEASE, 0],
      ['Field laptop 7', 2, RELEASE, 0],
    ]);
    expect(list.workstations.every((w) => w.lastSeen !== null && w.revokedAt === null)).toBe(true);

    // An analyst may not see the list; an admin may not revoke the workstation they are on.
    const analyst = await a.as('analyst');
    const peek = await a.desk.call(analyst, 'sync.workstations', {});
    expect(peek.ok || peek.error.code).toBe('FORBIDDEN');
    const self = await a.desk.call(admin, 'sync.revokeWorkstation', { id: list.self });
    expect(self.ok || self.error.code).toBe('VALIDATION');

    const laptop = list.workstations[1]!;
    const revoked = await a.ok(admin, 'sync.revokeWorkstation', { id: laptop.id });
    expect(revoked.workstations.find((w) => w.id === laptop.id)?.revokedAt).not.toBeNull();
    const twice = await a.desk.call(admin, 'sync.revokeWorkstation', { id: laptop.id });
    expect(twice.ok || twice.error.code).toBe('NOT_FOUND');

    // The laptop still takes the call (acknowledged on its disk), but the hub takes nothing from it.
    const there = await b.as('analyst');
    const call = await b.ok(there, 'intake.submit', await validIntake(b, there, 1));
    await settle(b);
    expect(b.desk.sync.status()).toMatchObject({
      state: 'refused',
      error: expect.stringMatching(/removed from the desk/),
    });
    expect(b.desk.sync.status().waiting).toBeGreaterThan(0);
    await settle(a);
    const onA = await a.desk.call(analyst, 'tickets.get', { id: call.tickets[0]!.id });
    expect(onA.ok || onA.error.code).toBe('NOT_FOUND');
    const stored = await db.pool.query(
      'SELECT count(*)::int AS n FROM changes WHERE workstation_id = $1 AND tbl = $2',
      [laptop.id, 'tickets'],
    );
    expect(stored.rows[0].n).toBe(0);
  });
});
