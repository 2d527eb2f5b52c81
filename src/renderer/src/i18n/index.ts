import { create } from 'zustand';
import { createTranslator, type Translator, type UiLocale } from '../../../shared/i18n/index.ts';
import type { Numbering, TextSize } from '../../../shared/i18n/locales.ts';

interface LocaleState {
  tr: Translator;
  /** The desk's region, for dates, times and numbers (see Translator.formats). */
  region: string | null;
  /** The digits the signed-in person reads; null: the language's own. */
  numbering: Numbering | null;
  textSize: TextSize;
  setLocale(locale: UiLocale): void;
  setRegion(region: string | null): void;
  setNumbering(numbering: Numbering | null): void;
  setTextSize(size: TextSize): void;
}

function apply(tr: Translator): Translator {
  document.documentElement.lang = tr.locale;
  document.documentElement.dir = tr.dir;
  return tr;
}

export const useLocale = create<LocaleState>((set, get) => {
  const speak = (locale: UiLocale, region: string | null, numbering: Numbering | null) =>
    apply(createTranslator(locale, { region, numbering }));
  return {
    tr: apply(createTranslator('en')),
    region: null,
    numbering: null,
    textSize: 'standard',
    setLocale: (locale) => set({ tr: speak(locale, get().region, get().numbering) }),
    setRegion: (region) => {
      if (region === get().region) return;
      set({ region, tr: speak(get().tr.locale, region, get().numbering) });
    },
    setNumbering: (numbering) => {
      if (numbering === get().numbering) return;
      set({ numbering, tr: speak(get().tr.locale, get().region, numbering) });
    },
    setTextSize: (textSize) => {
      // Every size is in rem (styles.css): the root's size scales the whole screen, layout too.
      document.documentElement.dataset['textSize'] = textSize;
      set({ textSize });
    },
  };
});

export const useT = (): Translator => useLocale((s) => s.tr);

/** What was picked on this workstation before anyone signed in (the sign-in screen's language). */
const PICKED = 'switchboard.language';
export const pickedHere = (): string | null => {
  try {
    return localStorage.getItem(PICKED);
  } catch {
    return null;
  }
};
export const pickHere = (locale: UiLocale): void => {
  try {
    localStorage.setItem(PICKED, locale);
  } catch {
    // a browser that keeps nothing: the choice lasts this page
  }
};
