/** Workstations of one desk over a hub, for the sync tests: real desks, real SQLite files. */
import type { Db } from '../../src/core/store/database.ts';
import { joinDesk, syncRound, type HubTransport } from '../../src/core/sync/client.ts';
import { REPLICATED } from '../../src/core/sync/tables.ts';
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
