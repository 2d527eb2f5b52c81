/**
 * Technical domains and their tiers. A tier is a queue; its members are the users of that tier
 * who serve the domain (a user who names no domain serves them all).
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { Tier } from '../../shared/domain.ts';
import type { DomainInfo, UserInfo } from '../../shared/views.ts';
import type { Ctx } from '../kernel/context.ts';
import { invalid, issue } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { recordAdminChange } from '../admin/admin-edits.ts';

export interface TierRow {
  domain_id: string;
  level: Tier;
  queue_id: string;
}

export function tierOf(db: Db, domainId: string, level: number): TierRow | undefined {
  return stmt<TierRow>(
    db,
    'SELECT domain_id, level, queue_id FROM tiers WHERE domain_id = ? AND level = ?',
  ).get(domainId, level);
}

/** The domain a category belongs to (by its domain's name). */
export function domainOfCategory(db: Db, categoryId: string): string | null {
  const r = stmt<{ id: string }>(
    db,
    'SELECT d.id FROM categories c JOIN domains d ON d.name = c.domain WHERE c.id = ?',
  ).get(categoryId);
  return r?.id ?? null;
}

/** A new category's domain exists from then on, its tier 1 the category's queue. */
export function ensureDomain(
  db: Db,
  newId: () => string,
  name: string,
  queueId: string,
  now: number,
): void {
  if (stmt(db, 'SELECT 1 FROM domains WHERE name = ?').get(name)) return;
  insertDomain(db, { id: newId(), name, tierQueueIds: [queueId] }, now);
}

/** A technical domain and its tiers' queues, tier 1 first. */
export function insertDomain(
  db: Db,
  d: { id: string; name: string; tierQueueIds: readonly string[] },
  now: number,
): void {
  stmt(db, 'INSERT INTO domains (id, name, created_at) VALUES (?, ?, ?)').run(d.id, d.name, now);
  d.tierQueueIds.forEach((queueId, i) =>
    stmt(db, 'INSERT INTO tiers (domain_id, level, queue_id) VALUES (?, ?, ?)').run(
      d.id,
      i + 1,
      queueId,
    ),
  );
}

/** True when the user works this tier of this domain (technicians: analysts, not supervisors or displays). */
export function isMember(
  db: Db,
  user: Pick<UserInfo, 'id' | 'tier' | 'role'>,
  domainId: string,
  level: number,
): boolean {
  if (user.role !== 'analyst' || user.tier !== level) return false;
  const named = stmt<string>(db, 'SELECT domain_id FROM user_domains WHERE user_id = ?')
    .pluck()
    .all(user.id);
  return named.length === 0 || named.includes(domainId);
}

export function listDomains(db: Db): DomainInfo[] {
  const domains = stmt<{
    id: string;
    name: string;
  }>(db, 'SELECT id, name FROM domains ORDER BY name').all();
  const tiers = stmt<TierRow>(
    db,
    'SELECT domain_id, level, queue_id FROM tiers ORDER BY level',
  ).all();
  const users = stmt<{ id: string; tier: number; named: string | null }>(
    db,
    `SELECT u.id, u.tier, (SELECT group_concat(domain_id) FROM user_domains WHERE user_id = u.id) AS named
     FROM users u WHERE u.active = 1 AND u.username <> 'system' AND u.role = 'analyst'`,
  ).all();
  return domains.map((d) => ({
    id: d.id,
    name: d.name,
    tiers: tiers
      .filter((t) => t.domain_id === d.id)
      .map((t) => ({
        level: t.level,
        queueId: t.queue_id,
        memberIds: users
          .filter((u) => u.tier === t.level && (!u.named || u.named.split(',').includes(d.id)))
          .map((u) => u.id),
      })),
  }));
}

/** An admin names the queue of a domain's tier (adding tier 2 or 3, or moving one). */
export function setTier(ctx: Ctx, input: ParsedInput<'tiers.set'>): Record<string, never> {
  const { db } = ctx;
  return db.transaction(() => {
    const issues = [];
    if (!stmt(db, 'SELECT 1 FROM domains WHERE id = ?').get(input.domainId))
      issues.push(issue('domainId', 'unknown', 'No such domain'));
    if (!stmt(db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1').get(input.queueId))
      issues.push(issue('queueId', 'unknown', 'No such queue'));
    if (input.level > 1 && !tierOf(db, input.domainId, input.level - 1))
      issues.push(
        issue('level', 'gap', `Give the domain tier ${input.level - 1} first`, {
          level: input.level - 1,
        }),
      );
    if (issues.length) throw invalid(issues);
    const before = tierOf(db, input.domainId, input.level)?.queue_id ?? null;
    if (before === input.queueId) return {};
    stmt(
      db,
      `INSERT INTO tiers (domain_id, level, queue_id) VALUES (?, ?, ?)
       ON CONFLICT (domain_id, level) DO UPDATE SET queue_id = excluded.queue_id`,
    ).run(input.domainId, input.level, input.queueId);
    recordAdminChange(ctx, 'tier_set', {
      domainId: input.domainId,
      level: input.level,
      from: before,
      to: input.queueId,
    });
    return {};
  })();
}
