/**
 * Two workstations of one desk through a hub (the model of hub's contract): the first sends the
 * desk whole, the second receives it and signs its users in; work on one reaches the other;
 * edits made while apart merge field by field, and a value that lost is in the ticket's history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { ModelHub } from '../helpers/model-hub.ts';
import { join, replicatedRows, round } from '../helpers/sync-desks.ts';

describe('sync between workstations', () => {
  const open: TestDesk[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  async function pair() {
    const hub = new ModelHub();
    const a = await demoDesk({ escalationRules: false });
    const b = await demoDesk({ empty: true });
    open.push(a, b);
    const ha = hub.transport();
    const hb = hub.transport();
    await join(a, ha, 'first');
    await round(a, ha);
    await join(b, hb, 'second');
    await round(b, hb);
    return { hub, a, b, ha, hb };
  }

  it('sends the desk whole to a new workstation, whose users then sign in there', async () => {
    const { a, b } = await pair();
    expect(replicatedRows(b.desk.db)).toEqual(replicatedRows(a.desk.db));
    const conn = await b.as('analyst');
    const info = await b.ok(conn, 'desk.info', {});
    expect(info.queues.length).toBeGreaterThan(0);
  });

  it('takes a call on one workstation and shows it on the other, with a key neither reuses', async () => {
    const { a, b, ha, hb } = await pair();
    const ca = await a.as('analyst');
    const cb = await b.as('analyst');
    const one = await a.ok(ca, 'intake.submit', await validIntake(a, ca, 2));
    const two = await b.ok(cb, 'intake.submit', {
      ...(await validIntake(b, cb, 1)),
      accountNumber: 'LW-9002',
    });
    await round(a, ha);
    await round(b, hb);
    await round(a, ha);
    const keys = [...one.tickets, ...two.tickets].map((t) => t.key);
    expect(new Set(keys).size).toBe(3);
    for (const t of [a, b]) {
      const n = t.desk.db
        .prepare(`SELECT count(*) FROM tickets WHERE key IN (${keys.map(() => '?').join(',')})`)
        .pluck()
        .get(...keys);
      expect(n).toBe(3);
    }
    expect(replicatedRows(b.desk.db)).toEqual(replicatedRows(a.desk.db));
  });

  it('merges edits made apart field by field and keeps the value that lost in the history', async () => {
    const { a, b, ha, hb } = await pair();
    const ca = await a.as('analyst');
    const cb = await b.as('supervisor');
    const got = await a.ok(ca, 'intake.submit', await validIntake(a, ca, 1));
    const id = got.tickets[0]!.id;
    await round(a, ha);
    await round(b, hb);
    // Apart: both rename it, and one of them also moves it.
    a.clock.advance(1000);
    b.clock.advance(2000);
    await a.ok(ca, 'tickets.update', { id, version: 1, changes: { title: 'Renamed on A' } });
    const moved = await b.ok(cb, 'tickets.move', { id, version: 1, to: 'in_progress' });
    await b.ok(cb, 'tickets.update', {
      id,
      version: moved.version,
      changes: { title: 'Renamed on B' },
    });
    await round(a, ha);
    await round(b, hb);
    await round(a, ha);
    expect(replicatedRows(b.desk.db)).toEqual(replicatedRows(a.desk.db));
    const detail = await b.ok(cb, 'tickets.get', { id });
    expect(detail.title).toBe('Renamed on B');
    expect(detail.status).toBe('in_progress');
    const conflicts = detail.events.filter((e) => e.type === 'conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.data).toMatchObject({
      field: 'title',
      kept: { value: 'Renamed on B' },
      lost: { value: 'Renamed on A' },
    });
  });
});
