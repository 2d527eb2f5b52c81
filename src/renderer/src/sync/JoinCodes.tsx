import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { JoinCodeInfo, NewJoinCode } from '../../../shared/sync.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { QueuePicker, useQueueNames } from './QueuePicker.tsx';
import { when } from '../ticket/history.ts';

const HOURS = [1, 8, 24, 72, 168] as const;

/**
 * The admin's one-time codes for new workstations of this desk: made here, shown once (the hub
 * keeps only a hash), listed with what became of each, revocable while unused.
 */
export function JoinCodes(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const [codes, setCodes] = useState<JoinCodeInfo[] | null>(null);
  const [fresh, setFresh] = useState<NewJoinCode | null>(null);
  const [hours, setHours] = useState<number>(24);
  /** Null: a workstation of the whole desk; else the field desk's queues. */
  const [field, setField] = useState<string[] | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const names = useQueueNames();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const shown = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    const r = await api.invoke('sync.joinCodes', {});
    if (r.ok) setCodes(r.value.codes);
    else setError(r.error);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => shown.current?.focus(), [fresh]);

  async function make() {
    setPickError(field && field.length === 0 ? t('hub.pickQueue') : null);
    if (field && field.length === 0) return;
    setBusy(true);
    const r = await api.invoke('sync.createJoinCode', {
      hours,
      ...(field ? { queues: field } : {}),
    });
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (!r.ok) return;
    setCopied(false);
    setFresh(r.value);
    await load();
  }
  async function revoke(id: string) {
    const r = await api.invoke('sync.revokeJoinCode', { id });
    setError(r.ok ? null : r.error);
    if (r.ok) setCodes(r.value.codes);
    if (r.ok && fresh?.id === id) setFresh(null);
  }
  const at = (iso: string) => when(tr, Date.parse(iso));
  const stateOf = (c: JoinCodeInfo) =>
    c.usedAt
      ? t('hub.codeUsed', { name: c.usedBy ?? '' })
      : c.revokedAt
        ? t('hub.codeRevoked')
        : Date.parse(c.expiresAt) <= Date.now()
          ? t('hub.codeExpired')
          : t('hub.codeOpen');
  const errors = error ? formErrors(tr, error) : {};

  return (
    <section aria-labelledby="join-codes-h" data-testid="join-codes">
      <h2 id="join-codes-h">{t('hub.codes')}</h2>
      <p className="muted">{t('hub.codesHint')}</p>
      <div className="join-code-make">
        <fieldset className="join-code-for">
          <legend>{t('hub.codeFor')}</legend>
          <label>
            <input
              type="radio"
              name="code-for"
              checked={field === null}
              onChange={() => setField(null)}
            />{' '}
            {t('hub.forDesk')}
          </label>
          <label>
            <input
              type="radio"
              name="code-for"
              checked={field !== null}
              onChange={() => setField([])}
            />{' '}
            {t('hub.forField')}
          </label>
          {field !== null ? (
            <QueuePicker
              legend={t('hub.scopeQueues')}
              value={field}
              onChange={setField}
              error={
                pickError ??
                Object.entries(errors).find(([k]) => k.startsWith('queues'))?.[1] ??
                undefined
              }
            />
          ) : null}
        </fieldset>
        <label>
          {t('hub.codeValidFor')}{' '}
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {tr.plural('hub.hours', h)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={busy} onClick={() => void make()}>
          {t('hub.makeCode')}
        </button>
      </div>
      <FormError text={errors[''] ?? errors['hours'] ?? errors['id']} />
      {fresh ? (
        <div className="join-code-shown" role="status">
          <p>{t('hub.codeOnce', { until: at(fresh.expiresAt) })}</p>
          <code
            className="join-code"
            dir="ltr"
            tabIndex={-1}
            ref={shown}
            data-testid="new-join-code"
          >
            {fresh.code}
          </code>{' '}
          <button
            type="button"
            className="btn btn--small"
            onClick={() =>
              void navigator.clipboard?.writeText(fresh.code).then(() => setCopied(true))
            }
          >
            {copied ? t('hub.copied') : t('hub.copy')}
          </button>
        </div>
      ) : null}
      {codes && codes.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('hub.codeMade')}</th>
              <th scope="col">{t('hub.codeUntil')}</th>
              <th scope="col">{t('hub.codeFor')}</th>
              <th scope="col">{t('hub.codeState')}</th>
              <th scope="col">
                <span className="sr-only">{t('hub.codeActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {codes.map((c) => (
              <tr key={c.id}>
                <td>{at(c.createdAt)}</td>
                <td>{at(c.expiresAt)}</td>
                <td>{c.scope ? tr.list(names(c.scope.queues)) : t('hub.wholeDesk')}</td>
                <td>{stateOf(c)}</td>
                <td>
                  {!c.usedAt && !c.revokedAt && Date.parse(c.expiresAt) > Date.now() ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => void revoke(c.id)}
                    >
                      {t('hub.revoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : codes ? (
        <p className="muted">{t('hub.noCodes')}</p>
      ) : null}
    </section>
  );
}
