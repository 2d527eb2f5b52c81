/**
 * The supervisors' report through the contract on a big seeded desk: a year's report and a
 * quarter's, timed call by call after one warm-up (p50, p95 and the slowest); the issue's target
 * is p95 ≤ 200 ms for a year at a million tickets.
 */
import { openDesk } from '../../core/kernel/desk.ts';
import { signedIn, type DataRow } from './data-bench.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

export async function benchReports(o: {
  dataDir: string;
  /** The instant the period ends (the seed's "now"). */
  end: number;
  runs: number;
  log: (line: string) => void;
}): Promise<DataRow[]> {
  const desk = await openDesk({ dataDir: o.dataDir, slaTicker: false, maintenance: false });
  const out: DataRow[] = [];
  try {
    const ok = await signedIn(desk, 'supervisor');
    const tickets = desk.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    for (const [name, days] of [
      ['a year', 365],
      ['a quarter', 91],
    ] as const) {
      const input = { from: iso(o.end - (days - 1) * DAY), to: iso(o.end) };
      const ms: number[] = [];
      let opened = 0;
      for (let i = 0; i <= o.runs; i++) {
        const t0 = performance.now();
        const report = await ok('reports.get', input);
        const took = performance.now() - t0;
        opened = report.total.tickets;
        if (i > 0) ms.push(took);
      }
      o.log(`report bench: ${name} done`);
      const p95 = quantile(ms, 0.95);
      out.push({
        op: `report of ${name} (${opened.toLocaleString('en')} tickets opened in it) on a ${tickets.toLocaleString('en')}-ticket desk`,
        value: `p50 ${quantile(ms, 0.5).toFixed(0)} ms · p95 ${p95.toFixed(0)} ms · max ${Math.max(...ms).toFixed(0)} ms (target p95 ≤ 200 ms: ${p95 <= 200 ? 'met' : 'NOT met'})`,
        figures: { p50: quantile(ms, 0.5), p95, max: Math.max(...ms), tickets, opened },
      });
    }
  } finally {
    await desk.close();
  }
  return out;
}
