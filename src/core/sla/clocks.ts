import { MINUTE } from '../../shared/business-time.ts';
import { runsFrom, slaClock, slaState, type SlaClock, type SlaState } from '../../shared/sla.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { syncCallback } from '../communication/callbacks.ts';
import { recordDeskEvent, writeClocks, writeOutcomes, type TicketRow } from '../tickets/write.ts';
import { OUTCOME_COLUMNS, slaOutcomes, type SlaOutcomes } from './outcomes.ts';
import { runsSince, ticketPauses, type Pause } from './pauses.ts';
import { ticketTerms } from './policy-terms.ts';

import { DESK_AUTHOR } from '../../shared/sync.ts';

/** The desk itself as an author (the protocol's DESK_AUTHOR): its rules and clocks. */
export const SYSTEM_USER_ID = DESK_AUTHOR;
/** sla_next_due when no clock is running: sorts after every real due time. */
export const NO_DUE = 8_640_000_000_000_000;

/** What the clocks read of a ticket (SLA_COLUMNS). */
export type SlaRow = Pick<
  TicketRow,
  | 'id'
  | 'status'
  | 'priority'
  | 'policy_version'
  | 'created_at'
  | 'planned_start'
  | 'planned_end'
  | 'responded_at'
  | 'last_update_at'
  | 'update_agreed_at'
  | 'reopened_at'
  | 'sla_state'
  | 'assignee_id'
  | 'created_by'
  | 'domain_id'
  | 'tier'
>;

export type TargetName = 'response' | 'update' | 'resolution';

export interface SlaComputation {
  state: SlaState;
  /** Each target still running, with its clock. */
  targets: { name: TargetName; clock: SlaClock; state: SlaState }[];
  responseDue: number | null;
  updateDue: number | null;
  resolutionDue: number | null;
  /** The next instant the state can change; null when nothing is pending. */
  checkAt: number | null;
  /** The earliest due time among running clocks: the board's "time to breach" order. */
  nextDue: number | null;
}

const RANK: Record<SlaState, number> = { on_track: 0, at_risk: 1, breached: 2 };

/**
 * The clocks of one ticket as they stand at `now`: first response (until the ticket leaves
 * "new"), the customer update (counted from the last update), and resolution; all stop while the
 * ticket waits on the customer. Planned work is due at its window instead.
 */
export function computeSla(
  db: Db,
  t: SlaRow,
  now: number,
  pauses: readonly Pause[] = ticketPauses(db, t.id),
): SlaComputation {
  const { policy, level, cal } = ticketTerms(db, t);
  const share = policy.atRiskShare;
  const targets: SlaComputation['targets'] = [];
  const open = t.status !== 'resolved';

  if (level.planned && t.planned_start !== null) {
    // Planned work: due at its window, at risk the share of the way from creation to it.
    const window = (due: number): SlaClock => ({
      dueAt: due,
      atRiskAt: t.created_at + Math.round((due - t.created_at) * share),
    });
    if (open && t.responded_at === null)
      targets.push({ name: 'response', clock: window(t.planned_start), state: 'on_track' });
    if (open)
      targets.push({
        name: 'resolution',
        clock: window(t.planned_end ?? t.planned_start),
        state: 'on_track',
      });
  } else {
    const runs = runsFrom(t.created_at, pauses);
    if (open && t.responded_at === null) {
      targets.push({
        name: 'response',
        clock: slaClock(cal, runs, level.firstResponseMin * MINUTE, share),
        state: 'on_track',
      });
    }
    if (open) {
      const since = t.last_update_at ?? t.created_at;
      const agreed = t.update_agreed_at;
      const updateRuns = runsSince(since, pauses);
      targets.push({
        name: 'update',
        // A later update the customer agreed to (logged with its reason) is due when agreed.
        clock:
          agreed !== null
            ? { dueAt: agreed, atRiskAt: since + Math.round((agreed - since) * share) }
            : slaClock(cal, updateRuns, level.updateEveryMin * MINUTE, share),
        state: 'on_track',
      });
      targets.push({
        name: 'resolution',
        clock: slaClock(cal, runs, level.resolutionMin * MINUTE, share),
        state: 'on_track',
      });
    }
  }
  let state: SlaState = 'on_track';
  let checkAt: number | null = null;
  for (const target of targets) {
    target.state = slaState(target.clock, now);
    if (RANK[target.state] > RANK[state]) state = target.state;
    for (const at of [target.clock.atRiskAt, target.clock.dueAt])
      if (at !== null && at > now && (checkAt === null || at < checkAt)) checkAt = at;
  }
  const due = (name: TargetName) => targets.find((x) => x.name === name)?.clock.dueAt ?? null;
  return {
    state,
    targets,
    responseDue: due('response'),
    updateDue: due('update'),
    resolutionDue: due('resolution'),
    checkAt,
    nextDue: targets.reduce<number | null>(
      (m, x) => (x.clock.dueAt !== null && (m === null || x.clock.dueAt < m) ? x.clock.dueAt : m),
      null,
    ),
  };
}

