/** The fields of a queue, a category and a person: the same when adding one and when editing it. */
import type { ReactElement } from 'react';
import type { Input } from '../../../shared/contract.ts';
import { ROLES, type Role } from '../../../shared/domain.ts';
import type { DeskInfo } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { QueueOptions } from '../ui/Options.tsx';

type Errors = Record<string, string>;

/** One text field of a form value: `name` is both the value's key and its error's path. */
function TextField<V extends Record<K, string>, K extends keyof V & string>({
  label,
  name,
  value,
  onChange,
  errors,
  upper = false,
}: {
  label: string;
  name: K;
  value: V;
  onChange: (v: V) => void;
  errors: Errors;
  /** Codes are upper case whatever is typed. */
  upper?: boolean;
}): ReactElement {
  return (
    <Field label={label} error={errors[name]}>
      {(a) => (
        <input
          {...a}
          value={value[name]}
          onChange={(e) =>
            onChange({ ...value, [name]: upper ? e.target.value.toUpperCase() : e.target.value })
          }
        />
      )}
    </Field>
  );
}

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
      <TextField
        label={t('admin.queueCode')}
        name="code"
        value={value}
        onChange={onChange}
        errors={errors}
        upper
      />
      <TextField
        label={t('admin.queueName')}
        name="name"
        value={value}
        onChange={onChange}
        errors={errors}
      />
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
      <TextField
        label={t('admin.categoryCode')}
        name="code"
        value={value}
        onChange={onChange}
        errors={errors}
        upper
      />
      <TextField
        label={t('admin.categoryName')}
        name="name"
        value={value}
        onChange={onChange}
        errors={errors}
      />
      <TextField
        label={t('admin.domain')}
        name="domain"
        value={value}
        onChange={onChange}
        errors={errors}
      />
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
      <TextField
        label={t('admin.displayName')}
        name="displayName"
        value={value}
        onChange={onChange}
        errors={errors}
      />
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
