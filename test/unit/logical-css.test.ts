/**
 * The renderer's styles in logical properties only, so Arabic lays out right to left from the
 * same rules: a physical side (margin-left, top:, text-align: right…) or a shorthand that names
 * four sides in physical order fails here, naming the file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PHYSICAL = [
  /\b(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right|top|bottom)\b/,
  /\bborder-(?:top|bottom)-(?:left|right)-radius\b/,
  /(?:^|[;{\s])(?:left|right|top|bottom)\s*:/,
  /\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/,
  /\b(?:margin|padding|border-radius|inset)\s*:\s*[^;{}\s]+\s+[^;{}\s]+\s+[^;{}\s]+\s+[^;{}\s]+\s*;/,
];
/** The same in inline styles (style={{ marginLeft: … }}). */
const PHYSICAL_JS =
  /\b(?:margin|padding|border)(?:Left|Right|Top|Bottom)\b|\b(?:left|right)\s*:\s*['\d]/;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name), ext)
      : e.name.endsWith(ext)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('styles', () => {
  it('use logical properties only', () => {
    const found: string[] = [];
    for (const file of files(join(ROOT, 'src/renderer'), '.css')) {
      const lines = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
        .split('\n');
      lines.forEach((line, i) => {
        if (PHYSICAL.some((re) => re.test(line)))
          found.push(`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      });
    }
    for (const file of files(join(ROOT, 'src/renderer'), '.tsx')) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        if (/style=\{\{/.test(line) && PHYSICAL_JS.test(line))
          found.push(`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the check itself finds a physical property', () => {
    expect(PHYSICAL.some((re) => re.test('  margin-left: 4px;'))).toBe(true);
    expect(PHYSICAL.some((re) => re.test('  right: 0;'))).toBe(true);
    expect(PHYSICAL.some((re) => re.test('  padding: 1px 2px 3px 4px;'))).toBe(true);
    expect(PHYSICAL.some((re) => re.test('  margin-inline-start: 4px;'))).toBe(false);
    expect(PHYSICAL.some((re) => re.test('  padding: 4px 8px;'))).toBe(false);
  });
});
