/**
 * Resolution: a solution, its root cause and how to reproduce the problem, by whom and when.
 * Resolving is refused while a required SOP answer is missing; reopening needs a reason and keeps
 * the earlier resolution in the history. Open tickets are offered similar resolved ones.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { RootCause } from '../../shared/domain.ts';
import { fold, searchWords } from '../../shared/highlight.ts';
import type { SimilarTicket, TicketCard, TicketResolution } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { invalid, issue, notFound } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { facetTokens, matchAny } from '../store/fts.ts';
import { stmt } from '../store/statements.ts';
import { endSpan, startSpan } from '../escalation/ladder.ts';
import {
  card,
  changeTicket,
  forUpdate,
  statusChange,
  type TicketPatch,
  type TicketRow,
} from '../tickets/write.ts';
import { unansweredRequired } from './scripts.ts';

export function resolutionOf(db: Db, ticketId: string): TicketResolution | null {
  const r = stmt<{
    solution: string | null;
    rootCause: RootCause | null;
    steps: string | null;
    at: number;
    noContactReason: string | null;
    byId: string;
    byName: string;
  }>(
    db,
    `SELECT t.solution, t.root_cause AS rootCause, t.reproduction_steps AS steps, t.resolved_at AS at,
            t.no_contact_reason AS noContactReason, u.id AS byId, u.display_name AS byName
     FROM tickets t JOIN users u ON u.id = t.resolved_by WHERE t.id = ? AND t.resolved_at IS NOT NULL`,
  ).get(ticketId);
  return r
    ? {
        solution: r.solution ?? '',
        rootCause: r.rootCause ?? 'unknown',
        reproductionSteps: r.steps ?? '',
        resolvedAt: r.at,
        resolvedBy: { id: r.byId, displayName: r.byName },
        noContactReason: r.noContactReason ?? '',
      }
    : null;
}

/**
 * A ticket resolved with its resolution, as a change (the caller gives its event): its time in
 * its last tier ends here, and an escalation nobody answered ends with it.
 */
export function resolution(
  ctx: Ctx,
  t: TicketRow,
  r: {
    solution: string;
    rootCause: RootCause;
    reproductionSteps: string;
    noContactReason?: string;
  },
): TicketPatch {
  const now = ctx.clock.now();
  endSpan(ctx.db, t.id, now);
  return {
    ...statusChange(t, 'resolved', now),
    solution: r.solution,
    root_cause: r.rootCause,
    reproduction_steps: r.reproductionSteps,
    resolved_at: now,
    resolved_by: actor(ctx).id,
    no_contact_reason: r.noContactReason || null,
    escalation_state: null,
    escalation_id: null,
  };
}

/** The closing contact logged since the ticket was last opened (and not corrected), if any. */
export function closingContactOf(db: Db, ticketId: string): string | null {
  const r = stmt<{ id: string }>(
    db,
    `SELECT c.id FROM contacts c JOIN tickets t ON t.id = c.ticket_id
     WHERE c.ticket_id = ? AND c.closing = 1 AND c.at >= coalesce(t.reopened_at, 0)
       AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.corrects_id = c.id)
     ORDER BY c.at DESC LIMIT 1`,
  ).get(ticketId);
  return r?.id ?? null;
}

export function resolveTicket(ctx: Ctx, input: ParsedInput<'tickets.resolve'>): TicketCard {
  return ctx.db.transaction(() => {
    const { card: t, row } = forUpdate(ctx.db, input.id, input.version);
    if (t.status === 'resolved')
      throw invalid([issue('status', 'resolved', `${t.key} is already resolved`)]);
    const issues = unansweredRequired(ctx.db, t.id, row.category_id).map((q) =>
      issue(`answers.${q.id}`, 'required', `Answer “${q.text}” before resolving`),
    );
    const closing = closingContactOf(ctx.db, t.id);
    // The SOP: the customer hears it is solved, or the record says why they could not.
    if (!closing && !input.noContactReason)
      issues.push(
        issue(
          'noContactReason',
          'closing_contact',
          'Log a closing contact with the customer, or say why none was possible',
        ),
      );
    if (issues.length) throw invalid(issues);
    changeTicket(ctx, t.id, {
      set: resolution(ctx, row, closing ? { ...input, noContactReason: '' } : input),
      event: [
        'resolved',
        {
          from: t.status,
          solution: input.solution,
          rootCause: input.rootCause,
          reproductionSteps: input.reproductionSteps,
          ...(closing ? { closingContactId: closing } : { noContactReason: input.noContactReason }),
        },
      ],
      reason: 'resolved',
    });
    return card(ctx.db, t.id)!;
  })();
}

