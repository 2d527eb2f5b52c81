import { useEffect, useState, type ReactElement } from 'react';
import type { AssetInfo, DeskInfo, TicketDetail } from '../../../shared/views.ts';
import type { TicketChanges } from '../../../shared/contract.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { Field } from '../ui/Field.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { QueueOptions } from '../ui/Options.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { FormError } from './FormError.tsx';
import { formErrors, submitOnCtrlEnter } from './forms.ts';

const assetLabel = (a: AssetInfo) =>
  [a.modelNumber, a.serial, a.location].filter(Boolean).join(' · ');

/** Title, description, category, queue and equipment; a save is one history event. */
export function FieldsForm({
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
  const [title, setTitle] = useState(ticket.title);
  const [description, setDescription] = useState(ticket.description);
  const [categoryId, setCategoryId] = useState(ticket.categoryId);
  const [queueId, setQueueId] = useState(ticket.queueId);
  const [assetId, setAssetId] = useState(ticket.asset?.id ?? '');
  const [assets, setAssets] = useState<AssetInfo[]>(ticket.asset ? [ticket.asset] : []);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    void api.invoke('customers.get', { id: ticket.customer.id }).then((r) => {
      if (r.ok) setAssets(r.value.assets);
    });
  }, [ticket.customer.id]);

  function pickCategory(id: string) {
    // The category's own queue follows it, unless the analyst routed the ticket elsewhere.
    const from = desk.categories.find((c) => c.id === categoryId);
    const to = desk.categories.find((c) => c.id === id);
    if (to && from?.defaultQueueId === queueId) setQueueId(to.defaultQueueId);
    setCategoryId(id);
  }

  async function save() {
    const changes: TicketChanges = {};
    if (title.trim() !== ticket.title) changes.title = title;
    if (description.trim() !== ticket.description) changes.description = description;
    if (categoryId !== ticket.categoryId) changes.categoryId = categoryId;
    if (queueId !== ticket.queueId) changes.queueId = queueId;
    if (assetId !== (ticket.asset?.id ?? '')) changes.assetId = assetId || null;
    if (Object.keys(changes).length === 0) return;
    const r = await api.invoke('tickets.update', {
      id: ticket.id,
      version: ticket.version,
      changes,
    });
    if (!r.ok) {
      setErrors(formErrors(tr, r.error, 'changes.'));
      return;
    }
    setErrors({});
    show(t('ticket.saved', { key: ticket.key }));
    onSaved();
  }

  return (
    <details className="ticket__section" id="ticket-edit-section">
      <summary>
        {t('ticket.edit')} <Kbd keys="Alt+E" />
      </summary>
      <div className="grid grid--2" onKeyDown={submitOnCtrlEnter(() => void save())}>
        <Field
          id="ticket-edit-title"
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
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('ticket.category')} error={errors['categoryId']}>
          {(a) => (
            <select {...a} value={categoryId} onChange={(e) => pickCategory(e.target.value)}>
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
        <Field label={t('ticket.asset')} error={errors['assetId']} className="span-2">
          {(a) => (
            <select {...a} value={assetId} onChange={(e) => setAssetId(e.target.value)}>
              <option value="">{t('ticket.noAsset')}</option>
              {assets.map((x) => (
                <option key={x.id} value={x.id}>
                  {assetLabel(x)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormError text={errors['']} />
      <button type="button" className="btn btn--small" onClick={() => void save()}>
        {t('ticket.save')} <Kbd keys="Ctrl+Enter" />
      </button>
    </details>
  );
}
