import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { AdminQueue } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import { useBoard } from '../board/boardStore.ts';
import { useT } from '../i18n/index.ts';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { AdminRow, RowForm } from './AdminRow.tsx';
import { useAdminCall } from './directory.ts';
import { QueueFields, type QueueValue } from './fields.tsx';

/** "category “Network outage”, tier 1 of Network": what still sends new work to a queue. */
function usesText(tr: Translator, used: AdminQueue['usedBy']): string {
  return [
    ...used.categories.map((name) => tr.t('admin.useCategory', { name })),
    ...used.tiers.map((x) => tr.t('admin.useTier', { level: x.level, domain: x.domain })),
  ].join(', ');
}

/** A refused disable or enable, in plain words; a queue in use names what uses it. */
export function toggleErrorText(
  tr: Translator,
  error: ApiError | null,
  uses?: string,
): string | undefined {
  if (!error) return undefined;
  if (uses && error.issues.some((i) => i.rule === 'in_use')) return tr.t('admin.inUse', { uses });
  const byField = formErrors(tr, error);
  return byField['active'] ?? byField['defaultQueueId'] ?? byField[''] ?? Object.values(byField)[0];
}

/** The board, filtered to what is left in a queue or with a person. */
export function showOnBoard(filter: { queueId: string } | { assigneeId: string }): void {
  useBoard.getState().setFilters({
    queueId: undefined,
    assigneeId: undefined,
    priority: undefined,
    text: undefined,
    ...filter,
  });
  useView.getState().go('board');
}

function QueueEditor({ queue, close }: { queue: AdminQueue; close: () => void }): ReactElement {
  const tr = useT();
  const call = useAdminCall();
  const [value, setValue] = useState<QueueValue>({ code: queue.code, name: queue.name });
  const [error, setError] = useState<ApiError | null>(null);
  // Changed by someone else meanwhile: show theirs (the error says so).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValue({ code: queue.code, name: queue.name }), [queue.version]);
  const errors = error ? formErrors(tr, error) : {};
  async function save() {
    const e = await call(
      api.invoke('queues.update', { id: queue.id, expectedVersion: queue.version, ...value }),
      (q) => tr.t('admin.queueChanged', { name: q.name }),
    );
    setError(e);
    if (!e) close();
  }
  return (
    <RowForm
      label={tr.t('admin.editLabel', { name: `${queue.code} · ${queue.name}` })}
      onSave={() => void save()}
      onCancel={close}
      error={errors['']}
    >
      <QueueFields value={value} onChange={setValue} errors={errors} />
    </RowForm>
  );
}

function QueueRow({ queue }: { queue: AdminQueue }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const [error, setError] = useState<ApiError | null>(null);
  const uses = usesText(tr, queue.usedBy);
  const name = `${queue.code} · ${queue.name}`;
  async function toggle() {
    setError(
      await call(
        api.invoke('queues.setActive', {
          id: queue.id,
          expectedVersion: queue.version,
          active: !queue.active,
        }),
        (q) => t(q.active ? 'admin.queueEnabled' : 'admin.queueDisabled', { name: q.name }),
      ),
    );
  }
  const details = [
    uses ? t('admin.uses', { uses }) : '',
    queue.openTickets ? tr.plural('admin.openTickets', queue.openTickets) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <AdminRow
      name={name}
      active={queue.active}
      tags={queue.active ? [] : [t('admin.disabled')]}
      details={details}
      actions={[
        {
          text: t('admin.edit'),
          label: t('admin.editLabel', { name }),
          form: (close) => <QueueEditor queue={queue} close={close} />,
        },
      ]}
      onToggle={() => void toggle()}
      toggleLabel={queue.active ? t('admin.disable') : t('admin.enable')}
      error={toggleErrorText(tr, error, uses)}
      extra={
        !queue.active && queue.openTickets ? (
          <button
            type="button"
            className="btn btn--small btn--ghost"
            onClick={() => showOnBoard({ queueId: queue.id })}
          >
            {t('admin.showOnBoard')}
          </button>
        ) : null
      }
    />
  );
}

/** The support centres: each editable and disabled in place; a new one added below. */
export function QueuesAdmin({ queues }: { queues: AdminQueue[] }): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const [value, setValue] = useState<QueueValue>({ code: '', name: '' });
  const [error, setError] = useState<ApiError | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    const err = await call(api.invoke('queues.create', value), (q) =>
      t('admin.queueSaved', { name: q.name }),
    );
    setError(err);
    if (!err) setValue({ code: '', name: '' });
  }
  const errors = error ? formErrors(tr, error) : {};
  return (
    <section className="panel" aria-labelledby="queues-h">
      <h1 id="queues-h">{t('admin.queues')}</h1>
      {queues.length ? (
        <ul className="admin-rows">
          {queues.map((q) => (
            <QueueRow key={q.id} queue={q} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('admin.none')}</p>
      )}
      <form aria-labelledby="queue-add-h" onSubmit={(e) => void add(e)} noValidate>
        <h2 id="queue-add-h">{t('admin.addQueueForm')}</h2>
        <div className="grid grid--3">
          <QueueFields value={value} onChange={setValue} errors={errors} />
        </div>
        <FormError text={errors['']} />
        <button type="submit" className="btn btn--primary">
          {t('admin.addQueue')}
        </button>
      </form>
    </section>
  );
}
