import type { ReactElement } from 'react';
import type { DeskInfo } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { CategoryOptions, QueueOptions } from '../ui/Options.tsx';

export interface Basics {
  title: string;
  description: string;
  categoryId: string;
  queueId: string;
}

/**
 * What a problem is and where it goes: title, description, category and queue. Choosing a
 * category brings its own queue along, unless the analyst had routed the ticket elsewhere.
 */
export function ProblemBasics({
  value,
  onChange,
  errors,
  titleId,
  desk,
}: {
  value: Basics;
  onChange: (patch: Partial<Basics>) => void;
  errors: Record<string, string>;
  titleId: string;
  desk: DeskInfo;
}): ReactElement {
  const { t } = useT();
  function pickCategory(id: string) {
    const from = desk.categories.find((c) => c.id === value.categoryId);
    const to = desk.categories.find((c) => c.id === id);
    const follows = to && from?.defaultQueueId === value.queueId;
    onChange({ categoryId: id, ...(follows ? { queueId: to.defaultQueueId } : {}) });
  }
  return (
    <>
      <Field id={titleId} label={t('ticket.title')} error={errors['title']} className="span-2">
        {(a) => (
          <input {...a} value={value.title} onChange={(e) => onChange({ title: e.target.value })} />
        )}
      </Field>
      <Field label={t('ticket.description')} error={errors['description']} className="span-2">
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={value.description}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('ticket.category')} error={errors['categoryId']}>
        {(a) => (
          <select {...a} value={value.categoryId} onChange={(e) => pickCategory(e.target.value)}>
            <CategoryOptions categories={desk.categories} keep={value.categoryId} />
          </select>
        )}
      </Field>
      <Field label={t('ticket.queue')} error={errors['queueId']}>
        {(a) => (
          <select
            {...a}
            value={value.queueId}
            onChange={(e) => onChange({ queueId: e.target.value })}
          >
            <QueueOptions queues={desk.queues} keep={value.queueId} />
          </select>
        )}
      </Field>
    </>
  );
}
