/** The fields of a queue, a category and a person: the same when adding one and when editing it. */
import type { ReactElement } from 'react';
import type { Input } from '../../../shared/contract.ts';
import { ROLES, type Role } from '../../../shared/domain.ts';
import type { DeskInfo } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { QueueOptions } from '../ui/Options.tsx';

type Errors = Record<string, string>;

export type QueueValue = Input<'queues.create'>;

export function QueueFields({
  value,
  onChange,
  errors,
}: {
  value: QueueValue;
  onChange: (v: QueueValue) => void;
  errors: Errors;
}): ReactElement {
  const { t } = useT();
  return (
    <>
      <Field label={t('admin.queueCode')} error={errors['code']}>
        {(a) => (
          <input
            {...a}
            value={value.code}
            onChange={(e) => onChange({ ...value, code: e.target.value.toUpperCase() })}
          />
        )}
      </Field>
      <Field label={t('admin.queueName')} error={errors['name']}>
        {(a) => (
          <input
            {...a}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}

export type CategoryValue = Input<'categories.create'>;

export function CategoryFields({
  value,
  onChange,
  errors,
  desk,
}: {
  value: CategoryValue;
  onChange: (v: CategoryValue) => void;
  errors: Errors;
  desk: DeskInfo;
}): ReactElement {
  const { t } = useT();
  return (
    <>
      <Field label={t('admin.categoryCode')} error={errors['code']}>
        {(a) => (
          <input
            {...a}
            value={value.code}
            onChange={(e) => onChange({ ...value, code: e.target.value.toUpperCase() })}
          />
        )}
      </Field>
      <Field label={t('admin.categoryName')} error={errors['name']}>
        {(a) => (
          <input
            {...a}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('admin.domain')} error={errors['domain']}>
        {(a) => (
          <input
            {...a}
            value={value.domain}
            onChange={(e) => onChange({ ...value, domain: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('admin.defaultQueue')} error={errors['defaultQueueId']}>
        {(a) => (
          <select
            {...a}
            value={value.defaultQueueId}
            onChange={(e) => onChange({ ...value, defaultQueueId: e.target.value })}
          >
            {value.defaultQueueId ? null : <option value="">{t('intake.choose')}</option>}
            <QueueOptions queues={desk.queues} keep={value.defaultQueueId} />
          </select>
        )}
      </Field>
    </>
  );
}

export interface PersonValue {
  displayName: string;
  role: Role;
  /** As the select holds it. */
  tier: string;
  domainIds: string[];
}

export const personInput = (v: PersonValue) => ({
  displayName: v.displayName,
  role: v.role,
  tier: Number(v.tier) as 1 | 2 | 3,
  domainIds: v.domainIds,
});

/** Display name, role, tier and the domains served (the user name and password are the add form's). */
export function PersonFields({
  value,
  onChange,
  errors,
  desk,
}: {
  value: PersonValue;
  onChange: (v: PersonValue) => void;
  errors: Errors;
  desk: DeskInfo;
}): ReactElement {
  const { t } = useT();
  // A refused domain is named by its place in the list ("domainIds.0").
  const domainError = Object.entries(errors).find(([path]) => path.startsWith('domainIds'))?.[1];
  return (
    <>
      <Field label={t('admin.displayName')} error={errors['displayName']}>
        {(a) => (
          <input
            {...a}
            value={value.displayName}
            onChange={(e) => onChange({ ...value, displayName: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('admin.role')} error={errors['role']}>
        {(a) => (
          <select
            {...a}
            value={value.role}
            onChange={(e) => onChange({ ...value, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.tier')} error={errors['tier']}>
        {(a) => (
          <select
            {...a}
            value={value.tier}
            onChange={(e) => onChange({ ...value, tier: e.target.value })}
          >
            <option value="1">1</option>
            <option value="2">2</option>
            <option value="3">3</option>
          </select>
        )}
      </Field>
      <fieldset className="rules span-4">
        <legend>{t('admin.domainsServed')}</legend>
        {desk.domains.map((d) => (
          <label key={d.id} className="field--check">
            <input
              type="checkbox"
              checked={value.domainIds.includes(d.id)}
              onChange={(e) =>
                onChange({
                  ...value,
                  domainIds: e.target.checked
                    ? [...value.domainIds, d.id]
                    : value.domainIds.filter((x) => x !== d.id),
                })
              }
            />{' '}
            {d.name}
          </label>
        ))}
        {domainError ? (
          <span className="field__error" role="alert">
            {domainError}
          </span>
        ) : null}
      </fieldset>
    </>
  );
}
