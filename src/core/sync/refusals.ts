/**
 * Changes of this workstation the hub refused (the only module that writes sync_refused): kept
 * with the ticket they were made on, shown there and in the header until someone has seen them.
 * The change itself stays here; it never reached the desk.
 */
import { ownerOf, type Change, type Refusal } from '../../shared/sync.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

export interface RefusedChange {
  changeId: string;
  table: string;
  /**
   * The fields the change set (their names: the values stay in the outbox); for a history event,
   * its type.
   */
  fields: string[];
  code: Refusal['code'];
  message: string;
  at: number;
}

/** The ticket a change was made on, as this store knows it (null: a caller's or the desk's). */
function ticketOf(db: Db, c: Change): string | null {
  const owner = ownerOf(c);
  if (owner?.kind === 'ticket') return owner.id;
  if (owner === undefined && c.table === 'escalations') {
    const id = (JSON.parse(c.key) as unknown[])[0];
    return (
      stmt<string>(db, 'SELECT ticket_id FROM escalations WHERE id = ?').pluck().get(String(id)) ??
      null
    );
  }
  return null;
}

export function noteRefusals(
  db: Db,
  refused: readonly Refusal[],
  sent: readonly Change[],
  now: number,
): void {
  const byId = new Map(sent.map((c) => [c.id, c]));
  const put = stmt(
    db,
    `INSERT OR REPLACE INTO sync_refused (change_id, ticket_id, tbl, fields, code, message, refused_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of refused) {
    const c = byId.get(r.id);
    put.run(
      r.id,
      c ? ticketOf(db, c) : null,
      c?.table ?? '',
      // A history event says what kind it is; a changed row, which fields.
      JSON.stringify(
        c?.table === 'ticket_events' ? [String(c.fields['type'])] : c ? Object.keys(c.fields) : [],
      ),
      r.code,
      r.message,
      now,
    );
  }
}

/** A change's own history event (the edit's record) adds nothing to the change: a note does. */
const SHOWN = `(tbl <> 'ticket_events' OR fields = '["note_added"]')`;

/** How many refusals no one has seen yet, and the latest one's words (for the header). */
export function refusedChanges(
  db: Db,
): { count: number; message: string; code: Refusal['code'] } | undefined {
  const latest = `FROM sync_refused WHERE ${SHOWN} ORDER BY refused_at DESC, change_id LIMIT 1`;
  const r = stmt<{ n: number; message: string | null; code: Refusal['code'] | null }>(
    db,
    `SELECT count(*) AS n, (SELECT message ${latest}) AS message, (SELECT code ${latest}) AS code
     FROM sync_refused WHERE ${SHOWN}`,
  ).get();
  return r && r.n > 0
    ? { count: r.n, message: r.message ?? '', code: r.code ?? 'FORBIDDEN' }
    : undefined;
}

export function refusalsOn(db: Db, ticketId: string): RefusedChange[] {
  return stmt<{
    change_id: string;
    tbl: string;
    fields: string;
    code: Refusal['code'];
    message: string;
    refused_at: number;
  }>(
    db,
    `SELECT change_id, tbl, fields, code, message, refused_at FROM sync_refused
     WHERE ticket_id = ? AND ${SHOWN}
     ORDER BY refused_at, change_id`,
  )
    .all(ticketId)
    .map((r) => ({
      changeId: r.change_id,
      table: r.tbl,
      fields: (JSON.parse(r.fields) as string[]).filter(
        (f) => f !== 'updated_at' && f !== 'updated_by',
      ),
      code: r.code,
      message: r.message,
      at: r.refused_at,
    }));
}

export const hasRefusals = (db: Db, ticketId: string): boolean =>
  stmt<number>(db, 'SELECT 1 FROM sync_refused WHERE ticket_id = ? LIMIT 1')
    .pluck()
    .get(ticketId) !== undefined;

/** Someone on the ticket has seen what was refused there. */
export function dismissRefusals(db: Db, ticketId: string): number {
  return stmt(db, 'DELETE FROM sync_refused WHERE ticket_id = ?').run(ticketId).changes;
}
