import { useState, type ReactElement } from 'react';
import type { TicketDetail } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { errorText } from '../ui/errors.ts';
import { refusalReason } from '../sync/syncWords.ts';

/**
 * What the hub refused on this ticket (a field desk's change to a ticket that moved out of its
 * queues while it was away, a change its author's role may not make): said at the top of the
 * ticket, in words, with what it was, until someone here has seen it. A ticket that left this
 * field desk's scope goes from the laptop then.
 */
export function RefusedBanner({
  ticket,
  onSeen,
}: {
  ticket: TicketDetail;
  onSeen: () => void;
}): ReactElement | null {
  const tr = useT();
  const { t } = tr;
  const [error, setError] = useState<string | null>(null);
  if (ticket.refused.length === 0 && !ticket.leftScope) return null;
  const named = (key: string, fallback: string) => (tr.has(key) ? t(key) : fallback);
  const what = (r: TicketDetail['refused'][number]) =>
    r.table === 'tickets'
      ? t('refused.fields', {
          fields: tr.list(
            r.fields.map((f) => named(`refused.field.${f}`, t('refused.otherField'))),
          ),
        })
      : named(`refused.table.${r.table}`, t('refused.otherChange'));
  async function seen() {
    const r = await api.invoke('sync.dismissRefused', { ticketId: ticket.id });
    setError(r.ok ? null : errorText(tr, r.error));
    if (r.ok) onSeen();
  }
  return (
    <div className="banner banner--refused" role="alert" data-testid="refused-banner">
      <p>
        <strong>
          {ticket.leftScope
            ? t('refused.leftScope')
            : tr.plural('refused.title', ticket.refused.length)}
        </strong>
      </p>
      {ticket.refused.length ? (
        <ul>
          {ticket.refused.map((r) => (
            <li key={r.changeId}>
              {what(r)}: {refusalReason(tr, r.code)}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="btn btn--small" onClick={() => void seen()}>
        {ticket.leftScope ? t('refused.seenAndGo') : t('refused.seen')}
      </button>
      {error ? <p className="field__error">{error}</p> : null}
    </div>
  );
}
