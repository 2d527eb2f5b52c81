import { create } from 'zustand';
import { createTranslator, type Locale, type Translator } from '../../../shared/i18n/index.ts';

interface LocaleState {
  tr: Translator;
  setLocale(locale: Locale): void;
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
