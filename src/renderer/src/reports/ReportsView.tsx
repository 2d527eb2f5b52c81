import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { localDate } from '../../../shared/business-time.ts';
import type { DeskReport } from '../../../shared/reports.ts';
import { api } from '../api/index.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { errorText, fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { QueueOptions } from '../ui/Options.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ReportSections } from './ReportSections.tsx';

const DAY = 86_400_000;
const isoDay = (y: number, m: number, d: number) =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The last twelve whole weeks and this one, to today, in the desk's days. */
function defaultPeriod(timeZone: string): { from: string; to: string } {
  const d = localDate(timeZone, Date.now());
  const to = isoDay(d.year, d.month, d.day);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (d.weekday - 1 + 12 * 7) * DAY)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}

/**
 * Supervisors' reports (F8): SLA compliance, the flow of work, the backlog, first-contact
 * resolution, time in tier, call-backs and load for a period, as charts with their tables a key
 * away (Alt+B), printable to PDF (Ctrl+P); and the desk's data taken out (ExportPanel).
 */
export function ReportsView(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const initial = useRef(defaultPeriod(desk.timeZone));
  const [from, setFrom] = useState(initial.current.from);
  const [to, setTo] = useState(initial.current.to);
  const [queueId, setQueueId] = useState('');
  const [report, setReport] = useState<DeskReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [tables, setTables] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async (period: { from: string; to: string; queueId: string }) => {
    setBusy(true);
    setError(null);
    const r = await api.invoke('reports.get', {
      from: period.from,
      to: period.to,
      queueId: period.queueId || null,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setReport(r.value);
  }, []);
  useEffect(() => {
    void load({ ...initial.current, queueId: '' });
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, SHORTCUTS.reportTables.keys)) {
        e.preventDefault();
        setTables((v) => !v);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void load({ from, to, queueId });
  }
  const errors = fieldErrors(tr, error);

  return (
    <div className="settings reports">
      <h1 ref={heading} tabIndex={-1} className="reports__title">
        {t('reports.title')}
      </h1>
      <form
        className="reports__period"
        onSubmit={submit}
        noValidate
        aria-label={t('reports.period')}
      >
        <Field label={t('reports.from')} error={errors['from']}>
          {(a) => (
            <input {...a} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field label={t('reports.to')} error={errors['to']}>
          {(a) => <input {...a} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field label={t('reports.queue')}>
          {(a) => (
            <select {...a} value={queueId} onChange={(e) => setQueueId(e.target.value)}>
              <option value="">{t('reports.allQueues')}</option>
              <QueueOptions queues={desk.queues} all />
            </select>
          )}
        </Field>
        <div className="actions actions--inline reports__actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('reports.show')} <Kbd keys="Enter" />
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={tables}
            onClick={() => setTables((v) => !v)}
          >
            {t(tables ? 'reports.charts' : 'reports.tables')}{' '}
            <Kbd keys={SHORTCUTS.reportTables.keys} />
          </button>
          <button type="button" className="btn" onClick={() => window.print()} disabled={!report}>
            {t('reports.print')} <Kbd keys={SHORTCUTS.reportPrint.keys} />
          </button>
          {busy ? (
            <p className="import__progress" role="status">
              {t('reports.loading')} <progress aria-label={t('reports.loading')} />
            </p>
          ) : null}
        </div>
        <FormError text={error && error.issues.length === 0 ? errorText(tr, error) : errors['']} />
      </form>
      {report ? <ReportSections report={report} tables={tables} /> : null}
      <div className="reports__export">
        <ExportPanel />
      </div>
    </div>
  );
}
