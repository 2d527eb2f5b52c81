/**
 * The desk's days of a period, and the SQL that puts an instant in its day without a call per
 * row: the period is cut into runs of equal-length days (a daylight-saving change makes a day
 * of 23 or 25 hours, which is a run of its own), and a row's day is its run's first day plus
 * whole days since the run began, capped at the run's last.
 */
import { zonedTime } from '../../shared/business-time.ts';

const DAY = 86_400_000;
/** Runs a statement has room for: two years of the most changeable time zone fit. */
const RUNS = 24;

export interface LocalDays {
  /** Each day as YYYY-MM-DD, in order. */
  names: string[];
  /** Where each day starts, and where the last ends (names.length + 1 instants). */
  bounds: number[];
  /** The first day as days since 1970-01-01 (the numbers `daySql` gives). */
  firstEpochDay: number;
  /** daySql's parameters. */
  params: Record<string, number>;
}

const parse = (iso: string) => iso.split('-').map(Number) as [number, number, number];
export const epochDayName = (e: number): string => new Date(e * DAY).toISOString().slice(0, 10);

/** The days from `from` to `to`, both included, in `timeZone`. */
export function localDays(timeZone: string, from: string, to: string): LocalDays {
  const [y, m, d] = parse(from);
  const firstEpochDay = Date.UTC(y, m - 1, d) / DAY;
  const [ty, tm, td] = parse(to);
  const count = Date.UTC(ty, tm - 1, td) / DAY - firstEpochDay + 1;
  const bounds: number[] = [];
  for (let i = 0; i <= count; i++) bounds.push(zonedTime(timeZone, y, m, d + i, 0));
  const names = Array.from({ length: count }, (_, i) => epochDayName(firstEpochDay + i));

  // Runs of days of one length: [first day index, days in it].
  const runs: { first: number; days: number }[] = [];
  for (let i = 0; i < count; i++) {
    const len = bounds[i + 1]! - bounds[i]!;
    const last = runs.at(-1);
    const lastLen = last && bounds[last.first + 1]! - bounds[last.first]!;
    if (last && len === DAY && lastLen === DAY) last.days++;
    else runs.push({ first: i, days: 1 });
  }
  if (runs.length > RUNS)
    throw new Error(`${timeZone} changes its clocks too often for one report`);
  const params: Record<string, number> = {};
  for (let k = 0; k < RUNS; k++) {
    const run = runs[Math.min(k, runs.length - 1)]!;
    const next = runs[k + 1];
    params[`ds${k}`] = bounds[run.first]!;
    params[`de${k}`] = firstEpochDay + run.first;
    params[`dl${k}`] = run.days - 1;
    // The instant the next run starts; the last run takes everything after it.
    params[`db${k}`] = next ? bounds[next.first]! : Number.MAX_SAFE_INTEGER;
  }
  return { names, bounds, firstEpochDay, params };
}

/** The day (days since 1970-01-01) of instant `col`, for an instant inside the period. */
export function daySql(col: string): string {
  const arms = Array.from(
    { length: RUNS },
    (_, k) =>
      `WHEN ${col} < @db${k} THEN @de${k} + min(CAST((${col} - @ds${k}) / ${DAY} AS INTEGER), @dl${k})`,
  );
  // Parameters arrive as reals: the cast makes whole days of the division.
  return `CAST(CASE ${arms.join(' ')} END AS INTEGER)`;
}
