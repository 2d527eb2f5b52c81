/**
 * SOP scripts: per category, the ordered questions an analyst asks (what the customer wants,
 * what they did just before, the exact error, how to reproduce it). Supervisors edit them as
 * data; each edit is a new version. Answers live on the ticket, each save one history event.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { Issue } from '../../shared/errors.ts';
import type { SopQuestion, SopScript, TicketAnswer } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict, invalid, issue, notFound } from '../kernel/failure.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { deskEvent } from '../sla/policy.ts';
import { card, changeTicket } from '../tickets/write.ts';

/** The category's script as it stands (version 0, no questions, when it has none). */
export function scriptFor(db: Db, categoryId: string): SopScript {
  const row = stmt<{ version: number; questions: string; at: number; by: string | null }>(
    db,
    `SELECT s.version, s.questions, s.created_at AS at, u.display_name AS "by"
     FROM sop_scripts s LEFT JOIN users u ON u.id = s.created_by
     WHERE s.category_id = ? ORDER BY s.version DESC LIMIT 1`,
  ).get(categoryId);
  return row
    ? {
        categoryId,
        version: row.version,
        // Versions written before questions had translations read as having none.
        questions: (JSON.parse(row.questions) as SopQuestion[]).map((q) => ({
          ...q,
          translations: q.translations ?? {},
        })),
        updatedAt: row.at,
        updatedBy: row.by,
      }
    : { categoryId, version: 0, questions: [], updatedAt: null, updatedBy: null };
}

/** Writes a script version; used by the editor and by the demo desk's shipped scripts. */
export function insertScript(
  db: Db,
  categoryId: string,
  version: number,
  questions: readonly SopQuestion[],
  at: number,
  by: string | null,
): void {
  stmt(
    db,
    'INSERT INTO sop_scripts (category_id, version, questions, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  ).run(categoryId, version, JSON.stringify(questions), at, by);
}

const categoryExists = (db: Db, id: string): boolean =>
  !!stmt(db, 'SELECT 1 FROM categories WHERE id = ?').get(id);

export function getScript(ctx: Ctx, input: ParsedInput<'scripts.get'>): SopScript {
  if (!categoryExists(ctx.db, input.categoryId)) throw notFound('Category');
  return scriptFor(ctx.db, input.categoryId);
}

export function updateScript(ctx: Ctx, input: ParsedInput<'scripts.update'>): SopScript {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    if (!categoryExists(ctx.db, input.categoryId)) throw notFound('Category');
    const current = scriptFor(ctx.db, input.categoryId);
    if (current.version !== input.expectedVersion) {
      throw conflict(
        'stale_script',
        `This script was changed to version ${current.version} while you edited version ${input.expectedVersion}; reload it`,
        { now: current.version, yours: input.expectedVersion },
      );
    }
    const version = current.version + 1;
    insertScript(ctx.db, input.categoryId, version, input.questions, ctx.clock.now(), by);
    deskEvent(ctx, 'script_changed', {
      categoryId: input.categoryId,
      from: current.version,
      to: version,
    });
    ctx.emit('scripts.changed', { categoryId: input.categoryId, version });
    return scriptFor(ctx.db, input.categoryId);
  })();
}

export function answersOf(db: Db, ticketId: string): TicketAnswer[] {
  return stmt<Omit<TicketAnswer, 'by'> & { byId: string; byName: string }>(
    db,
    `SELECT a.question_id AS questionId, a.question, a.answer, a.answered_at AS at,
              u.id AS byId, u.display_name AS byName
       FROM ticket_answers a JOIN users u ON u.id = a.answered_by WHERE a.ticket_id = ?`,
  )
    .all(ticketId)
    .map(({ byId, byName, ...a }) => ({ ...a, by: { id: byId, displayName: byName } }));
}

/** Required questions of the ticket's current script that have no answer. */
export function unansweredRequired(db: Db, ticketId: string, categoryId: string): SopQuestion[] {
  const answered = new Set(
    stmt<{
      id: string;
    }>(db, 'SELECT question_id AS id FROM ticket_answers WHERE ticket_id = ?')
      .all(ticketId)
      .map((a) => a.id),
  );
  return scriptFor(db, categoryId).questions.filter((q) => q.required && !answered.has(q.id));
}

/**
 * Saves answers to the ticket's script. Only what changed is written, as one event listing each
 * answer from → to; an empty answer withdraws one. The ticket's version is left alone (like a
 * note), so answering never makes a colleague's pending move a conflict.
 */
export function recordAnswers(ctx: Ctx, input: ParsedInput<'tickets.answer'>): TicketAnswer[] {
  const by = actor(ctx).id;
  return ctx.db.transaction(() => {
    const t = card(ctx.db, input.id);
    if (!t) throw notFound('Ticket');
    if (t.status === 'resolved')
      throw invalid([issue('answers', 'resolved', `Reopen ${t.key} to change its answers`)]);
    const { categoryId } = stmt<{ categoryId: string }>(
      ctx.db,
      'SELECT category_id AS categoryId FROM tickets WHERE id = ?',
    ).get(t.id)!;
    const questions = new Map(scriptFor(ctx.db, categoryId).questions.map((q) => [q.id, q]));
    const current = new Map(answersOf(ctx.db, t.id).map((a) => [a.questionId, a.answer]));
    const issues: Issue[] = [];
    input.answers.forEach((a, i) => {
      const q = questions.get(a.questionId);
      if (!q)
        issues.push(
          issue(`answers.${i}.questionId`, 'unknown', 'This question is not in the script'),
        );
      else if (q.kind === 'yes_no' && a.answer !== '' && a.answer !== 'yes' && a.answer !== 'no')
        issues.push(issue(`answers.${i}.answer`, 'yes_no', 'Answer yes or no'));
    });
    if (issues.length) throw invalid(issues);

    const now = ctx.clock.now();
    const changes: { questionId: string; question: string; from: string; to: string }[] = [];
    for (const a of input.answers) {
      const from = current.get(a.questionId) ?? '';
      if (from === a.answer) continue;
      const question = questions.get(a.questionId)!.text;
      if (a.answer === '')
        stmt(ctx.db, 'DELETE FROM ticket_answers WHERE ticket_id = ? AND question_id = ?').run(
          t.id,
          a.questionId,
        );
      else
        stmt(
          ctx.db,
          `INSERT INTO ticket_answers (ticket_id, question_id, question, answer, answered_at, answered_by)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET question = excluded.question, answer = excluded.answer,
             answered_at = excluded.answered_at, answered_by = excluded.answered_by`,
        ).run(t.id, a.questionId, question, a.answer, now, by);
      current.set(a.questionId, a.answer);
      changes.push({ questionId: a.questionId, question, from, to: a.answer });
    }
    if (changes.length) {
      // Answers are searched (the index follows) but read by no clock; the version stays, so a
      // colleague's pending edit is not refused for them.
      changeTicket(ctx, t.id, {
        event: ['answers_recorded', { answers: changes }],
        reason: 'answered',
        versioned: false,
        after: 'index',
      });
    }
    return answersOf(ctx.db, t.id);
  })();
}
