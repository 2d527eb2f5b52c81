/**
 * What every admin edit of a queue, a category or a person shares: the version check, the
 * field-by-field record of what changed, and the desk history event that keeps it.
 */
import type { Ctx } from '../kernel/context.ts';
import { DomainError, issue } from '../kernel/failure.ts';
import { deskEvent } from '../sla/policy.ts';

/** An edit names the version it started from: one made meanwhile is a CONFLICT, not overwritten. */
export function checkVersion(what: string, current: number, expected: number): void {
  if (current === expected) return;
  throw new DomainError(
    'CONFLICT',
    `${what} was changed (now version ${current}) while you edited version ${expected}; reload it`,
    [issue('', 'stale', 'Changed by someone else meanwhile')],
  );
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Each field whose value differs, from → to (arrays compared by their members, in order). */
export function changesOf<T extends object>(before: T, after: Partial<T>): Changes {
  const out: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    const from: unknown = before[field as keyof T];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[field] = { from, to };
  }
  return out;
}

/** The desk's history keeps every admin change: who, when, what, from → to. */
export function recordAdminChange(ctx: Ctx, type: string, data: Record<string, unknown>): void {
  deskEvent(ctx, type, data);
  ctx.emit('desk.changed', { type });
}
