import { useState, type ReactElement } from 'react';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { firstErrorText } from '../ui/errors.ts';
import { LevelOptions } from '../ui/Options.tsx';
import { useToasts } from '../ui/toastStore.ts';
import type { WorkspaceFormProps } from '../ui/forms.ts';
import { priorityLabel } from '../ui/priorityLabel.ts';

/** Re-rate a ticket: impact and urgency by its policy version, or an override with a reason. */
export function PriorityEditor({ ticket, desk, onSaved }: WorkspaceFormProps): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [impact, setImpact] = useState(String(ticket.impact));
  const [urgency, setUrgency] = useState(String(ticket.urgency));
  const [priority, setPriority] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function apply() {
    const r = await api.invoke('tickets.setPriority', {
      id: ticket.id,
      version: ticket.version,
      impact: Number(impact) as 1 | 2 | 3,
      urgency: Number(urgency) as 1 | 2 | 3,
      ...(priority ? { priority: Number(priority), reason } : {}),
    });
    if (!r.ok) {
      setError(firstErrorText(tr, r.error));
      return;
    }
    setError(null);
    show(t('ticket.priorityChanged', { key: ticket.key }));
    onSaved();
  }
  return (
    <details className="prio-edit">
      <summary>{t('ticket.changePriority')}</summary>
      <div className="grid grid--4">
        <div className="field">
          <label htmlFor="tp-impact">{t('intake.impact')}</label>
          <select id="tp-impact" value={impact} onChange={(e) => setImpact(e.target.value)}>
            <LevelOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="tp-urgency">{t('intake.urgency')}</label>
          <select id="tp-urgency" value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            <LevelOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="tp-priority">{t('intake.priorityOverride')}</label>
          <select id="tp-priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">{t('intake.priorityFromPolicyEmpty')}</option>
            {desk.policy.body.priorities.map((l, i) => (
              <option key={i} value={i + 1}>
                {t('priority.short', { n: i + 1 })} · {priorityLabel(tr, i + 1, l.label)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label htmlFor="tp-reason">{t('intake.priorityReason')}</label>
          <input
            id="tp-reason"
            value={reason}
            aria-invalid={!!error}
            aria-describedby={error ? 'tp-error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {error ? (
            <span className="field__error" id="tp-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
      </div>
      <button type="button" className="btn btn--small" onClick={() => void apply()}>
        {t('ticket.applyPriority')}
      </button>
    </details>
  );
}
