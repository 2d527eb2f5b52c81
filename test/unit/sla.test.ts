import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { HOUR, MINUTE } from '../../src/shared/business-time.ts';
import { demoDesk, T0, validIntake, type TestDesk } from '../helpers/desk.ts';

/** T0 is Monday 23 November 2026, 09:00 in London: inside the desk's default hours (Mon–Fri 08–18). */
describe('SLA clocks on tickets, with an injected clock', () => {
  let t: TestDesk;
  let a: Connection;
  beforeEach(async () => {
    t = await demoDesk({ escalationRules: false });
    a = await t.as('analyst');
  });
  afterEach(() => t.close());

  /** One Critical ticket (impact 1, urgency 2 → P2: first response 30 business minutes). */
  async function critical(): Promise<string> {
    const input = await validIntake(t, a, 1);
    input.problems[0]!.urgency = 2;
    const r = await t.ok(a, 'intake.submit', input);
    expect(r.tickets[0]!.priority).toBe(2);
    return r.tickets[0]!.id;
  }
  const slaEvents = (id: string) =>
    t.desk.db
      .prepare(
        "SELECT type, at FROM ticket_events WHERE ticket_id = ? AND type LIKE 'sla_%' ORDER BY at, rowid",
      )
      .all(id) as {
      type: string;
      at: number;
    }[];
  const state = (id: string) =>
    t.desk.db.prepare('SELECT sla_state FROM tickets WHERE id = ?').pluck().get(id);

  it('stores the due times the policy and calendar give', async () => {
    const id = await critical();
    const row = t.desk.db
      .prepare(
        'SELECT response_due, update_due, resolution_due, sla_check_at, policy_version FROM tickets WHERE id = ?',
      )
      .get(id);
    expect(row).toEqual({
      response_due: T0 + 30 * MINUTE,
      update_due: T0 + 60 * MINUTE,
      resolution_due: T0 + 8 * HOUR, // 480 business minutes from 09:00 is 17:00 the same day
      sla_check_at: T0 + 22.5 * MINUTE,
      policy_version: 2, // version 1 with the escalation rules turned off
    });
  });

  it('moves on track → at risk → breached at the right second, one event each', async () => {
    const id = await critical();
    t.clock.set(T0 + 22.5 * MINUTE - 1000);
    t.desk.tickSla();
    expect(state(id)).toBe('on_track');
    t.clock.set(T0 + 22.5 * MINUTE);
    t.desk.tickSla();
    expect(state(id)).toBe('at_risk');
    t.desk.tickSla();
    t.clock.set(T0 + 30 * MINUTE - 1000);
    t.desk.tickSla();
    expect(state(id)).toBe('at_risk');
    t.clock.set(T0 + 30 * MINUTE);
    t.desk.tickSla();
    t.desk.tickSla();
    expect(state(id)).toBe('breached');
    expect(slaEvents(id)).toEqual([
      { type: 'sla_at_risk', at: T0 + 22.5 * MINUTE },
      { type: 'sla_breached', at: T0 + 30 * MINUTE },
    ]);
    expect(t.events.filter((e) => e.name === 'sla.changed')).toHaveLength(2);
  });

  it('a clock that jumps past both thresholds still writes each event once, in order', async () => {
    const id = await critical();
    t.clock.set(T0 + 3 * HOUR);
    t.desk.tickSla();
    t.desk.tickSla();
    t.clock.advance(HOUR);
    t.desk.tickSla();
    expect(slaEvents(id)).toEqual([
      { type: 'sla_at_risk', at: T0 + 22.5 * MINUTE },
      { type: 'sla_breached', at: T0 + 30 * MINUTE },
    ]);
  });

  it('waiting on the customer pauses the clocks; resuming moves the due time by the pause', async () => {
    const id = await critical();
    t.clock.set(T0 + 10 * MINUTE);
    let v = (await t.ok(a, 'tickets.move', { id, to: 'in_progress', version: 1 })).version; // first response
    const due = () =>
      t.desk.db
        .prepare('SELECT response_due, resolution_due FROM tickets WHERE id = ?')
        .get(id) as { response_due: number | null; resolution_due: number };
    expect(due().response_due).toBeNull(); // met: no longer running
    const before = due().resolution_due;
    // An update call keeps the hourly customer-update clock on track until the pause.
    t.clock.set(T0 + 50 * MINUTE);
    await t.ok(a, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'reached',
      summary: 'Asked the customer to test from another socket',
    });
    t.clock.set(T0 + HOUR);
    v = (await t.ok(a, 'tickets.move', { id, to: 'waiting_customer', version: v })).version;
    expect(due().resolution_due).toBeNull(); // paused: no due time
    t.clock.set(T0 + 3 * HOUR);
    t.desk.tickSla();
    expect(state(id)).toBe('on_track');
    await t.ok(a, 'tickets.move', { id, to: 'in_progress', version: v });
    // Two paused business hours push 17:00 past the 18:00 close: one hour Monday, one from 08:00 Tuesday.
    expect(before).toBe(T0 + 8 * HOUR);
    expect(due().resolution_due).toBe(T0 + 24 * HOUR);
    const pauses = t.desk.db
      .prepare('SELECT started_at, ended_at, reason FROM ticket_pauses WHERE ticket_id = ?')
      .all(id);
    expect(pauses).toEqual([
      { started_at: T0 + HOUR, ended_at: T0 + 3 * HOUR, reason: 'waiting_customer' },
    ]);
  });

  it('an override of the policy’s priority needs a reason, and the reason is in the history', async () => {
    const input = await validIntake(t, a, 1);
    input.problems[0] = { ...input.problems[0]!, impact: 3, urgency: 2, priority: 1 };
    const refused = await t.desk.call(a, 'intake.submit', input);
    expect(refused).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'problems.0.priorityReason', rule: 'required' }] },
    });
    input.problems[0]!.priorityReason = 'Trading floor, market opens at 10:00';
    const r = await t.ok(a, 'intake.submit', input);
    expect(r.tickets[0]!.priority).toBe(1);
    const detail = await t.ok(a, 'tickets.get', { id: r.tickets[0]!.id });
    expect(detail.events).toHaveLength(1); // one mutation, one event
    expect(detail.events[0]).toMatchObject({
      type: 'created',
      data: {
        priority: 1,
        priorityFromPolicy: 3,
        overrideReason: 'Trading floor, market opens at 10:00',
      },
    });
  });

  it('a planned event is due at its window, not from its creation', async () => {
    const input = await validIntake(t, a, 1);
    const windowStart = T0 + 7 * 24 * HOUR;
    input.problems[0] = {
      ...input.problems[0]!,
      impact: 3,
      urgency: 3,
      plannedStart: windowStart,
      plannedEnd: windowStart + 2 * HOUR,
    };
    const r = await t.ok(a, 'intake.submit', input);
    expect(r.tickets[0]!.priority).toBe(4);
    const row = t.desk.db
      .prepare('SELECT response_due, resolution_due, update_due FROM tickets WHERE id = ?')
      .get(r.tickets[0]!.id);
    expect(row).toEqual({
      response_due: windowStart,
      resolution_due: windowStart + 2 * HOUR,
      update_due: null,
    });
  });

  it('a change of priority recomputes the clocks, and an override needs a reason', async () => {
    const id = await critical(); // P2: first response due 09:30
    t.clock.set(T0 + 5 * MINUTE);
    const refused = await t.desk.call(a, 'tickets.setPriority', {
      id,
      version: 1,
      impact: 1,
      urgency: 2,
      priority: 1,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'reason', rule: 'required' }] },
    });
    // Re-rated by the matrix to P1 (round the clock, 15 minutes): due 09:15.
    const card = await t.ok(a, 'tickets.setPriority', { id, version: 1, impact: 1, urgency: 1 });
    expect(card.priority).toBe(1);
    expect(card.nextDueAt).toBe(T0 + 15 * MINUTE);
    const detail = await t.ok(a, 'tickets.get', { id });
    expect(detail.events.map((e) => e.type)).toContain('priority_changed');
    expect(detail.sla.responseDue).toBe(T0 + 15 * MINUTE);
  });
});

