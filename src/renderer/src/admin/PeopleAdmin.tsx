import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { AdminPerson, DeskInfo } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { AdminRow, RowForm } from './AdminRow.tsx';
import { useAdminCall } from './directory.ts';
import { PersonFields, personInput, type PersonValue } from './fields.tsx';
import { showOnBoard, toggleErrorText } from './QueuesAdmin.tsx';

const valueOf = (p: AdminPerson): PersonValue => ({
  displayName: p.displayName,
  role: p.role,
  tier: String(p.tier),
  domainIds: p.domainIds,
});

function PersonEditor({
  person,
  desk,
  close,
}: {
  person: AdminPerson;
  desk: DeskInfo;
  close: () => void;
}): ReactElement {
  const tr = useT();
  const call = useAdminCall();
  const [value, setValue] = useState(valueOf(person));
  const [error, setError] = useState<ApiError | null>(null);
  // Changed by someone else meanwhile: show theirs (the error says so).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValue(valueOf(person)), [person.version]);
  const errors = error ? formErrors(tr, error) : {};
  async function save() {
    const e = await call(
      api.invoke('users.update', {
        id: person.id,
        expectedVersion: person.version,
        ...personInput(value),
      }),
      (p) => tr.t('admin.userChanged', { name: p.displayName }),
    );
    setError(e);
    if (!e) close();
  }
  return (
    <RowForm
      label={tr.t('admin.editLabel', { name: person.displayName })}
      onSave={() => void save()}
      onCancel={close}
      error={errors['']}
    >
      <PersonFields value={value} onChange={setValue} errors={errors} desk={desk} />
    </RowForm>
  );
}

/** A temporary password the admin tells the person; they choose their own at the next sign-in. */
function PasswordReset({
  person,
  close,
}: {
  person: AdminPerson;
  close: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const errors = error ? formErrors(tr, error) : {};
  async function save() {
    const e = await call(api.invoke('users.resetPassword', { id: person.id, password }), (p) =>
      t('admin.passwordReset', { name: p.displayName }),
    );
    setError(e);
    if (!e) close();
  }
  return (
    <RowForm
      label={t('admin.resetPasswordLabel', { name: person.displayName })}
      onSave={() => void save()}
      onCancel={close}
      error={errors['']}
    >
      <Field
        label={t('admin.newPassword')}
        hint={t('admin.newPasswordHint')}
        error={errors['password']}
        className="span-2"
      >
        {(a) => (
          <input
            {...a}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
    </RowForm>
  );
}

function PersonRow({ person, desk }: { person: AdminPerson; desk: DeskInfo }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const [error, setError] = useState<ApiError | null>(null);
  const name = person.displayName;
  const serves = person.domainIds.length
    ? t('admin.serves', {
        domains: desk.domains
          .filter((d) => person.domainIds.includes(d.id))
          .map((d) => d.name)
          .join(', '),
      })
    : t('admin.servesAll');
  const leftWith = !person.active && (person.openTickets > 0 || person.callbacks > 0);
  async function toggle() {
    setError(
      await call(
        api.invoke('users.setActive', {
          id: person.id,
          expectedVersion: person.version,
          active: !person.active,
        }),
        (p) => t(p.active ? 'admin.userEnabled' : 'admin.userDisabled', { name: p.displayName }),
      ),
    );
  }
  const details = [
    t('admin.personLine', {
      username: person.username,
      role: t(`role.${person.role}`),
      tier: person.tier,
      serves,
    }),
    // A disabled person's open work is not lost: it is counted here and found on the board.
    leftWith
      ? t('admin.theirWork', {
          tickets: tr.plural('admin.openTickets', person.openTickets),
          callbacks: tr.plural('admin.callbacks', person.callbacks),
        })
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <AdminRow
      name={name}
      active={person.active}
      tags={[
        ...(person.active ? [] : [t('admin.disabled')]),
        ...(person.mustChangePassword ? [t('admin.mustChange')] : []),
      ]}
      details={details}
      actions={[
        {
          text: t('admin.edit'),
          label: t('admin.editLabel', { name }),
          form: (close) => <PersonEditor person={person} desk={desk} close={close} />,
        },
        {
          text: t('admin.resetPassword'),
          label: t('admin.resetPasswordLabel', { name }),
          form: (close) => <PasswordReset person={person} close={close} />,
        },
      ]}
      onToggle={() => void toggle()}
      toggleLabel={person.active ? t('admin.disable') : t('admin.enable')}
      error={toggleErrorText(tr, error)}
      extra={
        leftWith && person.openTickets > 0 ? (
          <button
            type="button"
            className="btn btn--small btn--ghost"
            aria-label={t('admin.showOnBoardLabel', { name })}
            onClick={() => showOnBoard({ assigneeId: person.id })}
          >
            {t('admin.showOnBoard')}
          </button>
        ) : null
      }
    />
  );
}

const EMPTY = {
  username: '',
  password: '',
  person: { displayName: '', role: 'analyst', tier: '1', domainIds: [] } as PersonValue,
};

/** The desk's people: each editable, disabled, or given a temporary password in place. */
export function PeopleAdmin({
  people,
  desk,
}: {
  people: AdminPerson[];
  desk: DeskInfo;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const [value, setValue] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    const err = await call(
      api.invoke('users.create', {
        username: value.username,
        password: value.password,
        ...personInput(value.person),
      }),
      (u) => t('admin.userSaved', { name: u.displayName }),
    );
    setError(err);
    if (!err) setValue(EMPTY);
  }
  const errors = error ? formErrors(tr, error) : {};
  return (
    <section className="panel" aria-labelledby="users-h">
      <h1 id="users-h">{t('admin.users')}</h1>
      <ul className="admin-rows">
        {people.map((p) => (
          <PersonRow key={p.id} person={p} desk={desk} />
        ))}
      </ul>
      <form aria-labelledby="user-add-h" onSubmit={(e) => void add(e)} noValidate>
        <h2 id="user-add-h">{t('admin.addUserForm')}</h2>
        <div className="grid grid--3">
          <Field label={t('admin.username')} error={errors['username']}>
            {(a) => (
              <input
                {...a}
                autoComplete="off"
                value={value.username}
                onChange={(e) => setValue({ ...value, username: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.password')} error={errors['password']}>
            {(a) => (
              <input
                {...a}
                type="password"
                autoComplete="new-password"
                value={value.password}
                onChange={(e) => setValue({ ...value, password: e.target.value })}
              />
            )}
          </Field>
          <PersonFields
            value={value.person}
            onChange={(person) => setValue({ ...value, person })}
            errors={errors}
            desk={desk}
          />
        </div>
        <FormError text={errors['']} />
        <button type="submit" className="btn btn--primary">
          {t('admin.addUser')}
        </button>
      </form>
    </section>
  );
}
