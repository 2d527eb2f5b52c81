/** A ticket's pauses (while it waits on the customer): what every clock of it counts around. */
import { runsFrom, type ClockRun } from '../../shared/sla.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

export type Pause = { from: number; to: number | null };

export function ticketPauses(db: Db, ticketId: string): Pause[] {
  return stmt<Pause>(
    db,
    'SELECT started_at AS "from", ended_at AS "to" FROM ticket_pauses WHERE ticket_id = ?',
  ).all(ticketId);
}

/** A clock's runs from `since`, the pauses that ended before it left out. */
export const runsSince = (since: number, pauses: readonly Pause[]): ClockRun[] =>
  runsFrom(
    since,
    pauses.filter((p) => (p.to ?? Infinity) > since),
  );
