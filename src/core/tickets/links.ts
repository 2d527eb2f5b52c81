/**
 * Tickets in relation to each other: links (related, duplicate of, parent / child), a split of a
 * ticket that held two problems, and a merge of a duplicate into its original. Every change
 * leaves one event on each ticket it touches, each naming the other, so both histories
 * cross-reference.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import { LINK_KIND_SEEN_FROM_TARGET, type LinkKind, type LinkRole } from '../../shared/domain.ts';
import { policyPriority } from '../../shared/policy.ts';
import type { TicketCard, TicketLink } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { invalid, issue, notFound } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { readSettings } from '../kernel/settings.ts';
import { stmt } from '../store/statements.ts';
import { settle } from './settle.ts';
import { resolution } from '../resolution/resolution.ts';
import { currentPolicyVersion, policyVersion } from '../sla/policy-terms.ts';
import { card, changeTicket, forUpdate, insertTicket, writeTicketIndex } from './write.ts';

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Another ticket as an analyst names it: its key (any case) or its id. */
function findTicket(db: Db, ref: string, path: string): TicketCard {
  const row = ID_RE.test(ref)
    ? card(db, ref)
    : (() => {
        const r = stmt<{ id: string }>(db, 'SELECT id FROM tickets WHERE key = ?').get(
          ref.toUpperCase(),
        );
        return r && card(db, r.id);
      })();
  if (!row) throw invalid([issue(path, 'no_ticket', `There is no ticket ${ref}`)]);
  return row;
}

/** Links of a ticket, each read from this ticket's side. */
export function linksOf(db: Db, ticketId: string): TicketLink[] {
  const rows = stmt<{
    id: string;
    kind: LinkKind;
    at: number;
    outgoing: 0 | 1;
    tid: string;
    key: string;
    title: string;
    status: TicketLink['ticket']['status'];
  }>(
    db,
    `SELECT l.id, l.kind, l.created_at AS at, l.from_id = ? AS outgoing,
            t.id AS tid, t.key, t.title, t.status
     FROM ticket_links l JOIN tickets t ON t.id = CASE WHEN l.from_id = ? THEN l.to_id ELSE l.from_id END
     WHERE l.from_id = ? OR l.to_id = ? ORDER BY l.created_at, l.id`,
  ).all(ticketId, ticketId, ticketId, ticketId);
  return rows.map((r) => ({
    id: r.id,
    role: r.outgoing ? r.kind : LINK_KIND_SEEN_FROM_TARGET[r.kind],
    ticket: { id: r.tid, key: r.key, title: r.title, status: r.status },
    at: r.at,
  }));
}

