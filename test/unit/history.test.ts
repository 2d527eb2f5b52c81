import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_EVENT_TYPES } from '../../src/shared/domain.ts';
import { parseHistoryEvent } from '../../src/shared/history-events.ts';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('ticket history is append-only', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk({ escalationRules: false });
    const a = await t.as('analyst');
    await t.ok(a, 'intake.submit', await validIntake(t, a, 1));
  });
  afterAll(() => t.close());

  it('rejects UPDATE', () => {
    expect(() => t.desk.db.prepare("UPDATE ticket_events SET type = 'forged'").run()).toThrow(
      /append-only/,
    );
    expect(
      t.desk.db.prepare("SELECT count(*) AS n FROM ticket_events WHERE type = 'forged'").get(),
    ).toEqual({ n: 0 });
  });

  it('rejects DELETE', () => {
    const before = t.desk.db.prepare('SELECT count(*) AS n FROM ticket_events').get();
    expect(() => t.desk.db.prepare('DELETE FROM ticket_events').run()).toThrow(/append-only/);
    expect(t.desk.db.prepare('SELECT count(*) AS n FROM ticket_events').get()).toEqual(before);
  });

  it('rejects deleting a ticket that has history', () => {
    expect(() => t.desk.db.prepare('DELETE FROM tickets').run()).toThrow(/FOREIGN KEY/);
  });
});

