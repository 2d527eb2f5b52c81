import type { CSSProperties, ReactElement } from 'react';
import { useT } from '../i18n/index.ts';
import { valueAxis } from './figures.ts';

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
/** Every third hour is labelled: eight labels read from across the room, twenty-four do not. */
const LABELLED = (hour: number) => hour % 3 === 0;

/**
 * Tickets created and resolved in each hour of today, as paired bars over 24 slots, against a
 * value axis in whole tickets and the hours below: whether the desk keeps up reads at a glance.
 * Drawn in HTML, so the labels keep their size whatever the chart's shape; the figures are in a
 * visually hidden table too.
 */
export function HourChart({
  hours,
}: {
  hours: { hour: number; created: number; resolved: number }[];
}): ReactElement {
  const { t } = useT();
  const ticks = valueAxis(Math.max(0, ...hours.flatMap((h) => [h.created, h.resolved])));
  const max = ticks.at(-1)!;
  const at = (n: number): CSSProperties => ({ insetBlockEnd: `${(n / max) * 100}%` });
  const height = (n: number): CSSProperties => ({ blockSize: `${(n / max) * 100}%` });
  // The day's 24 slots; the hours still to come are empty.
  const day = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    figures: hours.find((h) => h.hour === hour),
  }));
  return (
    <figure className="hour-chart">
      <span className="hour-chart__y-title" aria-hidden="true">
        {t('wall.axis.tickets')}
      </span>
      <div
        className="hour-chart__y"
        aria-hidden="true"
        style={{ inlineSize: `${String(max).length + 0.5}ch` }}
      >
        {ticks.map((n) => (
          <span key={n} className="hour-chart__tick" style={at(n)}>
            {n}
          </span>
        ))}
      </div>
      <div className="hour-chart__area" role="img" aria-label={t('wall.hours')}>
        {ticks.slice(1).map((n) => (
          <span key={n} className="hour-chart__grid" style={at(n)} />
        ))}
        <div className="hour-chart__bars">
          {day.map(({ hour, figures }) => (
            <div key={hour} className="hour-chart__slot">
              {figures ? (
                <>
                  <span className="hour-chart__created" style={height(figures.created)} />
                  <span className="hour-chart__resolved" style={height(figures.resolved)} />
                </>
              ) : null}
            </div>
          ))}
        </div>
      </div>
      <div className="hour-chart__x" aria-hidden="true">
        {day.map(({ hour }) => (
          <span key={hour} className="hour-chart__x-slot">
            {LABELLED(hour) ? <span className="hour-chart__hour">{hourText(hour)}</span> : null}
          </span>
        ))}
      </div>
      <figcaption className="hour-chart__legend">
        <span className="hour-chart__key hour-chart__key--created">{t('wall.created')}</span>
        <span className="hour-chart__key hour-chart__key--resolved">{t('wall.resolvedKey')}</span>
      </figcaption>
      <table className="sr-only">
        <caption>{t('wall.hours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wall.hour')}</th>
            <th scope="col">{t('wall.created')}</th>
            <th scope="col">{t('wall.resolvedKey')}</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr key={h.hour}>
              <th scope="row">{hourText(h.hour)}</th>
              <td>{h.created}</td>
              <td>{h.resolved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
