import type { ReactElement } from 'react';
import { LANGUAGES, type UiLocale } from '../../../shared/i18n/index.ts';
import { useLocale, useT } from './index.ts';

/**
 * The language the app speaks, each named in itself (so anyone finds their own), changed at once:
 * nothing typed is lost (the screens re-render; no reload). `onPick` keeps the choice (with the
 * person, or on this workstation before anyone signs in).
 */
export function LanguagePicker({
  onPick,
  className,
  labelShown,
}: {
  onPick: (locale: UiLocale) => void;
  className?: string;
  /** The label written out (in a form), not only said to a screen reader (in the header). */
  labelShown?: boolean;
}): ReactElement {
  const tr = useT();
  const setLocale = useLocale((s) => s.setLocale);
  return (
    <label className={className ?? 'language-picker'}>
      <span className={labelShown ? 'field__label' : 'sr-only'}>{tr.t('nav.language')}</span>
      <select
        value={tr.locale}
        data-testid="language-picker"
        aria-label={tr.t('nav.language')}
        onChange={(e) => {
          const locale = e.target.value as UiLocale;
          setLocale(locale);
          onPick(locale);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
