/**
 * An export written to its file a page at a time, so a year of a busy desk takes the memory of
 * one page: CSV through csv-stringify (UTF-8 with a byte-order mark and CRLF, which is how Excel
 * opens Greek, Hindi and Arabic intact; every text cell through the formula guard), XLSX through
 * exceljs's streaming writer (text as text cells, which never run; dates as dates). Times are the
 * desk's local time, as its people read them.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ExportFormat } from '../../shared/exports.ts';
import { guardCell } from './cells.ts';
import { Instant, type Cell, type ExportSpec } from './kinds.ts';

const PAGE = 2000;

export interface Writing {
  timeZone: string;
  progress(done: number, total: number): void;
  cancelled(): boolean;
}

/** The desk's wall clock: year, month, day, hour and minute of an instant. */
function wallClock(timeZone: string): (ms: number) => number[] {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => {
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    return [p['year'], p['month'], p['day'], p['hour'], p['minute']].map(Number);
  };
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Every page, in order; yields between pages so the desk's other calls are answered. */
async function eachPage(spec: ExportSpec, w: Writing, onRows: (rows: Cell[][]) => Promise<void>) {
  const total = spec.count();
  let after = 0;
  let done = 0;
  for (;;) {
    if (w.cancelled()) throw new Error('cancelled');
    const { rows, read, last } = spec.page(after, PAGE);
    if (read === 0) break;
    await onRows(rows);
    after = last;
    done += read;
    w.progress(done, total);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}

export async function writeExport(
  spec: ExportSpec,
  format: ExportFormat,
  path: string,
  w: Writing,
): Promise<number> {
  const clock = wallClock(w.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (format === 'csv') {
    const out = createWriteStream(path);
    let rows = 0;
    try {
      const text = (c: Cell): string => {
        if (c === null) return '';
        if (c instanceof Instant) {
          const [y, mo, d, h, mi] = clock(c.ms);
          return `${y}-${pad(mo!)}-${pad(d!)} ${pad(h!)}:${pad(mi!)}`;
        }
        return typeof c === 'number' ? String(c) : guardCell(c);
      };
      await write(out, `\ufeff${stringify([spec.header], { record_delimiter: 'windows' })}`);
      await eachPage(spec, w, async (page) => {
        rows += page.length;
        await write(
          out,
          stringify(
            page.map((r) => r.map(text)),
            { record_delimiter: 'windows' },
          ),
        );
      });
      out.end();
      await once(out, 'finish');
      return rows;
    } catch (e) {
      out.destroy();
      throw e;
    }
  }
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = book.addWorksheet('Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.header.map((h) => ({
    header: h,
    width: Math.max(10, Math.min(40, h.length + 4)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  try {
    await eachPage(spec, w, async (page) => {
      for (const r of page) {
        const row = sheet.addRow(
          r.map((c) => {
            if (!(c instanceof Instant)) return c;
            const [y, mo, d, h, mi] = clock(c.ms);
            // Excel's dates have no zone: the desk's wall clock, written as if it were UTC.
            return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!));
          }),
        );
        r.forEach((c, i) => {
          if (c instanceof Instant) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
        });
        row.commit();
        rows++;
      }
    });
  } catch (e) {
    // Closed before it is discarded: its file handle and zip stream end here, not never.
    await book.commit().catch(() => undefined);
    throw e;
  }
  sheet.commit();
  await book.commit();
  return rows;
}