export function reopenTicket(ctx: Ctx, input: ParsedInput<'tickets.reopen'>): TicketCard {
  return ctx.db.transaction(() => {
    const { card: t, row } = forUpdate(ctx.db, input.id, input.version);
    if (t.status !== 'resolved')
      throw invalid([issue('status', 'not_resolved', `${t.key} is not resolved`)]);
    const previous = resolutionOf(ctx.db, t.id);
    const now = ctx.clock.now();
    // Back on the ladder, in the tier it was resolved in.
    if (row.domain_id !== null)
      startSpan(
        ctx.db,
        t.id,
        { domainId: row.domain_id, tier: row.tier, assigneeId: row.assignee_id },
        now,
      );
    changeTicket(ctx, t.id, {
      set: {
        ...statusChange(row, 'open', now),
        solution: null,
        root_cause: null,
        reproduction_steps: null,
        resolved_at: null,
        resolved_by: null,
        no_contact_reason: null,
        reopen_count: row.reopen_count + 1,
        reopened_at: now,
        // The customer's updates start afresh from the reopen; the log before it closed the old one.
        last_update_at: now,
        update_agreed_at: null,
      },
      // The earlier resolution stays readable in the history, in full.
      event: ['reopened', { reason: input.reason, previous }],
      reason: 'reopened',
    });
    return card(ctx.db, t.id)!;
  })();
}

/** At most this many of the open ticket's words go into the similarity query: the rarest. */
const QUERY_TERMS = 10;
/** Words in more than this share of tickets say little about a problem ("cannot", "error"). */
const COMMON_SHARE = 0.02;

/**
 * Resolved tickets like this one: full-text similarity (bm25) on title, description and answers,
 * using the open ticket's most telling words: those held by the fewest tickets, read off the
 * index's vocabulary. Only tickets whose solution was written down are offered.
 */
export function similarTickets(ctx: Ctx, input: ParsedInput<'tickets.similar'>): SimilarTicket[] {
  const { db } = ctx;
  const t = stmt<{ key: string; title: string; description: string; answers: string }>(
    db,
    `SELECT t.key, t.title, t.description,
            (SELECT coalesce(group_concat(answer, ' '), '') FROM ticket_answers WHERE ticket_id = t.id) AS answers
     FROM tickets t WHERE t.id = ?`,
  ).get(input.id);
  if (!t) throw notFound('Ticket');
  // The counter table holds the desk's size in a few thousand rows; count(*) would walk an index.
  const total = stmt<{ n: number }>(db, 'SELECT coalesce(sum(n), 0) AS n FROM ticket_counts').get()!
    .n;
  const cap = Math.max(25, Math.floor(total * COMMON_SHARE));
  const docs = stmt<{ doc: number }>(db, 'SELECT doc FROM tickets_fts_terms WHERE term = ?');
  const key = fold(t.key);
  const terms = [...new Set(searchWords(`${t.title} ${t.description} ${t.answers}`))]
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !key.includes(w))
    .map((w) => ({ w, n: docs.get(w)?.doc ?? 0 }))
    // A word only this ticket holds matches nothing else; a common one matches everything.
    .filter((x) => x.n >= 2 && x.n <= cap)
    .sort((a, b) => a.n - b.n)
    .slice(0, QUERY_TERMS)
    .map((x) => x.w);
  const words = matchAny(terms, ['title', 'description', 'answers']);
  if (words === null) return [];
  const match = `${words} AND facets : ${facetTokens({ status: 'resolved' })}`;
  const rows = stmt<SimilarTicket & { description: string }>(
    db,
    `SELECT t.id, t.key, t.title, t.status, t.solution, t.root_cause AS rootCause,
            t.reproduction_steps AS reproductionSteps, t.resolved_at AS resolvedAt, t.description
     FROM (SELECT rowid, rank FROM tickets_fts WHERE tickets_fts MATCH ? ORDER BY rank LIMIT ?) m
     JOIN tickets t ON t.rowid = m.rowid
     WHERE t.id <> ? AND t.solution <> '' ORDER BY m.rank`,
  ).all(match, input.limit * 4, input.id);
  return rows.slice(0, input.limit).map(({ description, ...r }) => {
    const words = new Set(searchWords(`${r.title} ${description}`));
    return { ...r, shared: terms.filter((w) => words.has(w)) };
  });
}
