/**
 * Which backups a desk keeps: the newest few (a bad hour is undone from the hour before), then
 * the newest of each recent day, then of each recent week. Pure, so the rule is tested alone.
 */
import { DAY } from '../../shared/business-time.ts';

export interface Rotation {
  /** The newest backups kept whatever their age. */
  recent: number;
  /** The newest backup of each of this many days (UTC) back. */
  days: number;
  /** The newest backup of each of this many weeks back. */
  weeks: number;
}

export const DEFAULT_ROTATION: Rotation = { recent: 24, days: 14, weeks: 8 };

/** The times (ms) of the backups to delete, given all of them. */
export function toPrune(ats: readonly number[], rule: Rotation, now: number): number[] {
  const newest = [...ats].sort((a, b) => b - a);
  const keep = new Set(newest.slice(0, rule.recent));
  const newestOf = (bucket: (at: number) => number, within: number) => {
    const seen = new Set<number>();
    for (const at of newest) {
      const b = bucket(at);
      if (bucket(now) - b >= within || seen.has(b)) continue;
      seen.add(b);
      keep.add(at);
    }
  };
  newestOf((at) => Math.floor(at / DAY), rule.days);
  // Weeks counted from a Monday (1970-01-01 was a Thursday: three days on).
  newestOf((at) => Math.floor((at + 3 * DAY) / (7 * DAY)), rule.weeks);
  return newest.filter((at) => !keep.has(at));
}
