import { useCallback, useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { QUESTION_KINDS, type QuestionKind } from '../../../shared/domain.ts';
import { LOCALES, LOCALE_CODES, type Locale } from '../../../shared/i18n/locales.ts';
import type { SopQuestion, SopScript } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { CategoryOptions } from '../ui/Options.tsx';
import { useSession } from '../session/sessionStore.ts';
import { FormError } from '../ui/FormError.tsx';
import { useFormCall } from '../ui/forms.ts';
import { Kbd } from '../ui/Kbd.tsx';

/** An id from the question's words, so a supervisor never has to invent one. */
const slug = (text: string, taken: Set<string>): string => {
  const base =
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 30) || 'question';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
};

/**
 * Supervisors edit each category's SOP script: the questions, their order, which must be
 * answered before a ticket can be resolved. A save is a new version; answers keep their ids.
 */
export function ScriptEditor(): ReactElement {
  const { t, tr, show, errors, setErrors, submit } = useFormCall();
  const desk = useSession((s) => s.desk)!;
  const [categoryId, setCategoryId] = useState(desk.categories[0]?.id ?? '');
  const [script, setScript] = useState<SopScript | null>(null);
  const [questions, setQuestions] = useState<SopQuestion[]>([]);
  // The language whose texts are edited: the desk's own are the questions' `text` and `help`.
  const deskLanguage = useSession((s) => s.deskLanguage);
  const [language, setLanguage] = useState<Locale>(deskLanguage);
  const own = language === deskLanguage;

  const load = useCallback(async () => {
    if (!categoryId) return;
    const r = await api.invoke('scripts.get', { categoryId });
    if (r.ok) {
      setScript(r.value);
      setQuestions(r.value.questions);
      setErrors({});
    }
  }, [categoryId, setErrors]);
  useEffect(() => {
    void load();
  }, [load]);

  const set = (i: number, patch: Partial<SopQuestion>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  /** The question's text and help in the language being edited; both emptied drops that version. */
  const inLanguage = (q: SopQuestion) =>
    own ? { text: q.text, help: q.help } : (q.translations[language] ?? { text: '', help: '' });
  const setText = (i: number, patch: { text?: string; help?: string }) =>
    setQuestions((qs) =>
      qs.map((q, j) => {
        if (j !== i) return q;
        if (own) return { ...q, ...patch };
        const next = { ...inLanguage(q), ...patch };
        const others = { ...q.translations };
        delete others[language];
        return {
          ...q,
          translations: next.text || next.help ? { ...others, [language]: next } : others,
        };
      }),
    );
  const move = (i: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [q] = next.splice(i, 1);
      next.splice(i + by, 0, q!);
      return next;
    });

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (!script) return;
    const taken = new Set(questions.map((q) => q.id).filter(Boolean));
    const withIds = questions.map((q) => (q.id ? q : { ...q, id: slug(q.text, taken) }));
    await submit(
      api.invoke('scripts.update', {
        categoryId,
        expectedVersion: script.version,
        questions: withIds,
      }),
      (saved) => {
        show(t('settings.scripts.saved', { version: saved.version }));
        setScript(saved);
        setQuestions(saved.questions);
      },
    );
  }

  const err = (i: number, f: string) => errors[`questions.${i}.${f}`];
  return (
    <form
      className="panel"
      aria-labelledby="scripts-h"
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => {
        if (e.ctrlKey && e.key.toLowerCase() === 's') {
          e.preventDefault();
          e.stopPropagation();
          void save();
        }
      }}
      noValidate
    >
      <h1 id="scripts-h">{t('settings.scripts')}</h1>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="script-category">{t('settings.scripts.category')}</label>
          <select
            id="script-category"
            value={categoryId}
            onChange={(e) => setCategoryId(e.target.value)}
          >
            <CategoryOptions categories={desk.categories} all />
          </select>
        </div>
        <div className="field">
          <label htmlFor="script-language">{t('settings.scripts.language')}</label>
          <select
            id="script-language"
            value={language}
            onChange={(e) => setLanguage(e.target.value as Locale)}
            aria-describedby="script-language-hint"
          >
            {LOCALE_CODES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALES[code].name}
              </option>
            ))}
          </select>
        </div>
        <p className="muted" id="script-language-hint">
          {own
            ? t('settings.scripts.languageOwn')
            : t('settings.scripts.languageOther', { language: LOCALES[deskLanguage].name })}
        </p>
        <p className="muted">
          {script && script.version > 0
            ? t('settings.scripts.version', {
                version: script.version,
                by: script.updatedBy ?? '',
                when: new Intl.DateTimeFormat(tr.formats, { dateStyle: 'medium' }).format(
                  script.updatedAt ?? 0,
                ),
              })
            : t('settings.scripts.none')}
        </p>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('settings.scripts.text')}</th>
            <th scope="col">{t('settings.scripts.kind')}</th>
            <th scope="col">{t('settings.scripts.required')}</th>
            <th scope="col">{t('settings.scripts.help')}</th>
            <th scope="col">
              <span className="sr-only">{t('ticket.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {questions.map((q, i) => {
            const n = i + 1;
            const shown = inLanguage(q);
            const where = own ? '' : `translations.${language}.`;
            const textErr =
              err(i, `${where}text`) ?? err(i, 'text') ?? err(i, 'id') ?? err(i, `${where}help`);
            return (
              <tr key={i}>
                <td>{n}</td>
                <td>
                  <input
                    aria-label={`${t('settings.scripts.text')} ${n}`}
                    aria-invalid={!!textErr}
                    lang={language}
                    dir="auto"
                    value={shown.text}
                    placeholder={own ? undefined : q.text}
                    onChange={(e) => setText(i, { text: e.target.value })}
                  />
                  {textErr ? (
                    <span className="field__error" role="alert">
                      {textErr}
                    </span>
                  ) : null}
                </td>
                <td>
                  <select
                    aria-label={`${t('settings.scripts.kind')} ${n}`}
                    value={q.kind}
                    onChange={(e) => set(i, { kind: e.target.value as QuestionKind })}
                  >
                    {QUESTION_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`question.${k}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('settings.scripts.required')} ${n}`}
                    checked={q.required}
                    onChange={(e) => set(i, { required: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${t('settings.scripts.help')} ${n}`}
                    lang={language}
                    dir="auto"
                    value={shown.help}
                    placeholder={own ? undefined : q.help}
                    onChange={(e) => setText(i, { help: e.target.value })}
                  />
                </td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    aria-label={t('settings.scripts.up', { n })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    aria-label={t('settings.scripts.down', { n })}
                    disabled={i === questions.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    aria-label={t('settings.scripts.remove', { n })}
                    onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn--small"
        onClick={() =>
          setQuestions((qs) => [
            ...qs,
            { id: '', text: '', kind: 'text', required: false, help: '', translations: {} },
          ])
        }
      >
        {t('settings.scripts.add')}
      </button>{' '}
      <button type="submit" className="btn btn--primary">
        {t('settings.scripts.save')} <Kbd keys="Ctrl+S" />
      </button>
      <FormError text={errors['']} />
    </form>
  );
}
