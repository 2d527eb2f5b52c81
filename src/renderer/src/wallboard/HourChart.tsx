import type { ReactElement } from 'react';
import { useT } from '../i18n/index.ts';

/**
 * Tickets created and resolved in each hour of today, as paired bars over 24 slots: whether the
 * desk keeps up reads at a glance. The figures are in the bars' titles and a visually hidden table.
 */
export function HourChart({
  hours,
}: {
  hours: { hour: number; created: number; resolved: number }[];
}): ReactElement {
  const { t } = useT();
  const top = Math.max(1, ...hours.flatMap((h) => [h.created, h.resolved]));
  const W = 24 * 40;
  const H = 300;
  const bar = 16;
  return (
    <figure className="hour-chart">
      {/* Stretched to its box: bars only; the hour labels are text below, never distorted. */}
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('wall.hours')}
      >
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line key={f} x1={0} x2={W} y1={H - f * H} y2={H - f * H} className="hour-chart__grid" />
        ))}
        {hours.map((h) => {
          const x = h.hour * 40 + 3;
          const c = (h.created / top) * H;
          const r = (h.resolved / top) * H;
          return (
            <g key={h.hour}>
              <rect x={x} y={H - c} width={bar} height={c} className="hour-chart__created">
                <title>{t('wall.hourCreated', { hour: h.hour, n: h.created })}</title>
              </rect>
              <rect
                x={x + bar + 2}
                y={H - r}
                width={bar}
                height={r}
                className="hour-chart__resolved"
              >
                <title>{t('wall.hourResolved', { hour: h.hour, n: h.resolved })}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <div className="hour-chart__axis" aria-hidden="true">
        {[0, 6, 12, 18].map((hour) => (
          <span key={hour}>{String(hour).padStart(2, '0')}:00</span>
        ))}
      </div>
      <figcaption className="hour-chart__legend">
        <span className="hour-chart__key hour-chart__key--created">{t('wall.created')}</span>
        <span className="hour-chart__key hour-chart__key--resolved">{t('wall.resolvedKey')}</span>
        <span className="hour-chart__top">{t('wall.scale', { n: top })}</span>
      </figcaption>
      <table className="sr-only">
        <caption>{t('wall.hours')}</caption>
        <tbody>
          {hours.map((h) => (
            <tr key={h.hour}>
              <th scope="row">{String(h.hour).padStart(2, '0')}:00</th>
              <td>{h.created}</td>
              <td>{h.resolved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
