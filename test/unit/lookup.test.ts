import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { demoDesk, type TestDesk } from '../helpers/desk.ts';

describe('caller look-up as you type', () => {
  let t: TestDesk;
  let a: Connection;
  beforeAll(async () => {
    t = await demoDesk();
    a = await t.as('analyst');
  });
  afterAll(() => t.close());
  const names = async (query: string) =>
    (await t.ok(a, 'customers.lookup', { query })).map((h) => h.name);

  it.each([
    ['+44 20 7946 0018', 'Margaret Okafor'],
    ['+44 20 79', 'Margaret Okafor'],
    ['0044 (20) 7946-0018', 'Margaret Okafor'],
    ['020 7946', 'Margaret Okafor'],
    ['07700 900', 'Dmitri Volkov'],
    ['+966 11 234', 'فاطمة الزهراني'],
    ['+91 22 6601', 'अनन्या शर्मा'],
  ])('by phone in any form: %s', async (q, name) => {
    expect(await names(q)).toEqual([name]);
  });

  it.each([
    ['NW-10442', 'Margaret Okafor'],
    ['nw-104', 'Margaret Okafor'],
    ['TA-30981', 'فاطمة الزهراني'],
  ])('by account number: %s', async (q, name) => {
    expect(await names(q)).toContain(name);
  });

  it.each([
    ['okaf', 'Margaret Okafor'],
    ['jean-luc', 'Jean-Luc Moreau'],
    ['ελένη', 'Ελένη Παπαδοπούλου'],
    ['ελενη', 'Ελένη Παπαδοπούλου'],
    ['Παπαδ', 'Ελένη Παπαδοπούλου'],
    ['अनन्या', 'अनन्या शर्मा'],
    ['शर्मा', 'अनन्या शर्मा'],
    ['الزهراني', 'فاطمة الزهراني'],
    ['فاطمة', 'فاطمة الزهراني'],
    ['northwind', 'Margaret Okafor'],
    ['adatum', 'Dmitri Volkov'],
  ])('by name, organisation or email in any script: %s', async (q, name) => {
    expect(await names(q)).toEqual([name]);
  });

  it.each(['"', '*', 'NEAR(a b)', ')(', 'name:x', '-', '^', 'a OR', 'AND'])(
    'search syntax in the query is just text: %s',
    async (q) => {
      const r = await t.desk.call(a, 'customers.lookup', { query: q });
      expect(r.ok).toBe(true);
    },
  );

  it('finds nothing rather than everything for a non-matching query', async () => {
    expect(await names('zzzzqqq')).toEqual([]);
  });
});