describe('internal notes', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk({ escalationRules: false });
  });
  afterAll(() => t.close());

  it('a note is one history event naming its author; it does not bump the version; an empty note is refused', async () => {
    const a = await t.as('analyst');
    const r = await t.ok(a, 'intake.submit', await validIntake(t, a, 1));
    const id = r.tickets[0]!.id;
    const before = (await t.ok(a, 'tickets.get', { id })).events.length;
    const note = await t.ok(a, 'tickets.addNote', {
      id,
      text: 'Customer rebooted the switch at 09:10; no change.',
    });
    expect(note).toMatchObject({ type: 'note_added', actor: { id: a.user!.id } });
    const after = await t.ok(a, 'tickets.get', { id });
    expect(after.events).toHaveLength(before + 1);
    expect(after.events.at(-1)).toMatchObject({
      type: 'note_added',
      data: { text: 'Customer rebooted the switch at 09:10; no change.' },
    });
    expect(after.version).toBe(1);
    expect(await t.desk.call(a, 'tickets.addNote', { id, text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await t.desk.call(a, 'tickets.addNote', {
        id: '01900000-0000-7000-8000-000000000000',
        text: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await t.ok(a, 'tickets.get', { id })).events).toHaveLength(before + 1);
  });
});

describe('the history is complete', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk({ escalationRules: false });
  });
  afterAll(() => t.close());

  it('every mutation of a ticket leaves exactly one event on each ticket it touches, naming its author', async () => {
    const a = await t.as('analyst');
    const s = await t.as('supervisor');
    const tech2 = await t.as('tech2');
    const info = await t.ok(a, 'desk.info', {});
    const input = await validIntake(t, a, 2);
    input.problems[0] = { ...input.problems[0]!, priority: 1, priorityReason: 'VIP caller' };
    const [first, second] = (await t.ok(a, 'intake.submit', input)).tickets;
    const id = first!.id;
    const other = second!.id;
    let lastRow = 0;
    /** Events written since the last look (automatic SLA crossings are the system's, checked elsewhere). */
    const newEvents = () => {
      const rows = t.desk.db
        .prepare(
          "SELECT rowid, ticket_id, type, actor_id FROM ticket_events WHERE rowid > ? AND type NOT LIKE 'sla_%' ORDER BY rowid",
        )
        .all(lastRow) as { rowid: number; ticket_id: string; type: string; actor_id: string }[];
      lastRow = Math.max(lastRow, ...rows.map((r) => r.rowid));
      return rows.map(({ ticket_id, type, actor_id }) => ({ ticket_id, type, actor_id }));
    };
    expect(newEvents()).toEqual([
      { ticket_id: id, type: 'created', actor_id: a.user!.id },
      { ticket_id: other, type: 'created', actor_id: a.user!.id },
    ]);
    const script = (await t.ok(a, 'tickets.get', { id })).script.questions;
    let version = 1;
    let splitId = '';
    const track = (out: unknown) => {
      const card = (out as { original?: { version: number } }).original ?? out;
      if (card && typeof card === 'object' && 'version' in card && typeof card.version === 'number')
        version = card.version;
      const created = (out as { created?: { id: string } }).created;
      if (created) splitId = created.id;
    };
    const steps: [string, () => Promise<unknown>, string, [() => string, string][]][] = [
      [
        'move',
        () => t.ok(a, 'tickets.move', { id, to: 'in_progress', version }),
        a.user!.id,
        [[() => id, 'status_changed']],
      ],
      [
        'assign',
        () => t.ok(s, 'tickets.assign', { id, assigneeId: info.users[1]!.id, version }),
        s.user!.id,
        [[() => id, 'assigned']],
      ],
      [
        'escalate',
        () =>
          t.ok(a, 'tickets.escalate', {
            id,
            version,
            reason: 'Router config beyond tier 1',
            note: 'Rebooted twice; amber light stays.',
          }),
        a.user!.id,
        [[() => id, 'escalated']],
      ],
      [
        'return',
        () =>
          t.ok(tech2, 'tickets.returnEscalation', {
            id,
            version,
            reason: 'Check the cabling first',
          }),
        tech2.user!.id,
        [[() => id, 'escalation_returned']],
      ],
      [
        'escalate again',
        () => t.ok(a, 'tickets.escalate', { id, version, reason: 'Cabling checked; still down' }),
        a.user!.id,
        [[() => id, 'escalated']],
      ],
      [
        'accept',
        () => t.ok(tech2, 'tickets.acceptEscalation', { id, version, assigneeId: tech2.user!.id }),
        tech2.user!.id,
        [[() => id, 'escalation_accepted']],
      ],
      [
        're-rate',
        () => t.ok(s, 'tickets.setPriority', { id, version, impact: 2, urgency: 2 }),
        s.user!.id,
        [[() => id, 'priority_changed']],
      ],
      [
        'override',
        () =>
          t.ok(s, 'tickets.setPriority', {
            id,
            version,
            impact: 2,
            urgency: 2,
            priority: 1,
            reason: 'Board meeting',
          }),
        s.user!.id,
        [[() => id, 'priority_overridden']],
      ],
      [
        'note',
        () => t.ok(a, 'tickets.addNote', { id, text: 'Called back, no answer.' }),
        a.user!.id,
        [[() => id, 'note_added']],
      ],
      [
        'edit fields',
        () =>
          t.ok(a, 'tickets.update', {
            id,
            version,
            changes: { title: 'Site link down at Leeds', description: 'Router amber since 08:40.' },
          }),
        a.user!.id,
        [[() => id, 'fields_changed']],
      ],
      [
        'answer the script',
        () =>
          t.ok(a, 'tickets.answer', {
            id,
            answers: script.map((q) => ({
              questionId: q.id,
              answer: q.kind === 'yes_no' ? 'no' : `About ${q.id}`,
            })),
          }),
        a.user!.id,
        [[() => id, 'answers_recorded']],
      ],
      [
        'link',
        () => t.ok(a, 'tickets.link', { id, target: second!.key, kind: 'related' }),
        a.user!.id,
        [
          [() => id, 'linked'],
          [() => other, 'linked'],
        ],
      ],
      [
        'unlink',
        async () =>
          t.ok(a, 'tickets.unlink', {
            id,
            linkId: (await t.ok(a, 'tickets.get', { id })).links[0]!.id,
          }),
        a.user!.id,
        [
          [() => id, 'unlinked'],
          [() => other, 'unlinked'],
        ],
      ],
      [
        'split',
        () =>
          t.ok(a, 'tickets.split', {
            id,
            version,
            title: 'Printer offline too',
            categoryId: info.categories[0]!.id,
            queueId: info.queues[0]!.id,
            impact: 3,
            urgency: 3,
          }),
        a.user!.id,
        [
          [() => splitId, 'created'],
          [() => id, 'split'],
        ],
      ],
      [
        'merge',
        () => t.ok(s, 'tickets.merge', { id: other, version: 1, into: id }),
        s.user!.id,
        [
          [() => other, 'merged_into'],
          [() => id, 'merged'],
        ],
      ],
      [
        'wait on customer',
        () => t.ok(a, 'tickets.move', { id, to: 'waiting_customer', version }),
        a.user!.id,
        [[() => id, 'status_changed']],
      ],
      [
        'log the closing call',
        () =>
          t.ok(a, 'contacts.log', {
            ticketId: id,
            direction: 'outbound',
            channel: 'phone',
            outcome: 'reached',
            durationSec: 240,
            summary: 'Link is up again; customer agrees to close',
            closing: true,
          }),
        a.user!.id,
        [[() => id, 'contact_logged']],
      ],
      [
        'resolve',
        () =>
          t.ok(s, 'tickets.resolve', {
            id,
            version,
            solution: 'Replaced the router.',
            rootCause: 'hardware_fault',
          }),
        s.user!.id,
        [[() => id, 'resolved']],
      ],
      [
        'reopen',
        () => t.ok(a, 'tickets.reopen', { id, version, reason: 'Failed again overnight' }),
        a.user!.id,
        [[() => id, 'reopened']],
      ],
    ];
    for (const [name, run, author, expected] of steps) {
      track(await run());
      expect(newEvents(), name).toEqual(
        expected.map(([ticket, type]) => ({ ticket_id: ticket(), type, actor_id: author })),
      );
    }
    // Every event type a ticket can carry has been exercised, apart from the system's own (SLA
    // crossings and rule alerts: test/unit/sla.test.ts and escalation.test.ts; sync conflicts:
    // test/unit/sync-merge.test.ts and sync-convergence.test.ts).
    const seen = new Set(
      (
        t.desk.db.prepare('SELECT DISTINCT type FROM ticket_events').all() as { type: string }[]
      ).map((r) => r.type),
    );
    expect(
      TICKET_EVENT_TYPES.filter(
        (x) =>
          !seen.has(x) && !x.startsWith('sla_') && x !== 'supervisors_alerted' && x !== 'conflict',
      ),
    ).toEqual([]);
  });

  it('every event written so far, seeded and by that whole life, parses as its own kind', () => {
    const rows = t.desk.db.prepare('SELECT type, data FROM ticket_events').all() as {
      type: string;
      data: string;
    }[];
    // Each parses as its own kind and keeps every stored key and value: the union describes the
    // stored JSON, it does not reshape it.
    expect(rows.map((r) => parseHistoryEvent(r.type, r.data))).toEqual(
      rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as unknown })),
    );
    expect(new Set(rows.map((r) => r.type)).size).toBeGreaterThanOrEqual(
      TICKET_EVENT_TYPES.length - 4,
    );
  });
});
