/**
 * An SOP question as one reader sees it: in their language where the script has a version in
 * it, otherwise in the desk's own (the question's `text` and `help`).
 */
import type { Locale } from './i18n/locales.ts';
import type { SopQuestion } from './views.ts';

export function questionIn(
  q: Pick<SopQuestion, 'text' | 'help' | 'translations'>,
  locale: string,
): { text: string; help: string } {
  const own = Object.hasOwn(q.translations, locale) ? q.translations[locale as Locale] : undefined;
  return own ? { text: own.text, help: own.help || q.help } : { text: q.text, help: q.help };
}
