/** Editing a ticket's own fields: one event per save, listing each field from → to. */
import type { ParsedInput } from '../../shared/contract.ts';
import type { Issue } from '../../shared/errors.ts';
import type { TicketCard } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { invalid, issue } from '../kernel/failure.ts';
import { stmt } from '../store/statements.ts';
import { card, changeTicket, forUpdate, type TicketPatch } from './write.ts';

/** Contract field → column. */
const COLUMNS = {
  title: 'title',
  description: 'description',
  categoryId: 'category_id',
  queueId: 'queue_id',
  assetId: 'asset_id',
} as const;
type Field = keyof typeof COLUMNS;

export function updateTicket(ctx: Ctx, input: ParsedInput<'tickets.update'>): TicketCard {
  return ctx.db.transaction(() => {
    const { db } = ctx;
    const { card: t, row } = forUpdate(db, input.id, input.version);
    if (t.status === 'resolved')
      throw invalid([issue('changes', 'resolved', `Reopen ${t.key} to change it`)]);
    const c = input.changes;
    const issues: Issue[] = [];
    if (
      c.categoryId &&
      !stmt(db, 'SELECT 1 FROM categories WHERE id = ? AND active = 1').get(c.categoryId)
    )
      issues.push(issue('changes.categoryId', 'unknown', 'No such category'));
    if (c.queueId && !stmt(db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1').get(c.queueId))
      issues.push(issue('changes.queueId', 'unknown', 'No such queue'));
    if (
      c.assetId &&
      !stmt(db, 'SELECT 1 FROM assets WHERE id = ? AND customer_id = ?').get(
        c.assetId,
        row.customer_id,
      )
    )
      issues.push(
        issue('changes.assetId', 'unknown', "This equipment is not on the caller's record"),
      );
    if (issues.length) throw invalid(issues);

    const changes = (Object.keys(COLUMNS) as Field[])
      .filter((f) => c[f] !== undefined && c[f] !== row[COLUMNS[f]])
      .map((f) => ({ field: f, from: row[COLUMNS[f]], to: c[f] ?? null }));
    if (changes.length === 0) return t;
    changeTicket(ctx, t.id, {
      // Each column takes its field's value (the category, queue and equipment are ids).
      set: Object.fromEntries(changes.map((x) => [COLUMNS[x.field], x.to])) as TicketPatch,
      event: ['fields_changed', { changes }],
      reason: 'updated',
    });
    return card(db, t.id)!;
  })();
}
