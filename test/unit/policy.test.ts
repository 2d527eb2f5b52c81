import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DEFAULT_POLICY } from '../../src/shared/policy.ts';
import { demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('the priority policy and the desk calendar', () => {
  let t: TestDesk;
  let analyst: Connection;
  let supervisor: Connection;
  beforeEach(async () => {
    t = await demoDesk();
    analyst = await t.as('analyst');
    supervisor = await t.as('supervisor');
  });
  afterEach(() => t.close());

  it.each([
    [1, 1, 1],
    [1, 2, 2],
    [1, 3, 3],
    [2, 1, 2],
    [2, 2, 3],
    [2, 3, 3],
    [3, 1, 3],
    [3, 2, 3],
    [3, 3, 4],
  ] as const)(
    'the default matrix rates impact %d × urgency %d as P%d',
    async (impact, urgency, want) => {
      const input = await validIntake(t, analyst, 1);
      input.problems[0] = { ...input.problems[0]!, impact, urgency };
      expect((await t.ok(analyst, 'intake.submit', input)).tickets[0]!.priority).toBe(want);
    },
  );

  it('a supervisor changes the matrix: a new version, a desk event, the next intake follows it, old tickets keep theirs', async () => {
    const first = await t.ok(analyst, 'intake.submit', await validIntake(t, analyst, 1));
    const p = await t.ok(analyst, 'policy.get', {});
    expect(p.version).toBe(1);
    expect(p.body.priorities.map((l) => l.label)).toEqual([
      'Business failure',
      'Critical',
      'Routine service',
      'Planned event',
    ]);
    const body = structuredClone(DEFAULT_POLICY);
    body.matrix[0]![2] = 1; // high impact, low urgency is now a business failure
    body.priorities[0]!.label = 'Outage';
    const v2 = await t.ok(supervisor, 'policy.update', { body, expectedVersion: 1 });
    expect(v2.version).toBe(2);
    expect(v2.history.map((h) => [h.version, h.by])).toEqual([
      [2, 'Sophie Laurent'],
      [1, null],
    ]);
    const input = await validIntake(t, analyst, 1);
    input.accountNumber = 'LW-2';
    input.problems[0] = { ...input.problems[0]!, impact: 1, urgency: 3 };
    const second = await t.ok(analyst, 'intake.submit', input);
    expect(second.tickets[0]!.priority).toBe(1);
    const versions = t.desk.db
      .prepare('SELECT key, policy_version FROM tickets ORDER BY key')
      .all();
    expect(versions).toEqual([
      { key: first.tickets[0]!.key, policy_version: 1 },
      { key: second.tickets[0]!.key, policy_version: 2 },
    ]);
    expect(t.desk.db.prepare('SELECT type, data FROM desk_events').all()).toEqual([
      { type: 'policy_changed', data: '{"from":1,"to":2}' },
    ]);
    expect((await t.ok(analyst, 'desk.info', {})).policy.body.priorities[0]!.label).toBe('Outage');
  });

  it('analysts cannot change the policy or the calendar; stale edits conflict; bad policies are refused; nothing changes', async () => {
    const before = fingerprint(t.desk);
    expect(
      await t.desk.call(analyst, 'policy.update', { body: DEFAULT_POLICY, expectedVersion: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await t.desk.call(analyst, 'calendar.update', {
        timeZone: 'Europe/Paris',
        week: { '1': [[540, 1020]] },
        holidays: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await t.desk.call(supervisor, 'policy.update', { body: DEFAULT_POLICY, expectedVersion: 7 }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bad = structuredClone(DEFAULT_POLICY);
    bad.matrix[1]![1] = 9;
    bad.priorities[2]!.resolutionMin = 10;
    const r = await t.desk.call(supervisor, 'policy.update', { body: bad, expectedVersion: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok)
      expect(r.error.issues.map((i) => i.path).sort()).toEqual([
        'body.matrix.1.1',
        'body.priorities.2.resolutionMin',
      ]);
    const tz = await t.desk.call(supervisor, 'calendar.update', {
      timeZone: 'Mars/Olympus_Mons',
      week: { '1': [[540, 1020]] },
      holidays: [],
    });
    expect(tz).toMatchObject({ ok: false, error: { issues: [{ path: 'timeZone' }] } });
    const closed = await t.desk.call(supervisor, 'calendar.update', {
      timeZone: 'Europe/Paris',
      week: {},
      holidays: [],
    });
    expect(closed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('a supervisor sets the calendar: zone, hours, holidays; it is recorded', async () => {
    const cal = await t.ok(supervisor, 'calendar.update', {
      timeZone: 'Asia/Riyadh',
      week: {
        '7': [[480, 960]],
        '1': [[480, 960]],
        '2': [[480, 960]],
        '3': [[480, 960]],
        '4': [[480, 960]],
      },
      holidays: ['2026-09-23', '2026-09-23'],
    });
    expect(cal).toMatchObject({ timeZone: 'Asia/Riyadh', holidays: ['2026-09-23'] });
    expect((await t.ok(analyst, 'policy.get', {})).calendar.timeZone).toBe('Asia/Riyadh');
    expect(t.desk.db.prepare('SELECT type FROM desk_events').pluck().all()).toEqual([
      'calendar_changed',
    ]);
  });
});
