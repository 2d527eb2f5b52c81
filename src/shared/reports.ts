/**
 * The supervisors' report of a period: how the tickets opened in it fared against their targets
 * (first response, customer updates, resolution), first-contact resolution and call-backs kept,
 * by priority, queue and week; tickets created and resolved each day and the backlog at each
 * day's end; the backlog now by age; the time tickets spend in each tier; each analyst's load.
 * Days are the desk's, in its calendar's time zone.
 */

/** A target's tickets that met it, and that missed it (still running and not yet due: neither). */
export interface TargetTally {
  met: number;
  missed: number;
}

/** What a group of the period's tickets came to. */
export interface CohortTally {
  tickets: number;
  resolved: number;
  response: TargetTally;
  update: TargetTally;
  resolution: TargetTally;
  /** Resolved with no follow-up contact, escalation or reopening. */
  firstContact: number;
  /** Call-backs promised that fell due (kept: a contact came at or before their time). */
  callbacks: { due: number; kept: number; outstanding: number };
}

/** How long open work has waited, since it was opened. */
export const BACKLOG_AGES = ['day', 'days3', 'week', 'month', 'older'] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number];
/** Where each age band ends, in hours (the last has none). */
export const BACKLOG_AGE_HOURS = [24, 72, 168, 720] as const;

export interface ReportDay {
  /** YYYY-MM-DD, the desk's day. */
  day: string;
  created: number;
  resolved: number;
  /** Open at the day's end (tickets created by then and not resolved by then). */
  backlog: number;
}

export interface TierTime {
  domainId: string;
  domain: string;
  tier: number;
  /** Times a ticket entered this tier of this domain in the period. */
  entries: number;
  /** Of them, those still in it. */
  open: number;
  /** Hours spent in it, on average per entry (those still in it counted up to now). */
  hours: number;
}

export interface AnalystLoad {
  userId: string;
  name: string;
  /** Open tickets assigned now, by priority 1 to 4. */
  open: [number, number, number, number];
  /** Tickets they resolved in the period. */
  resolved: number;
}

export interface DeskReport {
  from: string;
  to: string;
  timeZone: string;
  generatedAt: number;
  /** Tickets of the period whose outcomes the desk is still working out (from an older version). */
  pending: number;
  total: CohortTally;
  byPriority: (CohortTally & { priority: number })[];
  byQueue: (CohortTally & { queueId: string; queue: string })[];
  /** Weeks from Monday, named by their Monday. */
  byWeek: (CohortTally & { week: string })[];
  days: ReportDay[];
  /** Open now, by age band, each by priority 1 to 4. */
  backlogNow: { age: BacklogAge; open: [number, number, number, number] }[];
  tiers: TierTime[];
  load: AnalystLoad[];
}

/** The longest period one report covers, in days. */
export const MAX_REPORT_DAYS = 731;
