/**
 * An import's plan written, in one transaction: new callers with their accounts and equipment,
 * and what the file adds to callers the desk has. Through the callers' own writers (the tables'
 * one module), so search rows and, on a joined desk, the changes for the hub are made as for a
 * call taken at intake.
 */
import {
  fillContactDetails,
  insertAccount,
  insertAsset,
  insertCustomer,
  reindexCustomer,
} from '../callers/customers.ts';
import type { Ctx } from '../kernel/context.ts';
import { conflict } from '../kernel/failure.ts';
import { stmt } from '../store/statements.ts';
import type { ImportPlan } from './plan.ts';

/** `record` writes the desk's history of it, in the same transaction. */
export function writePlan(ctx: Ctx, plan: ImportPlan, by: string, record: () => void): void {
  const { db } = ctx;
  const w = { at: ctx.clock.now(), by };
  db.transaction(() => {
    for (const c of plan.callers) {
      const id = ctx.newId();
      insertCustomer(
        db,
        {
          id,
          name: c.name,
          phone: c.phone,
          phoneNorm: c.phoneNorm,
          email: c.email,
          organisation: c.organisation,
        },
        w,
      );
      for (const a of c.accounts) insertAccount(db, { id: ctx.newId(), customerId: id, ...a }, w);
      reindexCustomer(db, id);
      for (const a of c.assets) insertAsset(db, { id: ctx.newId(), customerId: id, ...a }, w);
    }
    const exists = stmt(db, 'SELECT 1 FROM customers WHERE id = ?');
    for (const m of plan.completions) {
      // Let go meanwhile (a field desk's scope changed) though the glance did not see it.
      if (!exists.get(m.customerId))
        throw conflict(
          'import_changed',
          'A caller the file adds to is no longer on this desk; check again',
        );
      const filled = fillContactDetails(db, m.customerId, m, w);
      for (const a of m.accounts)
        insertAccount(db, { id: ctx.newId(), customerId: m.customerId, ...a }, w);
      if (filled || m.accounts.length) reindexCustomer(db, m.customerId);
      for (const a of m.assets)
        insertAsset(db, { id: ctx.newId(), customerId: m.customerId, ...a }, w);
    }
    record();
  })();
}
