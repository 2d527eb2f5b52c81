/**
 * Logging a contact with the customer. The log is the record of what the customer was told and
 * when: the update clock restarts from an update given, a call that reached nobody schedules a
 * retry, and a call-back set later than the policy's needs its reason written down.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import { UPDATE_GIVEN } from '../../shared/domain.ts';
import type { Issue } from '../../shared/errors.ts';
import type { ContactEntry } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict, invalid, issue, notFound } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { retryAt } from './callbacks.ts';
import { contactById, latestContact } from './contacts-read.ts';
import { computeSla, SLA_COLUMNS, type SlaRow } from '../sla/clocks.ts';
import { changeTicket, writeContactFacts } from '../tickets/write.ts';

/** A call-back this long after the contact is the most anyone may set. */
const MAX_AHEAD = 366 * 24 * 3_600_000;

export function logContact(
  ctx: Ctx,
  input: ParsedInput<'contacts.log'>,
): { contact: ContactEntry } {
  const { db } = ctx;
  const by = actor(ctx).id;
  const now = ctx.clock.now();
  return db.transaction(() => {
    const t = stmt<SlaRow & { key: string; customer_id: string }>(
      db,
      `SELECT ${SLA_COLUMNS}, key, customer_id FROM tickets WHERE id = ?`,
    ).get(input.ticketId);
    if (!t) throw notFound('Ticket');
    const at = input.at ?? now;
    const issues: Issue[] = [];
    if (at > now) issues.push(issue('at', 'contact_future', 'A contact cannot be in the future'));
    if (at < t.created_at)
      issues.push(
        issue('at', 'contact_early', `This is before ${t.key} was opened`, { key: t.key }),
      );
    if (input.next && t.status === 'resolved')
      issues.push(
        issue(
          'next.at',
          'resolved_no_callback',
          `${t.key} is resolved: reopen it to plan a call-back`,
          {
            key: t.key,
          },
        ),
      );
    if (input.closing && t.status === 'resolved')
      issues.push(
        issue('closing', 'ticket_resolved', `${t.key} is already resolved`, { key: t.key }),
      );
    if (input.corrects) {
      const old = contactById(db, input.corrects);
      if (!old || old.ticketId !== t.id)
        issues.push(issue('corrects', 'unknown', `No such entry in ${t.key}'s log`));
      else if (old.correctedById)
        throw conflict(
          'corrected_already',
          'That entry was corrected already: correct the correction instead',
        );
    }
    if (issues.length) throw invalid(issues);

    const id = ctx.newId();
    insertContact(db, {
      ...input,
      id,
      customerId: t.customer_id,
      at,
      loggedAt: now,
      loggedBy: by,
    });
    if (t.status !== 'resolved') updateClockFromLog(ctx, t, now, id, input.next);
    changeTicket(ctx, t.id, {
      event: [
        'contact_logged',
        {
          contactId: id,
          direction: input.direction,
          channel: input.channel,
          outcome: input.outcome,
          at,
          summary: input.summary,
          ...(input.closing ? { closing: true } : {}),
          ...(input.next ? { next: input.next } : {}),
          ...(input.corrects ? { corrects: input.corrects } : {}),
        },
      ],
      reason: 'contacted',
      // The log is not what the ticket is: a colleague's pending edit is not refused for it.
      versioned: false,
      touches: false,
      after: 'clocks',
    });
    return { contact: contactById(db, id)! };
  })();
}

/**
 * After the log changed: the update clock runs from the latest update given (or from the
 * ticket's opening), and a later call-back the customer agreed to moves it. Refuses a set
 * call-back in the past, or later than the policy's without a reason.
 */
