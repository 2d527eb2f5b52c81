import { useState, type FormEvent, type ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { pickHere } from '../i18n/index.ts';
import { useSession } from './sessionStore.ts';

export function SignIn(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const signIn = useSession((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const err = await signIn(username, password);
    setBusy(false);
    if (err)
      setError(
        err.code === 'THROTTLED'
          ? // The core and the host both say how long to wait, in minutes, as the issue's limit.
            tr.plural('signIn.throttled', err.issues[0]?.limit ?? 1)
          : // A disabled account is said as such (the desk tells only whoever knows its password).
            err.issues.some((i) => i.rule === 'account_disabled')
            ? t('rule.account_disabled')
            : err.code === 'UNAUTHENTICATED' || err.code === 'VALIDATION'
              ? t('error.signIn')
              : t(`error.${err.code}`),
      );
  }

  return (
    <main className="centered">
      <form
        className="card-form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="signin-title"
        noValidate
      >
        <h1 id="signin-title">{t('signIn.titleNoDesk')}</h1>
        <LanguagePicker className="language-picker language-picker--form" onPick={pickHere} />
        <Field label={t('signIn.username')}>
          {(a) => (
            <input
              {...a}
              autoFocus
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('signIn.password')} error={error ?? undefined}>
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
