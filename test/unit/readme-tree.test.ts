/** The README's "How it is built" tree names exactly the folders `ls src/core` shows. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** The folder names drawn under `src/core/` in the README, in the order drawn. */
export function coreFoldersDrawn(readme: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith('src/core/'));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(' ')) break; // the next top-level folder
    // An entry's names come first on its line, before the column of text; continuation lines
    // are indented past that column.
    const head = line.trimStart() === line.slice(2) ? line.slice(2).split(/ {3,}/)[0]! : '';
    for (const m of head.matchAll(/([a-z][a-z-]*)\//g)) names.push(m[1]!);
  }
  return names;
}

describe('README', () => {
  it('draws the core as ls src/core lists it', () => {
    const drawn = coreFoldersDrawn(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const onDisk = readdirSync(join(ROOT, 'src/core'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(drawn.length).toBeGreaterThan(0);
    expect([...drawn].sort()).toEqual([...onDisk].sort());
    // Every file of the core is in a folder: a newcomer finds its room by the tree.
    expect(
      readdirSync(join(ROOT, 'src/core'), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name),
    ).toEqual([]);
  });

  it('reads names off the drawing, and would see a folder missing', () => {
    const tree = [
      'src/core/        engine',
      '  kernel/          desk, dispatcher,',
      '                   endpoint/ and rpc',
      '  board/ search/   the board',
      'src/demo/        demo',
    ].join('\n');
    expect(coreFoldersDrawn(tree)).toEqual(['kernel', 'board', 'search']);
  });
});
