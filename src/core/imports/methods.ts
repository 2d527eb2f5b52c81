/**
 * The admin's import methods: stage a file in pieces, read and preview it, check it (a dry run)
 * and write it whole. Long steps tell their progress as they go (`imports.progress`) and stop at
 * their next step once cancelled; nothing is written before the last step, which writes in one
 * transaction or not at all.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { ImportPhase, ImportPreview, ImportReport } from '../../shared/imports.ts';
import { recordAdminChange } from '../admin/admin-edits.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict } from '../kernel/failure.ts';
import { readSettings } from '../kernel/settings.ts';
import { stmt } from '../store/statements.ts';
import { guessMapping } from './guess-mapping.ts';
import { planImport, type ImportPlan } from './plan.ts';
import { readTable, type Table } from './read-table.ts';
import type { Staged } from './staging.ts';
import { writePlan } from './write-plan.ts';

const SAMPLE_ROWS = 10;

function staged(ctx: Ctx, importId: string): Staged {
  return ctx.imports.get(importId, actor(ctx).id, ctx.clock.now());
}

function idle(s: Staged): void {
  if (s.busy) throw conflict('import_busy', 'This import is already being read or written');
}

export function beginImport(ctx: Ctx, input: ParsedInput<'imports.begin'>): { importId: string } {
  const s = ctx.imports.begin(
    ctx.newId(),
    input.fileName,
    input.bytes,
    actor(ctx).id,
    ctx.clock.now(),
  );
  return { importId: s.id };
}

export function appendImport(ctx: Ctx, input: ParsedInput<'imports.append'>): { received: number } {
  const s = staged(ctx, input.importId);
  idle(s);
  return { received: ctx.imports.append(s, input.offset, Buffer.from(input.data, 'base64')) };
}

export function cancelImport(
  ctx: Ctx,
  input: ParsedInput<'imports.cancel'>,
): { cancelled: boolean } {
  return { cancelled: ctx.imports.cancel(staged(ctx, input.importId)) };
}

const progress = (ctx: Ctx, s: Staged, phase: ImportPhase) => (done: number, total: number) =>
  ctx.tell('imports.progress', { importId: s.id, phase, done, total });

/** The file as a table, read once per encoding and worksheet asked for. */
async function tableOf(
  ctx: Ctx,
  s: Staged,
  reading: { encoding: Table['encoding']; sheet: string | null },
): Promise<Table> {
  if (s.received !== s.bytes.length)
    throw conflict('import_incomplete', `Only ${s.received} of ${s.bytes.length} bytes arrived`, {
      received: s.received,
      bytes: s.bytes.length,
    });
  const cached = s.table;
  if (
    cached &&
    (reading.encoding ?? cached.value.detectedEncoding) === cached.value.encoding &&
    (reading.sheet ?? cached.value.sheets[0] ?? null) === cached.value.sheet
  )
    return cached.value;
  idle(s);
  s.busy = 'reading';
  try {
    const value = await readTable(s.bytes, {
      ...reading,
      progress: progress(ctx, s, 'reading'),
      cancelled: () => s.cancelled,
    });
    s.table = { ...reading, value };
    return value;
  } finally {
    s.busy = null;
  }
}

export async function previewImport(
  ctx: Ctx,
  input: ParsedInput<'imports.preview'>,
): Promise<ImportPreview> {
  const s = staged(ctx, input.importId);
  const t = await tableOf(ctx, s, input);
  return {
    importId: s.id,
    fileName: s.fileName,
    format: t.format,
    encoding: t.encoding,
    detectedEncoding: t.detectedEncoding,
    sheets: t.sheets,
    sheet: t.sheet,
    delimiter: t.delimiter,
    columns: t.columns,
    sample: t.rows.slice(0, SAMPLE_ROWS),
    rows: t.rows.length,
    mapping: guessMapping(t.columns),
  };
}

/**
 * What the callers' tables hold, in a glance: a row added or removed anywhere in them (an intake,
 * a sync pull, a field desk letting callers go) changes it. A caller's details filled in meanwhile
 * do not; the write checks every caller it adds to is still there (write-plan.ts).
 */
