/**
 * The export methods: write the file on the desk (its progress told as it goes), then hand it
 * over in pieces, then forget it. The file is named for what it holds and when.
 */
import { open } from 'node:fs/promises';
import type { ParsedInput } from '../../shared/contract.ts';
import { EXPORT_PIECE_BYTES, type ExportPiece, type ExportReady } from '../../shared/exports.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict } from '../kernel/failure.ts';
import { deskCalendar } from '../sla/policy-terms.ts';
import { readSettings } from '../kernel/settings.ts';
import { exportSpec } from './kinds.ts';
import { writeExport } from './write-file.ts';

/** The desk's local date of an instant, as YYYY-MM-DD. */
const dayIn = (timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (ms: number) => f.format(ms);
};

export async function startExport(
  ctx: Ctx,
  input: ParsedInput<'exports.start'>,
): Promise<ExportReady> {
  const files = ctx.exports;
  const now = ctx.clock.now();
  const prefix = readSettings(ctx.db).prefix || 'desk';
  const timeZone = deskCalendar(ctx.db).timeZone;
  const day = dayIn(timeZone);
  // Named by the days it covers, the last one included (`to` is the instant after it).
  const period =
    input.kind === 'callers'
      ? day(now)
      : `${input.from === null ? 'start' : day(input.from)}_${day(input.to === null ? now : input.to - 1)}`;
  const fileName = `${prefix}-${input.kind}-${period}.${input.format}`;
  const f = files.create(ctx.newId(), fileName, input.format, actor(ctx).id, now);
  const spec = exportSpec(ctx.db, input.kind, input, now);
  try {
    f.rows = await writeExport(spec, input.format, f.path, {
      timeZone,
      progress: (done, total) => ctx.tell('exports.progress', { exportId: f.id, done, total }),
      cancelled: () => f.discarded,
    });
  } catch (e) {
    const cancelled = f.discarded;
    files.discard(f);
    if (cancelled) throw conflict('export_cancelled', 'The export was cancelled');
    // A fault of the desk's (a full disk, say): logged with its cause by the dispatcher.
    throw e;
  }
  return { exportId: f.id, fileName, rows: f.rows, bytes: files.bytes(f) };
}

export async function readExport(
  ctx: Ctx,
  input: ParsedInput<'exports.read'>,
): Promise<ExportPiece> {
  const files = ctx.exports;
  const f = files.get(input.exportId, actor(ctx).id, ctx.clock.now());
  const size = files.bytes(f);
  if (input.offset > size)
    throw conflict('export_offset', `The file has ${size} bytes`, { bytes: size });
  const handle = await open(f.path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(EXPORT_PIECE_BYTES, size - input.offset));
    const { bytesRead } = await handle.read(buf, 0, buf.length, input.offset);
    const end = input.offset + bytesRead;
    return { data: buf.subarray(0, bytesRead).toString('base64'), next: end < size ? end : null };
  } finally {
    await handle.close();
  }
}

export function discardExport(
  ctx: Ctx,
  input: ParsedInput<'exports.discard'>,
): { discarded: boolean } {
  const f = ctx.exports.get(input.exportId, actor(ctx).id, ctx.clock.now());
  ctx.exports.discard(f);
  return { discarded: true };
}
