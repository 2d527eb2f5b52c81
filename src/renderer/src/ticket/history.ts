/** Each history event in plain words: who did what, with every field's from → to. */
import { STATUSES, type Status } from '../../../shared/domain.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { ContactEntry, DeskInfo, TicketEvent } from '../../../shared/views.ts';
import { contactLine } from '../contacts/contactText.ts';
import { positionText } from '../escalation/tierText.ts';

/** Where an event says a ticket went, as stored in its data. */
const handedTo = (p: unknown): { domainId: string | null; tier: number } => {
  const pos = (p ?? {}) as { domainId?: unknown; tier?: unknown };
  return {
    domainId: typeof pos.domainId === 'string' ? pos.domainId : null,
    tier: Number(pos.tier),
  };
};

export const when = (tr: Translator, ms: number): string =>
  new Intl.DateTimeFormat(tr.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
const keyOf = (v: unknown): string => str((v as { key?: unknown } | null)?.key);

/** A link role or root cause in words, falling back to the stored value for unknown ones. */
function label(tr: Translator, prefix: 'link' | 'root', value: unknown): string {
  const k = `${prefix}.${str(value)}`;
  return tr.has(k) ? tr.t(k) : str(value);
}

/** A field's value in words: ids become the names the desk knows them by. */
function fieldValue(tr: Translator, desk: DeskInfo, field: string, v: unknown): string {
  if (v === null || v === '') return tr.t('ticket.unanswered');
  if (field === 'categoryId') return desk.categories.find((c) => c.id === v)?.name ?? str(v);
  if (field === 'queueId') return desk.queues.find((q) => q.id === v)?.name ?? str(v);
  if (field === 'assetId') return tr.t('ticket.asset');
  const s = str(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

export function eventText(tr: Translator, desk: DeskInfo, e: TicketEvent): string {
  const actor = e.actor.displayName;
  const d = e.data;
  const status = (s: unknown) =>
    STATUSES.includes(s as Status) ? tr.t(`status.${s as Status}`) : str(s);
  const prio = (n: unknown) => tr.t('priority.short', { n: Number(n) });
  switch (e.type) {
    case 'created':
      if (d['splitFrom'])
        return tr.t('event.created.split', {
          actor,
          key: keyOf(d['splitFrom']),
          priority: prio(d['priority']),
        });
      return d['overrideReason']
        ? tr.t('event.created.override', {
            actor,
            priority: prio(d['priority']),
            from: prio(d['priorityFromPolicy']),
            reason: str(d['overrideReason']),
          })
        : tr.t('event.created', {
            actor,
            priority: tr.t(`priority.${d['priority'] as 1 | 2 | 3 | 4}`),
          });
    case 'status_changed':
      return tr.t('event.status_changed', { actor, from: status(d['from']), to: status(d['to']) });
    case 'note_added':
      return tr.t('event.note_added', { actor, text: str(d['text']) });
    case 'priority_changed':
      return tr.t('event.priority_changed', { actor, from: prio(d['from']), to: prio(d['to']) });
    case 'priority_overridden':
      return tr.t('event.priority_overridden', {
        actor,
        from: prio(d['from']),
        to: prio(d['to']),
        reason: str(d['reason']),
      });
    case 'sla_at_risk':
    case 'sla_breached': {
      const names = ((d['targets'] as { target: string }[] | undefined) ?? [])
        .map((x) =>
          tr.has(`sla.target.${x.target}`)
            ? tr.t(`sla.target.${x.target}` as 'sla.target.response')
            : x.target,
        )
        .join(', ');
      return tr.t(e.type === 'sla_breached' ? 'event.sla_breached' : 'event.sla_at_risk', {
        targets: names,
      });
    }
    case 'assigned': {
      const u = desk.users.find((x) => x.id === d['to']);
      return u
        ? tr.t('event.assigned', { actor, to: u.displayName })
        : tr.t('event.assigned.none', { actor });
    }
    case 'fields_changed': {
      const changes = (d['changes'] as { field: string; from: unknown; to: unknown }[]) ?? [];
      return tr.t('event.fields_changed', {
        actor,
        changes: changes
          .map((c) =>
            tr.t('event.change', {
              field: tr.has(`field.${c.field}`)
                ? tr.t(`field.${c.field}` as 'field.title')
                : c.field,
              from: fieldValue(tr, desk, c.field, c.from),
              to: fieldValue(tr, desk, c.field, c.to),
            }),
          )
          .join('; '),
      });
    }
    case 'answers_recorded': {
      const answers = (d['answers'] as { question: string; to: string }[]) ?? [];
      return tr.t('event.answers_recorded', {
        actor,
        answers: answers
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
    }
    case 'linked':
    case 'unlinked':
      return tr.t(e.type === 'linked' ? 'event.linked' : 'event.unlinked', {
        actor,
        role: label(tr, 'link', d['role']),
        key: keyOf(d['ticket']),
      });
    case 'split':
      return tr.t('event.split', { actor, key: keyOf(d['into']), title: str(d['title']) });
    case 'merged_into':
      return tr.t('event.merged_into', { actor, key: keyOf(d['into']) });
    case 'merged':
      return tr.t('event.merged', {
        actor,
        key: keyOf(d['from']),
        title: str((d['from'] as { title?: unknown } | undefined)?.title),
      });
    case 'resolved':
      return tr.t('event.resolved', {
        actor,
        cause: label(tr, 'root', d['rootCause']),
        solution: str(d['solution']),
      });
    case 'contact_logged':
      return tr.t(d['corrects'] ? 'event.contact_logged.correction' : 'event.contact_logged', {
        actor,
        line: contactLine(tr, {
          direction: d['direction'] as ContactEntry['direction'],
          channel: d['channel'] as ContactEntry['channel'],
          outcome: d['outcome'] as ContactEntry['outcome'],
        }).toLowerCase(),
        summary: str(d['summary']),
      });
    case 'escalated': {
      const to = positionText(tr, desk, handedTo(d['to']));
      const reason = str(d['reason']);
      const note = str(d['note']);
      return d['rule']
        ? tr.t('event.escalated.rule', { to, reason })
        : tr.t(note ? 'event.escalated.note' : 'event.escalated', { actor, to, reason, note });
    }
    case 'escalation_accepted':
      return tr.t('event.escalation_accepted', {
        actor,
        assignee: desk.users.find((u) => u.id === d['assigneeId'])?.displayName ?? '',
      });
    case 'escalation_returned':
      return tr.t('event.escalation_returned', {
        actor,
        to: positionText(tr, desk, handedTo(d['to'])),
        reason: str(d['reason']),
      });
    case 'supervisors_alerted':
      return tr.t('event.supervisors_alerted', { reason: str(d['reason']) });
    case 'reopened':
      return tr.t('event.reopened', {
        actor,
        reason: str(d['reason']),
        solution: str((d['previous'] as { solution?: unknown } | null)?.solution),
      });
  }
}

/** The other ticket an event names, so the history can open it. */
export function eventTicketRef(e: TicketEvent): { id: string; key: string } | null {
  const d = e.data;
  const ref =
    d['ticket'] ?? d['into'] ?? d['splitFrom'] ?? (e.type === 'merged' ? d['from'] : null);
  if (ref && typeof ref === 'object' && 'id' in ref && 'key' in ref)
    return { id: str(ref.id), key: str(ref.key) };
  return null;
}
