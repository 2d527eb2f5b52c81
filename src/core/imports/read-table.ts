/**
 * A staged file read as a table: a header row of column names and the rows under it, every cell
 * as text. CSV through csv-parse, in the encoding found (a byte-order mark, else valid UTF-8, else
 * what chardet's language statistics say among the Windows code pages these desks' systems
 * write) or the one the admin chose; XLSX through exceljs. A file that cannot be read whole is
 * refused with the reason and where, never read in part.
 */
import { Readable } from 'node:stream';
import chardet from 'chardet';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { conflict } from '../kernel/failure.ts';
import { unguardCell } from '../exports/cells.ts';
import type { ImportEncoding } from '../../shared/imports.ts';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: ImportEncoding | null;
  detectedEncoding: ImportEncoding | null;
  sheets: string[];
  sheet: string | null;
  delimiter: string | null;
  columns: string[];
  rows: string[][];
  /** Each row's number as a spreadsheet shows it (the header is row 1 of a CSV). */
  rowNumbers: number[];
}

export interface Reading {
  encoding: ImportEncoding | null;
  sheet: string | null;
  /** Told as the file is read: characters (CSV) or rows (XLSX) so far, of the total. */
  progress(done: number, total: number): void;
  /** Checked between steps: true stops the reading (the import was cancelled). */
  cancelled(): boolean;
}

/** More columns than any caller export has: a file that wide is not one (a run of separators). */
export const MAX_COLUMNS = 500;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Excel 97–2003 (.xls): an OLE compound file. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function readTable(bytes: Buffer, r: Reading): Promise<Table> {
  if (bytes.subarray(0, 4).equals(OLE))
    throw conflict('import_xls', 'An Excel 97–2003 file: save it as .xlsx or .csv');
  if (bytes.subarray(0, 4).equals(ZIP)) return readXlsx(bytes, r);
  return readCsv(bytes, r);
}

// ---- encodings ------------------------------------------------------------------------------

/** chardet's names for the code pages it finds, as the encodings an import reads. */
const CHARDET_NAMES: Record<string, ImportEncoding> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  // ISO-8859-7 and -6 are the ISO forms of the Greek and Arabic pages; Windows writes its own.
  'ISO-8859-7': 'windows-1253',
  'windows-1253': 'windows-1253',
  'ISO-8859-6': 'windows-1256',
  'windows-1256': 'windows-1256',
};

/** Enough of a file for chardet to tell Greek from Arabic from French. */
const DETECT_BYTES = 256 * 1024;

export function detectEncoding(b: Buffer): ImportEncoding {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark: the high byte of Latin text is zero, on one side of each pair.
  const n = Math.min(b.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  if (n >= 4 && odd > n / 8 && even === 0) return 'utf-16le';
  if (n >= 4 && even > n / 8 && odd === 0) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return 'utf-8';
  } catch {
    // Not UTF-8: one of the single-byte code pages.
  }
  for (const m of chardet.analyse(b.subarray(0, DETECT_BYTES))) {
    const e = CHARDET_NAMES[m.name];
    if (e && !e.startsWith('utf')) return e;
  }
  return 'windows-1252';
}

// ---- CSV ------------------------------------------------------------------------------------

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The separator the header line uses most, outside quotes (Excel in French writes ";"). */
function findDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, c] of counts) if (c > counts.get(best)!) best = d;
  return best;
}

const PIECE_CHARS = 1 << 20;

function* pieces(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += PIECE_CHARS) yield text.slice(i, i + PIECE_CHARS);
}

const cancelledError = () => conflict('import_cancelled', 'The import was cancelled');

async function readCsv(bytes: Buffer, r: Reading): Promise<Table> {
  const detected = detectEncoding(bytes);
  const encoding = r.encoding ?? detected;
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  const delimiter = findDelimiter(text);
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false });
  Readable.from(pieces(text)).pipe(parser);
  const records: string[][] = [];
  const lines: number[] = [];
  let record = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      record++;
      if (rec.every((c) => c.trim() === '')) continue;
      records.push(rec);
      lines.push(record);
      if (record % 5000 === 0) {
        if (r.cancelled()) throw cancelledError();
        r.progress(Math.min(parser.info.bytes, text.length), text.length);
      }
    }
  } catch (e) {
    parser.destroy();
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 0;
      if (e.code.includes('QUOTE'))
        throw conflict(
          'import_quote',
          `Line ${line}: a quote mark opens or closes a cell wrongly`,
          {
            line,
          },
        );
      throw conflict('import_csv', `Line ${line}: not readable as CSV (${e.code})`, { line });
    }
    throw e;
  }
  r.progress(text.length, text.length);
  return table('csv', records, lines, {
    encoding,
    detectedEncoding: detected,
    sheets: [],
    sheet: null,
    delimiter,
  });
}

// ---- XLSX -----------------------------------------------------------------------------------

/** A cell as the text a spreadsheet shows (a formula's last result, a date as a date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A number in a cell formatted as a date (a phone number, say) past what a date can hold.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
  if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  return '';
}

async function readXlsx(bytes: Buffer, r: Reading): Promise<Table> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw conflict(
      'import_damaged',
      `The XLSX file is damaged or incomplete: ${(e as Error).message}`,
    );
  }
  if (r.cancelled()) throw cancelledError();
  const sheets = book.worksheets.map((w) => w.name);
  const sheet = r.sheet === null ? book.worksheets[0] : book.getWorksheet(r.sheet);
  if (!sheet)
    throw r.sheet === null
      ? conflict('import_no_sheet', 'The workbook has no worksheet')
      : conflict('import_sheet', `The workbook has no worksheet called ${r.sheet}`, {
          sheet: r.sheet,
        });
  const records: string[][] = [];
  const numbers: number[] = [];
  const total = sheet.actualRowCount;
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    // row.values is 1-based: index 0 is always empty.
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v ?? null));
    if (values.every((c) => c.trim() === '')) return;
    records.push(values);
    numbers.push(n);
  });
  r.progress(total, total);
  return table('xlsx', records, numbers, {
    encoding: null,
    detectedEncoding: null,
    sheets,
    sheet: sheet.name,
    delimiter: null,
  });
}

// ---- both -----------------------------------------------------------------------------------

function table(
  format: Table['format'],
  records: string[][],
  numbers: number[],
  how: Pick<Table, 'encoding' | 'detectedEncoding' | 'sheets' | 'sheet' | 'delimiter'>,
): Table {
  // A cell a spreadsheet export guarded against running as a formula ('=…, '+44 …) is read as it
  // was before the guard: an export of callers imports back as it went out.
  for (const rec of records) for (let i = 0; i < rec.length; i++) rec[i] = unguardCell(rec[i]!);
  const header = records[0];
  if (!header) throw conflict('import_empty', 'The file has no rows');
  const width = records.reduce((w, rec) => Math.max(w, rec.length), 0);
  if (width > MAX_COLUMNS)
    throw conflict('import_wide', `${width} columns: at most ${MAX_COLUMNS} are read`, {
      columns: width,
      limit: MAX_COLUMNS,
    });
  const columns = Array.from({ length: width }, (_, i) => (header[i] ?? '').trim());
  return {
    format,
    ...how,
    columns,
    rows: records.slice(1),
    rowNumbers: numbers.slice(1),
  };
}
