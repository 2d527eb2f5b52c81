/**
 * Sync as the desk process runs it: joined through `sync.join` (an admin on the desk's first
 * workstation, anyone on a new one), a round after each save, the indicator's states announced,
 * work going on while the hub is away and reaching it when it is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { ModelHub } from '../helpers/model-hub.ts';
import { HubUnavailable } from '../../src/core/sync/client.ts';

describe('sync in the desk process', () => {
  const open: TestDesk[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  it('joins, sends each save at once, and says how it stands', async () => {
    const hub = new ModelHub();
    const a = await demoDesk({ escalationRules: false, hubTransport: () => hub.transport() });
    const b = await demoDesk({ empty: true, hubTransport: () => hub.transport() });
    open.push(a, b);
    const admin = await a.as('admin');
    const analyst = await a.as('analyst');
    const join = { url: 'https://hub.example', code: 'JOIN-CODE-0001', name: 'Front desk 1' };

    // Only an admin joins a desk that has people; a bad address is refused at the field.
    const refused = await a.desk.call(analyst, 'sync.join', join);
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const bad = await a.desk.call(admin, 'sync.join', { ...join, url: 'hub' });
    expect(bad.ok || bad.error.issues.map((i) => i.path)).toEqual(['url']);
    expect(await a.ok(analyst, 'sync.status', {})).toMatchObject({ joined: false, state: 'off' });

    const joined = await a.ok(admin, 'sync.join', join);
    expect(joined).toMatchObject({ joined: true, state: 'in_sync', waiting: 0, workstation: 1 });
    expect(joined.keysLeft).toBeGreaterThan(0);
    expect((await a.desk.call(admin, 'sync.join', join)).ok).toBe(false);

    // A new workstation, nobody on it yet: joins and receives the desk, then its people sign in.
    const fresh = b.desk.connect();
    const second = await b.ok(fresh, 'sync.join', { ...join, name: 'Front desk 2' });
    expect(second).toMatchObject({ joined: true, workstation: 2 });
    const there = await b.as('analyst');

    const got = await a.ok(analyst, 'intake.submit', await validIntake(a, analyst, 1));
    await a.desk.sync.settled();
    expect(a.desk.sync.status().waiting).toBe(0);
    b.desk.sync.nudge();
    await b.desk.sync.settled();
    const seen = await b.ok(there, 'tickets.get', { id: got.tickets[0]!.id });
    expect(seen.key).toBe(got.tickets[0]!.key);
    expect(b.events).toContainEqual({
      name: 'tickets.changed',
      payload: { ids: expect.arrayContaining([got.tickets[0]!.id]), reason: 'synced' },
    });

    // The hub away: the save is acknowledged here, waits, and goes when the hub is back.
    hub.down = true;
    await a.ok(analyst, 'intake.submit', {
      ...(await validIntake(a, analyst, 1)),
      accountNumber: 'LW-7001',
    });
    await a.desk.sync.settled();
    expect(a.desk.sync.status()).toMatchObject({ state: 'unreachable' });
    expect(a.desk.sync.status().waiting).toBeGreaterThan(0);
    const announced = a.events.filter((e) => e.name === 'sync.changed');
    expect(announced.map((e) => (e.payload as { state: string }).state)).toContain('unreachable');
    hub.down = false;
    a.desk.sync.nudge();
    await a.desk.sync.settled();
    expect(a.desk.sync.status()).toMatchObject({ state: 'in_sync', waiting: 0 });
  });

  it('says how many changes the hub refused and why, and sends the rest', async () => {
    const hub = new ModelHub();
    const a = await demoDesk({ escalationRules: false, hubTransport: () => hub.transport() });
    open.push(a);
    const admin = await a.as('admin');
    const analyst = await a.as('analyst');
    await a.ok(admin, 'sync.join', {
      url: 'https://hub.example',
      code: 'JOIN-CODE-0001',
      name: 'A',
    });
    hub.refuse = (c) =>
      c.table === 'queues'
        ? 'queues: changing it needs the admin role, and this person is not'
        : null;
    const before = hub.log.length;
    const dir = await a.ok(admin, 'admin.directory', {});
    const q = dir.queues[0]!;
    await a.ok(admin, 'queues.update', {
      id: q.id,
      expectedVersion: q.version,
      code: q.code,
      name: `${q.name} (renamed)`,
    });
    await a.ok(analyst, 'intake.submit', await validIntake(a, analyst, 1));
    await a.desk.sync.settled();
    const s = a.desk.sync.status();
    expect(s).toMatchObject({ state: 'in_sync', waiting: 0 });
    expect(s.refused).toEqual({
      count: 1,
      code: 'FORBIDDEN',
      message: expect.stringMatching(/needs the admin role/),
    });
    const sent = hub.log.slice(before).map((c) => c.table);
    expect(sent).toContain('tickets');
    expect(sent).not.toContain('queues');
    // Said to the people who look: the header's status carries it.
    expect(await a.ok(analyst, 'sync.status', {})).toMatchObject({ refused: { count: 1 } });
  });

  it('asks the hub for join codes as the signed-in admin, and says the hub’s refusal', async () => {
    const hub = new ModelHub();
    const asked: unknown[] = [];
    const a = await demoDesk({
      escalationRules: false,
      hubTransport: () => ({
        ...hub.transport(),
        createJoinCode: (r) => {
          asked.push(r);
          return Promise.reject(new HubUnavailable('FORBIDDEN', 'This needs the admin role'));
        },
      }),
    });
    open.push(a);
    const admin = await a.as('admin');
    const analyst = await a.as('analyst');
    const early = await a.desk.call(admin, 'sync.createJoinCode', { hours: 8 });
    expect(early.ok || early.error.code).toBe('CONFLICT');
    await a.ok(admin, 'sync.join', {
      url: 'https://hub.example',
      code: 'JOIN-CODE-0001',
      name: 'A',
    });
    const r = await a.desk.call(admin, 'sync.createJoinCode', { hours: 8 });
    expect(r.ok || [r.error.code, r.error.message]).toEqual([
      'FORBIDDEN',
      'This needs the admin role',
    ]);
    expect(asked).toEqual([{ author: admin.user!.id, hours: 8 }]);
    const notAdmin = await a.desk.call(analyst, 'sync.createJoinCode', { hours: 8 });
    expect(notAdmin.ok || notAdmin.error.code).toBe('FORBIDDEN');
    expect(asked).toHaveLength(1);
    const bad = await a.desk.call(admin, 'sync.createJoinCode', { hours: 1000 });
    expect(bad.ok || bad.error.code).toBe('VALIDATION');
  });
});
