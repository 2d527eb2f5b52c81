import type { ReactElement } from 'react';
import type { EscalationRules } from '../../../shared/policy-rules.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { DurationInput } from '../ui/DurationInput.tsx';

/** An optional whole number: empty means "off" (null). */
const count = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** The policy's automatic escalation rules, as a supervisor edits them. */
export function EscalationRulesFields({
  rules,
  errors,
  onChange,
}: {
  rules: EscalationRules;
  errors: Record<string, string>;
  onChange: (rules: EscalationRules) => void;
}): ReactElement {
  const { t } = useT();
  const err = (f: string) => errors[`body.escalation.${f}`];
  const set = (patch: Partial<EscalationRules>) => onChange({ ...rules, ...patch });
  return (
    <fieldset className="rules">
      <legend>{t('settings.rules')}</legend>
      <label className="field--check">
        <input
          type="checkbox"
          checked={rules.breachUp}
          onChange={(e) => set({ breachUp: e.target.checked })}
        />{' '}
        {t('settings.rules.breachUp')}
      </label>
      <div className="grid grid--3">
        {([0, 1] as const).map((i) => (
          <Field
            key={i}
            label={t('settings.rules.maxInTier', { tier: i + 1 })}
            hint={t('settings.rules.off')}
            error={err(`maxInTierMin.${i}`)}
          >
            {(a) => (
              <DurationInput
                a11y={a}
                optional
                label={t('settings.rules.maxInTier', { tier: i + 1 })}
                minutes={rules.maxInTierMin[i] ?? null}
                onChange={(m) => {
                  const next: EscalationRules['maxInTierMin'] = [...rules.maxInTierMin];
                  next[i] = m;
                  set({ maxInTierMin: next });
                }}
              />
            )}
          </Field>
        ))}
        <Field
          label={t('settings.rules.reopened')}
          hint={t('settings.rules.off')}
          error={err('reopenedToTier2')}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              min={1}
              value={rules.reopenedToTier2 ?? ''}
              onChange={(e) => set({ reopenedToTier2: count(e.target.value) })}
            />
          )}
        </Field>
      </div>
      <label className="field--check">
        <input
          type="checkbox"
          checked={rules.alertPriority1}
          onChange={(e) => set({ alertPriority1: e.target.checked })}
        />{' '}
        {t('settings.rules.alertPriority1')}
      </label>
    </fieldset>
  );
}
