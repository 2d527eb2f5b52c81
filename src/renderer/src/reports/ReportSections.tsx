import { useMemo, type ReactElement } from 'react';
import {
  BACKLOG_AGES,
  type CohortTally,
  type DeskReport,
  type ReportDay,
} from '../../../shared/reports.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { priorityLabel } from '../ui/priorityLabel.ts';
import { LineChart, PairColumns, share, ShareBars, StackBars, usePercent } from './charts.tsx';
import { ReportSection, ReportTable, type Cell } from './ReportSection.tsx';

const TARGETS = ['response', 'update', 'resolution'] as const;
/** Days are charted one by one up to this many; longer periods by week. */
const DAILY_UP_TO = 62;

/** The days grouped by the Monday of their week, in order. */
function weeksOf(days: readonly ReportDay[]): Map<string, ReportDay[]> {
  const weeks = new Map<string, ReportDay[]>();
  for (const d of days) {
    const ms = Date.parse(`${d.day}T00:00:00Z`);
    const monday = new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    weeks.set(monday, [...(weeks.get(monday) ?? []), d]);
  }
  return weeks;
}

const targetShares = (x: CohortTally) => TARGETS.map((k) => share(x[k].met, x[k].missed));

/** Every section of a report, in the order a supervisor reads them. */
export function ReportSections({
  report,
  tables,
}: {
  report: DeskReport;
  tables: boolean;
}): ReactElement {
  const tr = useT();
  const { t, formats } = tr;
  const desk = useSession((s) => s.desk)!;
  const pct = usePercent();
  const dayName = useMemo(() => {
    const short = new Intl.DateTimeFormat(formats, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
    });
    const long = new Intl.DateTimeFormat(formats, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    return (iso: string, withYear = false) =>
      (withYear ? long : short).format(Date.parse(`${iso}T00:00:00Z`));
  }, [formats]);
  const pLabel = (p: number) =>
    `${t('priority.short', { n: p })} · ${priorityLabel(tr, p, desk.policy.body.priorities[p - 1]?.label ?? '')}`;
  const targetNames = TARGETS.map((k) => t(`reports.target.${k}`));
  const slaHead = [
    t('reports.col.tickets'),
    ...TARGETS.flatMap((k) => [
      `${t(`reports.target.${k}`)}: ${t('reports.col.met')}`,
      `${t(`reports.target.${k}`)}: ${t('reports.col.missed')}`,
      `${t(`reports.target.${k}`)} %`,
    ]),
  ];
  const slaCells = (x: CohortTally): Cell[] => [
    x.tickets,
    ...TARGETS.flatMap((k) => [x[k].met, x[k].missed, pct(share(x[k].met, x[k].missed))]),
  ];

  // Created and resolved: by day over a short period, by week over a long one.
  const daily = report.days.length <= DAILY_UP_TO;
  const flowSlots = daily
    ? report.days.map((d) => ({ label: dayName(d.day), created: d.created, resolved: d.resolved }))
    : [...weeksOf(report.days)].map(([week, days]) => ({
        label: dayName(week),
        created: days.reduce((n, d) => n + d.created, 0),
        resolved: days.reduce((n, d) => n + d.resolved, 0),
      }));
  const empty = report.total.tickets === 0;

  return (
    <div className="reports__sections">
      <p className="hint reports__scope">
        {t('reports.scope', {
          from: dayName(report.from, true),
          to: dayName(report.to, true),
          zone: report.timeZone,
          time: new Intl.DateTimeFormat(formats, {
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(report.generatedAt),
        })}
      </p>
      {report.pending ? (
        <p className="notice" role="status">
          {t('reports.pending', { n: report.pending })}
        </p>
      ) : null}
      {empty ? <p className="hint">{t('reports.empty')}</p> : null}

      <ReportSection
        id="sla"
        title={t('reports.sla.title')}
        hint={t('reports.sla.hint', {
          response: pct(share(report.total.response.met, report.total.response.missed)),
          update: pct(share(report.total.update.met, report.total.update.missed)),
          resolution: pct(share(report.total.resolution.met, report.total.resolution.missed)),
        })}
        tables={tables}
        chart={
          <div className="report__charts">
            <LineChart
              label={t('reports.sla.byWeek')}
              labels={report.byWeek.map((w) => dayName(w.week))}
              series={TARGETS.map((k, i) => ({
                name: targetNames[i]!,
                values: report.byWeek.map((w) => share(w[k].met, w[k].missed)),
              }))}
              percent
            />
            <div className="report__pair">
              <div>
                <h3>{t('reports.sla.byPriority')}</h3>
                <ShareBars
                  series={targetNames}
                  rows={report.byPriority.map((p) => ({
                    key: String(p.priority),
                    label: pLabel(p.priority),
                    shares: targetShares(p),
                  }))}
                />
              </div>
              <div>
                <h3>{t('reports.sla.byQueue')}</h3>
                <ShareBars
                  series={targetNames}
                  rows={report.byQueue.map((q) => ({
                    key: q.queueId,
                    label: q.queue,
                    shares: targetShares(q),
                  }))}
                />
              </div>
            </div>
          </div>
        }
        table={
          <>
            <ReportTable
              caption={t('reports.sla.byPriority')}
              head={[t('reports.col.priority'), ...slaHead]}
              rows={[
                ...report.byPriority.map((p) => [pLabel(p.priority), ...slaCells(p)]),
                [t('reports.col.total'), ...slaCells(report.total)],
              ]}
            />
            <ReportTable
              caption={t('reports.sla.byQueue')}
              head={[t('reports.col.queue'), ...slaHead]}
              rows={report.byQueue.map((q) => [q.queue, ...slaCells(q)])}
            />
            <ReportTable
              caption={t('reports.sla.byWeek')}
              head={[t('reports.col.week'), ...slaHead]}
              rows={report.byWeek.map((w) => [dayName(w.week, true), ...slaCells(w)])}
            />
          </>
        }
      />

      <ReportSection
        id="flow"
        title={t('reports.flow.title')}
        hint={t(daily ? 'reports.flow.daily' : 'reports.flow.weekly')}
        tables={tables}
        chart={
          <div className="report__charts">
            <PairColumns
              label={t('reports.flow.title')}
              labels={flowSlots.map((s) => s.label)}
              pairs={flowSlots.map((s) => [s.created, s.resolved])}
              names={[t('reports.flow.created'), t('reports.flow.resolved')]}
            />
            <LineChart
              label={t('reports.flow.backlog')}
              labels={report.days.map((d) => dayName(d.day))}
              series={[
                { name: t('reports.flow.backlog'), values: report.days.map((d) => d.backlog) },
              ]}
            />
          </div>
        }
        table={
          <ReportTable
            caption={t('reports.flow.title')}
            head={[
              t('reports.col.day'),
              t('reports.flow.created'),
              t('reports.flow.resolved'),
              t('reports.flow.backlog'),
            ]}
            rows={report.days.map((d) => [dayName(d.day, true), d.created, d.resolved, d.backlog])}
          />
        }
      />

      <ReportSection
        id="backlog"
        title={t('reports.backlog.title')}
        hint={t('reports.backlog.hint')}
        tables={tables}
        chart={
          <StackBars
            parts={[1, 2, 3, 4].map((p) => t('priority.short', { n: p }))}
            rows={report.backlogNow.map((b) => ({
              key: b.age,
              label: t(`reports.age.${b.age}`),
              values: b.open,
            }))}
          />
        }
        table={
          <ReportTable
            caption={t('reports.backlog.title')}
            head={[
              t('reports.col.age'),
              ...[1, 2, 3, 4].map((p) => t('priority.short', { n: p })),
              t('reports.col.total'),
            ]}
            rows={BACKLOG_AGES.map((age, i) => {
              const open = report.backlogNow[i]!.open;
              return [t(`reports.age.${age}`), ...open, open.reduce((a, b) => a + b, 0)];
            })}
          />
        }
      />

      <ReportSection
        id="fcr"
        title={t('reports.fcr.title')}
        hint={t('reports.fcr.hint', {
          pct: pct(
            share(report.total.firstContact, report.total.resolved - report.total.firstContact),
          ),
        })}
        tables={tables}
        chart={
          <ShareBars
            series={[t('reports.fcr.short')]}
            rows={report.byPriority.map((p) => ({
              key: String(p.priority),
              label: pLabel(p.priority),
              shares: [share(p.firstContact, p.resolved - p.firstContact)],
            }))}
          />
        }
        table={
          <ReportTable
            caption={t('reports.fcr.title')}
            head={[
              t('reports.col.priority'),
              t('reports.col.resolved'),
              t('reports.fcr.short'),
              '%',
            ]}
            rows={[...report.byPriority, { ...report.total, priority: 0 }].map((p) => [
              p.priority ? pLabel(p.priority) : t('reports.col.total'),
              p.resolved,
              p.firstContact,
              pct(share(p.firstContact, p.resolved - p.firstContact)),
            ])}
          />
        }
      />

      <ReportSection
        id="tiers"
        title={t('reports.tiers.title')}
        hint={t('reports.tiers.hint')}
        tables={tables}
        chart={
          <StackBars
            parts={[t('reports.col.hours')]}
            rows={report.tiers.map((x) => ({
              key: `${x.domainId}-${x.tier}`,
              label: `${x.domain} · ${t('reports.tier', { n: x.tier })}`,
              values: [x.hours],
              note: t('reports.tiers.note', { n: x.entries }),
            }))}
          />
        }
        table={
          <ReportTable
            caption={t('reports.tiers.title')}
            head={[
              t('reports.col.domain'),
              t('reports.col.tier'),
              t('reports.col.entries'),
              t('reports.col.inTierNow'),
              t('reports.col.hours'),
            ]}
            rows={report.tiers.map((x) => [x.domain, x.tier, x.entries, x.open, x.hours])}
          />
        }
      />

      <ReportSection
        id="callbacks"
        title={t('reports.callbacks.title')}
        hint={t('reports.callbacks.hint', {
          pct: pct(
            share(
              report.total.callbacks.kept,
              report.total.callbacks.due - report.total.callbacks.kept,
            ),
          ),
          n: report.total.callbacks.outstanding,
        })}
        tables={tables}
        chart={
          <LineChart
            label={t('reports.callbacks.title')}
            labels={report.byWeek.map((w) => dayName(w.week))}
            series={[
              {
                name: t('reports.col.kept'),
                values: report.byWeek.map((w) =>
                  share(w.callbacks.kept, w.callbacks.due - w.callbacks.kept),
                ),
              },
            ]}
            percent
          />
        }
        table={
          <ReportTable
            caption={t('reports.callbacks.title')}
            head={[
              t('reports.col.week'),
              t('reports.col.due'),
              t('reports.col.kept'),
              '%',
              t('reports.col.outstanding'),
            ]}
            rows={report.byWeek.map((w) => [
              dayName(w.week, true),
              w.callbacks.due,
              w.callbacks.kept,
              pct(share(w.callbacks.kept, w.callbacks.due - w.callbacks.kept)),
              w.callbacks.outstanding,
            ])}
          />
        }
      />

      <ReportSection
        id="load"
        title={t('reports.load.title')}
        hint={t('reports.load.hint')}
        tables={tables}
        chart={
          <StackBars
            parts={[1, 2, 3, 4].map((p) => t('priority.short', { n: p }))}
            rows={report.load.map((l) => ({
              key: l.userId,
              label: l.name,
              values: l.open,
              note: t('reports.load.note', { n: l.resolved }),
            }))}
          />
        }
        table={
          <ReportTable
            caption={t('reports.load.title')}
            head={[
              t('reports.col.analyst'),
              ...[1, 2, 3, 4].map((p) => t('priority.short', { n: p })),
              t('reports.col.open'),
              t('reports.col.resolvedPeriod'),
            ]}
            rows={report.load.map((l) => [
              l.name,
              ...l.open,
              l.open.reduce((a, b) => a + b, 0),
              l.resolved,
            ])}
          />
        }
      />
    </div>
  );
}
