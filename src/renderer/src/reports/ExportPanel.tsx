import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError, Result } from '../../../shared/errors.ts';
import type { EventPayloads } from '../../../shared/events.ts';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  EXPORT_STATES,
  type ExportFormat,
  type ExportKind,
  type ExportPiece,
  type ExportState,
} from '../../../shared/exports.ts';
import { zonedTime } from '../../../shared/business-time.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { QueueOptions } from '../ui/Options.tsx';
import { priorityLabel } from '../ui/priorityLabel.ts';
import { useToasts } from '../ui/toastStore.ts';

interface Progress {
  phase: 'writing' | 'fetching';
  done: number;
  total: number;
}

/**
 * A date input's day as the instant the desk's day starts, in the desk calendar's time zone (the
 * one its exports write times in), whatever zone this workstation is set to; the end day counts
 * whole.
 */
function dayStart(day: string, timeZone: string, plusDays = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  // setUTCFullYear, not Date.UTC: years 0–99 are years, not 1900–1999.
  const next = new Date(0);
  next.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return zonedTime(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0);
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Hands the file to the browser (or Electron's save dialog) as a download. */
function download(parts: Uint8Array<ArrayBuffer>[], fileName: string, format: ExportFormat): void {
  const type =
    format === 'csv'
      ? 'text/csv;charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Supervisors take the desk's data out: tickets (fields, times, SLA outcome, tiers), the
 * communication log or the callers, as CSV (opens in Excel with every script intact) or XLSX, for
 * a period and filters. The desk writes the file with its progress shown, then it is fetched in
 * pieces and saved.
 */
export function ExportPanel(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const show = useToasts((s) => s.show);
  const [kind, setKind] = useState<ExportKind>('tickets');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [queueId, setQueueId] = useState('');
  const [priority, setPriority] = useState('');
  const [state, setState] = useState<ExportState>('all');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const exportId = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('exports.progress', (p) => {
        const e = p as EventPayloads['exports.progress'];
        setProgress((cur) =>
          cur?.phase === 'writing' ? { phase: 'writing', done: e.done, total: e.total } : cur,
        );
      }),
    [],
  );

  async function run(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setProgress({ phase: 'writing', done: 0, total: 0 });
    const started = await api.invoke('exports.start', {
      kind,
      format,
      from: kind === 'callers' ? null : dayStart(from, desk.timeZone),
      to: kind === 'callers' ? null : dayStart(to, desk.timeZone, 1),
      queueId: kind === 'callers' || !queueId ? null : queueId,
      priority: kind === 'callers' || !priority ? null : (Number(priority) as 1 | 2 | 3 | 4),
      state: kind === 'callers' ? 'all' : state,
    });
    if (!started.ok) {
      setProgress(null);
      return setError(started.error);
    }
    const ready = started.value;
    exportId.current = ready.exportId;
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      setProgress({ phase: 'fetching', done: offset, total: ready.bytes });
      const piece: Result<ExportPiece> = await api.invoke('exports.read', {
        exportId: ready.exportId,
        offset,
      });
      if (!piece.ok) {
        setProgress(null);
        return setError(piece.error);
      }
      parts.push(bytesOf(piece.value.data));
      offset = piece.value.next;
    }
    void api.invoke('exports.discard', { exportId: ready.exportId });
    exportId.current = null;
    setProgress(null);
    download(parts, ready.fileName, format);
    show(t('exports.done', { rows: ready.rows, file: ready.fileName }));
  }

  const errors = fieldErrors(tr, error);
  const filtered = kind !== 'callers';
  return (
    <section className="panel" aria-labelledby="exports-h">
      <h2 id="exports-h">{t('exports.title')}</h2>
      <p className="muted">{t('exports.hint')}</p>
      <form onSubmit={(e) => void run(e)} noValidate aria-labelledby="exports-h">
        <div className="grid grid--4">
          <Field label={t('exports.kind')}>
            {(a) => (
              <select {...a} value={kind} onChange={(e) => setKind(e.target.value as ExportKind)}>
                {EXPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`exports.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="rules">
            <legend>{t('exports.format')}</legend>
            {EXPORT_FORMATS.map((f) => (
              <label key={f} className="field--check">
                <input
                  type="radio"
                  name="export-format"
                  checked={format === f}
                  onChange={() => setFormat(f)}
                />{' '}
                {t(`exports.format.${f}`)}
              </label>
            ))}
          </fieldset>
        </div>
        {filtered ? (
          <div className="grid grid--4">
            <Field label={t('exports.from')} hint={t('exports.fromHint')}>
              {(a) => (
                <input {...a} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              )}
            </Field>
            <Field label={t('exports.to')} error={errors['to']}>
              {(a) => (
                <input {...a} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
              )}
            </Field>
            <Field label={t('exports.queue')}>
              {(a) => (
                <select {...a} value={queueId} onChange={(e) => setQueueId(e.target.value)}>
                  <option value="">{t('exports.any')}</option>
                  <QueueOptions queues={desk.queues} all />
                </select>
              )}
            </Field>
            <Field label={t('exports.priority')}>
              {(a) => (
                <select {...a} value={priority} onChange={(e) => setPriority(e.target.value)}>
                  <option value="">{t('exports.any')}</option>
                  {desk.policy.body.priorities.map((p, i) => (
                    <option key={i} value={i + 1}>
                      {t('priority.short', { n: i + 1 })} · {priorityLabel(tr, i + 1, p.label)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('exports.state')}>
              {(a) => (
                <select
                  {...a}
                  value={state}
                  onChange={(e) => setState(e.target.value as ExportState)}
                >
                  {EXPORT_STATES.map((s) => (
                    <option key={s} value={s}>
                      {t(`exports.state.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : null}
        <FormError text={errors['']} />
        <div className="actions actions--inline">
          <button type="submit" className="btn btn--primary" disabled={progress !== null}>
            {t('exports.run')} <Kbd keys="Enter" />
          </button>
          {progress ? (
            <p className="import__progress" role="status">
              {t(`exports.phase.${progress.phase}`)}{' '}
              <progress
                aria-label={t(`exports.phase.${progress.phase}`)}
                {...(progress.total ? { value: progress.done, max: progress.total } : {})}
              />
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
