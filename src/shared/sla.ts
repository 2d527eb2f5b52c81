/**
 * SLA clocks. A ticket's clock is a list of runs: it runs from creation, stops while the ticket
 * waits on the customer, and runs again when the wait ends. A target (first response,
 * resolution) is met or missed against business time consumed over those runs, so a pause
 * never eats the target and never brings a due time forward.
 */
import { addBusinessTimeWithin, businessTimeBetween, type ClockCalendar } from './business-time.ts';

export type SlaState = 'on_track' | 'at_risk' | 'breached';

/** The clock ran from `from` until `to`; `to` is null while it is still running. */
export interface ClockRun {
  from: number;
  to: number | null;
}

/** Business time consumed by the runs up to `now`. */
export function consumed(cal: ClockCalendar, runs: readonly ClockRun[], now: number): number {
  let used = 0;
  for (const r of runs) {
    if (r.from >= now) break;
    used += businessTimeBetween(cal, r.from, Math.min(r.to ?? now, now));
  }
  return used;
}

/**
 * The instant at which `amountMs` of business time will have been consumed, or null when the
 * clock is stopped before that (it is paused: no due time until it runs again) or the calendar
 * does not reach it within its horizon (no due time the desk can name).
 */
export function instantAt(
  cal: ClockCalendar,
  runs: readonly ClockRun[],
  amountMs: number,
): number | null {
  let used = 0;
  for (const r of runs) {
    const need = amountMs - used;
    if (r.to === null) return addBusinessTimeWithin(cal, r.from, need);
    const span = businessTimeBetween(cal, r.from, r.to);
    if (span >= need) return addBusinessTimeWithin(cal, r.from, need);
    used += span;
  }
  return null;
}

export interface SlaClock {
  /** When the target is missed; null while paused short of it. */
  dueAt: number | null;
  /** When the at-risk share of the target is used; null while paused short of it. */
  atRiskAt: number | null;
}

export function slaClock(
  cal: ClockCalendar,
  runs: readonly ClockRun[],
  targetMs: number,
  atRiskShare: number,
): SlaClock {
  return {
    dueAt: instantAt(cal, runs, targetMs),
    atRiskAt: instantAt(cal, runs, Math.round(targetMs * atRiskShare)),
  };
}

export function slaState(clock: SlaClock, now: number): SlaState {
  if (clock.dueAt !== null && now >= clock.dueAt) return 'breached';
  if (clock.atRiskAt !== null && now >= clock.atRiskAt) return 'at_risk';
  return 'on_track';
}

/** The runs of a clock from a ticket's pauses: [start, pause) [resume, pause) … [resume, open). */
export function runsFrom(
  start: number,
  pauses: readonly { from: number; to: number | null }[],
): ClockRun[] {
  const runs: ClockRun[] = [];
  let from = start;
  for (const p of [...pauses].sort((a, b) => a.from - b.from)) {
    if (p.from > from) runs.push({ from, to: p.from });
    if (p.to === null) return runs;
    from = Math.max(from, p.to);
  }
  runs.push({ from, to: null });
  return runs;
}
