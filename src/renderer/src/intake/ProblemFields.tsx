import type { ReactElement } from 'react';
import type { Level } from '../../../shared/domain.ts';
import { policyPriority } from '../../../shared/policy.ts';
import type { DeskInfo } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import type { ProblemDraft } from './intakeStore.ts';
import { LevelOptions, QueueOptions, CategoryOptions } from '../ui/Options.tsx';
import { priorityLabel } from '../ui/priorityLabel.ts';

interface Props {
  index: number;
  problem: ProblemDraft;
  desk: DeskInfo;
  errors: Record<string, string>;
  canRemove: boolean;
  onChange(patch: Partial<ProblemDraft>): void;
  onRemove(): void;
}

/** One problem of the call: it becomes one ticket, routed to its own queue. */
export function ProblemFields({
  index,
  problem: p,
  desk,
  errors,
  canRemove,
  onChange,
  onRemove,
}: Props): ReactElement {
  const tr = useT();
  const { t } = tr;
  const err = (f: string) => errors[`problems.${index}.${f}`];
  const policy = desk.policy.body;
  const fromPolicy =
    p.impact && p.urgency
      ? policyPriority(policy, Number(p.impact) as Level, Number(p.urgency) as Level)
      : null;
  const priority = p.priority ? Number(p.priority) : fromPolicy;
  const level = priority ? policy.priorities[priority - 1] : undefined;
  const overridden = !!p.priority && Number(p.priority) !== fromPolicy;
  const n = index + 1;

  return (
    <fieldset className="problem" data-problem={index}>
      <legend>{t('intake.problem', { n })}</legend>
      <div className="grid grid--problem">
        <Field label={t('intake.category')} error={err('categoryId')}>
          {(a) => (
            <select
              {...a}
              data-focus={`problem-${index}`}
              value={p.categoryId}
              onChange={(e) => {
                const cat = desk.categories.find((c) => c.id === e.target.value);
                onChange({
                  categoryId: e.target.value,
                  ...(cat && !p.queueChosen ? { queueId: cat.defaultQueueId } : {}),
                });
              }}
            >
              <option value="">{t('intake.choose')}</option>
              <CategoryOptions categories={desk.categories} />
            </select>
          )}
        </Field>
        <Field label={t('intake.queue')} error={err('queueId')}>
          {(a) => (
            <select
              {...a}
              value={p.queueId}
              onChange={(e) => onChange({ queueId: e.target.value, queueChosen: true })}
            >
              <option value="">{t('intake.choose')}</option>
              <QueueOptions queues={desk.queues} />
            </select>
          )}
        </Field>
        <Field label={t('intake.impact')} error={err('impact')}>
          {(a) => (
            <select {...a} value={p.impact} onChange={(e) => onChange({ impact: e.target.value })}>
              <option value="">{t('intake.choose')}</option>
              <LevelOptions />
            </select>
          )}
        </Field>
        <Field label={t('intake.urgency')} error={err('urgency')}>
          {(a) => (
            <select
              {...a}
              value={p.urgency}
              onChange={(e) => onChange({ urgency: e.target.value })}
            >
              <option value="">{t('intake.choose')}</option>
              <LevelOptions />
            </select>
          )}
        </Field>
        <div className="field">
          <span className="field__label">{t('intake.priority')}</span>
          <output
            className={`prio prio--${priority ?? 'none'}`}
            aria-live="polite"
            data-testid={`priority-${index}`}
          >
            {priority && level
              ? `${t('priority.short', { n: priority })} · ${priorityLabel(tr, priority, level.label)}`
              : '—'}
          </output>
        </div>
      </div>
      <div className="grid grid--problem-extra">
        <Field label={t('intake.priorityOverride')} error={err('priority')}>
          {(a) => (
            <select
              {...a}
              value={p.priority}
              onChange={(e) => onChange({ priority: e.target.value })}
            >
              <option value="">
                {fromPolicy
                  ? t('intake.priorityFromPolicy', {
                      p: `${t('priority.short', { n: fromPolicy })} · ${priorityLabel(tr, fromPolicy, policy.priorities[fromPolicy - 1]?.label ?? '')}`,
                    })
                  : t('intake.priorityFromPolicyEmpty')}
              </option>
              {policy.priorities.map((l, i) => (
                <option key={i} value={i + 1}>
                  {t('priority.short', { n: i + 1 })} · {priorityLabel(tr, i + 1, l.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {overridden ? (
          <Field
            label={t('intake.priorityReason')}
            error={err('priorityReason')}
            className="field--wide"
          >
            {(a) => (
              <input
                {...a}
                value={p.priorityReason}
                maxLength={500}
                onChange={(e) => onChange({ priorityReason: e.target.value })}
              />
            )}
          </Field>
        ) : null}
      </div>
      <Field label={t('intake.titleField')} error={err('title')}>
        {(a) => (
          <input
            {...a}
            value={p.title}
            maxLength={200}
            onChange={(e) => onChange({ title: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('intake.description')} error={err('description')}>
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={p.description}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </Field>
      {level?.planned ? (
        // After the summary and description in the Tab order: the window fields appear when
        // impact and urgency are chosen, and an analyst tabbing on to type the summary must not
        // land in a date field that takes the keystrokes (a datetime field is five Tab stops).
        <div className="grid grid--problem-extra" data-testid={`planned-${index}`}>
          <Field
            label={t('intake.plannedStart')}
            hint={t('intake.plannedHint')}
            error={err('plannedStart')}
          >
            {(a) => (
              <input
                {...a}
                type="datetime-local"
                value={p.plannedStart}
                onChange={(e) => onChange({ plannedStart: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('intake.plannedEnd')} error={err('plannedEnd')}>
            {(a) => (
              <input
                {...a}
                type="datetime-local"
                value={p.plannedEnd}
                onChange={(e) => onChange({ plannedEnd: e.target.value })}
              />
            )}
          </Field>
        </div>
      ) : null}
      {canRemove ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={onRemove}>
          {t('intake.removeProblem', { n })}
        </button>
      ) : null}
    </fieldset>
  );
}
