import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { count, demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('intake.submit', () => {
  let t: TestDesk;
  let analyst: Connection;
  beforeEach(async () => {
    t = await demoDesk({ escalationRules: false });
    analyst = await t.as('analyst');
  });
  afterEach(() => t.close());

  it('writes the call, the caller, the account, the asset and one ticket per problem, each with a created event', async () => {
    const input = await validIntake(t, analyst, 3);
    const receipt = await t.ok(analyst, 'intake.submit', input);
    expect(receipt.tickets.map((k) => k.key)).toEqual(['LON-000001', 'LON-000002', 'LON-000003']);
    // impact 1 with urgency 1, 2, 3 → P1, P2, P3 by the default matrix
    expect(receipt.tickets.map((k) => k.priority)).toEqual([1, 2, 3]);
    expect(count(t.desk, 'calls')).toBe(1);
    expect(count(t.desk, 'tickets')).toBe(3);
    const events = t.desk.db
      .prepare("SELECT ticket_id, actor_id, type FROM ticket_events WHERE type = 'created'")
      .all();
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => (e as { actor_id: string }).actor_id))).toEqual(
      new Set([analyst.user!.id]),
    );
    const ticket = await t.ok(analyst, 'tickets.get', { id: receipt.tickets[0]!.id });
    expect(ticket).toMatchObject({
      status: 'new',
      customer: { name: 'Kofi Mensah' },
      account: { number: 'LW-9001' },
      asset: { modelNumber: 'Meraki MX68', serial: 'Q2KN-1234', licence: 'MX-ENT-3Y' },
      createdBy: { id: analyst.user!.id },
    });
    expect(t.events).toEqual([
      // The taker owes each new ticket its first update: one list changed, said once.
      { name: 'callbacks.changed', payload: { ownerIds: [analyst.user!.id] } },
      {
        name: 'tickets.changed',
        payload: { ids: receipt.tickets.map((k) => k.id), reason: 'created' },
      },
    ]);
  });

  it('an intake whose third problem is invalid writes no call and no ticket', async () => {
    const input = await validIntake(t, analyst, 3);
    input.problems[2]!.title = '  ';
    const before = fingerprint(t.desk);
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.issues.map((i) => i.path)).toEqual(['problems.2.title']);
    expect(count(t.desk, 'calls')).toBe(0);
    expect(count(t.desk, 'tickets')).toBe(0);
    expect(fingerprint(t.desk)).toBe(before);
    expect(t.events).toEqual([]);
  });

  it('a third problem naming an unknown category is caught after the schema, and still nothing is written', async () => {
    const input = await validIntake(t, analyst, 3);
    input.problems[2]!.categoryId = '01900000-0000-7000-8000-000000000000';
    input.problems[1]!.queueId = '01900000-0000-7000-8000-000000000001';
    const before = fingerprint(t.desk);
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.issues.map((i) => i.path)).toEqual([
        'problems.1.queueId',
        'problems.2.categoryId',
      ]);
    expect(fingerprint(t.desk)).toBe(before);
    // The ticket counter did not move either: the next good call still gets 000001.
    const ok = await t.ok(analyst, 'intake.submit', await validIntake(t, analyst, 1));
    expect(ok.tickets[0]!.key).toBe('LON-000001');
  });

  it('refuses an account number that belongs to another customer', async () => {
    const [existing] = await t.ok(analyst, 'customers.lookup', { query: 'Okafor' });
    const input = await validIntake(t, analyst, 1);
    input.accountNumber = existing!.accounts[0]!.number;
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'accountNumber', rule: 'other_customer' }] },
    });
  });

  it('a new caller needs a way to be reached', async () => {
    const input = await validIntake(t, analyst, 1);
    input.contact = { phone: '', email: '' };
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'contact.phone', rule: 'reachable' }] },
    });
  });

  it('an existing caller keeps their record; a known asset is reused, not copied', async () => {
    const [hit] = await t.ok(analyst, 'customers.lookup', { query: 'Παπαδοπούλου' });
    const detail = await t.ok(analyst, 'customers.get', { id: hit!.id });
    const input = await validIntake(t, analyst, 2);
    input.caller = { kind: 'existing', customerId: hit!.id };
    input.accountNumber = detail.accounts[0]!.number;
    input.asset = { assetId: detail.assets[0]!.id };
    const assetsBefore = count(t.desk, 'assets');
    const receipt = await t.ok(analyst, 'intake.submit', input);
    expect(receipt.customerId).toBe(hit!.id);
    expect(count(t.desk, 'assets')).toBe(assetsBefore);
    const tk = await t.ok(analyst, 'tickets.get', { id: receipt.tickets[1]!.id });
    expect(tk.asset?.id).toBe(detail.assets[0]!.id);
    expect(tk.customer.phone).toBe('+30 21 0323 4567');
  });

  it('an asset of another customer is refused', async () => {
    const [a] = await t.ok(analyst, 'customers.lookup', { query: 'Okafor' });
    const [b] = await t.ok(analyst, 'customers.lookup', { query: 'Moreau' });
    const other = await t.ok(analyst, 'customers.get', { id: b!.id });
    const input = await validIntake(t, analyst, 1);
    input.caller = { kind: 'existing', customerId: a!.id };
    input.accountNumber = '';
    input.asset = { assetId: other.assets[0]!.id };
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r).toMatchObject({ ok: false, error: { issues: [{ path: 'asset.assetId' }] } });
  });
});

/**
 * A planned event is due at its window. A window that has already started is breached the
 * moment the call is saved, and the escalation rules (on, as on every real desk) move it up a
 * tier inside the save: the save must still be whole, and the ticket's search row must be the
 * one of the ticket as it ended up, written once.
 */
describe('intake of a planned event, whatever its window', () => {
  let t: TestDesk;
  let analyst: Connection;
  beforeEach(async () => {
    t = await demoDesk();
    analyst = await t.as('analyst');
  });
  afterEach(() => t.close());

  const HOUR = 3_600_000;
  it.each([
    ['started two hours ago', -2 * HOUR],
    ['starting now', 0],
    ['starting in two hours', 2 * HOUR],
  ])('a window %s: every ticket of the call is saved and found', async (_, offset) => {
    const input = await validIntake(t, analyst, 2);
    const start = t.clock.now() + offset;
    // impact 3 × urgency 3 is the Planned event of the default matrix.
    input.problems[0] = {
      ...input.problems[0]!,
      title: 'Comms room power-down',
      impact: 3,
      urgency: 3,
      plannedStart: start,
      plannedEnd: start + HOUR,
    };
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.value.tickets.map((k) => k.priority)).toEqual([4, 2]);
    expect(count(t.desk, 'tickets')).toBe(2);
    for (const k of r.value.tickets) {
      const row = t.desk.db
        .prepare('SELECT rowid, status, queue_id AS queueId FROM tickets WHERE id = ?')
        .get(k.id) as { rowid: number; status: 'new'; queueId: string };
      // One search row per ticket, and it carries the ticket's status and queue as they ended up.
      expect(
        t.desk.db
          .prepare('SELECT count(*) FROM tickets_fts WHERE rowid = ?')
          .pluck()
          .get(row.rowid),
      ).toBe(1);
      const found = await t.ok(analyst, 'tickets.search', {
        text: 'LON',
        status: row.status,
        queueId: row.queueId,
      });
      expect(found.items.map((c) => c.id)).toContain(k.id);
    }
  });
});
