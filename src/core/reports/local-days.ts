/** The desk's days of a period: their names, and the instants they start and end at. */
import { zonedTime } from '../../shared/business-time.ts';

const DAY = 86_400_000;

export interface LocalDays {
  /** Each day as YYYY-MM-DD, in order. */
  names: string[];
  /** Where the first day starts and where the last ends. */
  start: number;
  end: number;
  /** The first and last day as days since 1970-01-01 (what the report sums are kept by). */
  firstEpochDay: number;
  lastEpochDay: number;
}

const parse = (iso: string) => iso.split('-').map(Number) as [number, number, number];
export const epochDayName = (e: number): string => new Date(e * DAY).toISOString().slice(0, 10);

/** The days from `from` to `to`, both included, in `timeZone`. */
export function localDays(timeZone: string, from: string, to: string): LocalDays {
  const [y, m, d] = parse(from);
  const [ty, tm, td] = parse(to);
  const firstEpochDay = Date.UTC(y, m - 1, d) / DAY;
  const lastEpochDay = Date.UTC(ty, tm - 1, td) / DAY;
  return {
    names: Array.from({ length: lastEpochDay - firstEpochDay + 1 }, (_, i) =>
      epochDayName(firstEpochDay + i),
    ),
    start: zonedTime(timeZone, y, m, d, 0),
    end: zonedTime(timeZone, ty, tm, td + 1, 0),
    firstEpochDay,
    lastEpochDay,
  };
}
