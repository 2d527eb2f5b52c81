import { useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { useT } from '../i18n/index.ts';
import { fieldErrors, firstErrorText } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useSession } from './sessionStore.ts';

/** Signed in with a temporary password an admin set: the person chooses their own first. */
export function ChangePassword(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const user = useSession((s) => s.user);
  const changePassword = useSession((s) => s.changePassword);
  const signOut = useSession((s) => s.signOut);
  const [v, setV] = useState({ current: '', next: '', repeat: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(tr, error);
  const formError = error && !error.issues.some((i) => i.path) ? firstErrorText(tr, error) : '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const differ = v.next !== v.repeat;
    setMismatch(differ);
    if (differ) return;
    setBusy(true);
    setError(await changePassword(v.current, v.next));
    setBusy(false);
  }

  return (
    <main className="centered">
      <form
        className="card-form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="password-title"
        aria-describedby="password-why"
        noValidate
      >
        <h1 id="password-title">{t('password.title')}</h1>
        <p id="password-why">{t('password.why', { name: user?.displayName ?? '' })}</p>
        <Field label={t('password.current')} error={errs['currentPassword']}>
          {(a) => (
            <input
              {...a}
              autoFocus
              type="password"
              autoComplete="current-password"
              value={v.current}
              onChange={(e) => setV({ ...v, current: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('password.new')} hint={t('password.rule')} error={errs['newPassword']}>
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="new-password"
              value={v.next}
              onChange={(e) => setV({ ...v, next: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('password.repeat')} error={mismatch ? t('password.mismatch') : undefined}>
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="new-password"
              value={v.repeat}
              onChange={(e) => setV({ ...v, repeat: e.target.value })}
            />
          )}
        </Field>
        <FormError text={formError} />
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('password.submit')}
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </form>
    </main>
  );
}
