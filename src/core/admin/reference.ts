import type { ParsedInput } from '../../shared/contract.ts';
import type { Tier } from '../../shared/domain.ts';
import type {
  AdminCategory,
  AdminDirectory,
  AdminQueue,
  CategoryInfo,
  DeskInfo,
  QueueInfo,
} from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { DomainError, invalid, issue, notFound } from '../kernel/failure.ts';
import { deskLanguage, readSettings, writeDeskLanguage } from '../kernel/settings.ts';
import type { Db } from '../store/database.ts';
import { currentPolicyVersion, policyVersion, deskCalendar } from '../sla/policy-terms.ts';
import { changesOf, checkVersion, recordAdminChange } from './admin-edits.ts';
import { adminPeople } from './people.ts';
import { ensureDomain, listDomains } from '../escalation/tiers.ts';
import { listUsers } from '../access/users.ts';
import { stmt } from '../store/statements.ts';

const QUEUE_COLUMNS = 'id, code, name, active = 1 AS active';
const CATEGORY_COLUMNS =
  'id, code, name, domain, default_queue_id AS defaultQueueId, active = 1 AS active';

type Flagged<T> = Omit<T, 'active'> & { active: number };
const flag = <T extends { active: boolean }>(r: Flagged<T>): T =>
  ({ ...r, active: r.active === 1 }) as unknown as T;

/** Every queue, the disabled ones too: old tickets still name them; lists for new work skip them. */
export function listQueues(db: Db): QueueInfo[] {
  return stmt<Flagged<QueueInfo>>(db, `SELECT ${QUEUE_COLUMNS} FROM queues ORDER BY name`)
    .all()
    .map(flag);
}

export function listCategories(db: Db): CategoryInfo[] {
  return stmt<Flagged<CategoryInfo>>(db, `SELECT ${CATEGORY_COLUMNS} FROM categories ORDER BY name`)
    .all()
    .map(flag);
}

export function deskInfo(ctx: Ctx): DeskInfo {
  const s = readSettings(ctx.db);
  const version = currentPolicyVersion(ctx.db);
  return {
    name: s.name,
    prefix: s.prefix,
    language: deskLanguage(ctx.db),
    countryCode: s.countryCode,
    timeZone: deskCalendar(ctx.db).timeZone,
    policy: { version, body: policyVersion(ctx.db, version) },
    queues: listQueues(ctx.db),
    categories: listCategories(ctx.db),
    users: listUsers(ctx.db),
    domains: listDomains(ctx.db),
  };
}

// ---- what an admin sees --------------------------------------------------------------------

/** What sends new work to a queue: the active categories routed to it and the tiers it serves. */
function queueUsers(db: Db, queueId: string): AdminQueue['usedBy'] {
  const categories = stmt<string>(
    db,
    'SELECT name FROM categories WHERE default_queue_id = ? AND active = 1 ORDER BY name',
  )
    .pluck()
    .all(queueId);
  const tiers = stmt<{ domain: string; level: Tier }>(
    db,
    `SELECT d.name AS domain, t.level FROM tiers t JOIN domains d ON d.id = t.domain_id
     WHERE t.queue_id = ? ORDER BY d.name, t.level`,
  ).all(queueId);
  return { categories, tiers };
}

function adminQueues(db: Db, id?: string): AdminQueue[] {
  const rows = stmt<Flagged<Omit<AdminQueue, 'usedBy'>>>(
    db,
    `SELECT ${QUEUE_COLUMNS}, version,
            (SELECT coalesce(sum(n), 0) FROM ticket_counts
             WHERE queue_id = queues.id AND status <> 'resolved') AS openTickets
     FROM queues WHERE @id IS NULL OR id = @id ORDER BY name`,
  ).all({ id: id ?? null });
  return rows.map((r) => ({ ...flag(r), usedBy: queueUsers(db, r.id) }));
}

function adminCategories(db: Db, id?: string): AdminCategory[] {
  return stmt<Flagged<AdminCategory>>(
    db,
    `SELECT ${CATEGORY_COLUMNS}, version FROM categories WHERE @id IS NULL OR id = @id ORDER BY name`,
  )
    .all({ id: id ?? null })
    .map(flag);
}

export function adminDirectory(ctx: Ctx): AdminDirectory {
  return {
    queues: adminQueues(ctx.db),
    categories: adminCategories(ctx.db),
    people: adminPeople(ctx.db),
  };
}

