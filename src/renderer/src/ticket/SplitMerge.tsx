import { useState, type ReactElement } from 'react';
import type { Level } from '../../../shared/domain.ts';
import type { TicketDetail } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { Field } from '../ui/Field.tsx';
import { LevelOptions } from '../ui/Options.tsx';
import { useFormCall, type WorkspaceFormProps } from '../ui/forms.ts';
import { FoldedForm } from './FoldedForm.tsx';
import { ProblemBasics, type Basics } from './ProblemBasics.tsx';

export const SPLIT_TITLE_ID = 'ticket-split-title';
export const MERGE_INTO_ID = 'ticket-merge-into';

/** A second problem found in this ticket becomes its own ticket, from the same call. */
export function SplitForm({ ticket, desk, onSaved }: WorkspaceFormProps): ReactElement {
  const { t, show, errors, submit } = useFormCall();
  const fresh = (): Basics => ({
    title: '',
    description: '',
    categoryId: ticket.categoryId,
    queueId: ticket.queueId,
  });
  const [basics, setBasics] = useState<Basics>(fresh);
  const [impact, setImpact] = useState<Level>(ticket.impact);
  const [urgency, setUrgency] = useState<Level>(ticket.urgency);

  async function split() {
    const input = { ...basics, impact, urgency };
    await submit(
      api.invoke('tickets.split', { id: ticket.id, version: ticket.version, ...input }),
      ({ created }) => {
        setBasics(fresh());
        show(t('ticket.split.done', { key: created.key, from: ticket.key }));
        onSaved();
      },
    );
  }

  return (
    <FoldedForm
      title={t('ticket.split')}
      keys="Alt+P"
      layout="grid"
      onSubmit={() => void split()}
      submitLabel={t('ticket.split.do')}
      error={errors[''] ?? errors['id']}
    >
      <ProblemBasics
        value={basics}
        onChange={(p) => setBasics((x) => ({ ...x, ...p }))}
        errors={errors}
        titleId={SPLIT_TITLE_ID}
        desk={desk}
      />
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
    </FoldedForm>
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
  const { t, show, errors, submit } = useFormCall();
  const openTicket = useView((s) => s.openTicket);
  const [into, setInto] = useState('');
  const [note, setNote] = useState('');

  async function merge() {
    await submit(
      api.invoke('tickets.merge', { id: ticket.id, version: ticket.version, into, note }),
      (original) => {
        show(t('ticket.merge.done', { key: original.key }));
        onSaved();
        openTicket(original.id);
      },
    );
  }

  return (
    <FoldedForm
      title={t('ticket.merge')}
      keys="Alt+M"
      layout="inline"
      onSubmit={() => void merge()}
      submitLabel={t('ticket.merge.do')}
      error={errors[''] ?? errors['id']}
    >
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
    </FoldedForm>
  );
}
