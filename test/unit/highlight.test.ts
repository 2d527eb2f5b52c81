import { describe, expect, it } from 'vitest';
import { highlightRanges } from '../../src/shared/highlight.ts';

const marked = (text: string, query: string) =>
  highlightRanges(text, query)
    .map(([a, b]) => text.slice(a, b))
    .join('|');

describe('highlighting matches on the original text', () => {
  it.each([
    ['Le café est fermé', 'cafe', 'café'],
    ['Le café est fermé', 'ferm', 'ferm'],
    ['Ελένη Παπαδοπούλου', 'ελενη', 'Ελένη'],
    ['Η μπαταρία δεν φορτίζει', 'μπαταρ φορτιζ', 'μπαταρ|φορτίζ'],
    ['ईमेल सिंक नहीं हो रहा', 'सिंक', 'सिंक'],
    ['انقطاع الشبكة في الرياض', 'الشبكة', 'الشبكة'],
    ['Printer jams on tray 2', 'PRINT tray', 'Print|tray'],
    ['nothing here', 'zzz', ''],
  ])('%s / %s → %s', (text, query, want) => {
    expect(marked(text, query)).toBe(want);
  });
});
