import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { followSync, useSync } from './syncStore.ts';

/**
 * The desk admin's hub section: join this desk to a hub with the one-time code made there
 * (`npm run hub -- join-code --desk LON`), or see which hub it syncs with and how it stands.
 */
export function HubAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const status = useSync((s) => s.status);
  const load = useSync((s) => s.load);
  const [value, setValue] = useState({ url: '', code: '', name: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    followSync();
    void load();
  }, [load]);
  async function join(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api.invoke('sync.join', value);
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) useSync.getState().set(r.value);
  }
  const errors = error ? formErrors(tr, error) : {};
  return (
    <section className="panel" aria-labelledby="hub-h">
      <h1 id="hub-h">{t('hub.title')}</h1>
      {status?.joined ? (
        <dl className="facts">
          <dt>{t('hub.address')}</dt>
          <dd>
            <bdi>{status.hub}</bdi>
          </dd>
          <dt>{t('hub.workstation')}</dt>
          <dd>{status.workstation}</dd>
          <dt>{t('hub.waiting')}</dt>
          <dd data-testid="hub-waiting">{status.waiting.toLocaleString(tr.locale)}</dd>
          <dt>{t('hub.held')}</dt>
          <dd>{status.held.toLocaleString(tr.locale)}</dd>
          <dt>{t('hub.keys')}</dt>
          <dd>{status.keysLeft.toLocaleString(tr.locale)}</dd>
        </dl>
      ) : (
        <form aria-labelledby="hub-join-h" onSubmit={(e) => void join(e)} noValidate>
          <h2 id="hub-join-h">{t('hub.join')}</h2>
          <p className="muted">{t('hub.joinHint')}</p>
          <div className="grid grid--3">
            <Field label={t('hub.address')} error={errors['url']}>
              {(a) => (
                <input
                  {...a}
                  type="url"
                  dir="ltr"
                  placeholder="https://hub.example:8443"
                  value={value.url}
                  onChange={(e) => setValue({ ...value, url: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('hub.code')} error={errors['code']}>
              {(a) => (
                <input
                  {...a}
                  dir="ltr"
                  autoComplete="off"
                  spellCheck={false}
                  value={value.code}
                  onChange={(e) => setValue({ ...value, code: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('hub.name')} error={errors['name']}>
              {(a) => (
                <input
                  {...a}
                  value={value.name}
                  onChange={(e) => setValue({ ...value, name: e.target.value })}
                />
              )}
            </Field>
          </div>
          <FormError text={errors['']} />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? t('hub.joining') : t('hub.joinButton')}
          </button>
        </form>
      )}
    </section>
  );
}
