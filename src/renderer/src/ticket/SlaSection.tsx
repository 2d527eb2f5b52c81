import type { ReactElement } from 'react';
import type { TicketDetail } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { when } from './history.ts';

/** Why the ticket is (or is not) late: its policy, calendar, due times and clock timeline. */
export function SlaSection({ ticket }: { ticket: TicketDetail }): ReactElement {
  const tr = useT();
  const { t } = tr;
  return (
    <section className="ticket__section">
      <h3>{t('sla.clock')}</h3>
      <p>
        <span className="muted">
          {t(ticket.sla.clock === '24x7' ? 'sla.explain.24x7' : 'sla.explain.business', {
            label: ticket.sla.priorityLabel,
            version: ticket.sla.policyVersion,
            calendar: ticket.sla.calendar.name,
            zone: ticket.sla.calendar.timeZone,
          })}
        </span>
      </p>
      <dl className="facts" data-testid="sla-dues">
        {ticket.sla.respondedAt !== null ? (
          <>
            <dt>{t('sla.respondedAt')}</dt>
            <dd>{when(tr, ticket.sla.respondedAt)}</dd>
          </>
        ) : (
          <>
            <dt>{t('sla.responseDue')}</dt>
            <dd>
              {ticket.sla.responseDue !== null ? when(tr, ticket.sla.responseDue) : t('sla.none')}
            </dd>
          </>
        )}
        <dt>{t('sla.updateDue')}</dt>
        <dd>{ticket.sla.updateDue !== null ? when(tr, ticket.sla.updateDue) : t('sla.none')}</dd>
        <dt>{t('sla.resolutionDue')}</dt>
        <dd>
          {ticket.sla.resolutionDue !== null ? when(tr, ticket.sla.resolutionDue) : t('sla.none')}
        </dd>
        {ticket.sla.plannedStart !== null ? (
          <>
            <dt>{t('sla.plannedWindow')}</dt>
            <dd>
              {when(tr, ticket.sla.plannedStart)}
              {ticket.sla.plannedEnd !== null ? ` – ${when(tr, ticket.sla.plannedEnd)}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <h3>{t('sla.timeline')}</h3>
      <ol className="history" data-testid="sla-timeline">
        {ticket.sla.timeline.map((e, i) => (
          <li key={i}>
            <time dateTime={new Date(e.at).toISOString()}>{when(tr, e.at)}</time>
            <span>
              {t(`sla.kind.${e.kind}`)}
              {e.reason
                ? `: ${tr.has(`sla.reason.${e.reason}`) ? t(`sla.reason.${e.reason}` as 'sla.reason.waiting_customer') : e.reason}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
