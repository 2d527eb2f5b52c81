/**
 * Importing callers, their accounts and equipment, on a real desk file, from real files: CSV in
 * every encoding the desks' systems write, XLSX, osTicket's and Zammad's exports, broken files
 * and a 50 MB one. Every refusal says why and where, and leaves the desk as it was; a second
 * import of a file adds nothing.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../src/shared/events.ts';
import { IMPORT_PIECE_BYTES, type ImportReport } from '../../src/shared/imports.ts';
import { count, demoDesk, fingerprint, type TestDesk } from '../helpers/desk.ts';
import { callersTables, encoded, stage, xlsx } from '../helpers/imports.ts';

let t: TestDesk | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const desk = async () => {
  t = await demoDesk();
  return { t, admin: await t.as('admin') };
};

/** The callers a name is on the desk as: name, phone key, email, organisation. */
const callersNamed = (t: TestDesk, name: string) =>
  t.desk.db
    .prepare('SELECT name, phone, phone_norm, email, organisation FROM customers WHERE name = ?')
    .all(name);

const refusal = async (
  t: TestDesk,
  admin: Parameters<TestDesk['ok']>[0],
  m: 'imports.preview' | 'imports.check' | 'imports.run',
  input: object,
) => {
  const r = await t.desk.call(admin, m, input as never);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  return r.error;
};

