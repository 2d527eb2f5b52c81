import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';

/** Where the desktop app takes its updates from: the desk's own server, or nowhere (the default). */
export function UpdatesAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void api.invoke('updates.get', {}).then((r) => {
      if (r.ok) setUrl(r.value.url ?? '');
      else setError(r.error);
    });
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (url === null) return;
    const r = await api.invoke('updates.set', { url });
    if (!r.ok) return setError(r.error);
    setError(null);
    setUrl(r.value.url ?? '');
    show(r.value.url ? t('updates.savedOn', { url: r.value.url }) : t('updates.savedOff'));
  }

  const errors = fieldErrors(tr, error);
  return (
    <section className="panel" aria-labelledby="updates-h">
      <h2 id="updates-h">{t('updates.title')}</h2>
      <p className="muted">{t('updates.hint')}</p>
      {url !== null ? (
        <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="updates-h">
          <div className="grid grid--3">
            <Field label={t('updates.url')} hint={t('updates.urlHint')} error={errors['url']}>
              {(a) => (
                <input
                  {...a}
                  type="url"
                  dir="ltr"
                  placeholder="https://updates.example.org/switchboard"
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                />
              )}
            </Field>
          </div>
          <FormError text={errors['']} />
          <button type="submit" className="btn">
            {t('updates.save')} <Kbd keys="Enter" />
          </button>
        </form>
      ) : null}
    </section>
  );
}
