import { useEffect, useState, type ReactElement } from 'react';
import type { TierReportRow } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { durationText, positionText } from './tierText.ts';

/** Time in each tier over the last 30 days, as bars: where tickets wait longest reads at a glance. */
export function TierReport(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const [rows, setRows] = useState<TierReportRow[] | null>(null);
  useEffect(() => {
    void api.invoke('escalations.report', { days: 30 }).then((r) => {
      if (r.ok) setRows(r.value);
    });
  }, []);
  const longest = Math.max(1, ...(rows ?? []).map((r) => r.p90Ms ?? 0));
  const name = (r: TierReportRow) => positionText(tr, desk, r);
  const sorted = [...(rows ?? [])].sort((a, b) => name(a).localeCompare(name(b)));
  return (
    <section className="tier-report" aria-labelledby="tier-report-h">
      <h2 id="tier-report-h">{t('panel.report')}</h2>
      {rows && rows.length === 0 ? <p className="muted">{t('panel.report.none')}</p> : null}
      <ul className="bars">
        {sorted.map((r) => (
          <li key={`${r.domainId}:${r.tier}`}>
            <span className="bars__label">{name(r)}</span>
            <span className="bars__track" aria-hidden="true">
              <span
                className="bars__p90"
                style={{ width: `${((r.p90Ms ?? 0) / longest) * 100}%` }}
              />
              <span
                className="bars__median"
                style={{ width: `${((r.medianMs ?? 0) / longest) * 100}%` }}
              />
            </span>
            <span className="bars__value">
              {t('panel.report.row', {
                median: r.medianMs === null ? '—' : durationText(tr, r.medianMs),
                p90: r.p90Ms === null ? '—' : durationText(tr, r.p90Ms),
                entered: r.entered,
                open: r.open,
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
