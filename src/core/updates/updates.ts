/**
 * The desk's update policy: off unless an admin names the desk's own update server, and then
 * only that server (no vendor's, no public one). The desktop shell reads it (main/updates.ts);
 * changing it is kept in the desk's history.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { UpdatePolicy } from '../../shared/views.ts';
import { recordAdminChange } from '../admin/admin-edits.ts';
import type { Ctx } from '../kernel/context.ts';
import { updatesUrl, writeUpdatesUrl } from '../kernel/settings.ts';

export const readUpdatePolicy = (ctx: Ctx): UpdatePolicy => ({ url: updatesUrl(ctx.db) });

export function setUpdatePolicy(ctx: Ctx, input: ParsedInput<'updates.set'>): UpdatePolicy {
  const before = updatesUrl(ctx.db);
  const url = input.url === '' ? null : input.url;
  if (url === before) return { url };
  ctx.db.transaction(() => {
    writeUpdatesUrl(ctx.db, url);
    recordAdminChange(ctx, 'updates.set', { from: before, to: url });
  })();
  return { url };
}
