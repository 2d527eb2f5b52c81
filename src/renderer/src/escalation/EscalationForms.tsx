import { useState, type ReactElement } from 'react';
import type { Tier } from '../../../shared/domain.ts';
import type { DeskInfo, TicketCard } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { submitOnCtrlEnter, useFormCall } from '../ui/forms.ts';
import { Kbd } from '../ui/Kbd.tsx';

/** The members of a domain's tier, as people. */
export function tierMembers(desk: DeskInfo, domainId: string | null, tier: number) {
  const ids = desk.domains
    .find((d) => d.id === domainId)
    ?.tiers.find((x) => x.level === tier)?.memberIds;
  return desk.users.filter((u) => ids?.includes(u.id));
}

interface Target {
  id: string;
  key: string;
  version: number;
  domainId: string | null;
  tier: Tier;
}

function Actions({
  label,
  onSubmit,
  onCancel,
}: {
  label: string;
  onSubmit: () => void;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useT();
  return (
    <div className="actions">
      <button type="button" className="btn btn--primary btn--small" onClick={onSubmit}>
        {label} <Kbd keys="Ctrl+Enter" />
      </button>
      {onCancel ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
          {t('help.close')} <Kbd keys="Esc" />
        </button>
      ) : null}
    </div>
  );
}

/** What every escalation form gets: the ticket as the caller read it, and what to do after. */
interface EscalationFormProps {
  ticket: Target;
  idPrefix: string;
  onDone: (card: TicketCard) => void;
  onCancel?: () => void;
}

/** Hand the ticket to another tier (by default the next one up) with a reason and an escalation note. */
export function EscalateForm({
  ticket,
  idPrefix,
  onDone,
  onCancel,
}: EscalationFormProps): ReactElement {
  const desk = useSession((s) => s.desk)!;
  const { t, show, errors, submit } = useFormCall();
  const [domainId, setDomainId] = useState(ticket.domainId ?? '');
  const domain = desk.domains.find((d) => d.id === domainId);
  const levels = domain?.tiers.map((x) => x.level) ?? [];
  const next = domainId === ticket.domainId ? ticket.tier + 1 : ticket.tier;
  const [tier, setTier] = useState<string>('');
  const chosen = tier || String(levels.includes(next as Tier) ? next : (levels.at(-1) ?? ''));
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const save = () =>
    void submit(
      api.invoke('tickets.escalate', {
        id: ticket.id,
        version: ticket.version,
        ...(domainId && domainId !== ticket.domainId ? { toDomainId: domainId } : {}),
        ...(chosen ? { toTier: Number(chosen) as Tier } : {}),
        reason,
        note,
      }),
      (card) => {
        show(t('escalation.sent', { key: ticket.key }));
        onDone(card);
      },
    );
  return (
    <div className="inline-panel" onKeyDown={submitOnCtrlEnter(save, onCancel)}>
      <div className="grid grid--4">
        <Field
          id={`${idPrefix}-domain`}
          label={t('escalation.domain')}
          error={errors['toDomainId']}
        >
          {(a) => (
            <select
              {...a}
              value={domainId}
              onChange={(e) => {
                setDomainId(e.target.value);
                setTier('');
              }}
            >
              {desk.domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('escalation.tier')} error={errors['toTier']}>
          {(a) => (
            <select {...a} value={chosen} onChange={(e) => setTier(e.target.value)}>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {t('escalation.tierN', { n: l })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={`${idPrefix}-reason`}
          label={t('escalation.reason')}
          error={errors['reason']}
          className="span-2"
        >
          {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label={t('escalation.note')} error={errors['note']} className="span-4">
          {(a) => (
            <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
      </div>
      <FormError text={errors[''] ?? errors['escalation'] ?? errors['status']} />
      <Actions label={t('escalation.escalate')} onSubmit={save} onCancel={onCancel} />
    </div>
  );
}

/** The receiving tier takes the ticket: someone of that tier (by default whoever accepts). */
export function AcceptForm({
  ticket,
  idPrefix,
  onDone,
  onCancel,
}: EscalationFormProps): ReactElement {
  const desk = useSession((s) => s.desk)!;
  const me = useSession((s) => s.user)!;
  const { t, show, errors, submit } = useFormCall();
  const members = tierMembers(desk, ticket.domainId, ticket.tier);
  const [assignee, setAssignee] = useState(
    members.some((m) => m.id === me.id) ? me.id : (members[0]?.id ?? ''),
  );
  const save = () =>
    void submit(
      api.invoke('tickets.acceptEscalation', {
        id: ticket.id,
        version: ticket.version,
        assigneeId: assignee,
      }),
      (card) => {
        show(t('escalation.accepted', { key: ticket.key }));
        onDone(card);
      },
    );
  return (
    <div className="inline-panel" onKeyDown={submitOnCtrlEnter(save, onCancel)}>
      <Field
        id={`${idPrefix}-assignee`}
        label={t('escalation.assignee')}
        error={errors['assigneeId'] ?? errors['tier']}
      >
        {(a) => (
          <select {...a} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            {members.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError text={errors[''] ?? errors['escalation']} />
      <Actions label={t('escalation.accept')} onSubmit={save} onCancel={onCancel} />
    </div>
  );
}

/** The receiving tier sends it back where it came from, saying why. */
export function ReturnForm({
  ticket,
  idPrefix,
  onDone,
  onCancel,
}: EscalationFormProps): ReactElement {
  const { t, show, errors, submit } = useFormCall();
  const [reason, setReason] = useState('');
  const save = () =>
    void submit(
      api.invoke('tickets.returnEscalation', { id: ticket.id, version: ticket.version, reason }),
      (card) => {
        show(t('escalation.returned', { key: ticket.key }));
        onDone(card);
      },
    );
  return (
    <div className="inline-panel" onKeyDown={submitOnCtrlEnter(save, onCancel)}>
      <Field
        id={`${idPrefix}-return`}
        label={t('escalation.returnReason')}
        error={errors['reason'] ?? errors['tier']}
      >
        {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormError text={errors[''] ?? errors['escalation']} />
      <Actions label={t('escalation.return')} onSubmit={save} onCancel={onCancel} />
    </div>
  );
}
