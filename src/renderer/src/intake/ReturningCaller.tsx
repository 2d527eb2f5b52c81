import { useState, type ReactElement } from 'react';
import type { CustomerDetail } from '../../../shared/views.ts';
import { useView } from '../app/viewStore.ts';
import { ContactForm, contactFieldId } from '../contacts/ContactForm.tsx';
import { contactLine } from '../contacts/contactText.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';

const PREFIX = 'returning-contact';

/**
 * A returning caller's open tickets with the last word on each: most such calls are "where are
 * we with it?", logged on the ticket they are about rather than opened again as a duplicate.
 */
export function ReturningCaller({
  caller,
  onLogged,
}: {
  caller: CustomerDetail;
  onLogged: () => void;
}): ReactElement | null {
  const tr = useT();
  const { t } = tr;
  const openTicket = useView((s) => s.openTicket);
  const [logging, setLogging] = useState<string | null>(null);
  if (caller.openTickets.length === 0) return null;
  return (
    <section className="returning" aria-labelledby="returning-h" data-testid="returning-caller">
      <h3 id="returning-h">{tr.plural('returning.title', caller.openTickets.length)}</h3>
      <p className="muted">{t('returning.hint')}</p>
      <ul className="returning__list">
        {caller.openTickets.map((o) => (
          <li key={o.id}>
            <div className="returning__ticket">
              <span className={`prio prio--${o.priority}`}>
                {t('priority.short', { n: o.priority })}
              </span>{' '}
              <button type="button" className="link" onClick={() => openTicket(o.id)}>
                {o.key}
              </button>{' '}
              {o.title} · {t(`status.${o.status}`)}
              {o.callback
                ? ` · ${t('ticket.callback')}: ${when(tr, o.callback.dueAt)} (${t(`callback.${o.callback.kind}`)})`
                : ''}
            </div>
            <div className="muted">
              {o.lastContact
                ? `${when(tr, o.lastContact.at)} · ${contactLine(tr, o.lastContact)} · ${o.lastContact.by.displayName}: ${o.lastContact.summary}`
                : t('returning.none')}
            </div>
            {logging === o.id ? (
              <ContactForm
                ticketId={o.id}
                ticketKey={o.key}
                idPrefix={PREFIX}
                defaults={{ direction: 'inbound', channel: 'phone', outcome: 'reached' }}
                onSaved={() => {
                  setLogging(null);
                  onLogged();
                }}
                onCancel={() => setLogging(null)}
              />
            ) : (
              <button
                type="button"
                className="btn btn--small"
                onClick={() => {
                  setLogging(o.id);
                  requestAnimationFrame(() =>
                    document.getElementById(contactFieldId(PREFIX, 'direction'))?.focus(),
                  );
                }}
              >
                {t('returning.logStatus', { key: o.key })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