/** The default policy's targets, opened Monday 09:00 London (desk hours Mon–Fri 08:00–18:00). */
describe('the default targets, per priority', () => {
  let t: TestDesk;
  let a: Connection;
  beforeEach(async () => {
    t = await demoDesk({ escalationRules: false });
    a = await t.as('analyst');
  });
  afterEach(() => t.close());

  it.each([
    // impact, urgency, priority, first response, next update, resolution, as offsets from T0.
    // Business clocks count the desk's 10 hours a day: Monday from 09:00 holds 9, each weekday after 10.
    [1, 1, 1, 15 * MINUTE, 30 * MINUTE, 4 * HOUR], // round the clock
    [1, 2, 2, 30 * MINUTE, 60 * MINUTE, 8 * HOUR], // 480 min: 17:00 today
    [2, 2, 3, 4 * HOUR, 52 * HOUR, 218 * HOUR], // 24 business hours: Wed 13:00; 72: next Wed 11:00
    [3, 3, 4, 52 * HOUR, 104 * HOUR, 536 * HOUR], // no window, so from creation: Wed 13:00; Fri 17:00; Tue 17:00 in week 4
  ] as const)(
    'impact %d × urgency %d → P%d with its targets',
    async (impact, urgency, priority, response, update, resolution) => {
      const input = await validIntake(t, a, 1);
      input.problems[0] = { ...input.problems[0]!, impact, urgency };
      const r = await t.ok(a, 'intake.submit', input);
      expect(r.tickets[0]!.priority).toBe(priority);
      const d = await t.ok(a, 'tickets.get', { id: r.tickets[0]!.id });
      expect([d.sla.responseDue! - T0, d.sla.updateDue! - T0, d.sla.resolutionDue! - T0]).toEqual([
        response,
        update,
        resolution,
      ]);
    },
  );
});

