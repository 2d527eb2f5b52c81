import ar from './catalogs/ar.json' with { type: 'json' };
import el from './catalogs/el.json' with { type: 'json' };
import fr from './catalogs/fr.json' with { type: 'json' };
import hi from './catalogs/hi.json' with { type: 'json' };
import { en, type MessageKey } from './en.ts';
import { LOCALES, type Locale, type Numbering } from './locales.ts';
import { pseudoCatalog } from './pseudo.ts';

export type { MessageKey, Locale, Numbering };
export { LOCALES };

/** A language the app can speak: the desk's five, and en-XA, the pseudo-locale for translators. */
export type UiLocale = Locale | 'en-XA';

/**
 * The catalogs: plain JSON files a translator edits (catalogs/*.json), key → text, plural keys
 * suffixed by the language's own categories (`_one`, `_few`, …). English is the source.
 */
export const CATALOGS: Readonly<Partial<Record<UiLocale, Readonly<Record<string, string>>>>> = {
  en,
  fr,
  el,
  hi,
  ar,
  'en-XA': pseudoCatalog(en),
};

/** What the language pickers offer: every language with a catalog, named in itself. */
export const LANGUAGES: readonly { code: UiLocale; name: string }[] = [
  ...(Object.keys(LOCALES) as Locale[])
    .filter((code) => CATALOGS[code])
    .map((code) => ({ code, name: LOCALES[code].name })),
  { code: 'en-XA', name: 'Pseudo (for translators)' },
];

export const dirOf = (locale: UiLocale): 'ltr' | 'rtl' =>
  locale === 'en-XA' ? 'ltr' : LOCALES[locale].dir;

export type Vars = Record<string, string | number>;

export interface Translator {
  locale: UiLocale;
  /**
   * The locale dates, times and numbers are written in: the language at the desk's region
   * (en-GB on a London desk: day before month, a 24-hour clock), in the digits a person prefers.
   */
  formats: string;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, vars?: Vars): string;
  /** Picks `key_one` / `key_few` (and so on) by the locale's plural rules for `count`. */
  plural(key: string, count: number, vars?: Vars): string;
  has(key: string): key is MessageKey;
  /** Items joined as the locale joins a list (`title, status and queue`). */
  list(items: readonly string[]): string;
}

export function createTranslator(
  wanted: UiLocale = 'en',
  o: { region?: string | null; numbering?: Numbering | null } = {},
): Translator {
  // A language whose catalog is not there yet speaks English.
  const locale: UiLocale = CATALOGS[wanted] ? wanted : 'en';
  const formats = formatLocale(locale, o.region, o.numbering);
  const catalog = CATALOGS[locale]!;
  const english: Readonly<Record<string, string>> = en;
  const rules = new Intl.PluralRules(locale);
  const englishRules = new Intl.PluralRules('en');
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  // Numbers in a sentence are written in the reader's digits (١٢ for who reads Arabic-Indic).
  const numbers = new Intl.NumberFormat(formats);
  const word = (v: string | number) => (typeof v === 'number' ? numbers.format(v) : v);
  const fill = (s: string, vars?: Vars) =>
    vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? word(vars[k]!) : m)) : s;
  const has = (key: string): key is MessageKey => Object.hasOwn(english, key);
  // A key a catalog lacks (the completeness test fails first) shows English, never the key.
  const text = (key: string) => catalog[key] ?? english[key] ?? key;
  return {
    locale,
    formats,
    dir: dirOf(locale),
    has,
    list: (items) => lists.format(items),
    t: (key, vars) => fill(text(key), vars),
    plural(key, count, vars) {
      const chosen =
        catalog[`${key}_${rules.select(count)}`] ??
        catalog[`${key}_other`] ??
        english[`${key}_${englishRules.select(count)}`] ??
        english[`${key}_other`] ??
        key;
      return fill(chosen, { count, ...vars });
    },
  };
}

/** `fr` at region `GB` with Arabic-Indic digits: `fr-GB-u-nu-arab`; an unknown region is left out. */
export function formatLocale(
  locale: UiLocale,
  region?: string | null,
  numbering?: Numbering | null,
): string {
  const language = locale === 'en-XA' ? 'en' : locale;
  const known = region && /^[A-Z]{2}$/.test(region) ? region : null;
  const tag = known ? `${language}-${known}` : language;
  // The clock the region reads (24 hours in London whatever the language), where it is known.
  const cycle = known ? hourCycleOf(known) : undefined;
  const extensions = [...(cycle ? [`hc-${cycle}`] : []), ...(numbering ? [`nu-${numbering}`] : [])];
  const full = extensions.length ? `${tag}-u-${extensions.join('-')}` : tag;
  try {
    return Intl.getCanonicalLocales(full)[0] ?? language;
  } catch {
    return language;
  }
}

function hourCycleOf(region: string): string | undefined {
  try {
    const l = new Intl.Locale(`und-${region}`).maximize() as Intl.Locale & {
      getHourCycles?: () => string[];
      hourCycles?: string[];
    };
    return (l.getHourCycles?.() ?? l.hourCycles)?.[0];
  } catch {
    return undefined;
  }
}