describe('the file read: formats and encodings', () => {
  const PEOPLE = {
    'windows-1252': ['Élodie Bérard', 'Société Générale', 'François Lefèvre', 'Crédit Agricole'],
    'windows-1253': [
      'Γιώργος Παπαδόπουλος',
      'Εθνική Τράπεζα',
      'Μαρία Κωνσταντίνου',
      'Δήμος Αθηναίων',
    ],
    'windows-1256': ['محمد العلي', 'شركة الاتصالات', 'فاطمة الزهراء', 'بنك الرياض'],
  } as const;

  const csvOf = (names: readonly string[], sep = ',') =>
    [
      ['Name', 'Phone', 'Email', 'Organisation'].join(sep),
      [names[0], '020 7946 0101', 'one@example.org', names[1]].join(sep),
      [names[2], '+44 20 7946 0102', 'two@example.org', names[3]].join(sep),
    ].join('\r\n') + '\r\n';

  it.each([
    ['utf-8', false, 'utf-8'],
    ['utf-8', true, 'utf-8'],
    ['utf-16le', true, 'utf-16le'],
    ['utf-16be', true, 'utf-16be'],
    ['utf-16le', false, 'utf-16le'],
    ['windows-1252', false, 'windows-1252'],
    ['windows-1253', false, 'windows-1253'],
    ['windows-1256', false, 'windows-1256'],
  ] as const)('%s (byte-order mark: %s) is found and read intact', async (enc, bom, found) => {
    const { t, admin } = await desk();
    const names =
      enc in PEOPLE
        ? PEOPLE[enc as keyof typeof PEOPLE]
        : ['Ἀθηνᾶ Ἑλένη', 'नमस्ते लिमिटेड', 'سارة أحمد', 'Zoë Ñúñez'];
    const importId = await stage(t, admin, encoded(csvOf(names), enc, bom));
    const preview = await t.ok(admin, 'imports.preview', { importId });
    expect(preview.format).toBe('csv');
    expect(preview.detectedEncoding).toBe(found);
    expect(preview.columns).toEqual(['Name', 'Phone', 'Email', 'Organisation']);
    expect(preview.sample[0]![0]).toBe(names[0]);
    expect(preview.sample[1]![3]).toBe(names[3]);
    expect(preview.rows).toBe(2);
    expect(preview.mapping).toEqual({ name: 0, phone: 1, email: 2, organisation: 3 });
    const done = await t.ok(admin, 'imports.run', {
      importId,
      mapping: preview.mapping,
      duplicates: 'merge',
    });
    expect(done).toMatchObject({ created: 2, rejected: 0, written: true });
    // Phone numbers keyed as intake keys them: national and international meet on E.164.
    expect(callersNamed(t, names[0]!)).toEqual([
      {
        name: names[0],
        phone: '020 7946 0101',
        phone_norm: '+442079460101',
        email: 'one@example.org',
        organisation: names[1],
      },
    ]);
    expect(callersNamed(t, names[2]!)[0]).toMatchObject({ phone_norm: '+442079460102' });
  });

  it('reads a French Excel CSV (semicolons) and an encoding the admin chooses over the one found', async () => {
    const { t, admin } = await desk();
    const bytes = encoded(csvOf(PEOPLE['windows-1253'], ';'), 'windows-1253');
    const importId = await stage(t, admin, bytes);
    const found = await t.ok(admin, 'imports.preview', { importId });
    expect(found.delimiter).toBe(';');
    expect(found.sample[0]![0]).toBe(PEOPLE['windows-1253'][0]);
    // Read as Latin-1 instead, the names are not Greek: the admin sees it in the preview.
    const chosen = await t.ok(admin, 'imports.preview', { importId, encoding: 'windows-1252' });
    expect(chosen.encoding).toBe('windows-1252');
    expect(chosen.sample[0]![0]).not.toBe(PEOPLE['windows-1253'][0]);
  });

  it('reads an XLSX: the first worksheet, or the one chosen; numbers and formulas as text', async () => {
    const { t, admin } = await desk();
    const bytes = await xlsx({
      Notes: [['nothing here']],
      Callers: [
        [
          'First name',
          'Last name',
          'Mobile',
          'Account number',
          'Model',
          'Serial number',
          'Site',
          'Licence',
        ],
        [
          'Aiko',
          'Tanaka',
          447700900201,
          'ACC-9001',
          'HP LaserJet M404',
          'SN-1',
          'Floor 2',
          'LIC-1',
        ],
        ['Aiko', 'Tanaka', 447700900201, 'ACC-9002', 'Dell P2419H', 'SN-2', 'Floor 2', ''],
        [null, null, null, null, null, null, null, null],
        ['Bruno', 'Costa', '+44 7700 900202', '', 'ThinkPad T14', 'SN-3', 'Home', ''],
      ],
    });
    const importId = await stage(t, admin, bytes, 'callers.xlsx');
    const first = await t.ok(admin, 'imports.preview', { importId });
    expect(first).toMatchObject({ format: 'xlsx', sheets: ['Notes', 'Callers'], sheet: 'Notes' });
    const p = await t.ok(admin, 'imports.preview', { importId, sheet: 'Callers' });
    expect(p.rows).toBe(3);
    expect(p.sample[0]![2]).toBe('447700900201');
    expect(p.mapping).toEqual({
      firstName: 0,
      lastName: 1,
      phone: 2,
      accountNumber: 3,
      modelNumber: 4,
      serial: 5,
      location: 6,
      licence: 7,
    });
    const report = await t.ok(admin, 'imports.run', {
      importId,
      sheet: 'Callers',
      mapping: p.mapping,
      duplicates: 'merge',
    });
    // Aiko's two rows are one caller with two accounts and two pieces of equipment.
    expect(report).toMatchObject({ rows: 3, created: 2, merged: 1, newAccounts: 2, newAssets: 3 });
    const aiko = t.desk.db
      .prepare("SELECT id, phone_norm FROM customers WHERE name = 'Aiko Tanaka'")
      .get() as {
      id: string;
      phone_norm: string;
    };
    // 447700900201 written as a number in Excel: read with its country code, as intake would.
    expect(aiko.phone_norm).toBe('+447700900201');
    expect(
      t.desk.db
        .prepare('SELECT number FROM accounts WHERE customer_id = ? ORDER BY number')
        .pluck()
        .all(aiko.id),
    ).toEqual(['ACC-9001', 'ACC-9002']);
    // Found as intake finds them: by account number however written, by serial through search.
    const analyst = await t.as('analyst');
    const hits = await t.ok(analyst, 'customers.lookup', { query: 'acc 9002', limit: 5 });
    expect(hits.map((h) => h.name)).toEqual(['Aiko Tanaka']);
    const detail = await t.ok(analyst, 'customers.get', { id: aiko.id });
    expect(detail.assets.map((a) => a.serial).sort()).toEqual(['SN-1', 'SN-2']);
  });

  it("guesses the mapping of osTicket's and Zammad's exports", async () => {
    const { t, admin } = await desk();
    const osticket =
      '"Name","Email","Phone Number","Organization","Status","Created","Updated"\n' +
      '"Olga Petrova","olga@example.org","+44 20 7946 0301","Acme Ltd","Active","2025-01-02 10:00:00","2025-02-03 11:00:00"\n';
    const zammad =
      'id,login,firstname,lastname,email,web,phone,fax,mobile,department,street,zip,city,country,address,vip,verified,active,note,organization\n' +
      '17,pjones,Priya,Jones,priya@example.org,,+44 20 7946 0302,,,IT,,,Leeds,,,false,true,true,,Globex\n';
    const os = await t.ok(admin, 'imports.preview', {
      importId: await stage(t, admin, Buffer.from(osticket)),
    });
    expect(os.mapping).toEqual({ name: 0, email: 1, phone: 2, organisation: 3 });
    const zid = await stage(t, admin, Buffer.from(zammad));
    const zm = await t.ok(admin, 'imports.preview', { importId: zid });
    expect(zm.mapping).toEqual({
      firstName: 2,
      lastName: 3,
      email: 4,
      phone: 6,
      location: 12,
      organisation: 19,
    });
    await t.ok(admin, 'imports.run', { importId: zid, mapping: zm.mapping, duplicates: 'merge' });
    expect(callersNamed(t, 'Priya Jones')).toEqual([
      {
        name: 'Priya Jones',
        phone: '+44 20 7946 0302',
        phone_norm: '+442079460302',
        email: 'priya@example.org',
        organisation: 'Globex',
      },
    ]);
  });
});

