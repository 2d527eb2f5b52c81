/**
 * The catalogs a translator edits (src/shared/i18n/catalogs/*.json) against English: every key,
 * every plural category the language needs (Arabic six, French three), the same placeholders;
 * and no user-visible English in the renderer outside the catalogs.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/shared/i18n/en.ts';
import { CATALOGS, createTranslator, LOCALES, type Locale } from '../../src/shared/i18n/index.ts';

const ROOT = join(import.meta.dirname, '../..');
const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));

/** English's plural bases (keys with an `_other` form) and its plain keys. */
const enKeys = Object.keys(en);
const bases = new Set(enKeys.filter((k) => k.endsWith('_other')).map((k) => k.replace(PLURAL, '')));
const plain = enKeys.filter((k) => !(PLURAL.test(k) && bases.has(k.replace(PLURAL, ''))));

const translated = (Object.keys(LOCALES) as Locale[]).filter((l) => l !== 'en');

describe('catalogs', () => {
  it('the five languages of the desk are there, Arabic right to left', () => {
    expect(translated.sort()).toEqual(['ar', 'el', 'fr', 'hi']);
    expect(LOCALES.ar.dir).toBe('rtl');
  });

  for (const locale of translated) {
    it(`${locale}: every key, every plural category, the same placeholders as English`, () => {
      const catalog = CATALOGS[locale]!;
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const wanted = new Set([
        ...plain,
        ...[...bases].flatMap((b) => categories.map((c) => `${b}_${c}`)),
      ]);
      const missing = [...wanted].filter((k) => !(k in catalog));
      const extra = Object.keys(catalog).filter((k) => !wanted.has(k));
      expect(missing, `${locale} is missing`).toEqual([]);
      expect(extra, `${locale} has keys English has not`).toEqual([]);
      const wrong: string[] = [];
      for (const [k, v] of Object.entries(catalog)) {
        if (typeof v !== 'string' || v.trim() === '') {
          wrong.push(`${k}: empty`);
          continue;
        }
        const base = k.replace(PLURAL, '');
        const isPlural = bases.has(base) && PLURAL.test(k);
        const english = en[(isPlural ? `${base}_other` : k) as keyof typeof en];
        const want = placeholders(english);
        const got = placeholders(v);
        // Arabic names zero, one and two with the noun itself (تذكرتان): {count} may go there.
        if (isPlural && ['zero', 'one', 'two'].includes(k.match(PLURAL)![1]!)) want.delete('count');
        for (const p of got)
          if (!placeholders(english).has(p)) wrong.push(`${k}: {${p}} is not English's`);
        for (const p of want) if (!got.has(p)) wrong.push(`${k}: {${p}} is missing`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('picks each language its own plural form, and joins lists its own way', () => {
    const ar = createTranslator('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((n) => ar.plural('sync.waiting', n));
    expect(new Set(forms).size).toBe(6);
    expect(createTranslator('fr').list(['a', 'b', 'c'])).toBe('a, b et c');
    expect(createTranslator('el').list(['α', 'β'])).toBe('α και β');
  });

  it('the pseudo-locale marks every string, placeholders left whole', () => {
    const tr = createTranslator('en-XA');
    const s = tr.t('hub.codeUsed', { name: 'Front desk 2' });
    expect(s).toMatch(/^⟦.*Front desk 2.*⟧$/);
    expect(s).not.toContain('Used by');
  });
});

/** The attributes people read (or hear): a string in one must come from a catalog. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'title',
  'placeholder',
  'alt',
  'label',
  'aria-description',
]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsxFiles(join(dir, e.name))
      : e.name.endsWith('.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Words in JSX text and in read attributes, by the TypeScript parser (not a pattern). */
function visibleText(file: string): string[] {
  const src = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const at = (n: ts.Node) =>
    `${file.slice(ROOT.length + 1)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n) && /\p{L}{2,}/u.test(n.text)) found.push(`${at(n)}: ${n.text.trim()}`);
    if (
      ts.isJsxAttribute(n) &&
      READ_ATTRIBUTES.has(n.name.getText(src)) &&
      n.initializer &&
      ts.isStringLiteral(n.initializer) &&
      /\p{L}{2,}/u.test(n.initializer.text) &&
      // A sample of a format (an address, a ticket key) is no word of any language.
      !/^(?:[a-z]+:\/\/\S+|[A-Z0-9][A-Z0-9-]*)$/.test(n.initializer.text)
    )
      found.push(`${at(n)}: ${n.name.getText(src)}="${n.initializer.text}"`);
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('the renderer', () => {
  it('the check finds English written into a screen', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-tsx-')), 'Probe.tsx');
    writeFileSync(
      file,
      'export const P = () => <p title="Close it" placeholder="LON-000123">Saved {n} tickets</p>;',
    );
    expect(visibleText(file).map((x) => x.replace(/^.*?: /, ''))).toEqual([
      'title="Close it"',
      'Saved',
      'tickets',
    ]);
  });

  it('holds no user-visible English outside the catalogs', () => {
    const found = tsxFiles(join(ROOT, 'src/renderer/src')).flatMap(visibleText);
    expect(found).toEqual([]);
  });
});

/** Every rule the core names, read by the parser from `issue(path, rule, …)` and `conflict(rule, …)`. */
function rulesNamed(dir: string): { rule: string; at: string }[] {
  const out: { rule: string; at: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const which = { issue: 1, conflict: 0 }[n.expression.text];
        const arg = which === undefined ? undefined : n.arguments[which];
        if (arg && ts.isStringLiteral(arg))
          out.push({
            rule: arg.text,
            at: `${file.slice(ROOT.length + 1)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`,
          });
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return out;
}

describe('the core', () => {
  it('names no refusal the catalogs have no words for: the renderer words each in every language', () => {
    const named = rulesNamed(join(ROOT, 'src/core'));
    expect(named.length).toBeGreaterThan(50);
    expect(named.some((r) => r.rule === 'stale_ticket')).toBe(true);
    const english: Record<string, string> = en;
    expect(
      named.filter((r) => !(`rule.${r.rule}` in english)).map((r) => `${r.at}: ${r.rule}`),
    ).toEqual([]);
  });
});
