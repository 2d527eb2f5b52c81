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
