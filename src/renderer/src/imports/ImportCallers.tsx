import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { EventPayloads } from '../../../shared/events.ts';
import {
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_PIECE_BYTES,
  type DuplicateChoice,
  type ImportEncoding,
  type ImportMapping,
  type ImportPreview,
  type ImportReport,
} from '../../../shared/imports.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { fieldErrors, issueText } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';

type Phase = EventPayloads['imports.progress']['phase'] | 'sending';
interface Progress {
  phase: Phase;
  done: number;
  total: number;
}

/** Rows of a report listed on screen; the counts above them are whole. */
const LISTED = 100;
const SAMPLE_SHOWN = 5;
const ACCEPT =
  '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A piece of the file as base64, the way the contract carries it. */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The admin's import of callers, their accounts and equipment: choose a file (it is sent to the
 * desk in pieces, with progress), see it read (encoding or worksheet, the first rows), say which
 * column fills which field (guessed from the headers), check it (a dry run: every row it would
 * refuse and why, every caller the desk already has), then import: all of it, or nothing.
 */
export function ImportCallers(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('merge');
  const [leaveOut, setLeaveOut] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const checkRef = useRef<HTMLButtonElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const importId = preview?.importId ?? null;
  // Where the focus goes once the screen shows what was asked (after the render, not before).
  const [focus, setFocus] = useState<{ on: 'check' | 'run' } | null>(null);
  useEffect(() => {
    if (focus?.on === 'check') checkRef.current?.focus();
    if (focus?.on === 'run') runRef.current?.focus();
  }, [focus]);
  // The import being sent or read: its progress counts before its preview is here.
  const active = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('imports.progress', (p) => {
        const e = p as EventPayloads['imports.progress'];
        if (e.importId === active.current)
          // Only while a call of ours is under way: an event can arrive after its answer (it
          // travels on the push channel), and must not bring back a bar that is done.
          setProgress((cur) => (cur ? { phase: e.phase, done: e.done, total: e.total } : cur));
      }),
    [],
  );

  function reset() {
    // A late event of the import just done or cancelled moves no bar.
    active.current = null;
    setPreview(null);
    setReport(null);
    setProgress(null);
    setMapping({});
    setLeaveOut(false);
    if (fileRef.current) fileRef.current.value = '';
  }

  async function send(file: File) {
    reset();
    setError(null);
    setProgress({ phase: 'sending', done: 0, total: file.size });
    const begun = await api.invoke('imports.begin', { fileName: file.name, bytes: file.size });
    if (!begun.ok) {
      setProgress(null);
      return setError(begun.error);
    }
    const { importId: id } = begun.value;
    active.current = id;
    const bytes = new Uint8Array(await file.arrayBuffer());
    for (let offset = 0; offset < bytes.length; offset += IMPORT_PIECE_BYTES) {
      const piece = bytes.subarray(offset, offset + IMPORT_PIECE_BYTES);
      const r = await api.invoke('imports.append', { importId: id, offset, data: base64(piece) });
      if (!r.ok) {
        setProgress(null);
        return setError(r.error);
      }
      setProgress({ phase: 'sending', done: r.value.received, total: bytes.length });
    }
    await read(id, null, null);
  }

  async function read(id: string, encoding: ImportEncoding | null, sheet: string | null) {
    setReport(null);
    setProgress({ phase: 'reading', done: 0, total: 0 });
    const r = await api.invoke('imports.preview', { importId: id, encoding, sheet });
    setProgress(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPreview(r.value);
    setMapping(r.value.mapping);
    // The next thing to look at: the mapping's first control, then the check.
    setFocus({ on: 'check' });
  }

  const planInput = (p: ImportPreview) => ({
    importId: p.importId,
    encoding: p.encoding,
    sheet: p.sheet,
    mapping,
    duplicates,
    leaveOutRejected: leaveOut,
  });

  async function check(e: FormEvent) {
    e.preventDefault();
    if (!preview) return;
    setProgress({ phase: 'checking', done: 0, total: preview.rows });
    const r = await api.invoke('imports.check', planInput(preview));
    setProgress(null);
    if (!r.ok) {
      setReport(null);
      return setError(r.error);
    }
    setError(null);
    setReport(r.value);
    setFocus({ on: 'run' });
  }

  async function run() {
    if (!preview) return;
    setProgress({ phase: 'checking', done: 0, total: preview.rows });
    const r = await api.invoke('imports.run', planInput(preview));
    setProgress(null);
    if (!r.ok) return setError(r.error);
    show(t('imports.done', { created: r.value.created, merged: r.value.merged }));
    reset();
    setReport(r.value);
    setError(null);
    fileRef.current?.focus();
  }

  async function cancel() {
    if (importId) await api.invoke('imports.cancel', { importId });
    reset();
    setError(null);
    show(t('imports.cancelled'));
    fileRef.current?.focus();
  }

  // A change to how the file is read or written makes the last check stale.
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setReport((r) => (r?.written ? r : null));
    };
  const setField = changed((m: ImportMapping) => setMapping(m));
  const errors = fieldErrors(tr, error);
  const busy = progress !== null;
  const columnName = (i: number) => preview?.columns[i] || t('imports.column', { n: i + 1 });
  const canRun =
    !!preview && !!report && !report.written && (report.rejected === 0 || leaveOut) && !busy;

  return (
    <section className="panel" aria-labelledby="imports-h">
      <h2 id="imports-h">{t('imports.title')}</h2>
      <p className="muted">{t('imports.hint')}</p>
      <div className="grid grid--3">
        <Field label={t('imports.file')} error={preview ? undefined : errors['']}>
          {(a) => (
            <input
              {...a}
              ref={fileRef}
              type="file"
              accept={ACCEPT}
              disabled={busy}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void send(f);
              }}
            />
          )}
        </Field>
      </div>
      {progress ? (
        <p className="import__progress" role="status">
          {t(`imports.phase.${progress.phase}`)}{' '}
          <progress
            aria-label={t(`imports.phase.${progress.phase}`)}
            {...(progress.total ? { value: progress.done, max: progress.total } : {})}
          />
        </p>
      ) : null}
      {preview ? (
        <form aria-labelledby="imports-map-h" onSubmit={(e) => void check(e)} noValidate>
          <p className="muted" data-testid="import-file">
            <bdi>{t('imports.rows', { file: preview.fileName, rows: preview.rows })}</bdi>
          </p>
          <div className="grid grid--3">
            {preview.format === 'csv' ? (
              <Field label={t('imports.encoding')}>
                {(a) => (
                  <select
                    {...a}
                    value={preview.encoding ?? ''}
                    disabled={busy}
                    onChange={(e) =>
                      void read(preview.importId, e.target.value as ImportEncoding, null)
                    }
                  >
                    {IMPORT_ENCODINGS.map((enc) => (
                      <option key={enc} value={enc}>
                        {enc === preview.detectedEncoding
                          ? t('imports.encodingFound', { encoding: enc })
                          : enc}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Field label={t('imports.sheet')}>
                {(a) => (
                  <select
                    {...a}
                    value={preview.sheet ?? ''}
                    disabled={busy}
                    onChange={(e) => void read(preview.importId, null, e.target.value)}
                  >
                    {preview.sheets.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
          <h3>{t('imports.sample')}</h3>
          <div className="import__sample">
            <table className="table" data-testid="import-sample">
              <thead>
                <tr>
                  {preview.columns.map((_, i) => (
                    <th key={i} scope="col">
                      <bdi>{columnName(i)}</bdi>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.slice(0, SAMPLE_SHOWN).map((row, r) => (
                  <tr key={r}>
                    {preview.columns.map((_, i) => (
                      <td key={i}>
                        <bdi>{row[i] ?? ''}</bdi>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 id="imports-map-h">{t('imports.mapping')}</h3>
          <div className="grid grid--4">
            {IMPORT_FIELDS.map((field) => (
              <Field
                key={field}
                label={t(`imports.field.${field}`)}
                error={errors[`mapping.${field}`]}
              >
                {(a) => (
                  <select
                    {...a}
                    value={mapping[field] ?? ''}
                    onChange={(e) => {
                      const next = { ...mapping };
                      if (e.target.value === '') delete next[field];
                      else next[field] = Number(e.target.value);
                      setField(next);
                    }}
                  >
                    <option value="">{t('imports.notImported')}</option>
                    {preview.columns.map((_, i) => (
                      <option key={i} value={i}>
                        {columnName(i)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
          <fieldset className="rules">
            <legend>{t('imports.duplicates')}</legend>
            {(['merge', 'skip'] as const).map((d) => (
              <label key={d} className="field--check">
                <input
                  type="radio"
                  name="import-duplicates"
                  checked={duplicates === d}
                  onChange={() => changed(setDuplicates)(d)}
                />{' '}
                {t(`imports.${d}`)}
              </label>
            ))}
          </fieldset>
          <FormError text={errors['']} />
          <div className="actions actions--inline">
            <button ref={checkRef} type="submit" className="btn btn--primary" disabled={busy}>
              {t('imports.check')} <Kbd keys="Enter" />
            </button>{' '}
            <button
              type="button"
              className="btn"
              disabled={progress?.phase === 'writing'}
              onClick={() => void cancel()}
            >
              {t('imports.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {report ? <ImportReportView report={report} /> : null}
      {preview && report && !report.written ? (
        <div className="actions actions--inline">
          {report.rejected > 0 ? (
            <label className="field--check">
              <input
                type="checkbox"
                checked={leaveOut}
                onChange={(e) => setLeaveOut(e.target.checked)}
              />{' '}
              {t('imports.leaveOut')}
            </label>
          ) : null}{' '}
          <button
            ref={runRef}
            type="button"
            className="btn btn--primary"
            disabled={!canRun}
            onClick={() => void run()}
          >
            {t('imports.run')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** The counts, then the rows refused and the callers already on the desk, one by one. */
function ImportReportView({ report }: { report: ImportReport }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const counts = [
    'created',
    'merged',
    'skipped',
    'rejected',
    'newAccounts',
    'newAssets',
    'blank',
  ] as const;
  const more = (shown: number, all: number) =>
    all > shown ? <p className="muted">{t('imports.more', { n: all - shown })}</p> : null;
  const rejections = report.rejections.slice(0, LISTED);
  const duplicates = report.duplicates.slice(0, LISTED);
  return (
    <div data-testid="import-report" aria-labelledby="imports-report-h" role="region">
      <h3 id="imports-report-h">
        {t(report.written ? 'imports.doneTitle' : 'imports.reportTitle')}
      </h3>
      <dl className="import__counts">
        {counts.map((k) => (
          <div
            key={k}
            className={k === 'rejected' && report.rejected ? 'import__count--bad' : undefined}
          >
            <dt>{t(`imports.report.${k}`)}</dt>
            <dd data-testid={`import-${k}`}>{report[k].toLocaleString(tr.formats)}</dd>
          </div>
        ))}
      </dl>
      {rejections.length ? (
        <>
          <h4>{t('imports.rejections')}</h4>
          <table className="table" data-testid="import-rejections">
            <thead>
              <tr>
                <th scope="col">{t('imports.row')}</th>
                <th scope="col">{t('imports.fieldHeader')}</th>
                <th scope="col">{t('imports.value')}</th>
                <th scope="col">{t('imports.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((r, i) => (
                <tr key={i}>
                  <td>{r.row.toLocaleString(tr.formats)}</td>
                  <td>{r.field ? t(`imports.field.${r.field}`) : ''}</td>
                  <td>
                    <bdi>{r.value}</bdi>
                  </td>
                  <td>{issueText(tr, r.rule, r.rule, r.limit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more(rejections.length, report.rejected)}
        </>
      ) : null}
      {duplicates.length ? (
        <>
          <h4>{t('imports.existingTitle')}</h4>
          <table className="table" data-testid="import-duplicates">
            <thead>
              <tr>
                <th scope="col">{t('imports.row')}</th>
                <th scope="col">{t('imports.field.name')}</th>
                <th scope="col">{t('imports.existing')}</th>
                <th scope="col">{t('imports.by')}</th>
              </tr>
            </thead>
            <tbody>
              {duplicates.map((d) => (
                <tr key={d.row}>
                  <td>{d.row.toLocaleString(tr.formats)}</td>
                  <td>
                    <bdi>{d.name}</bdi>
                  </td>
                  <td>
                    <bdi>{d.existing.name}</bdi>{' '}
                    <bdi className="muted" dir="ltr">
                      {d.existing.phone || d.existing.email}
                    </bdi>
                  </td>
                  <td>{t(`imports.by.${d.by}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more(duplicates.length, report.duplicateCount)}
        </>
      ) : null}
    </div>
  );
}
