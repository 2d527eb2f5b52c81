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

  /** Two workstations of one desk, joined and in sync; the first's escalation rules as asked. */
  async function pair(escalationRules = false) {
    const hub = new ModelHub();
    const a = await demoDesk({ escalationRules });
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

  it('lists the conflict for supervisors, and takes the value that lost in one step, as a new edit', async () => {
    const { a, b, ha, hb } = await pair();
    const ca = await a.as('analyst');
    const cb = await b.as('analyst');
    const got = await a.ok(ca, 'intake.submit', await validIntake(a, ca, 1));
    const id = got.tickets[0]!.id;
    await round(a, ha);
    await round(b, hb);
    a.clock.advance(1000);
    b.clock.advance(2000);
    await a.ok(ca, 'tickets.update', { id, version: 1, changes: { title: 'Renamed on A' } });
    await b.ok(cb, 'tickets.update', { id, version: 1, changes: { title: 'Renamed on B' } });
    await round(a, ha);
    await round(b, hb);
    await round(a, ha);

    const refused = await b.desk.call(cb, 'conflicts.list', {});
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const sup = await b.as('supervisor');
    const list = await b.ok(sup, 'conflicts.list', {});
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item).toMatchObject({
      ticket: { id, key: got.tickets[0]!.key, title: 'Renamed on B' },
      field: 'title',
      kept: { value: 'Renamed on B' },
      lost: { value: 'Renamed on A' },
      canTake: true,
    });
    expect(item!.kept.by).not.toMatch(/^[0-9a-f-]{36}$/);

    // Taken: the ticket has the other value, by an edit in its history; the list says it is done.
    const after = await b.ok(sup, 'conflicts.take', { id: item!.id });
    expect(after.items[0]).toMatchObject({ id: item!.id, canTake: false });
    const detail = await b.ok(sup, 'tickets.get', { id });
    expect(detail.title).toBe('Renamed on A');
    expect(detail.events).toContainEqual(
      expect.objectContaining({
        type: 'fields_changed',
        data: { changes: [{ field: 'title', from: 'Renamed on B', to: 'Renamed on A' }] },
      }),
    );
    const again = await b.desk.call(sup, 'conflicts.take', { id: item!.id });
    expect(again.ok || again.error.code).toBe('CONFLICT');
    const none = await b.desk.call(sup, 'conflicts.take', { id: crypto.randomUUID() });
    expect(none.ok || none.error.code).toBe('NOT_FOUND');

    // It is a change like any other: the other workstation has it after the next rounds.
    await round(b, hb);
    await round(a, ha);
    expect((await a.ok(ca, 'tickets.get', { id })).title).toBe('Renamed on A');
    expect(replicatedRows(b.desk.db)).toEqual(replicatedRows(a.desk.db));
  });

  it('records a breach and the rule it fires once per desk, though both workstations noticed', async () => {
    const { a, b, ha, hb } = await pair(true);
    const ca = await a.as('analyst');
    const got = await a.ok(ca, 'intake.submit', await validIntake(a, ca, 1));
    const id = got.tickets[0]!.id;
    await round(a, ha);
    await round(b, hb);
    // Both apart when the response target passes: each notices, each escalates.
    for (const t of [a, b]) {
      t.clock.advance(3 * 24 * 3600_000);
      while (t.desk.tickSla() > 0);
    }
    const kinds = (t: TestDesk) =>
      t.desk.db
        .prepare('SELECT type FROM ticket_events WHERE ticket_id = ? ORDER BY type')
        .pluck()
        .all(id) as string[];
    expect(kinds(a)).toContain('escalated');
    expect(kinds(b)).toContain('escalated');
    await round(a, ha);
    await round(b, hb);
    await round(a, ha);
    expect(replicatedRows(b.desk.db)).toEqual(replicatedRows(a.desk.db));
    const once = (t: TestDesk, type: string) => kinds(t).filter((k) => k === type).length;
    for (const t of [a, b]) {
      expect(once(t, 'escalated')).toBe(1);
      expect(once(t, 'sla_breached')).toBe(1);
      expect(
        t.desk.db.prepare('SELECT count(*) FROM escalations WHERE ticket_id = ?').pluck().get(id),
      ).toBe(1);
    }
  });

  it('refuses a person disabled on one workstation on every other after the next sync', async () => {
    const { a, b, ha, hb } = await pair();
    const signedIn = await b.as('analyst');
    const admin = await a.as('admin');
    const dir = await a.ok(admin, 'admin.directory', {});
    const person = dir.people.find((p) => p.username === 'analyst')!;
    await a.ok(admin, 'users.setActive', {
      id: person.id,
      expectedVersion: person.version,
      active: false,
    });
    await round(a, ha);
    await round(b, hb);
    // The session open on the other workstation ends, and a new sign-in there is refused.
    const r = await b.desk.call(signedIn, 'desk.info', {});
    expect(r.ok || r.error.code).toBe('UNAUTHENTICATED');
    const again = await b.desk.call(b.desk.connect(), 'auth.signIn', {
      username: 'analyst',
      password: 'switchboard',
    });
    expect(again.ok).toBe(false);
  });
});