const callersMark = (ctx: Ctx): string =>
  JSON.stringify(
    stmt(
      ctx.db,
      `SELECT (SELECT max(rowid) FROM customers) AS c, (SELECT count(*) FROM customers) AS cn,
              (SELECT max(rowid) FROM accounts) AS a, (SELECT count(*) FROM accounts) AS an,
              (SELECT max(rowid) FROM assets) AS e, (SELECT count(*) FROM assets) AS en`,
    ).get(),
  );

async function plan(
  ctx: Ctx,
  s: Staged,
  input: ParsedInput<'imports.check'>,
  yields: boolean,
): Promise<ImportPlan> {
  const table = await tableOf(ctx, s, input);
  idle(s);
  s.busy = 'checking';
  try {
    return await planImport(ctx.db, table, {
      mapping: input.mapping,
      duplicates: input.duplicates,
      countryCode: readSettings(ctx.db).countryCode,
      yields,
      progress: progress(ctx, s, 'checking'),
      cancelled: () => s.cancelled,
    });
  } finally {
    s.busy = null;
  }
}

const reportOf = (s: Staged, p: ImportPlan, written: boolean): ImportReport => ({
  importId: s.id,
  ...p.report,
  written,
});

/** All or nothing: while any row would be refused, nothing is written unless told to leave them out. */
function refuseRejected(p: ImportPlan, leaveOut: boolean): void {
  if (p.report.rejected === 0 || leaveOut) return;
  const row = p.report.rejections[0]!.row;
  throw conflict(
    'import_rejected',
    `${p.report.rejected} rows would be refused (the first: row ${row}); nothing was imported`,
    { count: p.report.rejected, row },
  );
}

/** What a plan depends on besides the store: how the file is read and mapped. */
const planKey = (input: ParsedInput<'imports.check'>): string =>
  JSON.stringify([input.encoding, input.sheet, input.mapping, input.duplicates]);

export async function checkImport(
  ctx: Ctx,
  input: ParsedInput<'imports.check'>,
): Promise<ImportReport> {
  const s = staged(ctx, input.importId);
  const mark = callersMark(ctx);
  const p = await plan(ctx, s, input, true);
  // Kept for the import, unless a caller was saved while it ran.
  s.checked = callersMark(ctx) === mark ? { key: planKey(input), mark, plan: p } : null;
  return reportOf(s, p, false);
}

export async function runImport(
  ctx: Ctx,
  input: ParsedInput<'imports.run'>,
): Promise<ImportReport> {
  const s = staged(ctx, input.importId);
  idle(s);
  const by = actor(ctx).id;
  const mark = callersMark(ctx);
  const checked = s.checked;
  let p =
    checked && checked.key === planKey(input) && checked.mark === mark
      ? checked.plan
      : await plan(ctx, s, input, true);
  refuseRejected(p, input.leaveOutRejected);
  if (s.cancelled) throw conflict('import_cancelled', 'The import was cancelled');
  // From here a cancel is refused (staging.ts): the import is being written.
  s.busy = 'writing';
  try {
    ctx.tell('imports.progress', { importId: s.id, phase: 'writing', done: 0, total: 1 });
    // The progress reaches the screen before the one long transaction holds the process.
    await new Promise((resolve) => setImmediate(resolve));
    // Someone saved a caller while the file was checked: checked again, now, with nothing between
    // that check and the write (no step of it waits), so it matches what the desk holds.
    if (callersMark(ctx) !== mark) {
      s.busy = null;
      p = await plan(ctx, s, input, false);
      s.busy = 'writing';
      refuseRejected(p, input.leaveOutRejected);
    }
    writePlan(ctx, p, by, () =>
      recordAdminChange(ctx, 'callers.imported', {
        file: s.fileName,
        created: p.report.created,
        merged: p.report.merged,
        skipped: p.report.skipped,
        rejected: p.report.rejected,
        newAccounts: p.report.newAccounts,
        newAssets: p.report.newAssets,
      }),
    );
  } finally {
    s.busy = null;
  }
  ctx.imports.done(s);
  ctx.tell('imports.progress', { importId: s.id, phase: 'writing', done: 1, total: 1 });
  return reportOf(s, p, true);
}
