import type { ReactElement } from 'react';
import type { SopQuestion, TicketDetail } from '../../../shared/views.ts';
import { questionIn } from '../../../shared/sop.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { when } from './history.ts';
import { submitOnCtrlEnter } from '../ui/forms.ts';

/** The id of a question's control, so a refused resolve can send the focus to it. */
export const questionControlId = (q: SopQuestion): string => `sop-${q.id}`;

/**
 * The category's SOP questions, answered in the ticket. Unsaved answers are drafts held by the
 * workspace, so a colleague's change arriving live never wipes what the analyst is typing.
 */
export function ScriptForm({
  ticket,
  value,
  onChange,
  errors,
  onSave,
}: {
  ticket: TicketDetail;
  value: (q: SopQuestion) => string;
  onChange: (q: SopQuestion, answer: string) => void;
  errors: Record<string, string>;
  onSave: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const { questions } = ticket.script;
  const saved = new Map(ticket.answers.map((a) => [a.questionId, a]));
  const readOnly = ticket.status === 'resolved';
  return (
    <section className="ticket__section" aria-labelledby="sop-title">
      <h3 id="sop-title">
        {t('ticket.script')} <Kbd keys="Alt+Q" />
      </h3>
      {questions.length === 0 ? <p className="muted">{t('ticket.script.none')}</p> : null}
      <div className="sop" onKeyDown={submitOnCtrlEnter(onSave)}>
        {questions.map((q) => {
          const answered = saved.get(q.id);
          const shown = questionIn(q, tr.locale);
          const hint = [
            shown.help,
            answered
              ? t('ticket.script.by', {
                  name: answered.by.displayName,
                  when: when(tr, answered.at),
                })
              : '',
          ]
            .filter(Boolean)
            .join(' · ');
          const label = `${shown.text}${q.required ? ` (${t('ticket.script.required')})` : ''}`;
          return (
            <Field
              id={questionControlId(q)}
              key={q.id}
              label={label}
              error={errors[q.id]}
              {...(hint ? { hint } : {})}
            >
              {(a) =>
                q.kind === 'yes_no' ? (
                  <select
                    {...a}
                    disabled={readOnly}
                    value={value(q)}
                    onChange={(e) => onChange(q, e.target.value)}
                  >
                    <option value="">{t('ticket.unanswered')}</option>
                    <option value="yes">{t('ticket.yes')}</option>
                    <option value="no">{t('ticket.no')}</option>
                  </select>
                ) : q.kind === 'long_text' ? (
                  <textarea
                    {...a}
                    rows={2}
                    readOnly={readOnly}
                    value={value(q)}
                    onChange={(e) => onChange(q, e.target.value)}
                  />
                ) : (
                  <input
                    {...a}
                    readOnly={readOnly}
                    value={value(q)}
                    onChange={(e) => onChange(q, e.target.value)}
                  />
                )
              }
            </Field>
          );
        })}
      </div>
      {questions.length > 0 && !readOnly ? (
        <button type="button" className="btn btn--small" onClick={onSave}>
          {t('ticket.script.save')} <Kbd keys="Ctrl+Enter" />
        </button>
      ) : null}
    </section>
  );
}
