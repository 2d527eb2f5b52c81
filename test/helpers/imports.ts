/**
 * Staging a file for import as the admin's screen does: in pieces, through the contract. And the
 * files an import meets, made as their writers make them (exceljs for XLSX, iconv-lite for the
 * Windows code pages and UTF-16).
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Connection } from '../../src/core/kernel/context.ts';
import { IMPORT_PIECE_BYTES } from '../../src/shared/imports.ts';
import type { TestDesk } from './desk.ts';

export async function stage(
  t: TestDesk,
  admin: Connection,
  bytes: Buffer,
  fileName = 'callers.csv',
): Promise<string> {
  const { importId } = await t.ok(admin, 'imports.begin', { fileName, bytes: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += IMPORT_PIECE_BYTES) {
    const piece = bytes.subarray(offset, offset + IMPORT_PIECE_BYTES);
    await t.ok(admin, 'imports.append', { importId, offset, data: piece.toString('base64') });
  }
  return importId;
}

/** A CSV's text in an encoding, with a byte-order mark where asked. */
export function encoded(text: string, encoding: string, bom = false): Buffer {
  return iconv.encode(text, encoding, { addBOM: bom });
}

export async function xlsx(sheets: Record<string, (string | number | null)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const r of rows) sheet.addRow(r);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The callers' tables, to prove an import wrote nothing, or nothing more. */
export function callersTables(t: TestDesk): string {
  return ['customers', 'accounts', 'assets', 'customers_fts', 'assets_fts']
    .map((n) => JSON.stringify(t.desk.db.prepare(`SELECT * FROM ${n} ORDER BY rowid`).raw().all()))
    .join('\n');
}
