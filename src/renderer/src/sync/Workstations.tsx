import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { WorkstationInfo } from '../../../shared/sync.ts';
import type { WorkstationList } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { ageText } from '../ui/timeText.ts';
import { QueuePicker, useQueueNames } from './QueuePicker.tsx';
import { when } from '../ticket/history.ts';

/**
 * The desk's enrolled workstations as the hub knows them: last contact, changes waiting, release.
 * Revoking one (a lost laptop) is one step, confirmed: the hub stops it at its next call and
 * refuses its changes from then on. This workstation cannot revoke itself.
 */
export function Workstations(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const [list, setList] = useState<WorkstationList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [asking, setAsking] = useState<WorkstationInfo | null>(null);
  /** A field desk whose queues are being changed, and the queues picked so far. */
  const [scoping, setScoping] = useState<{ ws: WorkstationInfo; queues: string[] } | null>(null);
  const names = useQueueNames();
  const confirm = useRef<HTMLButtonElement>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());

  const load = useCallback(async () => {
    const r = await api.invoke('sync.workstations', {});
    if (r.ok) setList(r.value);
    setError(r.ok ? null : r.error);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);

  async function revoke(w: WorkstationInfo) {
    const r = await api.invoke('sync.revokeWorkstation', { id: w.id });
    setError(r.ok ? null : r.error);
    setAsking(null);
    if (r.ok) setList(r.value);
  }
  async function saveScope() {
    if (!scoping || scoping.queues.length === 0) return;
    const r = await api.invoke('sync.setScope', { id: scoping.ws.id, queues: scoping.queues });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setList(r.value);
      setScoping(null);
    }
  }
  function cancel(w: WorkstationInfo) {
    setAsking(null);
    revokeButtons.current.get(w.id)?.focus();
  }
  const now = Date.now();
  const contact = (w: WorkstationInfo) => {
    if (!w.lastSeen) return t('hub.neverSeen');
    const ago = now - Date.parse(w.lastSeen);
    return ago < 60_000 ? t('hub.seenNow') : t('hub.seenAgo', { t: ageText(tr, ago) });
  };
  const errors = error ? formErrors(tr, error) : {};

  return (
    <section aria-labelledby="workstations-h" data-testid="workstations">
      <h2 id="workstations-h">{t('hub.workstations')}</h2>
      <p className="muted">{t('hub.workstationsHint')}</p>
      <FormError text={errors[''] ?? errors['id']} />
      {asking ? (
        <div className="banner" role="alertdialog" aria-labelledby="revoke-ask">
          <p id="revoke-ask">{t('hub.revokeAsk', { name: asking.name })}</p>
          <button
            type="button"
            className="btn btn--danger"
            ref={confirm}
            onClick={() => void revoke(asking)}
          >
            {t('hub.revokeConfirm')}
          </button>{' '}
          <button type="button" className="btn" onClick={() => cancel(asking)}>
            {t('hub.cancel')}
          </button>
        </div>
      ) : null}
      {scoping ? (
        <form
          className="banner"
          aria-labelledby="scope-ask"
          onSubmit={(e) => {
            e.preventDefault();
            void saveScope();
          }}
        >
          <p id="scope-ask">{t('hub.changeQueuesOf', { name: scoping.ws.name })}</p>
          <QueuePicker
            legend={t('hub.scopeQueues')}
            value={scoping.queues}
            onChange={(queues) => setScoping({ ...scoping, queues })}
            error={scoping.queues.length === 0 ? t('hub.pickQueue') : undefined}
          />
          <button type="submit" className="btn" disabled={scoping.queues.length === 0}>
            {t('hub.saveQueues')}
          </button>{' '}
          <button type="button" className="btn" onClick={() => setScoping(null)}>
            {t('hub.cancel')}
          </button>
        </form>
      ) : null}
      {list ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('hub.wsName')}</th>
              <th scope="col">{t('hub.wsNumber')}</th>
              <th scope="col">{t('hub.wsScope')}</th>
              <th scope="col">{t('hub.wsContact')}</th>
              <th scope="col">{t('hub.wsWaiting')}</th>
              <th scope="col">{t('hub.wsRelease')}</th>
              <th scope="col">
                <span className="sr-only">{t('hub.codeActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.workstations.map((w) => (
              <tr key={w.id} data-testid="workstation-row">
                <td>
                  <bdi>{w.name}</bdi>
                  {w.id === list.self ? <span className="muted"> · {t('hub.thisOne')}</span> : null}
                </td>
                <td>{w.number}</td>
                <td data-testid="workstation-scope">
                  {w.scope ? tr.list(names(w.scope.queues)) : t('hub.wholeDesk')}
                  {w.scope && !w.revokedAt ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="btn btn--small btn--ghost"
                        aria-label={t('hub.changeQueuesOf', { name: w.name })}
                        onClick={() => setScoping({ ws: w, queues: w.scope!.queues })}
                      >
                        {t('hub.changeQueues')}
                      </button>
                    </>
                  ) : null}
                </td>
                <td>
                  {w.revokedAt
                    ? t('hub.wsRevoked', { at: when(tr, Date.parse(w.revokedAt)) })
                    : contact(w)}
                </td>
                <td>{w.waiting === null ? '—' : w.waiting.toLocaleString(tr.formats)}</td>
                <td>
                  <bdi>{w.release ?? '—'}</bdi>
                </td>
                <td>
                  {w.revokedAt || w.id === list.self ? null : (
                    <button
                      type="button"
                      className="btn btn--small"
                      ref={(b) => {
                        if (b) revokeButtons.current.set(w.id, b);
                        else revokeButtons.current.delete(w.id);
                      }}
                      aria-label={t('hub.revokeWs', { name: w.name })}
                      onClick={() => setAsking(w)}
                    >
                      {t('hub.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
