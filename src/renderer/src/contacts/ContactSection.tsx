import { useEffect, useState, type ReactElement } from 'react';
import type { ContactEntry, TicketDetail } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { reveal } from '../ui/forms.ts';
import { ContactForm, contactFieldId } from './ContactForm.tsx';
import { contactEntryId, ContactLog } from './ContactLog.tsx';

const PREFIX = 'ticket-contact';
/** Where Alt+K lands in the ticket workspace. */
export const CONTACT_FIRST_ID = contactFieldId(PREFIX, 'direction');

/** The ticket's communication: the next call-back, the form to log a contact, and the log. */
export function ContactSection({
  ticket,
  onSaved,
}: {
  ticket: TicketDetail;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const [correcting, setCorrecting] = useState<ContactEntry | null>(null);
  // The entry just logged takes the focus once the reloaded ticket lists it: it is what was done,
  // read out in full, with its Correct one Tab away (and the ticket's shortcuts keep working).
  const [logged, setLogged] = useState<string | null>(null);
  useEffect(() => {
    const entry = logged && document.getElementById(contactEntryId(logged));
    if (!entry) return;
    setLogged(null);
    entry.focus();
  }, [logged, ticket.contacts]);
  const cb = ticket.callback;
  return (
    <section className="ticket__section" aria-labelledby="contact-title">
      <h3 id="contact-title">{t('contact.title')}</h3>
      <p data-testid="next-callback">
        <strong>{t('ticket.callback')}:</strong>{' '}
        {cb
          ? t('ticket.callback.value', {
              when: when(tr, cb.dueAt),
              kind: t(`callback.${cb.kind}`),
              owner: cb.owner.displayName,
            })
          : t('ticket.callback.none')}
      </p>
      <details open={correcting ? true : undefined}>
        <summary>
          {t('contact.log')} <Kbd keys="Alt+K" />
        </summary>
        <ContactForm
          // A correction starts a fresh form, prefilled from the entry it corrects.
          key={correcting?.id ?? 'new'}
          ticketId={ticket.id}
          ticketKey={ticket.key}
          idPrefix={PREFIX}
          defaults={{ direction: 'outbound', channel: 'phone', outcome: 'reached' }}
          corrects={correcting}
          resolved={ticket.status === 'resolved'}
          onSaved={(entry) => {
            setCorrecting(null);
            setLogged(entry.id);
            onSaved();
          }}
          {...(correcting ? { onCancel: () => setCorrecting(null) } : {})}
        />
      </details>
      <ContactLog
        contacts={ticket.contacts}
        onCorrect={(c) => {
          setCorrecting(c);
          requestAnimationFrame(() => reveal(CONTACT_FIRST_ID));
        }}
      />
    </section>
  );
}
