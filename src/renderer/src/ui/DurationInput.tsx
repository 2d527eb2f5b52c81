import { useState, type ReactElement } from 'react';
import { foldDigits } from '../../../shared/phone.ts';
import { useT } from '../i18n/index.ts';

/** What one of each unit holds, in minutes. */
const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type DurationUnit = keyof typeof UNITS;

/** The largest unit the duration is a whole number of (90 minutes stays 90 minutes). */
export function unitFor(minutes: number | null, units: readonly DurationUnit[]): DurationUnit {
  const fits = [...units]
    .sort((a, b) => UNITS[b] - UNITS[a])
    .find((u) => minutes !== null && minutes > 0 && minutes % UNITS[u] === 0);
  return fits ?? units[0] ?? 'minutes';
}

/**
 * A number as typed in any script's digits (٤ or ४ for 4), with a point, a comma or the Arabic
 * decimal separator: null when it does not read as one number.
 */
export function readAmount(text: string): number | null {
  const t = foldDigits(text.trim()).replace(/[,٫]/g, '.');
  return /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : null;
}

/**
 * A duration typed as a number and its unit (minutes, hours, days), held as whole minutes.
 * Which units a field offers is its owner's to say: a day on a business clock is not 24 hours,
 * so such fields offer minutes and hours only.
 */
export function DurationInput({
  minutes,
  onChange,
  units = ['minutes', 'hours'],
  label,
  optional = false,
  a11y,
}: {
  minutes: number | null;
  /** Whole minutes; null when emptied (an optional field: off). NaN when it is not a number. */
  onChange: (minutes: number | null) => void;
  units?: readonly DurationUnit[];
  /** The field's name, for the unit's own label. */
  label: string;
  optional?: boolean;
  a11y: {
    id?: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
    'aria-label'?: string;
  };
}): ReactElement {
  const tr = useT();
  const [unit, setUnit] = useState<DurationUnit>(() => unitFor(minutes, units));
  const shown = (m: number | null, u: DurationUnit) =>
    m === null || Number.isNaN(m)
      ? ''
      : new Intl.NumberFormat(tr.formats, { maximumFractionDigits: 2, useGrouping: false }).format(
          m / UNITS[u],
        );
  // What the person typed stays as typed while it means the same minutes.
  const [text, setText] = useState(() => shown(minutes, unit));
  const typed = readAmount(text);
  const typedMinutes = typed === null ? null : Math.round(typed * UNITS[unit]);
  const display =
    typedMinutes === minutes || (text !== '' && typed === null) ? text : shown(minutes, unit);

  const report = (value: string, u: DurationUnit) => {
    const amount = readAmount(value);
    if (value.trim() === '') onChange(optional ? null : Number.NaN);
    else onChange(amount === null ? Number.NaN : Math.round(amount * UNITS[u]));
  };
  return (
    <span className="duration">
      <input
        {...a11y}
        inputMode="decimal"
        className="duration__amount"
        value={display}
        onChange={(e) => {
          setText(e.target.value);
          report(e.target.value, unit);
        }}
      />
      <select
        className="duration__unit"
        aria-label={tr.t('duration.unitOf', { field: label })}
        value={unit}
        onChange={(e) => {
          const u = e.target.value as DurationUnit;
          setUnit(u);
          // The number typed keeps its meaning in the new unit: 4, then "hours", is 4 hours.
          setText(display);
          report(display, u);
        }}
      >
        {units.map((u) => (
          <option key={u} value={u}>
            {tr.t(`duration.${u}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * The durations of a form that do not read as numbers, as issues at their paths: the form says
 * so next to each field instead of sending them (NaN would travel as null, which reads as "off").
 */
export function unreadDurations(
  value: unknown,
  path: string,
): { path: string; rule: string; message: string }[] {
  if (typeof value === 'number')
    return Number.isNaN(value) ? [{ path, rule: 'not_a_number', message: '' }] : [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => unreadDurations(v, `${path}.${k}`));
  return [];
}
