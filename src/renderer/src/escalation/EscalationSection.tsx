import { useEffect, useState, type ReactElement } from 'react';
import type { TicketCard, TicketDetail } from '../../../shared/views.ts';
import { useNow } from '../board/useNow.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { when } from '../ticket/history.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { AcceptForm, EscalateForm, ReturnForm } from './EscalationForms.tsx';
import { durationText, mayAnswer, positionText } from './tierText.ts';

const PREFIX = 'ticket-escalate';
/** Where Alt+U lands in the ticket workspace. */
export const ESCALATE_ID = `${PREFIX}-domain`;
const ESCALATION_STATE_ID = `${PREFIX}-escalation-state`;
const POSITION_ID = `${PREFIX}-position`;

/**
 * The ticket's place among the tiers: where it is, an escalation waiting (accept or return it, if
 * it is yours to answer), escalating it, and the ladder of every tier it has been in.
 */
export function EscalationSection({
  ticket,
  onSaved,
}: {
  ticket: TicketDetail;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const user = useSession((s) => s.user)!;
  const now = useNow(30_000);
  const [answer, setAnswer] = useState<'accept' | 'return' | null>(null);
  const h = ticket.escalation;
  const open = ticket.status !== 'resolved';
  const target = {
    id: ticket.id,
    key: ticket.key,
    version: ticket.version,
    domainId: ticket.domainId,
    tier: ticket.tier,
  };
  // An escalation sent, accepted or returned removes the form the focus was in. Once the reloaded
  // ticket is at the version the step produced, the focus goes to what the step left: the
  // escalation waiting or sent back, else the tier the ticket is now in.
  const [settledAt, setSettledAt] = useState<number | null>(null);
  useEffect(() => {
    if (settledAt === null || ticket.version < settledAt) return;
    setSettledAt(null);
    (document.getElementById(ESCALATION_STATE_ID) ?? document.getElementById(POSITION_ID))?.focus();
  }, [settledAt, ticket.version]);
  const done = (card: TicketCard) => {
    setAnswer(null);
    setSettledAt(card.version);
    onSaved();
  };
  /** Accept or Return chosen: the form opens with its one field focused. */
  const choose = (kind: 'accept' | 'return') => {
    setAnswer(kind);
    requestAnimationFrame(() =>
      document.getElementById(`${PREFIX}-${kind === 'accept' ? 'assignee' : 'return'}`)?.focus(),
    );
  };
  return (
    <section className="ticket__section" aria-labelledby="escalation-title">
      <h3 id="escalation-title">{t('escalation.title')}</h3>
      <p id={POSITION_ID} tabIndex={-1} data-testid="tier-position">
        <strong>{positionText(tr, desk, ticket)}</strong> ·{' '}
        {desk.queues.find((q) => q.id === ticket.queueId)?.name}
      </p>
      {h?.state === 'pending' ? (
        <div
          id={ESCALATION_STATE_ID}
          tabIndex={-1}
          className="escalation-state"
          role="status"
          data-testid="escalation-state"
        >
          <p>
            {t('escalation.waiting', {
              to: positionText(tr, desk, h.to),
              by: h.rule ? t('escalation.byDesk') : h.by.displayName,
              when: when(tr, h.at),
            })}
          </p>
          <p>
            <strong>{t('escalation.reason')}:</strong> {h.reason}
          </p>
          {h.note ? (
            <p className="prewrap">
              <strong>{t('escalation.note')}:</strong> {h.note}
            </p>
          ) : null}
          {mayAnswer(desk, user, h) ? (
            <>
              <div className="actions">
                <button type="button" className="btn btn--small" onClick={() => choose('accept')}>
                  {t('escalation.accept')}
                </button>
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => choose('return')}
                >
                  {t('escalation.return')}
                </button>
              </div>
              {answer === 'accept' ? (
                <AcceptForm
                  ticket={target}
                  idPrefix={PREFIX}
                  onDone={done}
                  onCancel={() => setAnswer(null)}
                />
              ) : null}
              {answer === 'return' ? (
                <ReturnForm
                  ticket={target}
                  idPrefix={PREFIX}
                  onDone={done}
                  onCancel={() => setAnswer(null)}
                />
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
      {h?.state === 'returned' && h.decision ? (
        <p
          id={ESCALATION_STATE_ID}
          tabIndex={-1}
          className="escalation-state escalation-state--returned"
          role="status"
          data-testid="escalation-state"
        >
          {t('escalation.returnedBy', {
            by: h.decision.by.displayName,
            reason: h.decision.reason,
            when: when(tr, h.decision.at),
          })}
        </p>
      ) : null}
      {open && h?.state !== 'pending' ? (
        <details className="ticket__section">
          <summary>
            {t('escalation.escalate')} <Kbd keys="Alt+U" />
          </summary>
          <EscalateForm key={ticket.version} ticket={target} idPrefix={PREFIX} onDone={done} />
        </details>
      ) : null}
      <table className="table ladder" data-testid="ladder">
        <caption className="sr-only">{t('escalation.ladder')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('escalation.tier')}</th>
            <th scope="col">{t('escalation.who')}</th>
            <th scope="col">{t('escalation.from')}</th>
            <th scope="col">{t('escalation.to')}</th>
            <th scope="col">{t('escalation.howLong')}</th>
          </tr>
        </thead>
        <tbody>
          {ticket.ladder.map((s, i) => (
            <tr key={i}>
              <td>{positionText(tr, desk, s)}</td>
              <td>{s.assignee?.displayName ?? '—'}</td>
              <td>{when(tr, s.from)}</td>
              <td>{s.to === null ? t('escalation.now') : when(tr, s.to)}</td>
              <td>{durationText(tr, (s.to ?? now) - s.from)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
