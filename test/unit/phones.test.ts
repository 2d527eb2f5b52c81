import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { phoneKey } from '../../src/core/callers/caller-keys.ts';
import type { Connection } from '../../src/core/kernel/context.ts';
import {
  ACCOUNT_OWNER_SQL,
  ACCOUNT_PREFIX_SQL,
  PHONE_OWNERS_SQL,
  PHONE_PREFIX_SQL,
} from '../../src/core/callers/customers.ts';
import { readSettings, writeSettings } from '../../src/core/kernel/settings.ts';
import { count, demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

/**
 * One number per desk, in every way people write it: each form saved for its own caller must be
 * found by every other form, and by the number typed so far.
 */
const DESKS = [
  {
    country: 'GB',
    callingCode: '44',
    e164: '+442079460018',
    forms: [
      '+44 20 7946 0018',
      '0044 20 7946 0018',
      '020 7946 0018',
      '020/7946 0018',
      '+44 (0)20 7946 0018',
      '(020) 7946-0018',
      '٠٢٠ ٧٩٤٦ ٠٠١٨',
      '۰۲۰ ۷۹۴۶ ۰۰۱۸',
      '०२० ७९४६ ००१८',
    ],
    partial: ['020 79', '+44 20 79', '0044 207', '020/79', '+44 (0)20 79', '٠٢٠ ٧٩', '०२० ७९'],
  },
  {
    // No trunk 0: a national number is the whole number.
    country: 'GR',
    callingCode: '30',
    e164: '+302101234567',
    forms: [
      '210 123 4567',
      '+30 210 123 4567',
      '0030 210 123 4567',
      '210/123 4567',
      '210-123-4567',
      '+30 (210) 123-4567',
      '٢١٠ ١٢٣ ٤٥٦٧',
      '۲۱۰ ۱۲۳ ۴۵۶۷',
      '२१० १२३ ४५६७',
    ],
    partial: ['210 12', '+30 21', '0030 210 1', '210/12', '२१० १२'],
  },
  {
    // North America: trunk 1 (optional), 011 to dial out; 00 is still read as international.
    country: 'US',
    callingCode: '1',
    e164: '+12125550100',
    forms: [
      '212-555-0100',
      '(212) 555-0100',
      '+1 212 555 0100',
      '1 212 555 0100',
      '212/555-0100',
      '212.555.0100',
      '011 1 212 555 0100',
      '00 1 212 555 0100',
      '+1 (212) 555-0100',
      '٢١٢-٥٥٥-٠١٠٠',
      '२१२-५५५-०१००',
    ],
    partial: ['212-55', '(212) 5', '+1 212 5', '1 212 55', '212/55'],
  },
] as const;

async function deskIn(callingCode: string): Promise<{ t: TestDesk; analyst: Connection }> {
  const t = await demoDesk();
  writeSettings(t.desk.db, { ...readSettings(t.desk.db), countryCode: callingCode });
  return { t, analyst: await t.as('analyst') };
}

async function newCaller(t: TestDesk, analyst: Connection, name: string, phone: string) {
  const input = await validIntake(t, analyst, 1);
  input.caller = { kind: 'new', name, organisation: '' };
  input.contact = { phone, email: '' };
  input.accountNumber = '';
  delete input.asset;
  return t.desk.call(analyst, 'intake.submit', input);
}

describe.each(DESKS)('phone numbers as people write them, $country desk', (d) => {
  let t: TestDesk;
  let analyst: Connection;
  const names = d.forms.map((_, i) => `Caller form ${i + 1}`);
  const refused: string[] = [];
  beforeAll(async () => {
    ({ t, analyst } = await deskIn(d.callingCode));
    for (const [i, form] of d.forms.entries()) {
      const r = await newCaller(t, analyst, names[i]!, form);
      if (!r.ok) refused.push(`${form}: ${JSON.stringify(r.error.issues)}`);
    }
  });
  afterAll(() => t.close());

  it('accepts every form', () => {
    expect(refused).toEqual([]);
  });
  const found = async (query: string) =>
    (await t.ok(analyst, 'customers.lookup', { query, limit: 50 })).map((h) => h.name);

  it('stores each in E.164 and keeps what was typed for display', () => {
    const rows = t.desk.db
      .prepare("SELECT phone, phone_norm FROM customers WHERE name LIKE 'Caller form %'")
      .all() as { phone: string; phone_norm: string }[];
    expect(rows.map((r) => r.phone_norm)).toEqual(d.forms.map(() => d.e164));
    expect(rows.map((r) => r.phone).sort()).toEqual([...d.forms].sort());
  });

  it.each(d.forms)('%s finds the callers saved in every form', async (query) => {
    const got = await found(query);
    for (const name of names) expect(got, `${query} finds ${name}`).toContain(name);
  });

  it.each(d.partial)('%s (typed so far) finds them by prefix', async (query) => {
    const got = await found(query);
    for (const name of names) expect(got, `${query} finds ${name}`).toContain(name);
  });

  it('tells intake who already has the number, in any form, once it is whole', async () => {
    for (const phone of d.forms) {
      const owners = await t.ok(analyst, 'customers.owners', { phone, accountNumber: '' });
      expect(
        owners.phone.map((h) => h.name),
        phone,
      ).toEqual([...names].sort().slice(0, 3));
    }
    const partial = await t.ok(analyst, 'customers.owners', {
      phone: d.partial[0]!,
      accountNumber: '',
    });
    expect(partial.phone).toEqual([]);
  });
});

describe('a number the desk cannot dial is refused next to the field', () => {
  let t: TestDesk;
  let analyst: Connection;
  beforeAll(async () => {
    ({ t, analyst } = await deskIn('44'));
  });
  afterAll(() => t.close());

  it.each([
    ['12345', 'phone_short'],
    ['+44 20 7946', 'phone_short'],
    ['020 7946 0018 12345', 'phone_long'],
    ['+999 1234 5678', 'phone_country'],
  ])('%s → %s, and nothing is written', async (phone, rule) => {
    const before = fingerprint(t.desk);
    const r = await newCaller(t, analyst, 'Kofi Mensah', phone);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'contact.phone', rule }] },
    });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('a national number on a desk without a calling code asks for the country code', async () => {
    writeSettings(t.desk.db, { ...readSettings(t.desk.db), countryCode: '' });
    try {
      const r = await newCaller(t, analyst, 'Kofi Mensah', '020 7946 0991');
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: 'contact.phone', rule: 'phone_national' }] },
      });
      expect((await newCaller(t, analyst, 'Kofi Mensah', '+44 20 7946 0991')).ok).toBe(true);
    } finally {
      writeSettings(t.desk.db, { ...readSettings(t.desk.db), countryCode: '44' });
    }
  });

  it("a returning caller's number on record from an older desk is not refused again", async () => {
    // Kept from before numbers were checked: it stays the caller's, and a call from it is taken.
    const [okafor] = await t.ok(analyst, 'customers.lookup', { query: 'Okafor' });
    t.desk.db
      .prepare("UPDATE customers SET phone = '12345', phone_norm = ? WHERE id = ?")
      .run(phoneKey('12345', '44'), okafor!.id);
    const input = await validIntake(t, analyst, 1);
    input.caller = { kind: 'existing', customerId: okafor!.id };
    input.contact = { phone: '12345', email: '' };
    input.accountNumber = '';
    delete input.asset;
    expect((await t.desk.call(analyst, 'intake.submit', input)).ok).toBe(true);
    input.contact = { phone: '54321', email: '' };
    expect(await t.desk.call(analyst, 'intake.submit', input)).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'contact.phone', rule: 'phone_short' }] },
    });
    t.desk.db
      .prepare("UPDATE customers SET phone = '+44 20 7946 0018', phone_norm = ? WHERE id = ?")
      .run('+442079460018', okafor!.id);
  });

  it('letters are refused with a rule the form can word', async () => {
    const r = await newCaller(t, analyst, 'Kofi Mensah', '020 CALL ME');
    expect(r).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'contact.phone', rule: 'phone_chars' }] },
    });
  });

  it('a shared switchboard number is saved, the owners are only told', async () => {
    const r = await newCaller(t, analyst, 'Second person at Northwind', '020 7946 0018');
    expect(r.ok).toBe(true);
    const owners = await t.ok(analyst, 'customers.owners', {
      phone: '+44 20 7946 0018',
      accountNumber: '',
    });
    expect(owners.phone.map((h) => h.name)).toEqual([
      'Margaret Okafor',
      'Second person at Northwind',
    ]);
  });
});

