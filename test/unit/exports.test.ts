/**
 * Exports on a real desk file: tickets, the communication log and callers to CSV (UTF-8 with a
 * byte-order mark, CRLF, every cell that could run as a formula guarded) and XLSX (text cells,
 * dates as dates), for the period and filters chosen, counted as plain SQL counts them; and a
 * round trip: the callers exported, then imported into a new desk, are the same callers.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import type { Input } from '../../src/shared/contract.ts';
import { DAY } from '../../src/shared/business-time.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk, type Desk } from '../../src/core/kernel/desk.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-desk.ts';
import { seedDesk } from '../../src/tools/seed/generate.ts';
import type { MethodName, Output } from '../../src/shared/contract.ts';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { stage } from '../helpers/imports.ts';

const open: TestDesk[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
const desk = async (o: { empty?: boolean } = {}) => {
  const t = await demoDesk(o);
  open.push(t);
  return t;
};

/** The whole file, fetched in pieces as the screen fetches it. */
async function fetchExport(t: TestDesk, conn: Connection, input: Input<'exports.start'>) {
  const ready = await t.ok(conn, 'exports.start', input);
  const pieces: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const piece: Output<'exports.read'> = await t.ok(conn, 'exports.read', {
      exportId: ready.exportId,
      offset,
    });
    pieces.push(Buffer.from(piece.data, 'base64'));
    offset = piece.next;
  }
  const bytes = Buffer.concat(pieces);
  expect(bytes.length).toBe(ready.bytes);
  return { ready, bytes };
}

