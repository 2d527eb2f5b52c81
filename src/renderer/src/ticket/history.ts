/** Each history event in plain words: who did what, with every field's from → to. */
import { assertNever, type HistoryEventData } from '../../../shared/history-events.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { DeskInfo, TicketEvent } from '../../../shared/views.ts';
import { contactLine } from '../contacts/contactText.ts';
import { positionText } from '../escalation/tierText.ts';

type FieldChange = HistoryEventData<'fields_changed'>['changes'][number];

export const when = (tr: Translator, ms: number): string =>
  new Intl.DateTimeFormat(tr.formats, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

/** A link role or root cause in words, falling back to the stored value for unknown ones. */
function label(tr: Translator, prefix: 'link' | 'root', value: string): string {
  const k = `${prefix}.${value}`;
  return tr.has(k) ? tr.t(k) : value;
}

/** A field's value in words: ids become the names the desk knows them by. */
function fieldValue(tr: Translator, desk: DeskInfo, field: FieldChange['field'], v: string | null) {
  if (v === null || v === '') return tr.t('ticket.unanswered');
  if (field === 'categoryId') return desk.categories.find((c) => c.id === v)?.name ?? v;
  if (field === 'queueId') return desk.queues.find((q) => q.id === v)?.name ?? v;
  if (field === 'assetId') return tr.t('ticket.asset');
  return v.length > 80 ? `${v.slice(0, 80)}…` : v;
}

/** A value one side of a conflict held, in words (the column's, as stored). */
function conflictValue(tr: Translator, desk: DeskInfo, field: string, v: string | number | null) {
  if (v === null || v === '') return tr.t('ticket.unanswered');
  const s = String(v);
  const status = `status.${s}`;
  if (field === 'status' && tr.has(status)) return tr.t(status);
  if (field === 'priority' && typeof v === 'number') return tr.t('priority.short', { n: v });
  if (field === 'assignee_id') return desk.users.find((u) => u.id === s)?.displayName ?? s;
  if (field === 'queue_id') return desk.queues.find((q) => q.id === s)?.name ?? s;
  if (field === 'category_id') return desk.categories.find((c) => c.id === s)?.name ?? s;
  if (field === 'planned_start' || field === 'planned_end') return when(tr, Number(v));
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

export function eventText(tr: Translator, desk: DeskInfo, e: TicketEvent): string {
  const actor = e.actor.displayName;
  const prio = (n: number) => tr.t('priority.short', { n });
  switch (e.type) {
    case 'created': {
      const d = e.data;
      if (d.splitFrom)
        return tr.t('event.created.split', {
          actor,
          key: d.splitFrom.key,
          priority: prio(d.priority),
        });
      return d.overrideReason
        ? tr.t('event.created.override', {
            actor,
            priority: prio(d.priority),
            from: prio(d.priorityFromPolicy ?? d.priority),
            reason: d.overrideReason,
          })
        : tr.t('event.created', {
            actor,
            priority: tr.t(`priority.${d.priority as 1 | 2 | 3 | 4}`),
          });
    }
    case 'status_changed':
      return tr.t('event.status_changed', {
        actor,
        from: tr.t(`status.${e.data.from}`),
        to: tr.t(`status.${e.data.to}`),
      });
    case 'note_added':
      return tr.t('event.note_added', { actor, text: e.data.text });
    case 'priority_changed':
      return tr.t('event.priority_changed', {
        actor,
        from: prio(e.data.from),
        to: prio(e.data.to),
      });
    case 'priority_overridden':
      return tr.t('event.priority_overridden', {
        actor,
        from: prio(e.data.from),
        to: prio(e.data.to),
        reason: e.data.reason ?? '',
      });
    case 'sla_at_risk':
    case 'sla_breached': {
      const names = e.data.targets.map((x) => tr.t(`sla.target.${x.target}`)).join(', ');
      return tr.t(e.type === 'sla_breached' ? 'event.sla_breached' : 'event.sla_at_risk', {
        targets: names,
      });
    }
    case 'assigned': {
      const to = e.data.to;
      const u = desk.users.find((x) => x.id === to);
      return u
        ? tr.t('event.assigned', { actor, to: u.displayName })
        : tr.t('event.assigned.none', { actor });
    }
    case 'fields_changed':
      return tr.t('event.fields_changed', {
        actor,
        changes: e.data.changes
          .map((c) =>
            tr.t('event.change', {
              field: tr.t(`field.${c.field}`),
              from: fieldValue(tr, desk, c.field, c.from),
              to: fieldValue(tr, desk, c.field, c.to),
            }),
          )
          .join('; '),
      });
    case 'answers_recorded':
      return tr.t('event.answers_recorded', {
        actor,
        answers: e.data.answers
          .map((a) =>
            tr.t('event.answer', {
              question: a.question,
              to:
                a.to === 'yes'
                  ? tr.t('ticket.yes')
                  : a.to === 'no'
                    ? tr.t('ticket.no')
                    : a.to || tr.t('ticket.unanswered'),
            }),
          )
          .join('; '),
      });
    case 'linked':
    case 'unlinked':
      return tr.t(e.type === 'linked' ? 'event.linked' : 'event.unlinked', {
        actor,
        role: label(tr, 'link', e.data.role),
        key: e.data.ticket.key,
      });
    case 'split':
      return tr.t('event.split', { actor, key: e.data.into.key, title: e.data.title });
    case 'merged_into':
      return tr.t('event.merged_into', { actor, key: e.data.into.key });
    case 'merged':
      return tr.t('event.merged', { actor, key: e.data.from.key, title: e.data.from.title });
    case 'resolved':
      return tr.t('event.resolved', {
        actor,
        cause: label(tr, 'root', e.data.rootCause),
        solution: e.data.solution,
      });
    case 'contact_logged':
      return tr.t(e.data.corrects ? 'event.contact_logged.correction' : 'event.contact_logged', {
        actor,
        line: contactLine(tr, e.data),
        summary: e.data.summary,
      });
    case 'escalated': {
      const to = positionText(tr, desk, e.data.to);
      const { reason, note } = e.data;
      return e.data.rule
        ? tr.t('event.escalated.rule', { to, reason })
        : tr.t(note ? 'event.escalated.note' : 'event.escalated', { actor, to, reason, note });
    }
    case 'escalation_accepted': {
      const { assigneeId } = e.data;
      return tr.t('event.escalation_accepted', {
        actor,
        assignee: desk.users.find((u) => u.id === assigneeId)?.displayName ?? '',
      });
    }
    case 'escalation_returned':
      return tr.t('event.escalation_returned', {
        actor,
        to: positionText(tr, desk, e.data.to),
        reason: e.data.reason,
      });
    case 'supervisors_alerted':
      return tr.t('event.supervisors_alerted', { reason: e.data.reason });
    case 'reopened':
      return tr.t('event.reopened', {
        actor,
        reason: e.data.reason,
        solution: e.data.previous?.solution ?? '',
      });
    case 'conflict': {
      const d = e.data;
      const who = (id: string) =>
        desk.users.find((u) => u.id === id)?.displayName ?? tr.t('event.conflict.someone');
      const field = `conflict.field.${d.field}`;
      return tr.t('event.conflict', {
        field: tr.has(field) ? tr.t(field) : d.field,
        kept: conflictValue(tr, desk, d.field, d.kept.value),
        keptBy: who(d.kept.by),
        lost: conflictValue(tr, desk, d.field, d.lost.value),
        lostBy: who(d.lost.by),
        lostAt: when(tr, d.lost.at),
      });
    }
    case 'unreadable':
      return tr.t('event.unreadable', { actor, type: e.data.storedType });
    default:
      return assertNever(e);
  }
}

/** The other ticket an event names, so the history can open it. */
export function eventTicketRef(e: TicketEvent): { id: string; key: string } | null {
  const ref =
    e.type === 'linked' || e.type === 'unlinked'
      ? e.data.ticket
      : e.type === 'split' || e.type === 'merged_into'
        ? e.data.into
        : e.type === 'created'
          ? e.data.splitFrom
          : e.type === 'merged'
            ? e.data.from
            : null;
  return ref ? { id: ref.id, key: ref.key } : null;
}