describe('account numbers whatever their case and punctuation', () => {
  let t: TestDesk;
  let analyst: Connection;
  beforeAll(async () => {
    t = await demoDesk();
    analyst = await t.as('analyst');
  });
  afterAll(() => t.close());

  const found = async (query: string) =>
    (await t.ok(analyst, 'customers.lookup', { query })).map((h) => h.name);

  it.each([
    'NW-10442',
    'nw-10442',
    'NW 10442',
    'nw 10442',
    'NW10442',
    'nw/10442',
    'Nw.104',
    'nw 104',
  ])('%s finds the account NW-10442', async (q) => {
    expect(await found(q)).toContain('Margaret Okafor');
  });

  it('an account saved as ab-1234 is found as AB 1234 and AB1234', async () => {
    const input = await validIntake(t, analyst, 1);
    input.accountNumber = 'ab-1234';
    await t.ok(analyst, 'intake.submit', input);
    expect(await found('AB 1234')).toEqual(['Kofi Mensah']);
    expect(await found('AB1234')).toEqual(['Kofi Mensah']);
    const owners = await t.ok(analyst, 'customers.owners', { phone: '', accountNumber: 'Ab 1234' });
    expect(owners.account?.name).toBe('Kofi Mensah');
  });

  it("another caller's account written differently is still refused", async () => {
    const input = await validIntake(t, analyst, 1);
    input.accountNumber = 'nw 10442';
    const before = fingerprint(t.desk);
    const r = await t.desk.call(analyst, 'intake.submit', input);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'accountNumber', rule: 'other_customer' }] },
    });
    expect(fingerprint(t.desk)).toBe(before);
  });

  it("the caller's own account written differently is the same account, not a new one", async () => {
    const [okafor] = await t.ok(analyst, 'customers.lookup', { query: 'Okafor' });
    const input = await validIntake(t, analyst, 1);
    input.caller = { kind: 'existing', customerId: okafor!.id };
    input.accountNumber = 'nw10442';
    delete input.asset;
    const accounts = count(t.desk, 'accounts');
    const receipt = await t.ok(analyst, 'intake.submit', input);
    expect(count(t.desk, 'accounts')).toBe(accounts);
    const ticket = await t.ok(analyst, 'tickets.get', { id: receipt.tickets[0]!.id });
    expect(ticket.account?.number).toBe('NW-10442');
  });
});

