/**
 * A person's escalation steps: hand a ticket to another tier with a reason and an escalation note;
 * the receiving tier accepts it (someone of that tier takes it) or returns it with a reason.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { Role, Tier } from '../../shared/domain.ts';
import { ROLE_RANK } from '../../shared/domain.ts';
import type { TicketCard } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { invalid, issue } from '../kernel/failure.ts';
import { stmt } from '../store/statements.ts';
import { markAccepted, markReturned, openEscalation } from './escalations.ts';
import { card, forUpdate, type TicketRow } from '../tickets/write.ts';
import { isMember, tierOf } from './tiers.ts';

type Held = TicketRow;

function held(ctx: Ctx, id: string, version: number): { card: TicketCard; t: Held } {
  const { card: c, row: t } = forUpdate(ctx.db, id, version);
  if (c.status === 'resolved')
    throw invalid([issue('status', 'resolved', `${c.key} is resolved: reopen it first`)]);
  if (!t.domain_id)
    throw invalid([
      issue('domainId', 'no_domain', `${c.key}'s category has no technical domain`, {
        key: c.key,
      }),
    ]);
  return { card: c, t };
}

/** The receiving tier's members, and supervisors, answer an escalation. */
function mayAnswer(ctx: Ctx, t: Held): void {
  const user = actor(ctx);
  if (ROLE_RANK[user.role] >= ROLE_RANK.supervisor) return;
  if (!isMember(ctx.db, user, t.domain_id!, t.tier))
    throw invalid([
      issue(
        'tier',
        'not_member',
        `Only tier ${t.tier} of this domain (or a supervisor) can answer this escalation`,
        { tier: t.tier },
      ),
    ]);
}

export function escalateTicket(ctx: Ctx, input: ParsedInput<'tickets.escalate'>): TicketCard {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const { card: c, t } = held(ctx, input.id, input.version);
    if (t.escalation_state === 'pending')
      throw invalid([
        issue('escalation', 'pending', `${c.key} is waiting for tier ${t.tier} to accept it`, {
          key: c.key,
          tier: t.tier,
        }),
      ]);
    const to = {
      domainId: input.toDomainId ?? t.domain_id!,
      tier: (input.toTier ?? (input.toDomainId ? t.tier : t.tier + 1)) as Tier,
    };
    if (to.domainId === t.domain_id && to.tier === t.tier)
      throw invalid([issue('toTier', 'same', `${c.key} is in that tier already`, { key: c.key })]);
    if (!tierOf(ctx.db, to.domainId, to.tier))
      throw invalid([
        input.toTier || input.toDomainId
          ? issue('toTier', 'no_such_tier', 'That domain has no such tier')
          : issue('toTier', 'top_tier', `${c.key} is in the top tier of its domain`, {
              key: c.key,
            }),
      ]);
    openEscalation(ctx, by, t, to, { reason: input.reason, note: input.note, rule: null });
    return card(ctx.db, t.id)!;
  })();
}

/**
 * Answers the escalation waiting on a ticket (the receiving tier's member or a supervisor), in one
 * transaction: `answer` writes the accept or the return, with its event, clocks, rules and push.
 */
function answerEscalation(
  ctx: Ctx,
  ref: { id: string; version: number },
  answer: (t: Held & { escalation_id: string }, by: string) => void,
): TicketCard {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const { card: c, t } = held(ctx, ref.id, ref.version);
    if (t.escalation_state !== 'pending' || !t.escalation_id)
      throw invalid([
        issue('escalation', 'none', `${c.key} is not waiting to be accepted`, { key: c.key }),
      ]);
    mayAnswer(ctx, t);
    answer(t as Held & { escalation_id: string }, by);
    return card(ctx.db, t.id)!;
  })();
}

export function acceptEscalation(
  ctx: Ctx,
  input: ParsedInput<'tickets.acceptEscalation'>,
): TicketCard {
  return answerEscalation(ctx, input, (t, by) => {
    const assignee = stmt<{ id: string; tier: Tier; role: Role }>(
      ctx.db,
      'SELECT id, tier, role FROM users WHERE id = ? AND active = 1',
    ).get(input.assigneeId);
    if (!assignee || !isMember(ctx.db, assignee, t.domain_id!, t.tier))
      throw invalid([
        issue('assigneeId', 'not_in_tier', `Choose someone of tier ${t.tier} of this domain`, {
          tier: t.tier,
        }),
      ]);
    markAccepted(ctx, by, t, assignee.id);
  });
}

export function returnEscalation(
  ctx: Ctx,
  input: ParsedInput<'tickets.returnEscalation'>,
): TicketCard {
  return answerEscalation(ctx, input, (t, by) => markReturned(ctx, by, t, input.reason));
}
