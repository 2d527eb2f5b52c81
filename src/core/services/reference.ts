import type { ParsedInput } from '../../shared/contract.ts';
import type { CategoryInfo, DeskInfo, QueueInfo } from '../../shared/views.ts';
import { actor, type Ctx } from '../context.ts';
import { invalid, issue } from '../failure.ts';
import { readSettings } from '../settings.ts';
import type { Db } from '../store/database.ts';
import { currentPolicyVersion, policyVersion } from './policy-terms.ts';
import { ensureDomain, listDomains } from './tiers.ts';
import { listUsers } from './users.ts';
import { stmt } from '../store/statements.ts';

export function listQueues(db: Db): QueueInfo[] {
  return stmt(
    db,
    'SELECT id, code, name FROM queues WHERE active = 1 ORDER BY name',
  ).all() as QueueInfo[];
}

export function listCategories(db: Db): CategoryInfo[] {
  return stmt(
    db,
    `SELECT id, code, name, domain, default_queue_id AS defaultQueueId
       FROM categories WHERE active = 1 ORDER BY name`,
  ).all() as CategoryInfo[];
}

export function deskInfo(ctx: Ctx): DeskInfo {
  const s = readSettings(ctx.db);
  const version = currentPolicyVersion(ctx.db);
  return {
    name: s.name,
    prefix: s.prefix,
    countryCode: s.countryCode,
    policy: { version, body: policyVersion(ctx.db, version) },
    queues: listQueues(ctx.db),
    categories: listCategories(ctx.db),
    users: listUsers(ctx.db),
    domains: listDomains(ctx.db),
  };
}

export function createQueue(ctx: Ctx, input: ParsedInput<'queues.create'>): QueueInfo {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    if (stmt(ctx.db, 'SELECT 1 FROM queues WHERE code = ?').get(input.code)) {
      throw invalid([issue('code', 'taken', 'A queue with this code exists')]);
    }
    const id = ctx.newId();
    stmt(
      ctx.db,
      'INSERT INTO queues (id, code, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    ).run(id, input.code, input.name, ctx.clock.now(), by);
    return { id, code: input.code, name: input.name };
  })();
}

export function createCategory(ctx: Ctx, input: ParsedInput<'categories.create'>): CategoryInfo {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const issues = [];
    if (stmt(ctx.db, 'SELECT 1 FROM categories WHERE code = ?').get(input.code)) {
      issues.push(issue('code', 'taken', 'A category with this code exists'));
    }
    if (
      !stmt(ctx.db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1').get(input.defaultQueueId)
    ) {
      issues.push(issue('defaultQueueId', 'unknown', 'No such queue'));
    }
    if (issues.length) throw invalid(issues);
    const id = ctx.newId();
    stmt(
      ctx.db,
      `INSERT INTO categories (id, code, name, domain, default_queue_id, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.code, input.name, input.domain, input.defaultQueueId, ctx.clock.now(), by);
    // A new domain starts with its tier 1: this category's queue.
    ensureDomain(ctx.db, ctx.newId, input.domain, input.defaultQueueId, ctx.clock.now());
    return {
      id,
      code: input.code,
      name: input.name,
      domain: input.domain,
      defaultQueueId: input.defaultQueueId,
    };
  })();
}
