import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/shared/i18n/index.ts';
import { valueAxis, waitText } from '../../src/renderer/src/wallboard/figures.ts';

const tr = createTranslator('en');

describe('the wall-board’s figures', () => {
  it.each([
    [0, '0 min'],
    [10, '10 min'],
    [59, '59 min'],
    [60, '1 h'],
    [125, '2 h 5 min'],
    [599, '9 h 59 min'],
    [600, '10 h'],
    [1439, '23 h'],
    [1440, '1 d'],
    [1505, '1 d 1 h'],
    [7 * 1440 + 300, '7 d'],
  ])('a wait of %i minutes reads “%s”', (min, text) => {
    expect(waitText(tr, min)).toBe(text);
  });

  it.each([
    [0, [0, 1, 2, 3, 4]],
    [3, [0, 1, 2, 3, 4]],
    [9, [0, 2, 4, 6, 8, 10]],
    [10, [0, 2, 4, 6, 8, 10]],
    [11, [0, 5, 10, 15]],
    [48, [0, 10, 20, 30, 40, 50]],
    [730, [0, 200, 400, 600, 800]],
  ])('the hourly chart’s axis for a busiest hour of %i: %j', (top, ticks) => {
    const axis = valueAxis(top);
    expect(axis).toEqual(ticks);
    expect(axis.at(-1)).toBeGreaterThanOrEqual(top);
    expect(axis.length).toBeLessThanOrEqual(6);
  });
});