const okOn =
  (d: Desk) =>
  async <M extends MethodName>(conn: Connection, m: M, input: Input<M>): Promise<Output<M>> => {
    const r = await d.call(conn, m, input);
    if (!r.ok) throw new Error(`${m} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };

const csvRows = (bytes: Buffer) => parse(bytes.toString('utf8').slice(1)) as string[][];

describe('exports', () => {
  it('tickets to CSV: a byte-order mark, CRLF, Greek, Hindi and Arabic intact, no cell that runs', async () => {
    const t = await desk();
    const a = await t.as('analyst');
    const sup = await t.as('supervisor');
    const input = await validIntake(t, a, 1);
    const titles = [
      '=HYPERLINK("http://x","click")',
      '+SUM(A1:A9)',
      '-2+3',
      '@cmd',
      'Εκτυπωτής χαλασμένος',
      'प्रिंटर काम नहीं कर रहा',
      'الطابعة لا تعمل',
    ];
    for (const [i, title] of titles.entries())
      await t.ok(a, 'intake.submit', {
        ...input,
        accountNumber: `EXP-${i}`,
        problems: [{ ...input.problems[0]!, title }],
      });
    const { ready, bytes } = await fetchExport(t, sup, { kind: 'tickets', format: 'csv' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const rows = csvRows(bytes);
    expect(rows[0]!.slice(0, 4)).toEqual(['Key', 'Title', 'Status', 'Priority']);
    const total = t.desk.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    expect(rows.length - 1).toBe(total);
    expect(ready.rows).toBe(total);
    const exported = new Set(rows.map((r) => r[1]));
    for (const title of titles.slice(4)) expect(exported).toContain(title);
    // Every cell that would start with = + - @ starts with an apostrophe instead.
    for (const title of titles.slice(0, 4)) expect(exported).toContain(`'${title}`);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(ready.fileName).toMatch(/^LON-tickets-start_\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('on a seeded desk, filters count what plain SQL counts: the period, a queue, a priority, open or resolved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-export-'));
    await seedDesk({ dataDir: dir, tickets: 3000, seed: 5 });
    const seeded = await openDesk({ dataDir: dir, slaTicker: false, maintenance: false });
    const t = { desk: seeded, ok: okOn(seeded) } as unknown as TestDesk;
    try {
      const sup = seeded.connect();
      await t.ok(sup, 'auth.signIn', { username: 'supervisor', password: DEMO_PASSWORD });
      const db = seeded.db;
      const { first, last } = db
        .prepare('SELECT min(created_at) AS first, max(created_at) AS last FROM tickets')
        .get() as { first: number; last: number };
      const mid = Math.round((first + last) / 2);
      const queueId = db
        .prepare('SELECT queue_id FROM tickets GROUP BY queue_id ORDER BY count(*) DESC LIMIT 1')
        .pluck()
        .get() as string;
      const cases: [Input<'exports.start'>, string, unknown[]][] = [
        [{ kind: 'tickets', format: 'csv' }, '1', []],
        [{ kind: 'tickets', format: 'csv', from: mid }, 'created_at >= ?', [mid]],
        [{ kind: 'tickets', format: 'csv', to: mid }, 'created_at < ?', [mid]],
        [{ kind: 'tickets', format: 'csv', queueId }, 'queue_id = ?', [queueId]],
        [{ kind: 'tickets', format: 'csv', priority: 2 }, 'priority = 2', []],
        [{ kind: 'tickets', format: 'csv', state: 'open' }, "status <> 'resolved'", []],
        [
          { kind: 'tickets', format: 'csv', state: 'resolved', from: mid, to: last + DAY },
          "status = 'resolved' AND created_at >= ? AND created_at < ?",
          [mid, last + DAY],
        ],
      ];
      for (const [input, where, params] of cases) {
        const { ready } = await fetchExport(t, sup, input);
        const expected = db
          .prepare(`SELECT count(*) FROM tickets WHERE ${where}`)
          .pluck()
          .get(...params);
        expect(ready.rows, where).toBe(expected);
        expect(expected, `the seed has tickets where ${where}`).toBeGreaterThan(0);
      }
      // The SLA outcome and the tiers, cell by cell, against plain SQL.
      const { bytes } = await fetchExport(t, sup, { kind: 'tickets', format: 'csv' });
      const rows = csvRows(bytes);
      const col = (name: string) => rows[0]!.indexOf(name);
      const breached = new Set(
        db
          .prepare(
            "SELECT DISTINCT t.key FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.type = 'sla_breached'",
          )
          .pluck()
          .all() as string[],
      );
      expect(breached.size).toBeGreaterThan(0);
      const escalated = new Map(
        (
          db
            .prepare(
              'SELECT t.key, count(*) AS n FROM escalations e JOIN tickets t ON t.id = e.ticket_id GROUP BY t.key',
            )
            .all() as { key: string; n: number }[]
        ).map((r) => [r.key, r.n]),
      );
      for (const r of rows.slice(1)) {
        const key = r[col('Key')]!;
        expect(r[col('SLA breached')], key).toBe(breached.has(key) ? 'yes' : 'no');
        expect(Number(r[col('Escalations')]), key).toBe(escalated.get(key) ?? 0);
      }
      const contacts = await fetchExport(t, sup, { kind: 'contacts', format: 'csv', from: mid });
      const expected = db
        .prepare('SELECT count(*) FROM contacts WHERE at >= ?')
        .pluck()
        .get(mid) as number;
      expect(contacts.ready.rows).toBe(expected);
      expect(expected).toBeGreaterThan(0);
      expect(csvRows(contacts.bytes)[0]!.slice(0, 3)).toEqual(['Ticket', 'Caller', 'At']);
      const bad = await seeded.call(sup, 'exports.start', {
        kind: 'tickets',
        format: 'csv',
        from: mid,
        to: first,
      });
      expect(!bad.ok && bad.error.issues[0]).toMatchObject({ path: 'to', rule: 'order' });
    } finally {
      await seeded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('tickets to XLSX: titles are text cells that never run, times are dates', async () => {
    const t = await desk();
    const a = await t.as('analyst');
    const sup = await t.as('supervisor');
    const input = await validIntake(t, a, 1);
    await t.ok(a, 'intake.submit', {
      ...input,
      problems: [{ ...input.problems[0]!, title: '=1+1 printer' }],
    });
    const { bytes } = await fetchExport(t, sup, { kind: 'tickets', format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Key');
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const title = row.getCell(2);
      expect(title.type).toBe(ExcelJS.ValueType.String);
      if (title.value === '=1+1 printer') found = true;
      expect(row.getCell(15).value).toBeInstanceOf(Date);
    });
    expect(found).toBe(true);
  });

  it('round trip: the callers exported, then imported into a new desk, are the same callers', async () => {
    const t = await desk();
    const admin = await t.as('admin');
    // Callers with several accounts and pieces of equipment, names in four scripts.
    const extra = [
      'Name,Phone,Email,Account number,Serial number,Model,Location',
      'Νίκος Γεωργίου,+30 210 555 0101,nikos@example.gr,GR-1,S-1,Router,Αθήνα',
      'Νίκος Γεωργίου,+30 210 555 0101,nikos@example.gr,GR-2,S-2,Switch,Αθήνα',
      'Νίκος Γεωργίου,+30 210 555 0101,nikos@example.gr,,S-3,Laptop,Πάτρα',
      'राहुल शर्मा,+91 98765 43210,,IN-1,,,',
      'ليلى حسن,,laila@example.sa,SA-1,S-9,=cmd|calc,الرياض',
    ].join('\n');
    const staged = await stage(t, admin, Buffer.from(extra));
    const p = await t.ok(admin, 'imports.preview', { importId: staged });
    await t.ok(admin, 'imports.run', { importId: staged, mapping: p.mapping, duplicates: 'merge' });

    const callers = (x: TestDesk) =>
      (
        x.desk.db
          .prepare(
            `SELECT c.name, c.phone, c.phone_norm, c.email, c.organisation,
               (SELECT group_concat(number, '|') FROM (SELECT number FROM accounts WHERE customer_id = c.id ORDER BY number)) AS accounts,
               (SELECT group_concat(s, '|') FROM (SELECT model_number || '/' || serial || '/' || location || '/' || licence AS s FROM assets WHERE customer_id = c.id ORDER BY s)) AS assets
             FROM customers c`,
          )
          .all() as Record<string, unknown>[]
      )
        .map((r) => JSON.stringify(r))
        .sort();

    for (const format of ['csv', 'xlsx'] as const) {
      const { bytes } = await fetchExport(t, admin, { kind: 'callers', format });
      const fresh = await desk({ empty: true });
      const conn = fresh.desk.connect();
      await fresh.ok(conn, 'desk.setup', {
        deskName: 'Fresh',
        prefix: 'FR',
        countryCode: '44',
        admin: { username: 'root', displayName: 'Root', password: 'a-long-password' },
      });
      const id = await stage(fresh, conn, bytes, `callers.${format}`);
      const preview = await fresh.ok(conn, 'imports.preview', { importId: id });
      const done = await fresh.ok(conn, 'imports.run', {
        importId: id,
        mapping: preview.mapping,
        duplicates: 'merge',
      });
      expect(done.rejected, JSON.stringify(done.rejections)).toBe(0);
      expect(callers(fresh), format).toEqual(callers(t));
    }
  });

  it('supervisors and admins only; an export is its owner’s; discarded, it is gone', async () => {
    const t = await desk();
    const a = await t.as('analyst');
    const sup = await t.as('supervisor');
    const admin = await t.as('admin');
    const r = await t.desk.call(a, 'exports.start', { kind: 'callers', format: 'csv' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const ready = await t.ok(sup, 'exports.start', { kind: 'callers', format: 'csv' });
    const other = await t.desk.call(admin, 'exports.read', { exportId: ready.exportId, offset: 0 });
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
    const past = await t.desk.call(sup, 'exports.read', {
      exportId: ready.exportId,
      offset: ready.bytes + 1,
    });
    expect(!past.ok && past.error.issues[0]!.rule).toBe('export_offset');
    await t.ok(sup, 'exports.discard', { exportId: ready.exportId });
    const gone = await t.desk.call(sup, 'exports.read', { exportId: ready.exportId, offset: 0 });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
  });
});
