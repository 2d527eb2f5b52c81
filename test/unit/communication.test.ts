import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { DAY, HOUR, MINUTE } from '../../src/shared/business-time.ts';
import type { Input } from '../../src/shared/contract.ts';
import {
  answerRequired,
  closingCall,
  demoDesk,
  fingerprint,
  T0,
  validIntake,
  type TestDesk,
} from '../helpers/desk.ts';

/**
 * T0 is Monday 23 November 2026, 09:00 in London (UTC+0 in November); the desk opens Mon–Fri
 * 08:00–18:00. Default policy: update every 30 min round the clock (P1), 60 / 1440 / 2880 business
 * minutes (P2–P4); retry after 10 / 20 / 120 / 240 minutes.
 */
describe('customer communication, with an injected clock', () => {
  let t: TestDesk;
  let a: Connection;
  let s: Connection;
  beforeEach(async () => {
    t = await demoDesk({ escalationRules: false });
    a = await t.as('analyst');
    s = await t.as('supervisor');
  });
  afterEach(() => t.close());

  /** impact × urgency for each priority in the default matrix. */
  const RATING = { 1: [1, 1], 2: [1, 2], 3: [1, 3], 4: [3, 3] } as const;

  async function ticketOf(priority: 1 | 2 | 3 | 4, conn = a): Promise<{ id: string; key: string }> {
    const input = await validIntake(t, conn, 1);
    input.accountNumber = ''; // a new caller each time: an account belongs to one
    const [impact, urgency] = RATING[priority];
    input.problems[0] = { ...input.problems[0]!, impact, urgency };
    const r = await t.ok(conn, 'intake.submit', input);
    expect(r.tickets[0]!.priority).toBe(priority);
    return r.tickets[0]!;
  }

  const log = (
    id: string,
    c: Partial<Input<'contacts.log'>> = {},
    conn = a,
  ): ReturnType<TestDesk['ok']> =>
    t.ok(conn, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'reached',
      summary: 'Told the customer where things stand',
      ...c,
    });

  const callback = (id: string) =>
    t.desk.db
      .prepare('SELECT owner_id, due_at, kind, alerted FROM callbacks WHERE ticket_id = ?')
      .get(id) as { owner_id: string; due_at: number; kind: string; alerted: number } | undefined;
  const updateDue = (id: string) =>
    t.desk.db.prepare('SELECT update_due FROM tickets WHERE id = ?').pluck().get(id) as
      number | null;

  it('the call itself opens the log, and the first call-back is due at the update interval', async () => {
    const { id } = await ticketOf(2);
    const d = await t.ok(a, 'tickets.get', { id });
    expect(d.contacts).toMatchObject([
      {
        direction: 'inbound',
        channel: 'phone',
        outcome: 'reached',
        at: T0,
        by: { id: a.user!.id },
      },
    ]);
    expect(d.callback).toEqual({
      dueAt: T0 + HOUR,
      kind: 'update',
      owner: { id: a.user!.id, displayName: 'Amira Haddad' },
    });
    expect(callback(id)).toMatchObject({ due_at: T0 + HOUR, kind: 'update', owner_id: a.user!.id });
  });

  it.each([
    [1, 'Business failure: 30 minutes round the clock, Monday 18:00', T0 + 9 * HOUR],
    [2, 'Critical: 60 business minutes, 30 on Monday and 30 from 08:00 Tuesday', T0 + 23.5 * HOUR],
    [3, 'Routine: 24 business hours, Thursday 11:30', T0 + 3 * DAY + 2.5 * HOUR],
    [4, 'Planned: 48 business hours, Monday week 15:30', T0 + 7 * DAY + 6.5 * HOUR],
  ] as const)(
    'after an update given at Monday 17:30, a P%i ticket’s next call-back lands at the interval in business time (%s)',
    async (priority, _terms, due) => {
      const { id } = await ticketOf(priority);
      t.clock.set(T0 + 8.5 * HOUR);
      await log(id);
      expect(callback(id)).toMatchObject({ due_at: due, kind: 'update' });
      expect(updateDue(id)).toBe(due);
    },
  );

  it('a status change alone does not restart the update clock; a contact does', async () => {
    const { id } = await ticketOf(2);
    t.clock.set(T0 + 20 * MINUTE);
    await t.ok(a, 'tickets.move', { id, to: 'in_progress', version: 1 });
    expect(updateDue(id)).toBe(T0 + HOUR);
    await log(id);
    expect(updateDue(id)).toBe(T0 + 80 * MINUTE);
  });

  it('an unanswered call schedules a retry at the policy’s retry time and leaves the update clock alone', async () => {
    const { id } = await ticketOf(2);
    t.clock.set(T0 + 30 * MINUTE);
    await log(id, { outcome: 'no_answer', summary: 'Rang out' });
    expect(callback(id)).toMatchObject({ due_at: T0 + 50 * MINUTE, kind: 'retry', alerted: 0 });
    expect(updateDue(id)).toBe(T0 + HOUR); // the customer still has not had an update
    // A voicemail is not an update either: the retry moves on from it.
    t.clock.set(T0 + 52 * MINUTE);
    await log(id, { outcome: 'voicemail', summary: 'Left a message' });
    expect(callback(id)).toMatchObject({ due_at: T0 + 72 * MINUTE, kind: 'retry' });
    // Reached at last: back to the interval.
    t.clock.set(T0 + 75 * MINUTE);
    await log(id);
    expect(callback(id)).toMatchObject({ due_at: T0 + 135 * MINUTE, kind: 'update' });
  });

  it('a call-back falling due is announced to its owner once, even when the clock jumps past several', async () => {
    const first = await ticketOf(2);
    const second = await ticketOf(1);
    t.clock.set(T0 + 5 * MINUTE);
    await log(first.id, { outcome: 'no_answer', summary: 'Rang out' }); // retry at 09:25
    t.events.length = 0;
    t.clock.set(T0 + 24 * MINUTE);
    expect(t.desk.tickCallbacks()).toBe(0);
    t.clock.set(T0 + 3 * HOUR); // past the retry and the P1 ticket's 30-minute update
    expect(t.desk.tickCallbacks()).toBe(2);
    expect(t.desk.tickCallbacks()).toBe(0);
    t.clock.advance(HOUR);
    expect(t.desk.tickCallbacks()).toBe(0);
    const due = t.events.filter((e) => e.name === 'callbacks.due');
    expect(due).toEqual([
      {
        name: 'callbacks.due',
        payload: {
          items: [
            { ticketId: first.id, key: first.key, ownerId: a.user!.id, dueAt: T0 + 25 * MINUTE },
            { ticketId: second.id, key: second.key, ownerId: a.user!.id, dueAt: T0 + 30 * MINUTE },
          ],
        },
      },
    ]);
    // A new call-back time is a new alarm.
    await log(first.id, { outcome: 'no_answer', summary: 'Still nothing' });
    expect(callback(first.id)).toMatchObject({ alerted: 0 });
  });

  it('a call-back earlier than the policy’s needs no reason; a later one needs a reason, and then moves the update clock', async () => {
    const { id } = await ticketOf(2);
    t.clock.set(T0 + 10 * MINUTE);
    await log(id, { next: { at: T0 + 40 * MINUTE, reason: '' } });
    expect(callback(id)).toMatchObject({ due_at: T0 + 40 * MINUTE, kind: 'set' });
    expect(updateDue(id)).toBe(T0 + 70 * MINUTE); // the policy's interval still holds

    const before = fingerprint(t.desk);
    const later = T0 + 5 * HOUR;
    const refused = await t.desk.call(a, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'reached',
      summary: 'Customer in meetings all afternoon',
      next: { at: later, reason: '' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'next.reason', rule: 'callback_later' }] },
    });
    expect(fingerprint(t.desk)).toBe(before);

    await log(id, {
      summary: 'Customer in meetings all afternoon',
      next: { at: later, reason: 'Customer asked for 14:00, after their meetings' },
    });
    expect(callback(id)).toMatchObject({ due_at: later, kind: 'set' });
    expect(updateDue(id)).toBe(later); // agreed with the customer: not a breach at 10:10
    t.clock.set(T0 + 2 * HOUR);
    t.desk.tickSla();
    expect(t.desk.db.prepare('SELECT sla_state FROM tickets WHERE id = ?').pluck().get(id)).toBe(
      'on_track',
    );

    // A call-back set on a contact older than the latest would never be used: refused.
    const old = await t.desk.call(a, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'reached',
      summary: 'Logged late',
      at: T0 + 5 * MINUTE,
      next: { at: T0 + 3 * HOUR, reason: '' },
    });
    expect(old).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'next.at', rule: 'callback_not_latest' }] },
    });
    for (const next of [
      { at: T0 + HOUR, reason: '' },
      { at: T0 + 400 * DAY, reason: 'Next year' },
    ]) {
      const r = await t.desk.call(a, 'contacts.log', {
        ticketId: id,
        direction: 'outbound',
        channel: 'phone',
        outcome: 'reached',
        summary: 'Another call',
        next,
      });
      expect(r).toMatchObject({ ok: false, error: { issues: [{ path: 'next.at' }] } });
    }
  });

  it('refuses contacts that cannot have happened, with a clear error, changing nothing', async () => {
    const { id } = await ticketOf(3);
    t.clock.set(T0 + HOUR);
    const before = fingerprint(t.desk);
    const cases: [Partial<Input<'contacts.log'>>, string, RegExp][] = [
      [{ direction: 'inbound', outcome: 'no_answer' }, 'outcome', /contacted us/],
      [{ channel: 'email', outcome: 'reached' }, 'outcome', /does not fit/],
      [
        { channel: 'email', outcome: 'email_sent', durationSec: 60 },
        'durationSec',
        /Only calls and visits/,
      ],
      [{ outcome: 'voicemail', closing: true }, 'closing', /must reach the customer/],
      [{ at: T0 + 2 * HOUR }, 'at', /future/],
      [{ at: T0 - HOUR }, 'at', /before/],
      [{ summary: ' ' }, 'summary', /.+/],
      [{ corrects: '01a00000-0000-7000-8000-000000000000' }, 'corrects', /No such entry/],
    ];
    for (const [change, path, message] of cases) {
      const r = await t.desk.call(a, 'contacts.log', {
        ticketId: id,
        direction: 'outbound',
        channel: 'phone',
        outcome: 'reached',
        summary: 'A contact',
        ...change,
      });
      expect(r.ok, JSON.stringify(change)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.issues[0]).toMatchObject({ path, message: expect.stringMatching(message) });
      }
    }
    expect(
      await t.desk.call(a, 'contacts.log', {
        ticketId: '01a00000-0000-7000-8000-000000000000',
        direction: 'outbound',
        channel: 'phone',
        outcome: 'reached',
        summary: 'A contact',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('the log is append-only: a correction is a new entry naming the old one, and the schedule follows it', async () => {
    const { id } = await ticketOf(2);
    t.clock.set(T0 + 10 * MINUTE);
    const wrong = (await log(id, { summary: 'Spoke to the customer' })) as {
      contact: { id: string };
    };
    expect(callback(id)).toMatchObject({ kind: 'update', due_at: T0 + 70 * MINUTE });
    expect(() =>
      t.desk.db.prepare("UPDATE contacts SET summary = 'x' WHERE id = ?").run(wrong.contact.id),
    ).toThrow(/append-only/);
    expect(() =>
      t.desk.db.prepare('DELETE FROM contacts WHERE id = ?').run(wrong.contact.id),
    ).toThrow(/append-only/);

    t.clock.set(T0 + 12 * MINUTE);
    const fix = (await log(id, {
      outcome: 'no_answer',
      at: T0 + 10 * MINUTE,
      summary: 'Correction: it rang out, I logged the wrong call',
      corrects: wrong.contact.id,
    })) as { contact: { id: string; correctsId: string } };
    expect(fix.contact.correctsId).toBe(wrong.contact.id);
    // The update was never given: the clock runs from the intake again, and a retry is due.
    expect(updateDue(id)).toBe(T0 + HOUR);
    expect(callback(id)).toMatchObject({ kind: 'retry', due_at: T0 + 30 * MINUTE });
    const d = await t.ok(a, 'tickets.get', { id });
    expect(d.contacts.find((c) => c.id === wrong.contact.id)).toMatchObject({
      summary: 'Spoke to the customer',
      correctedById: fix.contact.id,
    });
    const again = await t.desk.call(a, 'contacts.log', {
      ticketId: id,
      direction: 'outbound',
      channel: 'phone',
      outcome: 'no_answer',
      summary: 'Second try at the same correction',
      corrects: wrong.contact.id,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('resolving without a closing contact or a reason is refused, clearly, and changes nothing', async () => {
    const { id } = await ticketOf(3);
    await answerRequired(t, a, id);
    const input = { id, version: 1, solution: 'Reset the port.', rootCause: 'network' as const };
    await log(id, { summary: 'Update: port being reset' }); // an update, not a closing contact
    const before = fingerprint(t.desk);
    const r = await t.desk.call(a, 'tickets.resolve', input);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'noContactReason: Log a closing contact with the customer, or say why none was possible',
        issues: [{ path: 'noContactReason', rule: 'closing_contact' }],
      },
    });
    expect(fingerprint(t.desk)).toBe(before);

    // A closing contact later corrected away no longer counts.
    const closing = (await log(id, { closing: true, summary: 'Customer confirms' })) as {
      contact: { id: string };
    };
    await log(id, {
      summary: 'Correction: customer had not tested yet',
      corrects: closing.contact.id,
    });
    expect(await t.desk.call(a, 'tickets.resolve', input)).toMatchObject({ ok: false });

    const done = await t.ok(a, 'tickets.resolve', {
      ...input,
      noContactReason: 'Three calls and an e-mail unanswered; site manager confirmed the fix',
    });
    expect(done.status).toBe('resolved');
    const d = await t.ok(a, 'tickets.get', { id });
    expect(d.resolution?.noContactReason).toBe(
      'Three calls and an e-mail unanswered; site manager confirmed the fix',
    );
    expect(d.events.at(-1)).toMatchObject({
      type: 'resolved',
      data: {
        noContactReason: 'Three calls and an e-mail unanswered; site manager confirmed the fix',
      },
    });
    expect(callback(id)).toBeUndefined(); // resolved: nobody owes a call-back
  });

  it('a logged closing contact lets the ticket resolve and is named in the resolution event', async () => {
    const { id } = await ticketOf(3);
    await answerRequired(t, a, id);
    await closingCall(t, a, id);
    const d0 = await t.ok(a, 'tickets.get', { id });
    expect(d0.closingContactId).toBe(d0.contacts[0]!.id);
    await t.ok(a, 'tickets.resolve', {
      id,
      version: 1,
      solution: 'Reset the port.',
      rootCause: 'network',
    });
    const d = await t.ok(a, 'tickets.get', { id });
    expect(d.events.at(-1)!.data).toMatchObject({ closingContactId: d0.contacts[0]!.id });
    expect(d.resolution?.noContactReason).toBe('');
  });

  it('waiting on the customer stops the update call-back; a retry stays; resuming brings it back', async () => {
    const { id } = await ticketOf(2);
    t.clock.set(T0 + 10 * MINUTE);
    const v = (await t.ok(a, 'tickets.move', { id, to: 'waiting_customer', version: 1 })).version;
    expect(callback(id)).toBeUndefined();
    t.clock.set(T0 + 40 * MINUTE);
    await t.ok(a, 'tickets.move', { id, to: 'in_progress', version: v });
    // 50 minutes of the hour were left when the wait began.
    expect(callback(id)).toMatchObject({ kind: 'update', due_at: T0 + 90 * MINUTE });
    await log(id, { outcome: 'no_answer', summary: 'Rang out' });
    const v2 = (await t.ok(a, 'tickets.get', { id })).version;
    await t.ok(a, 'tickets.move', { id, to: 'waiting_customer', version: v2 });
    expect(callback(id)).toMatchObject({ kind: 'retry', due_at: T0 + 60 * MINUTE });
  });

  it('My call-backs: mine only, due by the end of today, overdue first, with the number and the last summary', async () => {
    const mine1 = await ticketOf(2); // update due 10:00
    const mine2 = await ticketOf(1); // update due 09:30
    const routine = await ticketOf(3); // due Tuesday: not today
    const theirs = await ticketOf(2, s);
    t.clock.set(T0 + 40 * MINUTE);
    await log(mine1.id, { outcome: 'no_answer', summary: 'Rang out twice' }); // retry 10:00
    const list = await t.ok(a, 'callbacks.mine', {});
    expect(list.asOf).toBe(T0 + 40 * MINUTE);
    expect(list.endOfDay).toBe(T0 + 15 * HOUR); // midnight in London
    expect(list.items.map((i) => [i.key, i.kind, i.overdue])).toEqual([
      [mine2.key, 'update', true],
      [mine1.key, 'retry', false],
    ]);
    expect(list.dueNow).toBe(1);
    expect(list.items[1]).toMatchObject({
      customer: { name: 'Kofi Mensah', phone: '020 7946 0991' },
      lastContact: { summary: 'Rang out twice', outcome: 'no_answer' },
    });
    expect(list.items.some((i) => i.ticketId === routine.id || i.ticketId === theirs.id)).toBe(
      false,
    );

    // Reassigning hands the call-back over, and both lists are told.
    t.events.length = 0;
    await t.ok(a, 'tickets.assign', { id: mine2.id, assigneeId: s.user!.id, version: 1 });
    expect(t.events).toContainEqual({
      name: 'callbacks.changed',
      payload: { ownerIds: [a.user!.id, s.user!.id] },
    });
    expect((await t.ok(a, 'callbacks.mine', {})).items.map((i) => i.key)).toEqual([mine1.key]);
    expect((await t.ok(s, 'callbacks.mine', {})).items.map((i) => i.key)).toContain(mine2.key);
  });

  it('My call-backs also lists what is due later, by the desk’s day, up to a week ahead', async () => {
    const today = await ticketOf(2); // update due 10:00 today
    const agreed = await ticketOf(2);
    const routine = await ticketOf(3); // 24 business hours: Wednesday 13:00
    const planned = await ticketOf(4); // 48 business hours: Friday 17:00
    const far = await ticketOf(2);
    const theirs = await ticketOf(3, s);
    const TUESDAY = T0 + DAY; // Tuesday 24 November, 09:00
    await log(agreed.id, {
      summary: 'Out today; call tomorrow at 10:30',
      next: { at: TUESDAY + 90 * MINUTE, reason: 'The customer asked for this time' },
    });
    await log(far.id, {
      summary: 'Away for two weeks',
      next: { at: T0 + 14 * DAY, reason: 'The customer is away' },
    });

    const list = await t.ok(a, 'callbacks.mine', {});
    expect(list.items.map((i) => i.key)).toEqual([today.key]);
    expect(list.laterUntil).toBe(Date.UTC(2026, 11, 1)); // the end of Monday 30 November
    expect(
      list.later.map((d) => [d.date, d.inDays, d.items.map((i) => [i.key, i.kind, i.overdue])]),
    ).toEqual([
      ['2026-11-24', 1, [[agreed.key, 'set', false]]],
      ['2026-11-25', 2, [[routine.key, 'update', false]]],
      ['2026-11-27', 4, [[planned.key, 'update', false]]],
    ]);
    expect(list.later[0]!.items[0]).toMatchObject({
      dueAt: TUESDAY + 90 * MINUTE,
      customer: { name: 'Kofi Mensah' },
      lastContact: { summary: 'Out today; call tomorrow at 10:30' },
    });
    // Beyond the week: counted, not listed; another analyst's never.
    expect(list.laterNotListed).toBe(1);
    const all = [...list.items, ...list.later.flatMap((d) => d.items)].map((i) => i.ticketId);
    expect(all).not.toContain(far.id);
    expect(all).not.toContain(theirs.id);

    // The next morning, tomorrow's call-back is today's; the week moves on with the clock.
    t.clock.set(TUESDAY - HOUR);
    const next = await t.ok(a, 'callbacks.mine', {});
    expect(next.items.map((i) => [i.key, i.overdue])).toEqual([
      [today.key, true],
      [agreed.key, false],
    ]);
    expect(next.later.map((d) => [d.date, d.inDays])).toEqual([
      ['2026-11-25', 1],
      ['2026-11-27', 3],
    ]);
    expect(next.laterUntil).toBe(Date.UTC(2026, 11, 2));
  });

  it('a returning caller’s open tickets come with their last contact, and a status call logs on the ticket', async () => {
    const first = await t.ok(a, 'intake.submit', await validIntake(t, a, 2));
    t.clock.set(T0 + 20 * MINUTE);
    await log(first.tickets[0]!.id, { summary: 'Engineer booked for 14:00' });
    const caller = await t.ok(a, 'customers.get', { id: first.customerId });
    expect(caller.openTickets.map((o) => o.key).sort()).toEqual(
      first.tickets.map((k) => k.key).sort(),
    );
    const withLast = caller.openTickets.find((o) => o.id === first.tickets[0]!.id)!;
    expect(withLast.lastContact).toMatchObject({
      summary: 'Engineer booked for 14:00',
      direction: 'outbound',
    });
    expect(withLast.callback).toMatchObject({ kind: 'update' });

    t.clock.set(T0 + HOUR);
    const ticketsBefore = t.desk.db.prepare('SELECT count(*) FROM tickets').pluck().get();
    await log(first.tickets[0]!.id, {
      direction: 'inbound',
      summary: 'Customer asked for an ETA; confirmed 14:00',
    });
    expect(t.desk.db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(ticketsBefore);
    const after = await t.ok(a, 'customers.get', { id: first.customerId });
    expect(after.openTickets.find((o) => o.id === first.tickets[0]!.id)!.lastContact).toMatchObject(
      {
        direction: 'inbound',
        summary: 'Customer asked for an ETA; confirmed 14:00',
      },
    );
    const byCustomer = await t.ok(a, 'contacts.list', { customerId: first.customerId });
    expect(byCustomer[0]).toMatchObject({ summary: 'Customer asked for an ETA; confirmed 14:00' });
    expect(byCustomer).toHaveLength(4); // two intake entries, the update, the status call
  });
});
