/** Workstations of one desk over a hub, for the sync tests: real desks, real SQLite files. */
import type { Db } from '../../src/core/store/database.ts';
import { joinDesk, syncRound, type HubTransport } from '../../src/core/sync/client.ts';
import { REPLICATED } from '../../src/core/sync/tables.ts';
import { ROW_OWNER } from '../../src/shared/sync.ts';
import type { TestDesk } from './desk.ts';

/** A scan context on a desk's own store and clock (what the desk's sync loop runs with). */
export function syncCtx(t: TestDesk) {
  return {
    db: t.desk.db,
    clock: t.clock,
    newId: () => crypto.randomUUID(),
    emit: () => undefined,
  };
}

export const join = (t: TestDesk, hub: HubTransport, name = 'workstation') =>
  joinDesk(syncCtx(t), hub, { url: 'model:', code: 'ANY-CODE-0000', name });

export const round = (t: TestDesk, hub: HubTransport) => syncRound(syncCtx(t), hub);

/** Every replicated row, derived columns left out, in key order: equal on converged replicas. */
export function replicatedRows(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [tbl, t] of Object.entries(REPLICATED)) {
    const cols = (db.prepare(`PRAGMA table_info(${tbl})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !t.derived.includes(c));
    out[tbl] = db
      .prepare(`SELECT ${cols.join(', ')} FROM ${tbl} ORDER BY ${t.key.join(', ')}`)
      .raw()
      .all();
  }
  return out;
}

/**
 * What a field desk of `queues` must hold of a replica of the whole desk: those queues' tickets
 * and everything of theirs, the callers they are for and what is theirs, all reference data.
 * Links between tickets stay at the office.
 */
export function scopedRows(store: Db, queues: readonly string[]): Record<string, unknown[]> {
  const qs = queues.map(() => '?').join(', ');
  const out: Record<string, unknown[]> = {};
  for (const [tbl, t] of Object.entries(REPLICATED)) {
    const rule = ROW_OWNER[tbl];
    const cols = (store.prepare(`PRAGMA table_info(${tbl})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !t.derived.includes(c));
    const where = !rule
      ? '1'
      : rule.kind === 'office'
        ? '0'
        : rule.kind === 'ticket'
          ? `${tbl === 'tickets' ? 'id' : 'ticket_id'} IN (SELECT id FROM tickets WHERE queue_id IN (${qs}))`
          : `${tbl === 'customers' ? 'id' : 'customer_id'} IN (SELECT customer_id FROM tickets WHERE queue_id IN (${qs}))`;
    out[tbl] = store
      .prepare(`SELECT ${cols.join(', ')} FROM ${tbl} WHERE ${where} ORDER BY ${t.key.join(', ')}`)
      .raw()
      .all(...(where.includes('?') ? queues : []));
  }
  return out;
}
