import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../src/shared/contract.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import { count, demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

/** Inputs no method accepts: wrong shapes, and an unknown key (every schema is strict). */
const MALFORMED: unknown[] = [
  null,
  undefined,
  42,
  'tickets',
  [],
  true,
  { __proto__: null, unexpected: 1 },
  { constructor: 'x' },
];

/** For object schemas: each known field replaced by a value of the wrong type. */
function wrongFieldInputs(method: (typeof METHOD_NAMES)[number]): unknown[] {
  const schema = contract[method].input as unknown as {
    shape?: Record<string, unknown>;
    def?: { shape?: Record<string, unknown> };
  };
  const shape = schema.shape ?? {};
  return Object.keys(shape).flatMap((k) => [
    { [k]: { nested: true } },
    { [k]: Number.NaN },
    { [k]: 'x'.repeat(20_000) },
  ]);
}

describe('every contract method rejects malformed input with VALIDATION and writes nothing', () => {
  let t: TestDesk;
  let admin: Connection;
  beforeAll(async () => {
    t = await demoDesk();
    admin = await t.as('admin');
    // Some data so "writes nothing" is checked against a non-empty store.
    await t.ok(admin, 'intake.submit', await validIntake(t, admin, 3));
  });
  afterAll(() => t.close());

  for (const method of METHOD_NAMES) {
    it(method, async () => {
      const before = fingerprint(t.desk);
      const changesBefore = t.desk.db.prepare('SELECT total_changes() AS n').get() as { n: number };
      for (const input of [...MALFORMED, ...wrongFieldInputs(method)]) {
        const r = await t.desk.dispatch(admin, method, input);
        expect(r.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('VALIDATION');
          expect(r.error.issues.length).toBeGreaterThan(0);
        }
      }
      expect(admin.user?.username).toBe('admin'); // a failed sign-in attempt did not sign anyone out
      expect(t.desk.db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
      expect(fingerprint(t.desk)).toBe(before);
    });
  }

  it('an unknown method is NOT_FOUND', async () => {
    for (const m of ['tickets.drop', '__proto__', 'constructor', '', 42, null]) {
      const r = await t.desk.dispatch(admin, m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('validation issues name the field path', async () => {
    const input = await validIntake(t, admin, 1);
    const r = await t.desk.dispatch(admin, 'intake.submit', {
      ...input,
      contact: { phone: 'call me', email: 'nope' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect([...new Set(r.error.issues.map((i) => i.path))].sort()).toEqual([
        'contact.email',
        'contact.phone',
      ]);
    expect(count(t.desk, 'calls')).toBe(1);
  });
});
