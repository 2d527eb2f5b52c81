import { create } from 'zustand';
import { createTranslator, type Translator, type UiLocale } from '../../../shared/i18n/index.ts';

interface LocaleState {
  tr: Translator;
  /** The desk's region, for dates, times and numbers (see Translator.formats). */
  region: string | null;
  setLocale(locale: UiLocale): void;
  setRegion(region: string | null): void;
}

function apply(tr: Translator): Translator {
  document.documentElement.lang = tr.locale;
  document.documentElement.dir = tr.dir;
  return tr;
}

export const useLocale = create<LocaleState>((set, get) => ({
  tr: apply(createTranslator('en')),
  region: null,
  setLocale: (locale) => set({ tr: apply(createTranslator(locale, { region: get().region })) }),
  setRegion: (region) => {
    if (region === get().region) return;
    set({ region, tr: apply(createTranslator(get().tr.locale, { region })) });
  },
}));

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
