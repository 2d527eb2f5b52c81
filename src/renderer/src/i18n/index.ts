import { create } from 'zustand';
import { createTranslator, type Translator, type UiLocale } from '../../../shared/i18n/index.ts';

interface LocaleState {
  tr: Translator;
  setLocale(locale: UiLocale): void;
}

function apply(tr: Translator): Translator {
  document.documentElement.lang = tr.locale;
  document.documentElement.dir = tr.dir;
  return tr;
}

export const useLocale = create<LocaleState>((set) => ({
  tr: apply(createTranslator('en')),
  setLocale: (locale) => set({ tr: apply(createTranslator(locale)) }),
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
