import { useEffect, useRef, useState, type ReactElement } from 'react';
import {
  isLocale,
  NUMBERINGS,
  TEXT_SIZES,
  type Numbering,
  type TextSize,
} from '../../../shared/i18n/locales.ts';
import { useView } from '../app/viewStore.ts';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { useLocale, useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { firstErrorText } from '../ui/errors.ts';
import { FormError } from '../ui/FormError.tsx';
import { Kbd } from '../ui/Kbd.tsx';

/** The digits 0 to 9 as a numbering system writes them: what the choice shows. */
const digitsOf = (n: Numbering) =>
  new Intl.NumberFormat(`en-u-nu-${n}`, { useGrouping: false }).format(123456789).slice(0, 4);

/**
 * How a person reads the screen: language, digits, text size, theme. Each choice applies at
 * once and is kept with them (the theme with this workstation, whose light it suits).
 */
export function DisplayDialog({ onClose }: { onClose: () => void }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const ref = useRef<HTMLDialogElement>(null);
  const numbering = useLocale((s) => s.numbering);
  const textSize = useLocale((s) => s.textSize);
  const setLanguage = useSession((s) => s.setLanguage);
  const setDisplay = useSession((s) => s.setDisplay);
  const { theme, toggleTheme } = useView();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    // It opens on the digits chosen now: somewhere useful (showModal would pick Close).
    d.querySelector<HTMLInputElement>('input[name="numbering"]:checked')?.focus();
    return () => d.close();
  }, []);

  const save = async (change: { numbering?: Numbering | null; textSize?: TextSize }) => {
    const e = await setDisplay(change);
    setError(e ? firstErrorText(tr, e) : undefined);
  };
  const example = t('display.example', {
    count: 1234,
    time: new Intl.DateTimeFormat(tr.formats, { timeStyle: 'short' }).format(
      Date.UTC(2026, 11, 1, 14, 5),
    ),
  });

  return (
    <dialog
      ref={ref}
      className="dialog dialog--display"
      aria-labelledby="display-title"
      data-testid="display-dialog"
      onClose={onClose}
      onCancel={onClose}
    >
      <header className="dialog__head">
        <h2 id="display-title">{t('display.title')}</h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
          {t('help.close')} <Kbd keys="Esc" />
        </button>
      </header>
      <p className="muted">{t('display.intro')}</p>
      <div className="display__choices">
        <LanguagePicker
          className="field display__language"
          labelShown
          onPick={(locale) => void setLanguage(isLocale(locale) ? locale : null)}
        />
        <fieldset className="display__group">
          <legend>{t('display.digits')}</legend>
          {[null, ...NUMBERINGS].map((n) => (
            <label key={n ?? 'default'} className="display__option">
              <input
                type="radio"
                name="numbering"
                checked={numbering === n}
                onChange={() => void save({ numbering: n })}
              />
              {n === null ? t('display.digits.default') : t(`display.digits.${n}`)}
              {n ? (
                <bdi
                  className="display__sample"
                  lang={n === 'latn' ? 'en' : n === 'arab' ? 'ar' : 'hi'}
                >
                  {digitsOf(n)}
                </bdi>
              ) : null}
            </label>
          ))}
          <span className="field__hint">{t('display.digits.hint')}</span>
        </fieldset>
        <fieldset className="display__group">
          <legend>{t('display.textSize')}</legend>
          {TEXT_SIZES.map((size) => (
            <label key={size} className={`display__option display__option--${size}`}>
              <input
                type="radio"
                name="textSize"
                checked={textSize === size}
                onChange={() => void save({ textSize: size })}
              />
              {t(`display.textSize.${size}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="display__group">
          <legend>
            {t('display.theme')} <Kbd keys="Alt+T" />
          </legend>
          {(['light', 'dark'] as const).map((th) => (
            <label key={th} className="display__option">
              <input
                type="radio"
                name="theme"
                checked={theme === th}
                onChange={() => {
                  if (theme !== th) toggleTheme();
                }}
              />
              {t(`display.theme.${th}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="display__example" data-testid="display-example">
        {example}
      </p>
      <FormError text={error} />
    </dialog>
  );
}
