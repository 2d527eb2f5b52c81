/**
 * The desk's languages, each named in itself, with its writing direction: what the core stores
 * and checks (a person's language, the desk's), without the catalogs the renderer words with.
 */
export const LOCALES = {
  en: { name: 'English', dir: 'ltr' },
  fr: { name: 'Français', dir: 'ltr' },
  el: { name: 'Ελληνικά', dir: 'ltr' },
  hi: { name: 'हिन्दी', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl' }>;
export type Locale = keyof typeof LOCALES;
export const LOCALE_CODES = Object.keys(LOCALES) as [Locale, ...Locale[]];

export const isLocale = (x: unknown): x is Locale =>
  typeof x === 'string' && Object.hasOwn(LOCALES, x);

/** The digits a person reads numbers in: Latin, Arabic-Indic, Devanagari (null: their language's). */
export const NUMBERINGS = ['latn', 'arab', 'deva'] as const;
export type Numbering = (typeof NUMBERINGS)[number];
export const isNumbering = (x: unknown): x is Numbering =>
  typeof x === 'string' && (NUMBERINGS as readonly string[]).includes(x);

/** The text size a person reads all shift: the base size, and two larger ones. */
export const TEXT_SIZES = ['standard', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const isTextSize = (x: unknown): x is TextSize =>
  typeof x === 'string' && (TEXT_SIZES as readonly string[]).includes(x);