describe('refusals: a clear report, nothing half-imported', () => {
  it('a truncated XLSX, a stray quote, an Excel 97 file, an empty file: refused with the reason; nothing written', async () => {
    const { t, admin } = await desk();
    const before = fingerprint(t.desk);
    const whole = await xlsx({
      Callers: [
        ['Name', 'Phone'],
        ['Ann', '020 7946 0401'],
      ],
    });
    const cases: [Buffer, string, Record<string, number> | undefined][] = [
      [whole.subarray(0, Math.floor(whole.length / 2)), 'import_damaged', undefined],
      [
        Buffer.from('Name,Phone\nAnn,020 7946 0401\nBob "the builder,020 7946 0402\n'),
        'import_quote',
        { line: 3 },
      ],
      [
        Buffer.from('Name,Phone\n"Ann,020 7946 0401\nBob,020 7946 0402\n'),
        'import_quote',
        undefined,
      ],
      [
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
        'import_xls',
        undefined,
      ],
      [Buffer.from('\r\n\r\n'), 'import_empty', undefined],
    ];
    for (const [bytes, rule, params] of cases) {
      const importId = await stage(t, admin, bytes);
      const e = await refusal(t, admin, 'imports.preview', { importId });
      expect(e.code).toBe('CONFLICT');
      expect(e.issues[0]).toMatchObject({ path: '', rule, ...(params ? { params } : {}) });
      const run = await refusal(t, admin, 'imports.run', {
        importId,
        mapping: { name: 0 },
        duplicates: 'merge',
      });
      expect(run.issues[0]!.rule).toBe(rule);
    }
    expect(fingerprint(t.desk)).toBe(before);
  });

  it('rows numbered as a spreadsheet numbers them, blank lines counted; a file too wide refused; a phone formatted as a date read, not a crash', async () => {
    const { t, admin } = await desk();
    const gaps = await stage(t, admin, Buffer.from('Name,Phone\n\n\nAnn,020 79\n'));
    const r = await t.ok(admin, 'imports.check', {
      importId: gaps,
      mapping: { name: 0, phone: 1 },
      duplicates: 'merge',
    });
    expect(r.rejections.map((x) => x.row)).toEqual([4]);
    const wide = await stage(t, admin, Buffer.from(`Name${','.repeat(600)}\nAnn\n`));
    const e = await refusal(t, admin, 'imports.preview', { importId: wide });
    expect(e.issues[0]).toMatchObject({
      rule: 'import_wide',
      params: { columns: 601, limit: 500 },
    });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Callers');
    sheet.addRow(['Name', 'Phone']);
    const row = sheet.addRow(['Ann', 447700900123]);
    row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.commit();
    const dated = await stage(t, admin, Buffer.from(await book.xlsx.writeBuffer()), 'd.xlsx');
    const p = await t.ok(admin, 'imports.preview', { importId: dated });
    expect(p.rows).toBe(1);
    expect(p.sample[0]![0]).toBe('Ann');
  });

  it('a dry run reports every row it would refuse and why; the import refuses them all, or leaves them out when told', async () => {
    const { t, admin } = await desk();
    const csv = [
      'Name,Phone,Email,Account',
      'Good One,020 7946 0501,good1@example.org,GOOD-1',
      ',020 7946 0502,,', // no name
      'Bad Phone,020 79,,', // too short for the plan
      'Bad Email,,not-an-email,', // not an email
      'Unreachable,,,', // neither phone nor email
      `${'L'.repeat(201)},020 7946 0506,,`, // name too long
      'Bad Account,020 7946 0507,,AC$1', // account with a $
      'Good Two,+33 1 42 68 53 00,,',
      '',
    ].join('\n');
    const importId = await stage(t, admin, Buffer.from(csv));
    const plan = {
      importId,
      mapping: { name: 0, phone: 1, email: 2, accountNumber: 3 },
      duplicates: 'merge' as const,
    };
    const before = fingerprint(t.desk);
    const report = await t.ok(admin, 'imports.check', plan);
    expect(report).toMatchObject({ rows: 8, created: 2, rejected: 6, written: false });
    expect(report.rejections.map((r) => [r.row, r.field, r.rule])).toEqual([
      [3, 'name', 'too_small'],
      [4, 'phone', 'phone_short'],
      [5, 'email', 'email'],
      [6, 'phone', 'reachable'],
      [7, 'name', 'too_big'],
      [8, 'accountNumber', 'invalid_format'],
    ]);
    expect(report.rejections[4]!.limit).toBe(200);
    expect(report.rejections[1]!.value).toBe('020 79');
    expect(fingerprint(t.desk)).toBe(before);
    const refused = await refusal(t, admin, 'imports.run', plan);
    expect(refused.issues[0]).toMatchObject({
      rule: 'import_rejected',
      params: { count: 6, row: 3 },
    });
    expect(fingerprint(t.desk)).toBe(before);
    const written = await t.ok(admin, 'imports.run', { ...plan, leaveOutRejected: true });
    expect(written).toMatchObject({ created: 2, rejected: 6, newAccounts: 1, written: true });
    expect(callersNamed(t, 'Good Two')[0]).toMatchObject({ phone_norm: '+33142685300' });
    // Kept in the desk's history: who imported what.
    expect(
      t.desk.db
        .prepare("SELECT count(*) FROM desk_events WHERE type = 'callers.imported'")
        .pluck()
        .get(),
    ).toBe(1);
  });

  it('a 50 MB file is read whole: one bad row near its end refuses the import, and nothing is written', async () => {
    const { t, admin } = await desk();
    const header = 'Name,Phone,Email,Account,Model,Serial,Location,Licence\n';
    const line = (i: number) =>
      `Caller number ${i},+44 7700 ${String(900000 + (i % 1000)).padStart(6, '0')},caller${i}@example.org,BIG-${i},Model ${i % 50},SER-${i},Building ${i % 20} floor ${i % 7},LIC-${i}-XXXXXXXXXXXXXXXX\n`;
    const rows: string[] = [header];
    let size = header.length;
    let i = 0;
    let bad = 0;
    while (size < 50 * 1024 * 1024) {
      const l = !bad && size > 49 * 1024 * 1024 ? 'Bad row,020 79,,,,,,\n' : line(i);
      if (!bad && l.startsWith('Bad')) bad = i + 2;
      rows.push(l);
      size += l.length;
      i++;
    }
    const bytes = Buffer.from(rows.join(''));
    expect(bytes.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const importId = await stage(t, admin, bytes, 'big.csv');
    const before = callersTables(t);
    const plan = {
      importId,
      mapping: {
        name: 0,
        phone: 1,
        email: 2,
        accountNumber: 3,
        modelNumber: 4,
        serial: 5,
        location: 6,
        licence: 7,
      },
      duplicates: 'merge' as const,
    };
    const refused = await refusal(t, admin, 'imports.run', plan);
    expect(refused.issues[0]).toMatchObject({
      rule: 'import_rejected',
      params: { count: 1, row: bad },
    });
    expect(callersTables(t)).toBe(before);
    // It told its progress as it read and checked.
    const phases = new Set(
      t.events
        .filter((e) => e.name === 'imports.progress')
        .map((e) => (e.payload as { phase: string }).phase),
    );
    expect(phases).toEqual(new Set(['reading', 'checking']));
  }, 180_000);

  it('pieces out of order, a file not whole, an import of another admin, an analyst: refused', async () => {
    const { t, admin } = await desk();
    const analyst = await t.as('analyst');
    const r = await t.desk.call(analyst, 'imports.begin', { fileName: 'x.csv', bytes: 10 });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const { importId } = await t.ok(admin, 'imports.begin', { fileName: 'x.csv', bytes: 20 });
    const gap = await t.desk.call(admin, 'imports.append', {
      importId,
      offset: 5,
      data: Buffer.from('abc').toString('base64'),
    });
    expect(!gap.ok && gap.error.issues[0]).toMatchObject({
      rule: 'import_offset',
      params: { expected: 0 },
    });
    await t.ok(admin, 'imports.append', {
      importId,
      offset: 0,
      data: Buffer.from('Name\nAnn\n').toString('base64'),
    });
    const part = await refusal(t, admin, 'imports.preview', { importId });
    expect(part.issues[0]).toMatchObject({
      rule: 'import_incomplete',
      params: { received: 9, bytes: 20 },
    });
    const over = await t.desk.call(admin, 'imports.append', {
      importId,
      offset: 9,
      data: Buffer.alloc(12).toString('base64'),
    });
    expect(!over.ok && over.error.issues[0]!.rule).toBe('import_size');
    const tooBig = await t.desk.call(admin, 'imports.append', {
      importId,
      offset: 9,
      data: Buffer.alloc(IMPORT_PIECE_BYTES + 3).toString('base64'),
    });
    expect(!tooBig.ok && tooBig.error.code).toBe('VALIDATION');
    // Another session of the same admin may carry on; a mapping without a name is refused.
    const noName = await t.desk.call(admin, 'imports.check', {
      importId,
      mapping: { phone: 0 },
      duplicates: 'merge',
    });
    expect(!noName.ok && noName.error.issues[0]).toMatchObject({
      path: 'mapping.name',
      rule: 'import_name_column',
    });
    const twice = await t.desk.call(admin, 'imports.check', {
      importId,
      mapping: { name: 0, email: 0 },
      duplicates: 'merge',
    });
    expect(!twice.ok && twice.error.issues[0]!.rule).toBe('import_column_twice');
  });

  it('cancelled while it checks: stops, and writes nothing', async () => {
    const { t, admin } = await desk();
    const rows = ['Name,Phone'];
    for (let i = 0; i < 60_000; i++)
      rows.push(`Person ${i},+44 7700 9${String(i % 100000).padStart(5, '0')}`);
    const importId = await stage(t, admin, Buffer.from(rows.join('\n')));
    await t.ok(admin, 'imports.preview', { importId });
    const before = callersTables(t);
    const running = t.desk.call(admin, 'imports.run', {
      importId,
      mapping: { name: 0, phone: 1 },
      duplicates: 'merge',
    });
    // The first progress of the check, then the cancel.
    await new Promise<void>((resolve) => {
      const off = t.desk.subscribe((e) => {
        const p = e.payload as EventPayloads['imports.progress'];
        if (e.name === 'imports.progress' && p.phase === 'checking' && p.done > 0) {
          off();
          resolve();
        }
      });
    });
    expect(await t.ok(admin, 'imports.cancel', { importId })).toEqual({ cancelled: true });
    const r = await running;
    expect(!r.ok && r.error.issues[0]!.rule).toBe('import_cancelled');
    expect(callersTables(t)).toBe(before);
    const gone = await t.desk.call(admin, 'imports.preview', { importId });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
  });
});

describe('duplicates', () => {
  it('callers the desk has, by account, by phone and name, by email and name: merged or skipped by choice; a second import adds nothing', async () => {
    const { t, admin } = await desk();
    const db = t.desk.db;
    const withAccount = db
      .prepare(
        `SELECT c.id, c.name, a.number FROM customers c JOIN accounts a ON a.customer_id = c.id ORDER BY c.rowid LIMIT 1`,
      )
      .get() as { id: string; name: string; number: string };
    const withPhone = db
      .prepare(
        `SELECT id, name, phone FROM customers WHERE phone <> '' AND id <> ? ORDER BY rowid LIMIT 1`,
      )
      .get(withAccount.id) as { id: string; name: string; phone: string };
    const withEmail = db
      .prepare(
        `SELECT id, name, email FROM customers WHERE email <> '' AND id NOT IN (?, ?) ORDER BY rowid LIMIT 1`,
      )
      .get(withAccount.id, withPhone.id) as { id: string; name: string; email: string };
    const csv = [
      'Name,Phone,Email,Account,Serial,Model',
      // The account, written another way, and new equipment.
      `Whoever,,,${withAccount.number.toLowerCase().replace(/-/g, ' ')},IMP-S1,Router X`,
      `${withPhone.name.toUpperCase()},${withPhone.phone},,NEW-ACC-1,,`,
      `${withEmail.name},,${withEmail.email.toUpperCase()},,IMP-S2,Phone Y`,
      // Same phone as a caller, another name: a new caller (a shared number is not one person).
      `Somebody Else,${withPhone.phone},,,,`,
      'Brand New,020 7946 0601,,,IMP-S3,Laptop Z',
    ].join('\n');
    const mapping = { name: 0, phone: 1, email: 2, accountNumber: 3, serial: 4, modelNumber: 5 };
    const run = async (duplicates: 'merge' | 'skip'): Promise<ImportReport> => {
      const importId = await stage(t, admin, Buffer.from(csv));
      return t.ok(admin, 'imports.run', { importId, mapping, duplicates });
    };

    const before = callersTables(t);
    const skipped = await (async () => {
      const importId = await stage(t, admin, Buffer.from(csv));
      return t.ok(admin, 'imports.check', { importId, mapping, duplicates: 'skip' });
    })();
    expect(skipped).toMatchObject({ created: 2, skipped: 3, duplicateCount: 3, newAssets: 1 });
    expect(skipped.duplicates.map((d) => [d.row, d.by, d.existing.id])).toEqual([
      [2, 'account', withAccount.id],
      [3, 'phone', withPhone.id],
      [4, 'email', withEmail.id],
    ]);
    expect(callersTables(t)).toBe(before);

    const customers = count(t.desk, 'customers');
    const merged = await run('merge');
    expect(merged).toMatchObject({
      created: 2,
      merged: 3,
      skipped: 0,
      newAccounts: 1,
      newAssets: 3,
    });
    expect(count(t.desk, 'customers')).toBe(customers + 2);
    const serials = (id: string) =>
      db.prepare('SELECT serial FROM assets WHERE customer_id = ? ORDER BY serial').pluck().all(id);
    expect(serials(withAccount.id)).toContain('IMP-S1');
    expect(serials(withEmail.id)).toContain('IMP-S2');
    expect(
      db.prepare('SELECT customer_id FROM accounts WHERE number = ?').pluck().get('NEW-ACC-1'),
    ).toBe(withPhone.id);

    // The same file again, either way: nothing new.
    const after = callersTables(t);
    const again = await run('merge');
    expect(again).toMatchObject({ created: 0, merged: 5, newAccounts: 0, newAssets: 0 });
    expect(callersTables(t)).toBe(after);
    expect(await run('skip')).toMatchObject({ created: 0, skipped: 5 });
    expect(callersTables(t)).toBe(after);
  });
});
