import { useEffect, useRef, useState, type ReactElement } from 'react';
import { ROOT_CAUSES } from '../../../shared/domain.ts';
import type { ApiError } from '../../../shared/errors.ts';
import type { SimilarTicket, TicketDetail } from '../../../shared/views.ts';
import { questionIn } from '../../../shared/sop.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { Field } from '../ui/Field.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { FormError } from '../ui/FormError.tsx';
import { formErrors, submitOnCtrlEnter, useFormCall } from '../ui/forms.ts';
import { when } from './history.ts';

export const SOLUTION_ID = 'ticket-solution';
export const REOPEN_ID = 'ticket-reopen-reason';
const REOPEN_BUTTON_ID = 'ticket-reopen';
const NO_CONTACT_ID = 'ticket-no-contact-reason';

/**
 * Resolving: solution, root cause, reproduction steps; similar resolved tickets alongside, each
 * solution one keystroke (Alt+1 … Alt+5) from reuse. Resolved: who, when, what, and Reopen.
 */
export function ResolutionPanel({
  ticket,
  saveAnswers,
  onRefused,
  onDone,
}: {
  ticket: TicketDetail;
  /** Saves drafted SOP answers first; false when they were refused. */
  saveAnswers: () => Promise<boolean>;
  /** A refused resolve, for the workspace to mark unanswered questions. */
  onRefused: (error: ApiError) => void;
  onDone: () => void;
}): ReactElement {
  const { tr, t, show, errors, setErrors, submit } = useFormCall();
  const openTicket = useView((s) => s.openTicket);
  const [solution, setSolution] = useState('');
  const [rootCause, setRootCause] = useState<(typeof ROOT_CAUSES)[number]>('unknown');
  const [steps, setSteps] = useState('');
  const [reason, setReason] = useState('');
  const [noContactReason, setNoContactReason] = useState('');
  const closing = ticket.contacts.find((c) => c.id === ticket.closingContactId);
  const [similar, setSimilar] = useState<SimilarTicket[]>([]);
  const resolved = ticket.status === 'resolved';
  // Resolving or reopening swaps this form for the other: once the reloaded ticket shows it, the
  // focus goes to it (Reopen; the solution) instead of falling to the page with the old form.
  const [focusNext, setFocusNext] = useState<'reopen' | 'resolve' | null>(null);
  useEffect(() => {
    if (focusNext !== (resolved ? 'reopen' : 'resolve')) return;
    setFocusNext(null);
    document.getElementById(resolved ? REOPEN_BUTTON_ID : SOLUTION_ID)?.focus();
  }, [focusNext, resolved]);

  useEffect(() => {
    if (resolved) return;
    void api.invoke('tickets.similar', { id: ticket.id }).then((r) => {
      if (r.ok) setSimilar(r.value);
    });
  }, [ticket.id, ticket.version, resolved]);

  function use(s: SimilarTicket) {
    setSolution(s.solution);
    if (s.rootCause !== 'duplicate') setRootCause(s.rootCause);
    if (s.reproductionSteps) setSteps(s.reproductionSteps);
    document.getElementById(SOLUTION_ID)?.focus();
  }
  // Alt+1 … Alt+5 anywhere in the ticket takes that similar ticket's solution.
  const latest = useRef({ similar, use });
  latest.current = { similar, use };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const n = /^Digit([1-5])$/.exec(e.code);
      if (!n || !e.altKey || e.ctrlKey || e.shiftKey || e.metaKey) return;
      const s = latest.current.similar[Number(n[1]) - 1];
      if (!s) return;
      e.preventDefault();
      latest.current.use(s);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function resolve() {
    if (!(await saveAnswers())) return;
    const r = await api.invoke('tickets.resolve', {
      id: ticket.id,
      version: ticket.version,
      solution,
      rootCause,
      reproductionSteps: steps,
      ...(closing ? {} : { noContactReason }),
    });
    if (!r.ok) {
      const byField = formErrors(tr, r.error);
      const missing = ticket.script.questions.filter((q) => byField[`answers.${q.id}`]);
      if (missing.length)
        byField[''] = t('ticket.resolve.missing', {
          questions: tr.list(missing.map((q) => questionIn(q, tr.locale).text)),
        });
      setErrors(byField);
      onRefused(r.error);
      if (!missing.length && byField['noContactReason'])
        document.getElementById(NO_CONTACT_ID)?.focus();
      return;
    }
    setErrors({});
    setSolution('');
    setSteps('');
    setNoContactReason('');
    show(t('ticket.resolved', { key: ticket.key }));
    setFocusNext('reopen');
    onDone();
  }

  async function reopen() {
    await submit(
      api.invoke('tickets.reopen', { id: ticket.id, version: ticket.version, reason }),
      () => {
        setReason('');
        show(t('ticket.reopened', { key: ticket.key }));
        setFocusNext('resolve');
        onDone();
      },
    );
  }

  if (resolved) {
    const res = ticket.resolution;
    return (
      <section className="ticket__section" aria-labelledby="resolution-title">
        <h3 id="resolution-title">{t('ticket.resolve.title')}</h3>
        {res ? (
          <dl className="facts" data-testid="resolution">
            <dt>{t('ticket.solution')}</dt>
            <dd className="prewrap">{res.solution || t('ticket.unanswered')}</dd>
            <dt>{t('ticket.rootCause')}</dt>
            <dd>{t(`root.${res.rootCause}`)}</dd>
            {res.reproductionSteps ? (
              <>
                <dt>{t('ticket.reproduction')}</dt>
                <dd className="prewrap">{res.reproductionSteps}</dd>
              </>
            ) : null}
            {res.noContactReason ? (
              <>
                <dt>{t('ticket.closingContact')}</dt>
                <dd>{t('ticket.noContactReason.shown', { reason: res.noContactReason })}</dd>
              </>
            ) : null}
            <dt />
            <dd className="muted">
              {t('ticket.resolvedBy', {
                name: res.resolvedBy.displayName,
                when: when(tr, res.resolvedAt),
              })}
            </dd>
          </dl>
        ) : null}
        <div className="inline-form" onKeyDown={submitOnCtrlEnter(() => void reopen())}>
          <Field id={REOPEN_ID} label={t('ticket.reopenReason')} error={errors['reason']}>
            {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button
            id={REOPEN_BUTTON_ID}
            type="button"
            className="btn btn--small"
            onClick={() => void reopen()}
          >
            {t('ticket.reopen')} <Kbd keys="Alt+R" />
          </button>
        </div>
        <FormError text={errors['']} />
      </section>
    );
  }

  return (
    <section className="ticket__section" aria-labelledby="resolution-title">
      <h3 id="resolution-title">
        {t('ticket.resolve.title')} <Kbd keys="Alt+R" />
      </h3>
      <div className="grid grid--2" onKeyDown={submitOnCtrlEnter(() => void resolve())}>
        <Field
          id={SOLUTION_ID}
          label={t('ticket.solution')}
          error={errors['solution']}
          className="span-2"
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              value={solution}
              onChange={(e) => setSolution(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('ticket.rootCause')} error={errors['rootCause']}>
          {(a) => (
            <select
              {...a}
              value={rootCause}
              onChange={(e) => setRootCause(e.target.value as (typeof ROOT_CAUSES)[number])}
            >
              {ROOT_CAUSES.map((c) => (
                <option key={c} value={c}>
                  {t(`root.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ticket.reproduction')} error={errors['reproductionSteps']}>
          {(a) => (
            <textarea {...a} rows={2} value={steps} onChange={(e) => setSteps(e.target.value)} />
          )}
        </Field>
        <p className="span-2" data-testid="closing-contact">
          <strong>{t('ticket.closingContact')}:</strong>{' '}
          {closing
            ? t('ticket.closingContact.logged', { summary: closing.summary })
            : t('ticket.closingContact.missing')}
        </p>
        {closing ? null : (
          <Field
            id={NO_CONTACT_ID}
            label={t('ticket.noContactReason')}
            error={errors['noContactReason']}
            className="span-2"
          >
            {(a) => (
              <input
                {...a}
                value={noContactReason}
                onChange={(e) => setNoContactReason(e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      <FormError text={errors['']} />
      <button type="button" className="btn btn--primary btn--small" onClick={() => void resolve()}>
        {t('ticket.resolve')} <Kbd keys="Ctrl+Enter" />
      </button>
      <h4>{t('ticket.similar')}</h4>
      {similar.length === 0 ? <p className="muted">{t('ticket.similar.none')}</p> : null}
      <ol className="similar" data-testid="similar">
        {similar.map((s, i) => (
          <li key={s.id}>
            <button type="button" className="link" onClick={() => openTicket(s.id)}>
              {s.key}
            </button>{' '}
            {s.title}
            <p className="similar__solution">{s.solution}</p>
            <span className="muted">
              {t(`root.${s.rootCause}`)} · {when(tr, s.resolvedAt)}
              {s.shared.length
                ? ` · ${t('ticket.similar.shared', { words: s.shared.join(', ') })}`
                : ''}
            </span>{' '}
            <button type="button" className="btn btn--ghost btn--small" onClick={() => use(s)}>
              {t('ticket.similar.use')} <Kbd keys={`Alt+${i + 1}`} />
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
