import type { ReactElement } from 'react';
import type { WallboardThresholds } from '../../../shared/policy-rules.ts';
import { useT } from '../i18n/index.ts';

const KEYS = [
  'breached',
  'atRisk',
  'awaitingAcceptance',
  'callbacksOverdue',
  'oldestWaitingMin',
] as const satisfies readonly (keyof WallboardThresholds)[];

/** Where each wall-board tile turns amber, then red. */
export function WallboardThresholdsFields({
  thresholds,
  errors,
  onChange,
}: {
  thresholds: WallboardThresholds;
  errors: Record<string, string>;
  onChange: (thresholds: WallboardThresholds) => void;
}): ReactElement {
  const { t } = useT();
  const set = (key: (typeof KEYS)[number], i: 0 | 1, value: number) => {
    const pair: [number, number] = [...thresholds[key]];
    pair[i] = value;
    onChange({ ...thresholds, [key]: pair });
  };
  return (
    <fieldset className="rules">
      <legend>{t('settings.wall')}</legend>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('settings.wall.tile')}</th>
            <th scope="col">{t('settings.wall.amber')}</th>
            <th scope="col">{t('settings.wall.red')}</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map((key) => (
            <tr key={key}>
              <th scope="row">{t(`settings.wall.${key}`)}</th>
              {([0, 1] as const).map((i) => (
                <td key={i}>
                  <input
                    type="number"
                    min={0}
                    aria-label={`${t(`settings.wall.${key}`)} ${t(i === 0 ? 'settings.wall.amber' : 'settings.wall.red')}`}
                    aria-invalid={!!errors[`body.wallboard.${key}`]}
                    value={thresholds[key][i]}
                    onChange={(e) => set(key, i, Number(e.target.value))}
                  />
                  {i === 1 && errors[`body.wallboard.${key}`] ? (
                    <span className="field__error">{errors[`body.wallboard.${key}`]}</span>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
