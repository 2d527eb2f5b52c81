import { useState, type ReactElement } from 'react';
import { MANUAL_LINK_KINDS, type ManualLinkKind } from '../../../shared/domain.ts';
import type { TicketDetail } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { Field } from '../ui/Field.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { FormError } from '../ui/FormError.tsx';
import { submitOnCtrlEnter, useFormCall } from '../ui/forms.ts';

export const LINK_TARGET_ID = 'ticket-link-target';

/** Linked tickets, each one click from opening; a key and a relation add another. */
export function LinksPanel({
  ticket,
  onSaved,
}: {
  ticket: TicketDetail;
  onSaved: () => void;
}): ReactElement {
  const { t, show, errors, submit } = useFormCall();
  const openTicket = useView((s) => s.openTicket);
  const [kind, setKind] = useState<ManualLinkKind>('related');
  const [target, setTarget] = useState('');

  async function link() {
    await submit(api.invoke('tickets.link', { id: ticket.id, target, kind }), (l) => {
      setTarget('');
      show(t('ticket.linked', { key: l.ticket.key }));
      onSaved();
    });
  }
  async function unlink(linkId: string) {
    await submit(api.invoke('tickets.unlink', { id: ticket.id, linkId }), onSaved);
  }

  return (
    <section className="ticket__section" aria-labelledby="links-title">
      <h3 id="links-title">{t('ticket.links')}</h3>
      {ticket.links.length === 0 ? <p className="muted">{t('ticket.links.none')}</p> : null}
      <ul className="links" data-testid="links">
        {ticket.links.map((l) => (
          <li key={l.id}>
            <span className="links__role">{t(`link.${l.role}`)}</span>{' '}
            <button type="button" className="link" onClick={() => openTicket(l.ticket.id)}>
              {l.ticket.key}
            </button>{' '}
            {l.ticket.title} <span className="muted">· {t(`status.${l.ticket.status}`)}</span>
            {l.role === 'related' || l.role === 'parent_of' || l.role === 'child_of' ? (
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-label={t('ticket.unlink', { key: l.ticket.key })}
                onClick={() => void unlink(l.id)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="inline-form" onKeyDown={submitOnCtrlEnter(() => void link())}>
        <Field label={t('ticket.link.kind')}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind(e.target.value as ManualLinkKind)}>
              {MANUAL_LINK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`link.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={LINK_TARGET_ID} label={t('ticket.link.target')} error={errors['target']}>
          {(a) => (
            <input
              {...a}
              placeholder="LON-000123"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          )}
        </Field>
        <button type="button" className="btn btn--small" onClick={() => void link()}>
          {t('ticket.link')} <Kbd keys="Alt+L" />
        </button>
      </div>
      <FormError text={errors[''] ?? errors['linkId']} />
    </section>
  );
}
