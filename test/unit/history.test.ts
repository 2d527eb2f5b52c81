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
