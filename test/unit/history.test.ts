import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('ticket history is append-only', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk();
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
    t = await demoDesk();
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
    t = await demoDesk();
  });
  afterAll(() => t.close());

  it('every mutation of a ticket leaves exactly one event, naming its author', async () => {
    const a = await t.as('analyst');
    const s = await t.as('supervisor');
    const info = await t.ok(a, 'desk.info', {});
    const input = await validIntake(t, a, 1);
    input.problems[0] = { ...input.problems[0]!, priority: 1, priorityReason: 'VIP caller' };
    const id = (await t.ok(a, 'intake.submit', input)).tickets[0]!.id;
    const events = () =>
      t.desk.db
        .prepare(
          "SELECT type, actor_id FROM ticket_events WHERE ticket_id = ? AND type NOT LIKE 'sla_%' ORDER BY rowid",
        )
        .all(id) as {
        type: string;
        actor_id: string;
      }[];
    expect(events()).toEqual([{ type: 'created', actor_id: a.user!.id }]);
    let version = 1;
    const steps: [string, () => Promise<object>, string][] = [
      [
        'status_changed',
        () => t.ok(a, 'tickets.move', { id, to: 'in_progress', version }),
        a.user!.id,
      ],
      [
        'assigned',
        () => t.ok(s, 'tickets.assign', { id, assigneeId: info.users[1]!.id, version }),
        s.user!.id,
      ],
      [
        'priority_changed',
        () => t.ok(s, 'tickets.setPriority', { id, version, impact: 2, urgency: 2 }),
        s.user!.id,
      ],
      [
        'note_added',
        () => t.ok(a, 'tickets.addNote', { id, text: 'Called back, no answer.' }),
        a.user!.id,
      ],
      [
        'status_changed',
        () => t.ok(a, 'tickets.move', { id, to: 'waiting_customer', version }),
        a.user!.id,
      ],
      [
        'status_changed',
        () => t.ok(s, 'tickets.move', { id, to: 'resolved', version }),
        s.user!.id,
      ],
    ];
    for (const [type, run, author] of steps) {
      const before = events().length;
      const out = await run();
      if ('version' in out && typeof out.version === 'number') version = out.version;
      const now = events();
      expect(now.length, type).toBe(before + 1);
      expect(now.at(-1)).toEqual({ type, actor_id: author });
    }
  });
});
