import type { ReactElement } from 'react';
import { useT } from '../i18n/index.ts';

/** Most rows a list shows on the wall; the rest are summed in one line. */
const SHOWN = 10;

/** A titled list of horizontal bars, the largest first. */
export function BarList({
  title,
  rows,
}: {
  title: string;
  rows: { id: string; label: string; value: number }[];
}): ReactElement {
  const { t } = useT();
  const sorted = [...rows].sort((a, b) => b.value - a.value);
  const shown = sorted.slice(0, SHOWN);
  const rest = sorted.slice(SHOWN);
  const top = Math.max(1, ...shown.map((r) => r.value));
  return (
    <section className="bar-list" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {shown.map((r) => (
          <li key={r.id}>
            <span className="bar-list__label">{r.label}</span>
            <span className="bar-list__track" aria-hidden="true">
              <span className="bar-list__bar" style={{ width: `${(r.value / top) * 100}%` }} />
            </span>
            <span className="bar-list__value">{r.value}</span>
          </li>
        ))}
      </ul>
      {rest.length ? (
        <p className="bar-list__more">
          {t('wall.more', { count: rest.length, n: rest.reduce((s, r) => s + r.value, 0) })}
        </p>
      ) : null}
    </section>
  );
}
