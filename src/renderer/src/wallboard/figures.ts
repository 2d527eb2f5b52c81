/** How the wall-board words and scales its figures: pure, so they are tested without a screen. */
import type { Translator } from '../../../shared/i18n/index.ts';

/**
 * A wait the way a supervisor reads it across the room: "45 min", "2 h 5 min", "14 h", "3 d 2 h".
 * Minutes stop mattering past ten hours, hours past a week.
 */
export function waitText(tr: Pick<Translator, 't'>, minutes: number): string {
  const min = Math.max(0, Math.floor(minutes));
  if (min < 60) return tr.t('wall.wait.min', { n: min });
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h < 10) return m ? tr.t('wall.wait.hMin', { h, m }) : tr.t('wall.wait.h', { h });
  if (h < 24) return tr.t('wall.wait.h', { h });
  const d = Math.floor(h / 24);
  const rest = h % 24;
  return rest && d < 7 ? tr.t('wall.wait.dH', { d, h: rest }) : tr.t('wall.wait.d', { d });
}

/**
 * A value axis for counts up to `top`: whole steps of 1, 2 or 5 × 10ⁿ, at most `most` of them,
 * from 0 to the first step at or above `top` (at least 0…4, so a quiet morning still has a scale).
 */
export function valueAxis(top: number, most = 5): number[] {
  const reach = Math.max(4, Math.ceil(top));
  const raw = reach / most;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw)!,
  );
  const max = Math.ceil(reach / step) * step;
  return Array.from({ length: max / step + 1 }, (_, i) => i * step);
}
