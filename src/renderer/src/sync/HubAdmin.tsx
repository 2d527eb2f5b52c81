import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { SyncStatus } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { JoinCodes } from './JoinCodes.tsx';
import { Workstations } from './Workstations.tsx';
import { followSync, useSync } from './syncStore.ts';
import { refusalReason } from './syncWords.ts';

/**
 * Joining this workstation's desk to a hub with the one-time code made there (`npm run hub --
 * join-code --desk LON`): in the desk admin, and on a new workstation's first screen.
 */
export function JoinHubForm({
  onJoined,
  headingLevel = 2,
}: {
  onJoined(status: SyncStatus): void;
  headingLevel?: 1 | 2;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const [value, setValue] = useState({ url: '', code: '', name: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function join(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await api.invoke('sync.join', value);
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) onJoined(r.value);
  }
  const errors = error ? formErrors(tr, error) : {};
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <form aria-labelledby="hub-join-h" onSubmit={(e) => void join(e)} noValidate>
      <Heading id="hub-join-h">{t('hub.join')}</Heading>
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
  );
}

/** The desk admin's hub section: join, or which hub this desk syncs with and how it stands. */
export function HubAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const status = useSync((s) => s.status);
  const load = useSync((s) => s.load);
  useEffect(() => {
    followSync();
    void load();
  }, [load]);
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
          <dd data-testid="hub-waiting">{status.waiting.toLocaleString(tr.formats)}</dd>
          <dt>{t('hub.held')}</dt>
          <dd>{status.held.toLocaleString(tr.formats)}</dd>
          <dt>{t('hub.keys')}</dt>
          <dd>{status.keysLeft.toLocaleString(tr.formats)}</dd>
        </dl>
      ) : (
        <JoinHubForm onJoined={(s) => useSync.getState().set(s)} />
      )}
      {status?.refused ? (
        <p className="banner" role="alert" data-testid="hub-refused">
          {tr.plural('hub.refused', status.refused.count, {
            reason: refusalReason(tr, status.refused.code),
          })}
        </p>
      ) : null}
      {status?.joined ? <Workstations /> : null}
      {status?.joined ? <JoinCodes /> : null}
    </section>
  );
}
