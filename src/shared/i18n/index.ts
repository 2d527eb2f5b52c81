import { en, type Catalog, type MessageKey } from './en.ts';

export type { MessageKey };

/** Locales with a catalog, and their writing direction. Right-to-left only needs its catalog. */
export const LOCALES = { en: { catalog: en as Catalog, dir: 'ltr' } } as const;
export type Locale = keyof typeof LOCALES;

export type Vars = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, vars?: Vars): string;
  /** Picks `key_one` / `key_other` (and so on) by the locale's plural rules for `count`. */
  plural(key: string, count: number, vars?: Vars): string;
  has(key: string): key is MessageKey;
  /** Items joined as the locale joins a list (`title, status and queue`). */
  list(items: readonly string[]): string;
}

export function createTranslator(locale: Locale = 'en'): Translator {
  const { catalog, dir } = LOCALES[locale];
  const rules = new Intl.PluralRules(locale);
  const fill = (s: string, vars?: Vars) =>
    vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
  const has = (key: string): key is MessageKey => Object.hasOwn(catalog, key);
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    dir,
    has,
    list: (items) => lists.format(items),
    t: (key, vars) => fill(catalog[key] ?? key, vars),
    plural(key, count, vars) {
      const form = `${key}_${rules.select(count)}`;
      const chosen = has(form)
        ? catalog[form]
        : has(`${key}_other`)
          ? catalog[`${key}_other` as MessageKey]
          : key;
      return fill(chosen, { count, ...vars });
    },
  };
}
