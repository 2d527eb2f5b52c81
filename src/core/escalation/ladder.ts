/**
 * The escalation ladder: every tier a ticket has been in, and who worked it there. The only
 * module that writes `tier_spans`.
 */
import type { Tier } from '../../shared/domain.ts';
import type { TierSpan } from '../../shared/views.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

/** A new step on the ladder, from `at`, after the ticket's last one. */
export function startSpan(
  db: Db,
  ticketId: string,
  s: { domainId: string; tier: Tier; assigneeId: string | null },
  at: number,
): void {
  stmt(
    db,
    `INSERT INTO tier_spans (ticket_id, seq, domain_id, tier, assignee_id, from_at)
     VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM tier_spans WHERE ticket_id = ?), ?, ?, ?, ?)`,
  ).run(ticketId, ticketId, s.domainId, s.tier, s.assigneeId, at);
}

/** The ticket's time in its current tier ends at `at` (escalated on, or resolved). */
export function endSpan(db: Db, ticketId: string, at: number): void {
  stmt(db, 'UPDATE tier_spans SET to_at = ? WHERE ticket_id = ? AND to_at IS NULL').run(
    at,
    ticketId,
  );
}

/** The ladder names who works the ticket in its current tier. */
export function assignSpan(db: Db, ticketId: string, assigneeId: string | null): void {
  stmt(db, 'UPDATE tier_spans SET assignee_id = ? WHERE ticket_id = ? AND to_at IS NULL').run(
    assigneeId,
    ticketId,
  );
}

/** Every tier the ticket has been in, oldest first. */
export function ladderOf(db: Db, ticketId: string): TierSpan[] {
  return stmt<{
    domainId: string;
    tier: Tier;
    from: number;
    to: number | null;
    uid: string | null;
    uname: string | null;
  }>(
    db,
    `SELECT s.domain_id AS domainId, s.tier, s.from_at AS "from", s.to_at AS "to", u.id AS uid,
              u.display_name AS uname
       FROM tier_spans s LEFT JOIN users u ON u.id = s.assignee_id
       WHERE s.ticket_id = ? ORDER BY s.seq`,
  )
    .all(ticketId)
    .map((s) => ({
      domainId: s.domainId,
      tier: s.tier,
      from: s.from,
      to: s.to,
      assignee: s.uid ? { id: s.uid, displayName: s.uname! } : null,
    }));
}
