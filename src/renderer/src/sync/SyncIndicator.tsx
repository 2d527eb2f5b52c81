import { useEffect, type ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { useQueueNames } from './QueuePicker.tsx';
import { followSync, useSync } from './syncStore.ts';
import { refusalReason, syncFailure } from './syncWords.ts';

/**
 * The header's word on sync: in sync, changes waiting, the hub unreachable (work goes on and is
 * kept), catching up (with progress on a first sync), or refused (with the hub's reason).
 * Shown only on a workstation joined to a hub.
 */
const megabytes = (bytes: number, locale: string) =>
  (bytes / 2 ** 20).toLocaleString(locale, { maximumFractionDigits: 0 });

export function SyncIndicator(): ReactElement | null {
  const tr = useT();
  const status = useSync((s) => s.status);
  const load = useSync((s) => s.load);
  const names = useQueueNames();
  useEffect(() => {
    followSync();
    void load();
  }, [load]);
  if (!status?.joined) return null;
  const { state, waiting } = status;
  const why = status.errorCode ? syncFailure(tr, status.errorCode) : '';
  const text =
    state === 'in_sync' && waiting === 0
      ? tr.t('sync.inSync')
      : state === 'unreachable'
        ? tr.plural('sync.unreachable', waiting)
        : state === 'catching_up' && status.progress?.of === 'bytes'
          ? tr.t('sync.receivingDesk', {
              done: megabytes(status.progress.done, tr.formats),
              total: megabytes(status.progress.total ?? 0, tr.formats),
            })
          : state === 'catching_up'
            ? tr.t('sync.catchingUp', {
                done: (status.progress?.done ?? 0).toLocaleString(tr.formats),
              })
            : state === 'refused'
              ? tr.t('sync.refused', { reason: why })
              : tr.plural('sync.waiting', waiting);
  return (
    <span
      className={`sync sync--${state}`}
      role="status"
      data-testid="sync-status"
      data-state={state}
      title={status.errorCode ? why : (status.hub ?? '')}
    >
      <span className="sync__dot" aria-hidden="true" />
      {text}
      {status.scope ? (
        <span data-testid="field-desk">
          {' · '}
          {tr.t('sync.fieldDesk', { queues: tr.list(names(status.scope.queues)) })}
        </span>
      ) : null}
      {status.keysLow ? (
        <span className="sync__refused" data-testid="keys-low">
          {' · '}
          {tr.plural('sync.keysLow', status.keysLeft)}
        </span>
      ) : null}
      {status.refused ? (
        <span className="sync__refused" title={refusalReason(tr, status.refused.code)}>
          {' · '}
          {tr.plural('sync.refusedChanges', status.refused.count)}
        </span>
      ) : null}
      {state === 'catching_up' ? (
        <progress
          className="sync__progress"
          aria-label={tr.t('sync.progress')}
          {...(status.progress?.total
            ? { value: status.progress.done, max: status.progress.total }
            : {})}
        />
      ) : null}
    </span>
  );
}
