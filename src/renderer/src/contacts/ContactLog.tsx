import type { ReactElement } from 'react';
import type { ContactEntry } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';
import { contactLine, durationMinutes } from './contactText.ts';

/** The id of an entry in the log, for the focus to land on the one just logged. */
export const contactEntryId = (id: string): string => `contact-entry-${id}`;

/**
 * The communication log, newest first. Nothing in it is ever changed: a corrected entry stays,
 * struck through and marked, with its correction above it.
 */
export function ContactLog({
  contacts,
  onCorrect,
}: {
  contacts: ContactEntry[];
  /** Offered on entries that stand (not already corrected). */
  onCorrect?: (entry: ContactEntry) => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  if (contacts.length === 0) return <p className="muted">{t('contact.none')}</p>;
  return (
    <ol className="contact-log" data-testid="contact-log">
      {contacts.map((c) => (
        <li
          key={c.id}
          id={contactEntryId(c.id)}
          // Focusable by script only: it takes the focus once logged, Tab goes on to its Correct.
          tabIndex={-1}
          className={c.correctedById ? 'contact-log__entry--corrected' : undefined}
        >
          <div className="contact-log__head">
            <time dateTime={new Date(c.at).toISOString()}>{when(tr, c.at)}</time>
            <strong>{contactLine(tr, c)}</strong>
            {c.durationSec !== null ? (
              <span>{t('contact.duration.value', { min: durationMinutes(c.durationSec) })}</span>
            ) : null}
            <span className="muted">{t('contact.by', { name: c.by.displayName })}</span>
            {c.closing ? <span className="tag tag--ok">{t('contact.closingMark')}</span> : null}
            {c.correctsId ? <span className="tag">{t('contact.corrects')}</span> : null}
            {c.correctedById ? (
              <span className="tag tag--warn">{t('contact.corrected')}</span>
            ) : null}
            {onCorrect && !c.correctedById ? (
              <button type="button" className="link" onClick={() => onCorrect(c)}>
                {t('contact.correct')}
              </button>
            ) : null}
          </div>
          <p className="contact-log__summary">{c.summary}</p>
          {c.next ? (
            <p className="muted">
              {t('contact.nextSet', { when: when(tr, c.next.at) })}
              {c.next.reason ? ` — ${c.next.reason}` : ''}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
