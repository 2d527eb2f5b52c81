import { useState, type ReactElement } from 'react';
import {
  CALL_DIRECTIONS,
  CONTACT_CHANNELS,
  outcomesFor,
  TIMED_CHANNELS,
  UPDATE_GIVEN,
  type CallDirection,
  type ContactChannel,
  type ContactOutcome,
} from '../../../shared/domain.ts';
import type { ContactEntry } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { when } from '../ticket/history.ts';
import { Field } from '../ui/Field.tsx';
import { FormError } from '../ui/FormError.tsx';
import { submitOnCtrlEnter, useFormCall } from '../ui/forms.ts';
import { Kbd } from '../ui/Kbd.tsx';
import {
  durationMinutes,
  parseDuration,
  parseLocalDateTime,
  toLocalDateTime,
} from './contactText.ts';

export interface ContactDefaults {
  direction: CallDirection;
  channel: ContactChannel;
  outcome: ContactOutcome;
}

/** The id of a contact form's first control, for shortcuts and focus to land on. */
export const contactFieldId = (prefix: string, field: 'direction' | 'outcome'): string =>
  `${prefix}-${field}`;

/**
 * One contact with the customer, as it happened: who called whom, how, how it went, what was
 * said, and when the next call-back is if not the policy's. Also writes corrections: a new entry
 * that names the one it corrects, prefilled from it.
 */
export function ContactForm({
  ticketId,
  ticketKey,
  idPrefix,
  defaults,
  corrects,
  resolved = false,
  onSaved,
  onCancel,
}: {
  ticketId: string;
  ticketKey: string;
  /** Ids of this form's controls start with it (several forms may be on screen). */
  idPrefix: string;
  defaults: ContactDefaults;
  corrects?: ContactEntry | null;
  /** A resolved ticket's log takes entries, but no call-back or closing contact. */
  resolved?: boolean;
  onSaved: (entry: ContactEntry) => void;
  onCancel?: () => void;
}): ReactElement {
  const { tr, t, show, errors, setErrors, submit } = useFormCall();
  const start = corrects ?? defaults;
  const [direction, setDirection] = useState<CallDirection>(start.direction);
  const [channel, setChannel] = useState<ContactChannel>(start.channel);
  const [chosen, setOutcome] = useState<ContactOutcome>(start.outcome);
  const [duration, setDuration] = useState(
    typeof corrects?.durationSec === 'number' ? String(durationMinutes(corrects.durationSec)) : '',
  );
  const [summary, setSummary] = useState(corrects?.summary ?? '');
  const [at, setAt] = useState(corrects ? toLocalDateTime(corrects.at) : '');
  const [closing, setClosing] = useState(corrects?.closing ?? false);
  const [next, setNext] = useState('');
  const [reason, setReason] = useState('');

  const outcomes = outcomesFor(direction, channel);
  // A channel or direction that cannot have the chosen outcome shows the first one it can have.
  const outcome = outcomes.includes(chosen) ? chosen : outcomes[0]!;
  const timed = TIMED_CHANNELS.includes(channel);
  const given = UPDATE_GIVEN.includes(outcome);

  async function save() {
    const durationSec = timed ? parseDuration(duration) : null;
    const atMs = parseLocalDateTime(at);
    const nextMs = parseLocalDateTime(next);
    const local: Record<string, string> = {};
    if (durationSec === undefined) local['durationSec'] = t('contact.durationInvalid');
    if (atMs !== undefined && Number.isNaN(atMs)) local['at'] = t('contact.atInvalid');
    if (nextMs !== undefined && Number.isNaN(nextMs)) local['next.at'] = t('contact.atInvalid');
    if (Object.keys(local).length) return setErrors(local);
    // "No answer" says it all: the summary need not be typed twice.
    const said = summary.trim() || (given ? summary : t(`outcome.${outcome}`));
    await submit(
      api.invoke('contacts.log', {
        ticketId,
        direction,
        channel,
        outcome,
        durationSec: durationSec ?? null,
        summary: said,
        closing: given && closing,
        ...(atMs !== undefined ? { at: atMs } : {}),
        ...(nextMs !== undefined ? { next: { at: nextMs, reason } } : {}),
        ...(corrects ? { corrects: corrects.id } : {}),
      }),
      (value) => {
        show(t('contact.saved', { key: ticketKey }));
        setSummary('');
        setDuration('');
        setAt('');
        setNext('');
        setReason('');
        setClosing(false);
        onSaved(value.contact);
      },
    );
  }

  return (
    <div className="contact-form" onKeyDown={submitOnCtrlEnter(() => void save(), onCancel)}>
      {corrects ? (
        <p className="muted" role="status">
          {t('contact.correcting', { when: when(tr, corrects.at) })}
        </p>
      ) : null}
      <div className="grid grid--4">
        <Field
          id={contactFieldId(idPrefix, 'direction')}
          label={t('contact.direction')}
          error={errors['direction']}
        >
          {(a) => (
            <select
              {...a}
              value={direction}
              onChange={(e) => setDirection(e.target.value as CallDirection)}
            >
              {CALL_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`direction.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contact.channel')} error={errors['channel']}>
          {(a) => (
            <select
              {...a}
              value={channel}
              onChange={(e) => setChannel(e.target.value as ContactChannel)}
            >
              {CONTACT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={contactFieldId(idPrefix, 'outcome')}
          label={t('contact.outcome')}
          error={errors['outcome']}
        >
          {(a) => (
            <select
              {...a}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as ContactOutcome)}
            >
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {timed ? (
          <Field label={t('contact.duration')} error={errors['durationSec']}>
            {(a) => (
              <input
                {...a}
                inputMode="decimal"
                value={duration}
                onChange={(e) => setDuration(e.target.value)}
              />
            )}
          </Field>
        ) : (
          <span />
        )}
        <Field label={t('contact.summary')} error={errors['summary']} className="span-4">
          {(a) => (
            <textarea
              {...a}
              rows={2}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('contact.at')} error={errors['at']}>
          {(a) => (
            <input
              {...a}
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
            />
          )}
        </Field>
        {resolved ? null : (
          <>
            <Field label={t('contact.next')} error={errors['next.at']}>
              {(a) => (
                <input
                  {...a}
                  type="datetime-local"
                  value={next}
                  onChange={(e) => setNext(e.target.value)}
                />
              )}
            </Field>
            {next ? (
              <Field
                label={t('contact.nextReason')}
                error={errors['next.reason']}
                className="span-2"
              >
                {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
            ) : null}
            {given ? (
              <div
                className={`field field--check span-4${errors['closing'] ? ' field--invalid' : ''}`}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={closing}
                    onChange={(e) => setClosing(e.target.checked)}
                  />{' '}
                  {t('contact.closing')}
                </label>
                {errors['closing'] ? (
                  <span className="field__error" role="alert">
                    {errors['closing']}
                  </span>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </div>
      <FormError text={errors[''] ?? errors['corrects']} />
      <div className="actions">
        <button type="button" className="btn btn--primary btn--small" onClick={() => void save()}>
          {t('contact.save')} <Kbd keys="Ctrl+Enter" />
        </button>
        {onCancel ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
            {corrects ? t('contact.cancelCorrection') : t('help.close')} <Kbd keys="Esc" />
          </button>
        ) : null}
      </div>
    </div>
  );
}
