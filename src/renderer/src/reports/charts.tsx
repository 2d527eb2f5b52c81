/**
 * The report's charts, drawn in HTML and SVG with the page's own type, so they print as they
 * show; each one's figures are its table, a key away (ReportSection). Colours come from the
 * theme's variables, so both themes and print read alike.
 */
import type { CSSProperties, ReactElement } from 'react';
import { useT } from '../i18n/index.ts';

/** A share as a percentage, or null when nothing was decided. */
export const share = (met: number, missed: number): number | null =>
  met + missed === 0 ? null : (met / (met + missed)) * 100;

export function usePercent(): (p: number | null) => string {
  const { formats } = useT();
  const f = new Intl.NumberFormat(formats, { maximumFractionDigits: 0 });
  return (p) => (p === null ? '–' : `${f.format(p)} %`);
}

/** Rows of bars, one per series, each the share of its row's tickets that met a target. */
export function ShareBars({
  rows,
  series,
}: {
  rows: { key: string; label: string; shares: (number | null)[] }[];
  series: string[];
}): ReactElement {
  const pct = usePercent();
  return (
    <div className="share-bars">
      <Legend series={series} />
      {rows.map((r) => (
        <div key={r.key} className="share-bars__row">
          <span className="share-bars__label">{r.label}</span>
          <span className="share-bars__group">
            {r.shares.map((s, i) => (
              <span key={i} className="share-bars__line">
                <span className="share-bars__track" aria-hidden="true">
                  <span
                    className={`share-bars__bar chart-series--${i}`}
                    style={{ inlineSize: `${s ?? 0}%` }}
                  />
                </span>
                <span className="share-bars__value">{pct(s)}</span>
              </span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}

export function Legend({ series }: { series: string[] }): ReactElement {
  return (
    <p className="chart-legend">
      {series.map((s, i) => (
        <span key={s} className={`chart-legend__key chart-series--${i}`}>
          {s}
        </span>
      ))}
    </p>
  );
}

/** Horizontal bars split into parts (priorities), with the row's total at its end. */
export function StackBars({
  rows,
  parts,
}: {
  rows: { key: string; label: string; values: number[]; note?: string }[];
  parts: string[];
}): ReactElement {
  const { formats } = useT();
  const n = new Intl.NumberFormat(formats);
  const top = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return (
    <div className="stack-bars">
      <Legend series={parts} />
      {rows.map((r) => {
        const total = r.values.reduce((a, b) => a + b, 0);
        return (
          <div key={r.key} className="stack-bars__row">
            <span className="stack-bars__label">{r.label}</span>
            <span className="stack-bars__track" aria-hidden="true">
              {r.values.map((v, i) =>
                v ? (
                  <span
                    key={i}
                    className={`stack-bars__part chart-series--${i}`}
                    style={{ inlineSize: `${(v / top) * 100}%` }}
                  />
                ) : null,
              )}
            </span>
            <span className="stack-bars__value">
              {n.format(total)}
              {r.note ? <span className="stack-bars__note"> {r.note}</span> : null}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/** A round number at or above `max`, for the top of a value axis. */
function niceTop(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/**
 * Lines over slots (days or weeks), against a value axis; a gap where a value is null. The slot
 * labels are thinned to what fits.
 */
export function LineChart({
  labels,
  series,
  percent = false,
  label,
}: {
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
  percent?: boolean;
  label: string;
}): ReactElement {
  const { formats, dir } = useT();
  const n = new Intl.NumberFormat(formats, { maximumFractionDigits: 0 });
  const top = percent
    ? 100
    : niceTop(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const W = 1000;
  const H = 240;
  const x = (i: number) => {
    const at = labels.length <= 1 ? W / 2 : (i / (labels.length - 1)) * W;
    return dir === 'rtl' ? W - at : at;
  };
  const y = (v: number) => H - (v / top) * H;
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  return (
    <figure className="line-chart">
      <Legend series={series.map((s) => s.name)} />
      <div className="line-chart__body">
        <div className="line-chart__y" aria-hidden="true">
          {ticks.map((v) => (
            <span key={v} style={{ insetBlockEnd: `${(v / top) * 100}%` } as CSSProperties}>
              {n.format(v)}
              {percent ? ' %' : ''}
            </span>
          ))}
        </div>
        <svg
          className="line-chart__plot"
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={label}
        >
          {ticks.map((v) => (
            <line key={v} className="line-chart__grid" x1={0} x2={W} y1={y(v)} y2={y(v)} />
          ))}
          {series.map((s, si) => {
            // One path per unbroken run of values.
            const runs: string[] = [];
            let cur = '';
            s.values.forEach((v, i) => {
              if (v === null) {
                if (cur) runs.push(cur);
                cur = '';
              } else cur += `${cur ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
            });
            if (cur) runs.push(cur);
            return runs.map((d, k) => (
              <path
                key={`${si}-${k}`}
                d={d}
                className={`line-chart__line chart-series--${si}`}
                vectorEffect="non-scaling-stroke"
              />
            ));
          })}
        </svg>
      </div>
      <div className="line-chart__x" aria-hidden="true">
        {labels.map((l, i) =>
          i % every === 0 ? (
            <span
              key={l}
              style={{
                insetInlineStart: `${(labels.length <= 1 ? 0.5 : i / (labels.length - 1)) * 100}%`,
              }}
            >
              {l}
            </span>
          ) : null,
        )}
      </div>
    </figure>
  );
}

/** Paired columns per slot (created, resolved), against a value axis. */
export function PairColumns({
  labels,
  pairs,
  names,
  label,
}: {
  labels: string[];
  pairs: [number, number][];
  names: [string, string];
  label: string;
}): ReactElement {
  const { formats } = useT();
  const n = new Intl.NumberFormat(formats);
  const top = niceTop(Math.max(0, ...pairs.flat()));
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <figure className="pair-columns">
      <Legend series={names} />
      <div className="line-chart__body">
        <div className="line-chart__y" aria-hidden="true">
          {[0, 0.5, 1].map((f) => (
            <span key={f} style={{ insetBlockEnd: `${f * 100}%` }}>
              {n.format(f * top)}
            </span>
          ))}
        </div>
        <div className="pair-columns__plot" role="img" aria-label={label}>
          {pairs.map(([a, b], i) => (
            <span key={labels[i]} className="pair-columns__slot">
              <span
                className="pair-columns__bar chart-series--0"
                style={{ blockSize: `${(a / top) * 100}%` }}
              />
              <span
                className="pair-columns__bar chart-series--1"
                style={{ blockSize: `${(b / top) * 100}%` }}
              />
            </span>
          ))}
        </div>
      </div>
      <div className="line-chart__x" aria-hidden="true">
        {labels.map((l, i) =>
          i % every === 0 ? (
            <span key={l} style={{ insetInlineStart: `${((i + 0.5) / labels.length) * 100}%` }}>
              {l}
            </span>
          ) : null,
        )}
      </div>
    </figure>
  );
}