/** Writes a link and its event on both tickets; refuses a pair already linked. */
function addLink(ctx: Ctx, from: TicketCard, to: TicketCard, kind: LinkKind): string {
  if (
    stmt(
      ctx.db,
      'SELECT 1 FROM ticket_links WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)',
    ).get(from.id, to.id, to.id, from.id)
  ) {
    throw invalid([issue('target', 'linked', `${from.key} and ${to.key} are already linked`)]);
  }
  const id = ctx.newId();
  stmt(
    ctx.db,
    'INSERT INTO ticket_links (id, from_id, to_id, kind, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, from.id, to.id, kind, ctx.clock.now(), actor(ctx).id);
  return id;
}

/** A link made or taken back, on one side: an event naming the other; not a change of version. */
const linkEvent = (
  ctx: Ctx,
  on: TicketCard,
  role: LinkRole,
  other: TicketCard,
  type: 'linked' | 'unlinked',
) =>
  changeTicket(ctx, on.id, {
    event: [type, { role, ticket: { id: other.id, key: other.key } }],
    reason: 'linked',
    versioned: false,
    after: 'none',
  });

/** Both sides' events, the ticket the analyst is on first. */
function linkEvents(
  ctx: Ctx,
  onId: string,
  from: TicketCard,
  kind: LinkKind,
  to: TicketCard,
  type: 'linked' | 'unlinked',
): void {
  const sides = [
    () => linkEvent(ctx, from, kind, to, type),
    () => linkEvent(ctx, to, LINK_KIND_SEEN_FROM_TARGET[kind], from, type),
  ];
  if (onId === to.id) sides.reverse();
  for (const side of sides) side();
}

export function linkTickets(ctx: Ctx, input: ParsedInput<'tickets.link'>): TicketLink {
  return ctx.db.transaction(() => {
    const t = card(ctx.db, input.id);
    if (!t) throw notFound('Ticket');
    const other = findTicket(ctx.db, input.target, 'target');
    if (other.id === t.id)
      throw invalid([issue('target', 'self', 'A ticket cannot be linked to itself')]);
    // "child of" is a parent link read from the child: stored once, from the parent.
    const [from, to, kind]: [TicketCard, TicketCard, LinkKind] =
      input.kind === 'child_of' ? [other, t, 'parent_of'] : [t, other, input.kind];
    const id = addLink(ctx, from, to, kind);
    linkEvents(ctx, t.id, from, kind, to, 'linked');
    return linksOf(ctx.db, t.id).find((l) => l.id === id)!;
  })();
}

export function unlinkTickets(
  ctx: Ctx,
  input: ParsedInput<'tickets.unlink'>,
): Record<string, never> {
  return ctx.db.transaction(() => {
    const l = stmt<{ from_id: string; to_id: string; kind: LinkKind }>(
      ctx.db,
      'SELECT from_id, to_id, kind FROM ticket_links WHERE id = ? AND (from_id = ? OR to_id = ?)',
    ).get(input.linkId, input.id, input.id);
    if (!l) throw notFound('Link');
    // Split and merge links are the record of what was done; they are never taken back.
    const merged =
      l.kind === 'duplicate_of' &&
      !!stmt(
        ctx.db,
        "SELECT 1 FROM ticket_events WHERE ticket_id = ? AND type = 'merged_into' LIMIT 1",
      ).get(l.from_id);
    if (l.kind === 'split_from' || merged)
      throw invalid([issue('linkId', 'permanent', 'A split or a merge cannot be unlinked')]);
    const from = card(ctx.db, l.from_id)!;
    const to = card(ctx.db, l.to_id)!;
    stmt(ctx.db, 'DELETE FROM ticket_links WHERE id = ?').run(input.linkId);
    linkEvents(ctx, from.id, from, l.kind, to, 'unlinked');
    return {};
  })();
}

/**
 * A ticket that turns out to hold two problems: the second becomes its own ticket, from the same
 * call, caller and equipment, rated by the policy in force. Its clocks run from when the caller
 * reported it, which was the original's creation.
 */
export function splitTicket(
  ctx: Ctx,
  input: ParsedInput<'tickets.split'>,
): { original: TicketCard; created: TicketCard } {
  return ctx.db.transaction(() => {
    const { db } = ctx;
    const { card: t, row: o } = forUpdate(db, input.id, input.version);
    if (t.status === 'resolved')
      throw invalid([issue('id', 'resolved', `Reopen ${t.key} before splitting it`)]);
    const issues = [];
    if (!stmt(db, 'SELECT 1 FROM categories WHERE id = ? AND active = 1').get(input.categoryId))
      issues.push(issue('categoryId', 'unknown', 'No such category'));
    if (!stmt(db, 'SELECT 1 FROM queues WHERE id = ? AND active = 1').get(input.queueId))
      issues.push(issue('queueId', 'unknown', 'No such queue'));
    if (issues.length) throw invalid(issues);
    const version = currentPolicyVersion(db);
    const priority = policyPriority(policyVersion(db, version), input.impact, input.urgency);
    const id = ctx.newId();
    const { key, rowid } = insertTicket(
      ctx,
      readSettings(db).prefix,
      {
        id,
        callId: o.call_id,
        customerId: o.customer_id,
        accountId: o.account_id,
        assetId: o.asset_id,
        categoryId: input.categoryId,
        queueId: input.queueId,
        title: input.title,
        description: input.description,
        impact: input.impact,
        urgency: input.urgency,
        priority,
        policyVersion: version,
        plannedStart: null,
        plannedEnd: null,
        createdAt: o.created_at,
      },
      (key) => [
        'created',
        {
          key,
          callId: o.call_id,
          title: input.title,
          categoryId: input.categoryId,
          queueId: input.queueId,
          impact: input.impact,
          urgency: input.urgency,
          priority,
          policyVersion: version,
          status: 'new',
          splitFrom: { id: t.id, key: t.key },
        },
      ],
    );
    const customer = stmt<{ name: string }>(db, 'SELECT name FROM customers WHERE id = ?').get(
      o.customer_id,
    )!.name;
    // Indexed before it is settled: its clocks run from the original's creation, so a rule may
    // escalate it at once, and that move rewrites the row (see writeTicketIndex).
    writeTicketIndex(db, rowid, {
      key,
      title: input.title,
      description: input.description,
      customer,
      status: 'new',
      queueId: input.queueId,
      priority,
      assigneeId: null,
    });
    const created = card(db, id)!;
    addLink(ctx, created, t, 'split_from');
    changeTicket(ctx, t.id, {
      event: ['split', { into: { id, key }, title: input.title }],
      reason: 'split',
      versioned: false,
      after: 'none',
    });
    settle(ctx, id);
    ctx.emit('tickets.changed', { ids: [id], reason: 'split' });
    return { original: card(db, t.id)!, created: card(db, id)! };
  })();
}

/**
 * A duplicate merged into its original: the duplicate is resolved as such and linked, both keep
 * their whole history, and each records the other.
 */
export function mergeTicket(ctx: Ctx, input: ParsedInput<'tickets.merge'>): TicketCard {
  return ctx.db.transaction(() => {
    const { db } = ctx;
    const { card: dup, row } = forUpdate(db, input.id, input.version);
    const into = findTicket(db, input.into, 'into');
    if (into.id === dup.id)
      throw invalid([issue('into', 'self', 'A ticket cannot be merged into itself')]);
    if (dup.status === 'resolved')
      throw invalid([issue('id', 'resolved', `${dup.key} is resolved; reopen it to merge it`)]);
    if (into.status === 'resolved')
      throw invalid([
        issue('into', 'resolved', `${into.key} is resolved: reopen it first, or link as related`),
      ]);
    // A link the analyst already made between the two becomes the merge's.
    stmt(
      db,
      'DELETE FROM ticket_links WHERE (from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?)',
    ).run(dup.id, into.id, into.id, dup.id);
    addLink(ctx, dup, into, 'duplicate_of');
    changeTicket(ctx, dup.id, {
      set: resolution(ctx, row, { solution: '', rootCause: 'duplicate', reproductionSteps: '' }),
      event: [
        'merged_into',
        {
          from: dup.status,
          into: { id: into.id, key: into.key },
          ...(input.note ? { note: input.note } : {}),
        },
      ],
      reason: 'merged',
    });
    changeTicket(ctx, into.id, {
      event: [
        'merged',
        {
          from: { id: dup.id, key: dup.key, title: dup.title },
          ...(input.note ? { note: input.note } : {}),
        },
      ],
      reason: 'merged',
      versioned: false,
      after: 'index',
    });
    return card(db, into.id)!;
  })();
}
