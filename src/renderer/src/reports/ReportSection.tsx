import type { ReactElement, ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export type Cell = string | number;

/** The figures behind a chart, as a table. */
export function ReportTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: Cell[][];
}): ReactElement {
  const { formats } = useT();
  const n = new Intl.NumberFormat(formats, { maximumFractionDigits: 1 });
  return (
    <div className="report-table">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j} className="num">
                    {typeof c === 'number' ? n.format(c) : c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One report: its chart, or its table (the view's Alt+B turns every section to tables and
 * back); in print both, the table after the chart.
 */
export function ReportSection({
  id,
  title,
  hint,
  tables,
  chart,
  table,
}: {
  id: string;
  title: string;
  hint?: string;
  tables: boolean;
  chart: ReactNode;
  table: ReactNode;
}): ReactElement {
  return (
    <section className="report" aria-labelledby={`report-${id}`} data-report={id}>
      <header className="report__head">
        <h2 id={`report-${id}`}>{title}</h2>
        {hint ? <p className="hint">{hint}</p> : null}
      </header>
      <div className={tables ? 'report__chart report__chart--hidden' : 'report__chart'}>
        {chart}
      </div>
      <div className={tables ? 'report__table' : 'report__table report__table--hidden'}>
        {table}
      </div>
    </section>
  );
}
