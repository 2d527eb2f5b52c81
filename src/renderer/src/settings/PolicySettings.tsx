import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { EscalationRulesFields } from './EscalationRulesFields.tsx';
import { WallboardThresholdsFields } from './WallboardThresholdsFields.tsx';
import { ScriptEditor } from './ScriptEditor.tsx';
import type { ApiError } from '../../../shared/errors.ts';
import { retryAfterMin, type PolicyBody } from '../../../shared/policy.ts';
import type { CalendarView, PolicyView } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { errorText, fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { priorityLabel } from '../ui/priorityLabel.ts';
import { DurationInput, unreadDurations } from '../ui/DurationInput.tsx';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const LEVEL_KEYS = ['level.1', 'level.2', 'level.3'] as const;
const toTime = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const fromTime = (s: string) => {
  const [h, m] = s.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
};

/** Supervisors set the company's criteria: the priority matrix, labels and targets, and the desk's hours. */
export function PolicySettings(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [view, setView] = useState<PolicyView | null>(null);
  const [body, setBody] = useState<PolicyBody | null>(null);
  const [cal, setCal] = useState<CalendarView | null>(null);
  const [holidays, setHolidays] = useState('');
  const [policyError, setPolicyError] = useState<ApiError | null>(null);
  const [calError, setCalError] = useState<ApiError | null>(null);

  async function load() {
    const r = await api.invoke('policy.get', {});
    if (!r.ok) return show(errorText(tr, r.error), 'error');
    setView(r.value);
    setBody(structuredClone(r.value.body));
    setCal(structuredClone(r.value.calendar));
    setHolidays(r.value.calendar.holidays.join('\n'));
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!view || !body || !cal) return <p className="splash">{t('app.loading')}</p>;
  const pErr = fieldErrors(tr, policyError);
  const cErr = fieldErrors(tr, calError);
  const setLevel = (i: number, patch: Partial<PolicyBody['priorities'][number]>) =>
    setBody({
      ...body,
      priorities: body.priorities.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    });

  async function savePolicy(e?: FormEvent) {
    e?.preventDefault();
    const unread = unreadDurations(body, 'body');
    if (unread.length) {
      setPolicyError({ code: 'VALIDATION', message: '', issues: unread });
      return show(tr.plural('intake.fixErrors', unread.length), 'error');
    }
    const r = await api.invoke('policy.update', { body: body!, expectedVersion: view!.version });
    if (!r.ok) {
      setPolicyError(r.error);
      return show(errorText(tr, r.error), 'error');
    }
    setPolicyError(null);
    show(t('settings.policySaved', { version: r.value.version }));
    await load();
  }

  async function saveCalendar(e: FormEvent) {
    e.preventDefault();
    const r = await api.invoke('calendar.update', {
      timeZone: cal!.timeZone,
      week: cal!.week,
      holidays: holidays.split(/\s+/).filter(Boolean),
    });
    if (!r.ok) {
      setCalError(r.error);
      return show(errorText(tr, r.error), 'error');
    }
    setCalError(null);
    show(t('settings.calendarSaved'));
    await load();
  }

  return (
    <div className="settings">
      <form
        className="panel"
        aria-labelledby="policy-h"
        onSubmit={(e) => void savePolicy(e)}
        onKeyDown={(e) => {
          if (e.ctrlKey && e.key.toLowerCase() === 's') {
            e.preventDefault();
            void savePolicy();
          }
        }}
        noValidate
      >
        <h1 id="policy-h">
          {t('settings.policy')}{' '}
          <span className="muted">{t('settings.version', { version: view.version })}</span>
        </h1>
        <h2>{t('settings.priorities')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('settings.priority')}</th>
              <th scope="col">{t('settings.label')}</th>
              <th scope="col">{t('settings.firstResponse')}</th>
              <th scope="col">{t('settings.updateEvery')}</th>
              <th scope="col">{t('settings.retry')}</th>
              <th scope="col">{t('settings.resolution')}</th>
              <th scope="col">{t('settings.clock')}</th>
              <th scope="col">{t('settings.planned')}</th>
            </tr>
          </thead>
          <tbody>
            {body.priorities.map((l, i) => {
              const n = i + 1;
              const path = (f: string) => pErr[`body.priorities.${i}.${f}`];
              const num = (
                f: 'firstResponseMin' | 'updateEveryMin' | 'retryMin' | 'resolutionMin',
                label: string,
              ) => (
                <td>
                  <DurationInput
                    // A day on the business clock is not 24 hours: days only round the clock.
                    key={l.clock}
                    units={l.clock === '24x7' ? ['minutes', 'hours', 'days'] : ['minutes', 'hours']}
                    label={`${t('priority.short', { n })} ${label}`}
                    a11y={{
                      'aria-label': `${t('priority.short', { n })} ${label}`,
                      'aria-invalid': !!path(f),
                    }}
                    // Policies from before retries show the retry they get by default.
                    minutes={l[f] ?? retryAfterMin(l)}
                    onChange={(m) => setLevel(i, { [f]: m ?? Number.NaN })}
                  />
                  {path(f) ? <span className="field__error">{path(f)}</span> : null}
                </td>
              );
              return (
                <tr key={i}>
                  <th scope="row">{t('priority.short', { n })}</th>
                  <td>
                    <input
                      aria-label={`${t('priority.short', { n })} ${t('settings.label')}`}
                      aria-invalid={!!path('label')}
                      value={l.label}
                      onChange={(e) => setLevel(i, { label: e.target.value })}
                    />
                    {path('label') ? <span className="field__error">{path('label')}</span> : null}
                  </td>
                  {num('firstResponseMin', t('settings.firstResponse'))}
                  {num('updateEveryMin', t('settings.updateEvery'))}
                  {num('retryMin', t('settings.retry'))}
                  {num('resolutionMin', t('settings.resolution'))}
                  <td>
                    <select
                      aria-label={`${t('priority.short', { n })} ${t('settings.clock')}`}
                      value={l.clock}
                      onChange={(e) =>
                        setLevel(i, { clock: e.target.value as 'business' | '24x7' })
                      }
                    >
                      <option value="business">{t('settings.clock.business')}</option>
                      <option value="24x7">{t('settings.clock.24x7')}</option>
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('priority.short', { n })} ${t('settings.planned')}`}
                      checked={l.planned}
                      onChange={(e) => setLevel(i, { planned: e.target.checked })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="actions actions--inline">
          <button
            type="button"
            className="btn btn--small"
            disabled={body.priorities.length >= 4}
            onClick={() =>
              setBody({
                ...body,
                priorities: [
                  ...body.priorities,
                  { ...body.priorities.at(-1)!, label: t('settings.newPriority') },
                ],
              })
            }
          >
            {t('settings.addPriority')}
          </button>
          <button
            type="button"
            className="btn btn--small btn--ghost"
            disabled={body.priorities.length <= 2}
            onClick={() => {
              const max = body.priorities.length - 1;
              setBody({
                ...body,
                priorities: body.priorities.slice(0, max),
                matrix: body.matrix.map((row) => row.map((v) => Math.min(v, max))),
              });
            }}
          >
            {t('settings.removePriority')}
          </button>
        </div>

        <h2 id="matrix-h">{t('settings.matrix')}</h2>
        <table className="table table--matrix" aria-labelledby="matrix-h">
          <thead>
            <tr>
              <th scope="col">{t('settings.impactUrgency')}</th>
              {LEVEL_KEYS.map((k) => (
                <th key={k} scope="col">
                  {t('intake.urgency')}: {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.matrix.map((row, i) => (
              <tr key={i}>
                <th scope="row">
                  {t('intake.impact')}: {t(LEVEL_KEYS[i]!)}
                </th>
                {row.map((v, j) => (
                  <td key={j}>
                    <select
                      aria-label={t('settings.cell', {
                        impact: t(LEVEL_KEYS[i]!),
                        urgency: t(LEVEL_KEYS[j]!),
                      })}
                      aria-invalid={!!pErr[`body.matrix.${i}.${j}`]}
                      value={v}
                      onChange={(e) =>
                        setBody({
                          ...body,
                          matrix: body.matrix.map((r, a) =>
                            r.map((x, b) => (a === i && b === j ? Number(e.target.value) : x)),
                          ),
                        })
                      }
                    >
                      {body.priorities.map((l, k) => (
                        <option key={k} value={k + 1}>
                          {t('priority.short', { n: k + 1 })} · {priorityLabel(tr, k + 1, l.label)}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <Field label={t('settings.atRisk')} error={pErr['body.atRiskShare']}>
          {(a) => (
            <input
              {...a}
              type="number"
              min={5}
              max={99}
              value={Math.round(body.atRiskShare * 100)}
              onChange={(e) => setBody({ ...body, atRiskShare: Number(e.target.value) / 100 })}
            />
          )}
        </Field>
        <EscalationRulesFields
          rules={body.escalation}
          errors={pErr}
          onChange={(escalation) => setBody({ ...body, escalation })}
        />
        <WallboardThresholdsFields
          thresholds={body.wallboard}
          errors={pErr}
          onChange={(wallboard) => setBody({ ...body, wallboard })}
        />
        <button type="submit" className="btn btn--primary" aria-keyshortcuts="Control+S">
          {t('settings.savePolicy')} <Kbd keys="Ctrl+S" />
        </button>
        <h2>{t('settings.history')}</h2>
        <ol className="history">
          {view.history.map((h) => (
            <li key={h.version}>
              {t('settings.version', { version: h.version })} ·{' '}
              {h.by ?? t('settings.defaultPolicy')}
              {h.at > 0
                ? ` · ${new Intl.DateTimeFormat(tr.formats, { dateStyle: 'medium', timeStyle: 'short' }).format(h.at)}`
                : ''}
            </li>
          ))}
        </ol>
      </form>

      <form
        className="panel"
        aria-labelledby="calendar-h"
        onSubmit={(e) => void saveCalendar(e)}
        noValidate
      >
        <h1 id="calendar-h">{t('settings.calendar')}</h1>
        <Field
          label={t('settings.timeZone')}
          hint={t('settings.timeZoneHint')}
          error={cErr['timeZone']}
        >
          {(a) => (
            <>
              <input
                {...a}
                list="tz-list"
                value={cal.timeZone}
                onChange={(e) => setCal({ ...cal, timeZone: e.target.value })}
              />
              <datalist id="tz-list">
                {zones().map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('settings.day')}</th>
              <th scope="col">{t('settings.open')}</th>
              <th scope="col">{t('settings.opens')}</th>
              <th scope="col">{t('settings.closes')}</th>
            </tr>
          </thead>
          <tbody>
            {DAYS.map((d) => {
              const hours = cal.week[d]?.[0];
              const dayName = t(`day.${d}`);
              const set = (v: [number, number][] | undefined) => {
                const week = { ...cal.week };
                if (v) week[d] = v;
                else delete week[d];
                setCal({ ...cal, week });
              };
              return (
                <tr key={d}>
                  <th scope="row">{dayName}</th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${dayName} ${t('settings.open')}`}
                      checked={!!hours}
                      onChange={(e) => set(e.target.checked ? [[480, 1080]] : undefined)}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={`${dayName} ${t('settings.opens')}`}
                      disabled={!hours}
                      value={hours ? toTime(hours[0]) : ''}
                      onChange={(e) => hours && set([[fromTime(e.target.value), hours[1]]])}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={`${dayName} ${t('settings.closes')}`}
                      disabled={!hours}
                      value={hours ? toTime(hours[1]) : ''}
                      onChange={(e) => hours && set([[hours[0], fromTime(e.target.value) || 1440]])}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {cErr['week'] ? (
          <p className="field__error" role="alert">
            {cErr['week']}
          </p>
        ) : null}
        <Field
          label={t('settings.holidays')}
          hint={t('settings.holidaysHint')}
          error={Object.entries(cErr).find(([k]) => k.startsWith('holidays'))?.[1]}
        >
          {(a) => (
            <textarea
              {...a}
              rows={4}
              value={holidays}
              onChange={(e) => setHolidays(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn--primary">
          {t('settings.saveCalendar')}
        </button>
      </form>
      <ScriptEditor />
    </div>
  );
}
