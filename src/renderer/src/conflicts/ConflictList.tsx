import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { ConflictItem, ConflictSide } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { useView } from '../app/viewStore.ts';
import { when } from '../ticket/history.ts';

/** What the list calls a conflicting column: the words the ticket uses. */
const FIELD_KEY: Partial<Record<string, MessageKey>> = {
  title: 'conflicts.field.title',
  description: 'conflicts.field.description',
  category_id: 'conflicts.field.category',
  queue_id: 'conflicts.field.queue',
  asset_id: 'conflicts.field.asset',
  assignee_id: 'conflicts.field.assignee',
  status: 'conflicts.field.status',
  priority: 'conflicts.field.priority',
  answer: 'conflicts.field.answer',
};

/** One side of a conflict: its value, then who set it and when. */
function SideCell({ side }: { side: ConflictSide }): ReactElement {
  const tr = useT();
  const { t } = tr;
  return (
    <td>
      <bdi dir="auto">{side.value ?? '—'}</bdi>
      <div className="muted">{t('conflicts.byAt', { name: side.by, at: when(tr, side.at) })}</div>
    </td>
  );
}

/**
 * For supervisors, under the escalation panel: every field two workstations changed while apart,
 * newest first, both values with who set each and when. Taking the value that lost is one step
 * (a new edit, in the ticket's history); a field the ticket's own screens set opens the ticket.
 */
export function ConflictList(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const openTicket = useView((s) => s.openTicket);
  const [items, setItems] = useState<ConflictItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(async () => {
    const r = await api.invoke('conflicts.list', {});
    if (r.ok) setItems(r.value.items);
    setError(r.ok ? null : r.error);
  }, []);
  useEffect(() => void load(), [load]);
  async function take(c: ConflictItem) {
    const r = await api.invoke('conflicts.take', { id: c.id });
    setError(r.ok ? null : r.error);
    if (r.ok) setItems(r.value.items);
  }
  const fieldName = (c: ConflictItem) => {
    const key = FIELD_KEY[c.field];
    return key ? t(key) : c.field;
  };
  const errors = error ? formErrors(tr, error) : {};
  return (
    <section className="conflicts" aria-labelledby="conflicts-h" data-testid="conflicts">
      <h2 id="conflicts-h">{t('conflicts.title')}</h2>
      <FormError text={errors[''] ?? errors['id']} />
      {items && items.length === 0 ? <p className="muted">{t('conflicts.none')}</p> : null}
      {items && items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('conflicts.ticket')}</th>
              <th scope="col">{t('conflicts.field')}</th>
              <th scope="col">{t('conflicts.kept')}</th>
              <th scope="col">{t('conflicts.lost')}</th>
              <th scope="col">
                <span className="sr-only">{t('hub.codeActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid="conflict-row">
                <td>
                  <bdi className="key">{c.ticket.key}</bdi> <bdi dir="auto">{c.ticket.title}</bdi>
                </td>
                <td>{fieldName(c)}</td>
                <SideCell side={c.kept} />
                <SideCell side={c.lost} />
                <td>
                  {c.canTake ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      aria-label={t('conflicts.takeFor', { key: c.ticket.key })}
                      onClick={() => void take(c)}
                    >
                      {t('conflicts.take')}
                    </button>
                  ) : null}{' '}
                  <button
                    type="button"
                    className="btn btn--small btn--ghost"
                    onClick={() => openTicket(c.ticket.id)}
                  >
                    {t('callbacks.openTicket')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
