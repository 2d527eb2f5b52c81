import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHistoryEvent } from '../../src/shared/history-events.ts';
import { createTranslator } from '../../src/shared/i18n/index.ts';
import { eventText } from '../../src/renderer/src/ticket/history.ts';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('a stored event that does not parse', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk({ escalationRules: false });
  });
  afterAll(() => t.close());

  it('reaches the history as unreadable, in its place, and the rest reads on', async () => {
    const a = await t.as('analyst');
    const id = (await t.ok(a, 'intake.submit', await validIntake(t, a, 1))).tickets[0]!.id;
    // Written past the core, as a damaged file or a newer version's desk would leave them.
    const forge = t.desk.db.prepare(
      'INSERT INTO ticket_events (id, ticket_id, type, data, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const at = t.clock.now() + 1;
    const rows: [string, string][] = [
      ['fields_changed', JSON.stringify({ changes: 'title' })],
      ['sla_breached', JSON.stringify({ targets: { response: 1 } })],
      ['note_added', JSON.stringify(['not', 'an object'])],
      ['teleported', JSON.stringify({ to: 'Mars' })],
    ];
    rows.forEach(([type, data], i) =>
      forge.run(`01900000-0000-7000-8000-00000000000${i}`, id, type, data, a.user!.id, at + i),
    );
    t.clock.advance(60_000);
    await t.ok(a, 'tickets.addNote', { id, text: 'Still reads after the damage.' });

    const d = await t.ok(a, 'tickets.get', { id });
    expect(d.events.map((e) => e.type)).toEqual([
      'created',
      'unreadable',
      'unreadable',
      'unreadable',
      'unreadable',
      'note_added',
    ]);
    expect(d.events.slice(1, 5).map((e) => e.data)).toEqual([
      { storedType: 'fields_changed' },
      { storedType: 'sla_breached' },
      { storedType: 'note_added' },
      { storedType: 'teleported' },
    ]);

    const tr = createTranslator('en');
    const desk = await t.ok(a, 'desk.info', {});
    const lines = d.events.map((e) => eventText(tr, desk, e));
    expect(lines.slice(1, 5)).toEqual([
      'An event this version cannot read (fields_changed), recorded by Amira Haddad',
      'An event this version cannot read (sla_breached), recorded by Amira Haddad',
      'An event this version cannot read (note_added), recorded by Amira Haddad',
      'An event this version cannot read (teleported), recorded by Amira Haddad',
    ]);
    expect(lines.at(-1)).toBe('Amira Haddad noted: “Still reads after the damage.”');
  });
});

describe('the system’s own events', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk();
  });
  afterAll(() => t.close());

  it('SLA crossings and rule alerts parse as their kinds', async () => {
    const a = await t.as('analyst');
    const input = await validIntake(t, a, 1);
    input.problems[0] = { ...input.problems[0]!, priority: 1, priorityReason: 'Business failure' };
    await t.ok(a, 'intake.submit', input);
    t.clock.advance(30 * 24 * 3_600_000);
    t.desk.tickSla();
    const rows = t.desk.db
      .prepare(
        "SELECT type, data FROM ticket_events WHERE type LIKE 'sla_%' OR type = 'supervisors_alerted' OR type = 'escalated'",
      )
      .all() as { type: string; data: string }[];
    expect(new Set(rows.map((r) => r.type))).toEqual(
      new Set(['sla_at_risk', 'sla_breached', 'supervisors_alerted', 'escalated']),
    );
    expect(rows.map((r) => parseHistoryEvent(r.type, r.data))).toEqual(
      rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as unknown })),
    );
  });
});