/**
 * The policy takes targets of up to ten years of minutes and the calendar any opening hours of
 * at least one interval a week, so a business-hours target can lie decades of calendar away.
 * Such a target has no due time (nothing is due within the ten years business time is looked
 * ahead); the call is saved, and call-backs and rules that far away are not scheduled.
 */
describe('targets beyond the ten-year horizon of the calendar', () => {
  let t: TestDesk;
  let a: Connection;
  beforeEach(async () => {
    t = await demoDesk();
    a = await t.as('analyst');
    const s = await t.as('supervisor');
    // Open one minute a week: Monday 09:00–09:01 in London.
    await t.ok(s, 'calendar.update', {
      timeZone: 'Europe/London',
      week: { '1': [[540, 541]] },
      holidays: [],
    });
  });
  afterEach(() => t.close());

  it('a call is saved; what the calendar cannot reach within ten years has no due time and no call-back', async () => {
    // Tier 1 may hold a ticket for a year of business minutes: a rule deadline decades away.
    const s = await t.as('supervisor');
    const policy = await t.ok(s, 'policy.get', {});
    await t.ok(s, 'policy.update', {
      expectedVersion: policy.version,
      body: {
        ...policy.body,
        escalation: { ...policy.body.escalation, maxInTierMin: [525_600, null] },
      },
    });
    // P3, business hours: response 240 minutes (240 weeks, within ten years), update 1,440 and
    // resolution 4,320 minutes (decades away), a retry after 120 minutes (120 weeks).
    const input = await validIntake(t, a, 1);
    input.problems[0] = { ...input.problems[0]!, impact: 2, urgency: 2 };
    const r = await t.desk.call(a, 'intake.submit', input);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    const id = r.value.tickets[0]!.id;
    const d = await t.ok(a, 'tickets.get', { id });
    expect(d.sla.responseDue).toBeGreaterThan(T0 + 4 * 365 * 24 * HOUR);
    expect([d.sla.updateDue, d.sla.resolutionDue, d.callback]).toEqual([null, null, null]);
    await t.ok(a, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'no_answer',
      summary: 'Rang, nobody answered',
    });
    const after = await t.ok(a, 'tickets.get', { id });
    expect(after.callback).toMatchObject({ kind: 'retry' });
    expect(after.callback!.dueAt).toBeGreaterThan(T0 + 2 * 365 * 24 * HOUR);
    t.clock.advance(30 * 24 * HOUR);
    expect(() => t.desk.tickSla()).not.toThrow();
  });
});
