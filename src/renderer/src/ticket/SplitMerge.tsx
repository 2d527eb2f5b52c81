import { useState, type ReactElement } from 'react';
import type { Level } from '../../../shared/domain.ts';
import type { DeskInfo, TicketDetail } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { LevelOptions, QueueOptions } from '../ui/Options.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { FormError } from './FormError.tsx';
import { formErrors, submitOnCtrlEnter } from './forms.ts';

export const SPLIT_TITLE_ID = 'ticket-split-title';
export const MERGE_INTO_ID = 'ticket-merge-into';

/** A second problem found in this ticket becomes its own ticket, from the same call. */
export function SplitForm({
  ticket,
  desk,
  onSaved,
}: {
  ticket: TicketDetail;
  desk: DeskInfo;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState(ticket.categoryId);
  const [queueId, setQueueId] = useState(ticket.queueId);
  const [impact, setImpact] = useState<Level>(ticket.impact);
  const [urgency, setUrgency] = useState<Level>(ticket.urgency);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function split() {
    const r = await api.invoke('tickets.split', {
      id: ticket.id,
      version: ticket.version,
      title,
      description,
      categoryId,
      queueId,
      impact,
      urgency,
    });
    if (!r.ok) {
      setErrors(formErrors(tr, r.error));
      return;
    }
    setErrors({});
    setTitle('');
    setDescription('');
    show(t('ticket.split.done', { key: r.value.created.key, from: ticket.key }));
    onSaved();
  }

  return (
    <details className="ticket__section">
      <summary>
        {t('ticket.split')} <Kbd keys="Alt+P" />
      </summary>
      <div className="grid grid--2" onKeyDown={submitOnCtrlEnter(() => void split())}>
        <Field
          id={SPLIT_TITLE_ID}
          label={t('ticket.title')}
          error={errors['title']}
          className="span-2"
        >
          {(a) => <input {...a} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t('ticket.description')} error={errors['description']} className="span-2">
          {(a) => (
            <textarea
              {...a}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('ticket.category')} error={errors['categoryId']}>
          {(a) => (
            <select
              {...a}
              value={categoryId}
              onChange={(e) => {
                setCategoryId(e.target.value);
                const c = desk.categories.find((x) => x.id === e.target.value);
                if (c) setQueueId(c.defaultQueueId);
              }}
            >
              {desk.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ticket.queue')} error={errors['queueId']}>
          {(a) => (
            <select {...a} value={queueId} onChange={(e) => setQueueId(e.target.value)}>
              <QueueOptions queues={desk.queues} />
            </select>
          )}
        </Field>
        <Field label={t('intake.impact')}>
          {(a) => (
            <select
              {...a}
              value={impact}
              onChange={(e) => setImpact(Number(e.target.value) as Level)}
            >
              <LevelOptions />
            </select>
          )}
        </Field>
        <Field label={t('intake.urgency')}>
          {(a) => (
            <select
              {...a}
              value={urgency}
              onChange={(e) => setUrgency(Number(e.target.value) as Level)}
            >
              <LevelOptions />
            </select>
          )}
        </Field>
      </div>
      <FormError text={errors[''] ?? errors['id']} />
      <button type="button" className="btn btn--small" onClick={() => void split()}>
        {t('ticket.split.do')} <Kbd keys="Ctrl+Enter" />
      </button>
    </details>
  );
}

/** This ticket is a duplicate: it is resolved into its original, both histories kept. */
export function MergeForm({
  ticket,
  onSaved,
}: {
  ticket: TicketDetail;
  onSaved: () => void;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const openTicket = useView((s) => s.openTicket);
  const [into, setInto] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function merge() {
    const r = await api.invoke('tickets.merge', {
      id: ticket.id,
      version: ticket.version,
      into,
      note,
    });
    if (!r.ok) {
      setErrors(formErrors(tr, r.error));
      return;
    }
    setErrors({});
    show(t('ticket.merge.done', { key: r.value.key }));
    onSaved();
    openTicket(r.value.id);
  }

  return (
    <details className="ticket__section">
      <summary>
        {t('ticket.merge')} <Kbd keys="Alt+M" />
      </summary>
      <div className="inline-form" onKeyDown={submitOnCtrlEnter(() => void merge())}>
        <Field id={MERGE_INTO_ID} label={t('ticket.merge.into')} error={errors['into']}>
          {(a) => (
            <input
              {...a}
              placeholder="LON-000123"
              value={into}
              onChange={(e) => setInto(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('ticket.merge.note')} error={errors['note']}>
          {(a) => <input {...a} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="button" className="btn btn--small" onClick={() => void merge()}>
          {t('ticket.merge.do')} <Kbd keys="Ctrl+Enter" />
        </button>
      </div>
      <FormError text={errors[''] ?? errors['id']} />
    </details>
  );
}
