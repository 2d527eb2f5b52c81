/**
 * The data table of `npm run bench`: an import of 100,000 callers (with accounts and equipment)
 * into a fresh demo desk on disk, staged, checked and written through the contract as the admin's
 * screen does it, in rows per second for each step, and the desk process's peak resident memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, seedDemoDesk } from '../../demo/demo-desk.ts';
import { openDesk, type Desk } from '../../core/kernel/desk.ts';
import { IMPORT_PIECE_BYTES } from '../../shared/imports.ts';
import type { Input, MethodName, Output } from '../../shared/contract.ts';

/** A demo user's connection to the desk: each call's value, or a throw naming the refusal. */
export async function signedIn(
  desk: Desk,
  username: string,
): Promise<<M extends MethodName>(m: M, input: Input<M>) => Promise<Output<M>>> {
  const conn = desk.connect();
  const ok = async <M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> => {
    const r = await desk.call(conn, m, input);
    if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await ok('auth.signIn', { username, password: DEMO_PASSWORD });
  return ok;
}

export interface DataRow {
  op: string;
  value: string;
  figures: Record<string, number>;
}

/** A plain spreadsheet's CSV: one caller a row, each with an account and a piece of equipment. */
export function callersCsv(rows: number): Buffer {
  const lines = [
    'Name,Phone,Email,Organisation,Account number,Model,Serial number,Location,Licence',
  ];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Caller ${i},+44 7700 9${String(i % 100000).padStart(5, '0')},caller${i}@example.org,Company ${i % 997},ACC-${i},Model ${i % 50},SN-${i},Site ${i % 40},LIC-${i}`,
    );
  return Buffer.from(lines.join('\n'));
}

export async function benchImport(o: {
  rows: number;
  log: (line: string) => void;
}): Promise<DataRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-import-'));
  const desk = await openDesk({ dataDir: dir, slaTicker: false, firstStart: seedDemoDesk });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const ok = await signedIn(desk, 'admin');
    const bytes = callersCsv(o.rows);
    const rssBefore = process.memoryUsage().rss;
    const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
      const t0 = performance.now();
      const v = await f();
      return [v, (performance.now() - t0) / 1000];
    };
    const [importId, sendS] = await timed(async () => {
      const { importId } = await ok('imports.begin', {
        fileName: 'callers.csv',
        bytes: bytes.length,
      });
      for (let offset = 0; offset < bytes.length; offset += IMPORT_PIECE_BYTES)
        await ok('imports.append', {
          importId,
          offset,
          data: bytes.subarray(offset, offset + IMPORT_PIECE_BYTES).toString('base64'),
        });
      return importId;
    });
    o.log(`import bench: ${o.rows} rows staged`);
    const [preview, readS] = await timed(() => ok('imports.preview', { importId }));
    const plan = { importId, mapping: preview.mapping, duplicates: 'merge' as const };
    const [checked, checkS] = await timed(() => ok('imports.check', plan));
    o.log(`import bench: checked (${checked.created} new)`);
    const [done, runS] = await timed(() => ok('imports.run', plan));
    const perS = (s: number) => `${Math.round(o.rows / s).toLocaleString('en')} rows/s`;
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    return [
      {
        op: `send ${(bytes.length / 2 ** 20).toFixed(1)} MB in pieces (base64, through the contract)`,
        value: `${sendS.toFixed(2)} s`,
        figures: { seconds: sendS },
      },
      {
        op: 'read and preview (csv-parse)',
        value: `${readS.toFixed(2)} s · ${perS(readS)}`,
        figures: { seconds: readS },
      },
      {
        op: 'dry run: every row checked and matched',
        value: `${checkS.toFixed(2)} s · ${perS(checkS)}`,
        figures: { seconds: checkS },
      },
      {
        op: `import after the dry run: written in one transaction (${done.created.toLocaleString('en')} callers, ${done.newAssets.toLocaleString('en')} equipment)`,
        value: `${runS.toFixed(2)} s · ${perS(runS)}`,
        figures: { seconds: runS },
      },
      {
        op: 'peak resident memory of the desk process (before the file)',
        value: `${mb(peak)} (${mb(rssBefore)})`,
        figures: { peakBytes: peak, beforeBytes: rssBefore },
      },
    ];
  } finally {
    clearInterval(sampler);
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An export of a year of tickets (and of the communication log) from a seeded desk, CSV and
 * XLSX: rows per second, and the resident memory it took above what the desk held before (the
 * file is written a page at a time and fetched in pieces that are not kept).
 */
export async function benchExport(o: {
  dataDir: string;
  /** The instant the year ends (the seed's "now"). */
  end: number;
  log: (line: string) => void;
}): Promise<DataRow[]> {
  const desk = await openDesk({ dataDir: o.dataDir, slaTicker: false, maintenance: false });
  const out: DataRow[] = [];
  try {
    const ok = await signedIn(desk, 'supervisor');
    const from = o.end - 365 * 24 * 3600 * 1000;
    for (const kind of ['tickets', 'contacts'] as const)
      for (const format of ['csv', 'xlsx'] as const) {
        global.gc?.();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
        const t0 = performance.now();
        const ready = await ok('exports.start', { kind, format, from, to: o.end });
        let offset: number | null = 0;
        while (offset !== null)
          offset = (await ok('exports.read', { exportId: ready.exportId, offset })).next;
        const s = (performance.now() - t0) / 1000;
        clearInterval(sampler);
        await ok('exports.discard', { exportId: ready.exportId });
        o.log(`export bench: ${kind} ${format} ${ready.rows} rows`);
        out.push({
          op: `export a year of ${kind === 'tickets' ? 'tickets' : 'the communication log'} to ${format.toUpperCase()} (${ready.rows.toLocaleString('en')} rows, ${(ready.bytes / 2 ** 20).toFixed(1)} MB), written and fetched`,
          value: `${s.toFixed(2)} s · ${Math.round(ready.rows / s).toLocaleString('en')} rows/s · memory +${((peak - before) / 2 ** 20).toFixed(0)} MB`,
          figures: {
            seconds: s,
            rows: ready.rows,
            bytes: ready.bytes,
            peakAboveBytes: peak - before,
          },
        });
      }
    return out;
  } finally {
    await desk.close();
  }
}