function queueById(db: Db, id: string): AdminQueue {
  const q = adminQueues(db, id)[0];
  if (!q) throw notFound('Queue');
  return q;
}

function categoryById(db: Db, id: string): AdminCategory {
  const c = adminCategories(db, id)[0];
  if (!c) throw notFound('Category');
  return c;
}

export const isActiveQueue = (db: Db, id: string): boolean =>
  stmt(db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1').get(id) !== undefined;

// ---- queues --------------------------------------------------------------------------------

export function insertQueue(
  db: Db,
  q: { id: string; code: string; name: string },
  at: number,
  by: string,
): void {
  stmt(
    db,
    'INSERT INTO queues (id, code, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  ).run(q.id, q.code, q.name, at, by);
}

export function createQueue(ctx: Ctx, input: ParsedInput<'queues.create'>): QueueInfo {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    if (stmt(ctx.db, 'SELECT 1 FROM queues WHERE code = ?').get(input.code)) {
      throw invalid([issue('code', 'taken', 'A queue with this code exists')]);
    }
    const id = ctx.newId();
    insertQueue(ctx.db, { id, code: input.code, name: input.name }, ctx.clock.now(), by);
    recordAdminChange(ctx, 'queue_created', { id, code: input.code, name: input.name });
    return { id, code: input.code, name: input.name, active: true };
  })();
}

export function updateQueue(ctx: Ctx, input: ParsedInput<'queues.update'>): AdminQueue {
  const { db } = ctx;
  return db.transaction(() => {
    const q = queueById(db, input.id);
    checkVersion(`Queue ${q.code}`, q.version, input.expectedVersion);
    if (stmt(db, 'SELECT 1 FROM queues WHERE code = ? AND id <> ?').get(input.code, q.id))
      throw invalid([issue('code', 'taken', 'A queue with this code exists')]);
    const changes = changesOf(q, { code: input.code, name: input.name });
    if (Object.keys(changes).length === 0) return q;
    stmt(db, 'UPDATE queues SET code = ?, name = ?, version = version + 1 WHERE id = ?').run(
      input.code,
      input.name,
      q.id,
    );
    recordAdminChange(ctx, 'queue_changed', { id: q.id, changes });
    return queueById(db, q.id);
  })();
}

/** What a queue's use reads as, for the refusal: "categories A, B; tier 2 of Network". */
function describeUse(used: AdminQueue['usedBy']): string {
  const parts = [
    ...(used.categories.length ? [`the route of ${used.categories.join(', ')}`] : []),
    ...used.tiers.map((t) => `tier ${t.level} of ${t.domain}`),
  ];
  return parts.join('; ');
}

/**
 * A queue that new work is sent to (an active category's route, a tier) is not disabled until
 * that is moved: otherwise intake and escalation would route calls to a queue nobody offers.
 * Open tickets already in it do not hold it back: they finish there or are moved out.
 */
export function setQueueActive(ctx: Ctx, input: ParsedInput<'queues.setActive'>): AdminQueue {
  const { db } = ctx;
  return db.transaction(() => {
    const q = queueById(db, input.id);
    checkVersion(`Queue ${q.code}`, q.version, input.expectedVersion);
    if (q.active === input.active) return q;
    if (!input.active && (q.usedBy.categories.length || q.usedBy.tiers.length))
      throw new DomainError(
        'CONFLICT',
        `Queue ${q.code} is still ${describeUse(q.usedBy)}: route those elsewhere first`,
        [issue('active', 'in_use', 'Still in use')],
      );
    stmt(db, 'UPDATE queues SET active = ?, version = version + 1 WHERE id = ?').run(
      input.active ? 1 : 0,
      q.id,
    );
    recordAdminChange(ctx, input.active ? 'queue_enabled' : 'queue_disabled', { id: q.id });
    return queueById(db, q.id);
  })();
}

// ---- categories ----------------------------------------------------------------------------

