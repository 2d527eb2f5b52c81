/**
 * How a ticket fared against its targets, as the reports read it: the first response's and the
 * resolution's due (kept once the clocks stop, when the live clocks drop them), the customer
 * updates that came late, whether it was resolved on first contact, and its call-backs kept.
 *
 * Everything here follows from facts every workstation of a desk holds (the ticket's creation,
 * pauses, contact log, escalations, policy version and calendar), never from the moment a scanner
 * happened to look: derived data has to come out the same wherever it is computed.
 */
import { UPDATE_GIVEN } from '../../shared/domain.ts';
import { localDate, MINUTE } from '../../shared/business-time.ts';
import { runsFrom, slaClock } from '../../shared/sla.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import type { TicketRow } from '../tickets/write.ts';
import type { SlaRow } from './clocks.ts';
import { runsSince, type Pause } from './pauses.ts';
import { deskCalendar, ticketTerms } from './policy-terms.ts';

export const OUTCOME_COLUMNS = [
  'response_target_at',
  'resolution_target_at',
  'update_misses',
  'first_contact',
  'callbacks_promised',
  'callbacks_kept',
  'callback_open_due',
  'created_day',
  'resolved_day',
] as const;
export type SlaOutcomes = Pick<TicketRow, (typeof OUTCOME_COLUMNS)[number]>;

/** What the outcomes read of a ticket. */
export type OutcomeRow = Pick<
  SlaRow,
  | 'id'
  | 'status'
  | 'priority'
  | 'policy_version'
  | 'created_at'
  | 'planned_start'
  | 'planned_end'
  | 'reopened_at'
> &
  Pick<TicketRow, 'resolved_at' | 'reopen_count'>;

interface LogEntry {
  at: number;
  outcome: string;
  closing: number;
  next_at: number | null;
}

export function slaOutcomes(db: Db, t: OutcomeRow, pauses: readonly Pause[]): SlaOutcomes {
  const { level, cal } = ticketTerms(db, t);
  const { timeZone } = deskCalendar(db);
  // The log as it stands: an entry a later one corrects is replaced by it.
  const log = stmt<LogEntry>(
    db,
    `SELECT c.at, c.outcome, c.closing, c.next_at FROM contacts c
     WHERE c.ticket_id = ? AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.corrects_id = c.id)
     ORDER BY c.at, c.id`,
  ).all(t.id);
  const resolved = t.status === 'resolved' ? t.resolved_at : null;
  const planned = level.planned && t.planned_start !== null;

  let responseTarget: number | null;
  let resolutionTarget: number | null;
  let updateMisses = 0;
  if (planned) {
    responseTarget = t.planned_start;
    resolutionTarget = t.planned_end ?? t.planned_start;
  } else {
    const runs = runsFrom(t.created_at, pauses);
    responseTarget = slaClock(cal, runs, level.firstResponseMin * MINUTE, 0).dueAt;
    resolutionTarget = slaClock(cal, runs, level.resolutionMin * MINUTE, 0).dueAt;
    updateMisses = lateUpdates(
      t,
      log,
      resolved,
      (since) => slaClock(cal, runsSince(since, pauses), level.updateEveryMin * MINUTE, 0).dueAt,
    );
  }

  const callbacks = callbacksKept(log, resolved);
  const escalated =
    stmt(db, 'SELECT count(*) FROM escalations WHERE ticket_id = ?').pluck().get(t.id) !== 0;
  const followedUp = log.some((c) => c.at > t.created_at && c.closing === 0);
  return {
    response_target_at: responseTarget,
    resolution_target_at: resolutionTarget,
    update_misses: updateMisses,
    first_contact: resolved !== null && t.reopen_count === 0 && !escalated && !followedUp ? 1 : 0,
    callbacks_promised: callbacks.promised,
    callbacks_kept: callbacks.kept,
    callback_open_due: callbacks.openDue,
    created_day: epochDay(timeZone, t.created_at),
    resolved_day: resolved === null ? null : epochDay(timeZone, resolved),
  };
}

/** The desk's day of an instant, as days since 1970-01-01: what the report sums are kept by. */
function epochDay(timeZone: string, ms: number): number {
  const d = localDate(timeZone, ms);
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/**
 * The gaps between customer updates (from the ticket's creation, or its reopening) that ran past
 * the update interval, or past a later time the customer agreed to; the gap that ends with the
 * resolution counts, the one still open does not (it is the live clock).
 */
function lateUpdates(
  t: OutcomeRow,
  log: readonly LogEntry[],
  resolved: number | null,
  policyDue: (since: number) => number | null,
): number {
  let since = t.created_at;
  let agreed: number | null = null;
  let misses = 0;
  const gapEnds = (end: number) => {
    if (t.reopened_at !== null && t.reopened_at > since && t.reopened_at <= end) {
      since = t.reopened_at;
      agreed = null;
    }
    const due = agreed ?? policyDue(since);
    if (due !== null && end > due) misses++;
  };
  for (const c of log) {
    if (c.at <= since || !UPDATE_GIVEN.includes(c.outcome as (typeof UPDATE_GIVEN)[number]))
      continue;
    gapEnds(c.at);
    since = c.at;
    // A later update the customer agreed to, set with this one, is the next gap's due.
    const due = policyDue(since);
    agreed = c.next_at !== null && due !== null && c.next_at > due ? c.next_at : null;
  }
  if (resolved !== null && resolved > since) gapEnds(resolved);
  return misses;
}

/**
 * Each call-back promised with a contact is kept when the next contact comes at or before it, and
 * missed when it comes later or the ticket is resolved after it passed; one resolved before its
 * time was not needed. The last promise, with nothing after it yet, is outstanding.
 */
function callbacksKept(
  log: readonly LogEntry[],
  resolved: number | null,
): { promised: number; kept: number; openDue: number | null } {
  let promised = 0;
  let kept = 0;
  let open: number | null = null;
  let promisedAt = -Infinity;
  for (const c of log) {
    if (open !== null && c.at > promisedAt) {
      promised++;
      if (c.at <= open) kept++;
      open = null;
    }
    if (c.next_at !== null) {
      open = c.next_at;
      promisedAt = c.at;
    }
  }
  if (open !== null && resolved !== null) {
    if (resolved > open) promised++;
    open = null;
  }
  return { promised, kept, openDue: open };
}