/** The columns the clocks are stored in. */
const CLOCK_COLUMNS = [
  'response_due',
  'update_due',
  'resolution_due',
  'sla_state',
  'sla_check_at',
  'sla_next_due',
] as const;
type StoredClocks = Pick<TicketRow, (typeof CLOCK_COLUMNS)[number]>;

/** The clocks as the ticket's row stores them. */
export function storedClocks(c: SlaComputation): StoredClocks {
  return {
    response_due: c.responseDue,
    update_due: c.updateDue,
    resolution_due: c.resolutionDue,
    sla_state: c.state,
    sla_check_at: c.checkAt,
    sla_next_due: c.nextDue ?? NO_DUE,
  };
}

export const SLA_COLUMNS = `id, status, priority, policy_version, created_at, planned_start, planned_end, responded_at,
  last_update_at, update_agreed_at, reopened_at, sla_state, assignee_id, created_by, domain_id, tier`;

/**
 * Recomputes one ticket's clocks, stores them, and records each threshold crossed since the last
 * look as a history event, once each, in order, even when time jumped past both; keeps the
 * ticket's call-back in step. Returns the clocks as they stand.
 */
export function applySla(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>,
  ticketId: string,
): SlaComputation {
  const { db } = ctx;
  const now = ctx.clock.now();
  const t = stmt<
    SlaRow & StoredClocks & SlaOutcomes & Pick<TicketRow, 'resolved_at' | 'reopen_count'>
  >(
    db,
    `SELECT ${SLA_COLUMNS}, resolved_at, reopen_count, ${CLOCK_COLUMNS.join(', ')},
       ${OUTCOME_COLUMNS.join(', ')} FROM tickets WHERE id = ?`,
  ).get(ticketId)!;
  const pauses = ticketPauses(db, ticketId);
  const c = computeSla(db, t, now, pauses);
  const clocks = storedClocks(c);
  // Unchanged clocks are not written: a due time rewritten is an entry moved in every index
  // that orders open work by it, which is most of what a save writes.
  if (CLOCK_COLUMNS.some((k) => clocks[k] !== t[k])) writeClocks(db, ticketId, clocks);
  const outcomes = slaOutcomes(db, t, pauses);
  if (OUTCOME_COLUMNS.some((k) => outcomes[k] !== t[k])) writeOutcomes(db, ticketId, outcomes);
  syncCallback(ctx, t, c.updateDue);
  if (c.state === t.sla_state) return c;
  if (RANK[c.state] > RANK[t.sla_state]) {
    const crossed: SlaState[] =
      c.state === 'breached' && t.sla_state === 'on_track' ? ['at_risk', 'breached'] : [c.state];
    for (const s of crossed) {
      const which = c.targets
        .filter((x) => RANK[x.state] >= RANK[s])
        .map((x) => ({ target: x.name, dueAt: x.clock.dueAt }));
      const at = Math.min(
        ...c.targets.map((x) => (s === 'breached' ? x.clock.dueAt : x.clock.atRiskAt) ?? Infinity),
        now,
      );
      // The same crossing noticed on two workstations of a desk is one event (its id is made of
      // the ticket, the kind and the instant), with nothing in it that differs between them.
      const type = s === 'breached' ? 'sla_breached' : 'sla_at_risk';
      recordDeskEvent(ctx, SYSTEM_USER_ID, ticketId, [type, { targets: which }], at, [
        type,
        String(at),
      ]);
    }
  }
  ctx.emit('sla.changed', { ids: [ticketId], state: c.state });
  return c;
}

/**
 * Fills in the outcomes of tickets from before they were kept (migration 27), `limit` at a time
 * in one transaction; returns how many it did (0: none left).
 */
export function backfillOutcomes(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>,
  limit = 1000,
): number {
  const ids = stmt(ctx.db, 'SELECT id FROM tickets WHERE update_misses IS NULL LIMIT ?')
    .pluck()
    .all(limit) as string[];
  if (ids.length === 0) return 0;
  ctx.db.transaction(() => {
    for (const id of ids) applySla(ctx, id);
  })();
  return ids.length;
}

/**
 * The scanner: every ticket whose next check has come, oldest first, a batch at a time. `check`
 * is what a check does: the clocks alone by default (the seeder), clocks and rules on a desk.
 */
export function tickSla(
  ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>,
  limit = 500,
  check: (ctx: Pick<Ctx, 'db' | 'clock' | 'newId' | 'emit'>, id: string) => unknown = applySla,
): number {
  const now = ctx.clock.now();
  const due = stmt<{
    id: string;
  }>(ctx.db, 'SELECT id FROM tickets WHERE sla_check_at <= ? ORDER BY sla_check_at LIMIT ?').all(
    now,
    limit,
  );
  if (due.length === 0) return 0;
  ctx.db.transaction(() => {
    for (const { id } of due) check(ctx, id);
  })();
  return due.length;
}