function updateClockFromLog(
  ctx: Ctx,
  t: SlaRow,
  now: number,
  loggedId: string,
  next: { at: number; reason: string } | undefined,
): void {
  const { db } = ctx;
  // A reopen starts the updates afresh: the customer was told of it.
  const lastUpdate = Math.max(lastUpdateGiven(db, t.id) ?? t.created_at, t.reopened_at ?? 0);
  const latest = latestContact(db, t.id)!;
  const given = UPDATE_GIVEN.includes(latest.outcome);
  // The first update given to the customer by us is a first response, whatever the status.
  const responded = t.responded_at ?? (given && latest.direction === 'outbound' ? latest.at : null);
  const row: SlaRow = {
    ...t,
    last_update_at: lastUpdate,
    update_agreed_at: null,
    responded_at: responded,
  };
  let agreed: number | null = null;
  // The schedule follows the latest contact: a call-back set on an older one would be ignored.
  if (next && latest.id !== loggedId)
    throw invalid([
      issue('next.at', 'callback_not_latest', 'A later contact is logged: set the call-back on it'),
    ]);
  if (next) {
    const policyDue = given ? computeSla(db, row, now).updateDue : retryAt(db, t, latest.at);
    if (next.at <= now)
      throw invalid([issue('next.at', 'callback_past', 'A call-back must be in the future')]);
    if (next.at > latest.at + MAX_AHEAD)
      throw invalid([issue('next.at', 'callback_far', 'At most a year ahead')]);
    if (policyDue !== null && next.at > policyDue && next.reason === '')
      throw invalid([
        issue(
          'next.reason',
          'callback_later',
          'Later than the policy’s call-back: say why (it is logged)',
        ),
      ]);
    if (given && policyDue !== null && next.at > policyDue) agreed = next.at;
  }
  writeContactFacts(db, t.id, {
    last_update_at: lastUpdate,
    update_agreed_at: agreed,
    responded_at: responded,
  });
}

/** Writes one log entry as given; the caller has checked it and runs the clocks after. */
export function insertContact(
  db: Db,
  c: Pick<
    ParsedInput<'contacts.log'>,
    'ticketId' | 'direction' | 'channel' | 'outcome' | 'durationSec' | 'summary' | 'closing'
  > & {
    id: string;
    customerId: string;
    at: number;
    next?: { at: number; reason: string } | undefined;
    corrects?: string | undefined;
    loggedAt: number;
    loggedBy: string;
  },
): void {
  stmt(
    db,
    `INSERT INTO contacts (id, ticket_id, customer_id, direction, channel, outcome, at, duration_sec, summary,
                           closing, next_at, next_reason, corrects_id, logged_at, logged_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.id,
    c.ticketId,
    c.customerId,
    c.direction,
    c.channel,
    c.outcome,
    c.at,
    c.durationSec,
    c.summary,
    c.closing ? 1 : 0,
    c.next?.at ?? null,
    c.next?.reason ?? '',
    c.corrects ?? null,
    c.loggedAt,
    c.loggedBy,
  );
}

/** When the customer was last given an update, by the log's entries that stand. */
function lastUpdateGiven(db: Db, ticketId: string): number | null {
  const r = stmt<{ at: number | null }>(
    db,
    `SELECT max(c.at) AS at FROM contacts c
     WHERE c.ticket_id = ? AND c.outcome IN (${UPDATE_GIVEN.map((o) => `'${o}'`).join(', ')})
       AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.corrects_id = c.id)`,
  ).get(ticketId)!;
  return r.at;
}

/**
 * What the log says of a ticket, read from the log alone: after a pull brought entries logged on
 * another workstation. The same rules as an entry logged here (updateClockFromLog); the first
 * response is the ticket's own field, which travels with it.
 */
export function refreshContactFacts(db: Db, ticketId: string): void {
  const t = stmt<SlaRow>(db, `SELECT ${SLA_COLUMNS} FROM tickets WHERE id = ?`).get(ticketId);
  const latest = t && latestContact(db, ticketId);
  if (!t || !latest) return;
  const lastUpdate = Math.max(lastUpdateGiven(db, t.id) ?? t.created_at, t.reopened_at ?? 0);
  let agreed: number | null = null;
  if (UPDATE_GIVEN.includes(latest.outcome) && latest.next) {
    const row: SlaRow = { ...t, last_update_at: lastUpdate, update_agreed_at: null };
    const policyDue = computeSla(db, row, latest.at).updateDue;
    if (policyDue !== null && latest.next.at > policyDue) agreed = latest.next.at;
  }
  writeContactFacts(db, t.id, {
    last_update_at: lastUpdate,
    update_agreed_at: agreed,
    responded_at: t.responded_at,
  });
}
