import { useCallback, useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { BackupList } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';
import { errorText, fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';

/** A command, the same in every language. */
const RESTORE_COMMAND = 'npm run restore -- --data DIR --from FILE';

const megabytes = (bytes: number, locale: string) =>
  (bytes / 2 ** 20).toLocaleString(locale, { maximumFractionDigits: 1 });

/**
 * The desk admin's backups of this workstation's store: the list (newest first, each checked
 * whole when it was taken), "Back up now" with its progress, and the schedule and rotation. A
 * restore is done with the desk stopped (`npm run restore`), so the panel says the command.
 */
export function BackupsAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [list, setList] = useState<BackupList | null>(null);
  const [running, setRunning] = useState<BackupList['running']>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [schedule, setSchedule] = useState<BackupList['schedule'] | null>(null);

  const load = useCallback(async () => {
    const r = await api.invoke('backups.list', {});
    if (!r.ok) return setError(r.error);
    setList(r.value);
    setRunning(r.value.running);
    setSchedule((s) => s ?? r.value.schedule);
  }, []);
  useEffect(() => {
    void load();
    return api.on('backups.changed', (p) => {
      const next = (p as { running: BackupList['running'] }).running;
      setRunning(next);
      if (!next) void load();
    });
  }, [load]);

  async function backUpNow() {
    setRunning({ done: 0, total: 0 });
    const r = await api.invoke('backups.run', {});
    if (r.ok) {
      setError(null);
      show(t('backups.done', { file: r.value.file }));
    } else {
      setError(r.error);
      show(errorText(tr, r.error), 'error');
    }
    void load();
  }

  async function saveSchedule(e: FormEvent) {
    e.preventDefault();
    if (!schedule) return;
    const r = await api.invoke('backups.schedule', schedule);
    if (!r.ok) return setError(r.error);
    setError(null);
    setList(r.value);
    setSchedule(r.value.schedule);
    show(t('backups.scheduleSaved'));
  }

  const errors = fieldErrors(tr, error);
  const number = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return (
    <section className="panel" aria-labelledby="backups-h">
      <h2 id="backups-h">{t('backups.title')}</h2>
      <p className="muted">{t('backups.hint')}</p>
      <div className="actions actions--inline">
        <button
          type="button"
          className="btn btn--primary"
          disabled={!!running}
          onClick={() => void backUpNow()}
        >
          {t('backups.now')}
        </button>{' '}
        {running ? (
          <progress
            aria-label={t('backups.progress')}
            {...(running.total ? { value: running.done, max: running.total } : {})}
          />
        ) : null}
      </div>
      {list?.lastError ? (
        <p className="form-error" role="alert">
          {t('backups.lastFailed')}
        </p>
      ) : null}
      <FormError text={errors['']} />
      {list ? (
        <>
          <p className="muted">
            {list.nextAt
              ? t('backups.next', { when: when(tr, list.nextAt) })
              : t('backups.unscheduled')}{' '}
            <bdi dir="ltr">{list.folder}</bdi>
          </p>
          {list.backups.length === 0 ? (
            <p className="muted">{t('backups.none')}</p>
          ) : (
            <table className="table" data-testid="backup-list">
              <thead>
                <tr>
                  <th scope="col">{t('backups.taken')}</th>
                  <th scope="col">{t('backups.size')}</th>
                  <th scope="col">{t('backups.file')}</th>
                </tr>
              </thead>
              <tbody>
                {list.backups.map((b) => (
                  <tr key={b.file}>
                    <td>{when(tr, b.at)}</td>
                    <td>{t('backups.megabytes', { mb: megabytes(b.bytes, tr.formats) })}</td>
                    <td>
                      <bdi dir="ltr">{b.file}</bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            {t('backups.restoreHint')} <code dir="ltr">{RESTORE_COMMAND}</code>
          </p>
        </>
      ) : null}
      {schedule ? (
        <form
          aria-labelledby="backups-schedule-h"
          onSubmit={(e) => void saveSchedule(e)}
          noValidate
        >
          <h3 id="backups-schedule-h">{t('backups.schedule')}</h3>
          <div className="grid grid--3">
            <Field
              label={t('backups.every')}
              hint={t('backups.everyHint')}
              error={errors['everyMinutes']}
            >
              {(a) => (
                <input
                  {...a}
                  type="number"
                  min={0}
                  max={1440}
                  value={Number.isNaN(schedule.everyMinutes) ? '' : schedule.everyMinutes}
                  onChange={(e) =>
                    setSchedule({ ...schedule, everyMinutes: number(e.target.value) })
                  }
                />
              )}
            </Field>
            {(['recent', 'days', 'weeks'] as const).map((k) => (
              <Field key={k} label={t(`backups.keep.${k}`)} error={errors[`rotation.${k}`]}>
                {(a) => (
                  <input
                    {...a}
                    type="number"
                    min={0}
                    value={Number.isNaN(schedule.rotation[k]) ? '' : schedule.rotation[k]}
                    onChange={(e) =>
                      setSchedule({
                        ...schedule,
                        rotation: { ...schedule.rotation, [k]: number(e.target.value) },
                      })
                    }
                  />
                )}
              </Field>
            ))}
          </div>
          <button type="submit" className="btn">
            {t('backups.saveSchedule')} <Kbd keys="Enter" />
          </button>
        </form>
      ) : null}
    </section>
  );
}