/** A category's row; a domain it names is the caller's to start (see ensureDomain). */
export function insertCategory(
  db: Db,
  c: { id: string; code: string; name: string; domain: string; defaultQueueId: string },
  at: number,
  by: string,
): void {
  stmt(
    db,
    `INSERT INTO categories (id, code, name, domain, default_queue_id, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.code, c.name, c.domain, c.defaultQueueId, at, by);
}

export function createCategory(ctx: Ctx, input: ParsedInput<'categories.create'>): CategoryInfo {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const issues = [];
    if (stmt(ctx.db, 'SELECT 1 FROM categories WHERE code = ?').get(input.code)) {
      issues.push(issue('code', 'taken', 'A category with this code exists'));
    }
    if (!isActiveQueue(ctx.db, input.defaultQueueId)) {
      issues.push(issue('defaultQueueId', 'unknown', 'No such queue'));
    }
    if (issues.length) throw invalid(issues);
    const id = ctx.newId();
    insertCategory(ctx.db, { id, ...input }, ctx.clock.now(), by);
    // A new domain starts with its tier 1: this category's queue.
    ensureDomain(ctx.db, ctx.newId, input.domain, input.defaultQueueId, ctx.clock.now());
    const created = {
      id,
      code: input.code,
      name: input.name,
      domain: input.domain,
      defaultQueueId: input.defaultQueueId,
    };
    recordAdminChange(ctx, 'category_created', created);
    return { ...created, active: true };
  })();
}

/**
 * Renames, re-codes, re-routes or moves a category to another domain (a new domain name starts
 * that domain, its tier 1 the category's queue). Tickets already opened keep their queue and
 * domain: only new work follows.
 */
export function updateCategory(ctx: Ctx, input: ParsedInput<'categories.update'>): AdminCategory {
  const { db } = ctx;
  return db.transaction(() => {
    const c = categoryById(db, input.id);
    checkVersion(`Category ${c.code}`, c.version, input.expectedVersion);
    const issues = [];
    if (stmt(db, 'SELECT 1 FROM categories WHERE code = ? AND id <> ?').get(input.code, c.id))
      issues.push(issue('code', 'taken', 'A category with this code exists'));
    // A new route, or a new domain whose tier 1 it becomes, must be a queue offered for work.
    const routeMoves = input.defaultQueueId !== c.defaultQueueId || input.domain !== c.domain;
    if (routeMoves && !isActiveQueue(db, input.defaultQueueId))
      issues.push(issue('defaultQueueId', 'unknown', 'No such queue'));
    if (issues.length) throw invalid(issues);
    const changes = changesOf(c, {
      code: input.code,
      name: input.name,
      domain: input.domain,
      defaultQueueId: input.defaultQueueId,
    });
    if (Object.keys(changes).length === 0) return c;
    stmt(
      db,
      `UPDATE categories SET code = ?, name = ?, domain = ?, default_queue_id = ?, version = version + 1
       WHERE id = ?`,
    ).run(input.code, input.name, input.domain, input.defaultQueueId, c.id);
    ensureDomain(db, ctx.newId, input.domain, input.defaultQueueId, ctx.clock.now());
    recordAdminChange(ctx, 'category_changed', { id: c.id, changes });
    return categoryById(db, c.id);
  })();
}

/** A category routed to a disabled queue comes back only once it is routed to an active one. */
export function setCategoryActive(
  ctx: Ctx,
  input: ParsedInput<'categories.setActive'>,
): AdminCategory {
  const { db } = ctx;
  return db.transaction(() => {
    const c = categoryById(db, input.id);
    checkVersion(`Category ${c.code}`, c.version, input.expectedVersion);
    if (c.active === input.active) return c;
    if (input.active && !isActiveQueue(db, c.defaultQueueId)) {
      const code = stmt<string>(db, 'SELECT code FROM queues WHERE id = ?')
        .pluck()
        .get(c.defaultQueueId);
      throw new DomainError(
        'CONFLICT',
        `Category ${c.code} is routed to the disabled queue ${String(code)}: route it to an active queue first`,
        [issue('defaultQueueId', 'queue_disabled', 'Routed to a disabled queue')],
      );
    }
    stmt(db, 'UPDATE categories SET active = ?, version = version + 1 WHERE id = ?').run(
      input.active ? 1 : 0,
      c.id,
    );
    recordAdminChange(ctx, input.active ? 'category_enabled' : 'category_disabled', { id: c.id });
    return categoryById(db, c.id);
  })();
}

/** `desk.setLanguage`: the desk's language, an admin's (its people who chose none follow it). */
export function setDeskLanguage(ctx: Ctx, input: ParsedInput<'desk.setLanguage'>): DeskInfo {
  ctx.db.transaction(() => writeDeskLanguage(ctx.db, input.language))();
  ctx.emit('desk.changed', { type: 'settings' });
  return deskInfo(ctx);
}
