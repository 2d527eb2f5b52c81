import { useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { useT } from '../i18n/index.ts';
import { fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { useSession } from './sessionStore.ts';
import { JoinHubForm } from '../sync/HubAdmin.tsx';

/** First start of a real desk: its name, ticket prefix and first administrator. */
export function Setup(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const setup = useSession((s) => s.setup);
  const [v, setV] = useState({
    deskName: '',
    prefix: '',
    countryCode: '',
    username: '',
    displayName: '',
    password: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const errs = fieldErrors(tr, error);
  const bind = (k: keyof typeof v) => ({
    value: v[k],
    onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(
      await setup({
        deskName: v.deskName,
        prefix: v.prefix,
        countryCode: v.countryCode,
        admin: { username: v.username, displayName: v.displayName, password: v.password },
      }),
    );
  }

  return (
    <main className="centered">
      <form
        className="card-form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="setup-title"
        noValidate
      >
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <Field label={t('setup.deskName')} error={errs['deskName']}>
          {(a) => <input {...a} autoFocus {...bind('deskName')} />}
        </Field>
        <Field label={t('setup.prefix')} hint={t('setup.prefixHint')} error={errs['prefix']}>
          {(a) => <input {...a} {...bind('prefix')} />}
        </Field>
        <Field
          label={t('setup.countryCode')}
          hint={t('setup.countryCodeHint')}
          error={errs['countryCode']}
        >
          {(a) => <input {...a} inputMode="numeric" {...bind('countryCode')} />}
        </Field>
        <Field label={t('setup.adminUsername')} error={errs['admin.username']}>
          {(a) => <input {...a} autoComplete="username" {...bind('username')} />}
        </Field>
        <Field label={t('setup.adminName')} error={errs['admin.displayName']}>
          {(a) => <input {...a} {...bind('displayName')} />}
        </Field>
        <Field label={t('setup.adminPassword')} error={errs['admin.password']}>
          {(a) => (
            <input {...a} type="password" autoComplete="new-password" {...bind('password')} />
          )}
        </Field>
        <button type="submit" className="btn btn--primary">
          {t('setup.submit')}
        </button>
      </form>
      {/* A further workstation of a desk that syncs: it receives the desk, people and all. */}
      <div className="card-form">
        <JoinHubForm onJoined={() => void useSession.getState().load()} />
      </div>
    </main>
  );
}