describe('the look-ups stay on their indexes', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk();
  });
  afterAll(() => t.close());

  const plan = (sql: string, ...params: unknown[]) =>
    (t.desk.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');

  it.each([
    ['phone prefix', PHONE_PREFIX_SQL, ['+442079', '+442079:', 8], 'customers_phone'],
    ['phone owners', PHONE_OWNERS_SQL, ['+442079460018', 3], 'customers_phone'],
    ['account prefix', ACCOUNT_PREFIX_SQL, ['NW104', 'NW104\u{10FFFF}', 8], 'accounts_number_norm'],
    ['account owner', ACCOUNT_OWNER_SQL, ['NW10442'], 'accounts_number_norm'],
  ] as const)('%s reads a range of %s', (_, sql, params, index) => {
    const p = plan(sql, ...params);
    expect(p).toMatch(new RegExp(`SEARCH \\w+ USING (COVERING )?INDEX ${index} \\(`));
    expect(p).not.toMatch(/SCAN (customers|accounts|a|c)\b/);
  });
});

describe("a real desk's calling code", () => {
  it('is refused at set-up when no country has it, and nothing is written', async () => {
    const t = await demoDesk({ empty: true });
    try {
      const conn = t.desk.connect();
      const setup = {
        deskName: 'Somewhere Desk',
        prefix: 'SWD',
        countryCode: '999',
        admin: { username: 'root', displayName: 'Root', password: 'a-long-password' },
      };
      const before = fingerprint(t.desk);
      expect(await t.desk.call(conn, 'desk.setup', setup)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: 'countryCode', rule: 'calling_code' }] },
      });
      expect(fingerprint(t.desk)).toBe(before);
      await t.ok(conn, 'desk.setup', { ...setup, countryCode: '1' });
      expect(readSettings(t.desk.db).countryCode).toBe('1');
    } finally {
      await t.close();
    }
  });
});

describe('any text the contract accepts is read without failing', () => {
  let t: TestDesk;
  let analyst: Connection;
  beforeAll(async () => {
    ({ t, analyst } = await deskIn('1'));
  });
  afterAll(() => t.close());

  // Digits of several scripts, the punctuation numbers are written with, and anything else.
  const typed = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'0123456789٠١٢٣٤٥٦٧٨٩०१२३४५६७८९+()-./ '),
      fc.constantFrom('\u0000', '\u202e', 'é', 'Ω', '😀', '\uFF10'),
      fc.string({ maxLength: 1, unit: 'grapheme' }),
    ),
    maxLength: 40,
  });

  it('look-up, owners and intake answer every such text with a value or a typed refusal', async () => {
    const input = await validIntake(t, analyst, 1);
    await fc.assert(
      fc.asyncProperty(typed, async (text) => {
        // Control characters in a name search are issue 13 item 2's (the full-text query).
        if (!/\p{Cc}/u.test(text)) {
          const q = text.trim() ? text : `${text}1`;
          const lookup = await t.desk.call(analyst, 'customers.lookup', { query: q });
          expect(lookup.ok || lookup.error.code === 'VALIDATION').toBe(true);
        }
        const owners = await t.desk.call(analyst, 'customers.owners', {
          phone: text,
          accountNumber: text,
        });
        expect(owners.ok).toBe(true);
        const saved = await t.desk.call(analyst, 'intake.submit', {
          ...input,
          contact: { phone: text, email: 'kofi@litware.example' },
          accountNumber: '',
        });
        if (!saved.ok) expect(saved.error.code).toBe('VALIDATION');
      }),
      { numRuns: 150 },
    );
  });
});
