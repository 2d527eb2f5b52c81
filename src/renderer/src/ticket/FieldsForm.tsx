import { useEffect, useState, type ReactElement } from 'react';
import type { TicketChanges } from '../../../shared/contract.ts';
import type { AssetInfo } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { Field } from '../ui/Field.tsx';
import { useFormCall, type WorkspaceFormProps } from '../ui/forms.ts';
import { FoldedForm } from './FoldedForm.tsx';
import { ProblemBasics, type Basics } from './ProblemBasics.tsx';

export const EDIT_TITLE_ID = 'ticket-edit-title';

/**
 * The ticket whose fields were just saved. The workspace mounts this form afresh for each
 * version of the ticket (the draft starts from what was saved), so the form that had the focus
 * is gone once the save lands and the focus with it: the new form gives it to its summary.
 */
let savedFrom: string | null = null;

const assetLabel = (a: AssetInfo) =>
  [a.modelNumber, a.serial, a.location].filter(Boolean).join(' · ');

/** Title, description, category, queue and equipment; a save is one history event. */
export function FieldsForm({ ticket, desk, onSaved }: WorkspaceFormProps): ReactElement {
  const { t, show, errors, submit } = useFormCall('changes.');
  const [basics, setBasics] = useState<Basics>({
    title: ticket.title,
    description: ticket.description,
    categoryId: ticket.categoryId,
    queueId: ticket.queueId,
  });
  const [assetId, setAssetId] = useState(ticket.asset?.id ?? '');
  const [assets, setAssets] = useState<AssetInfo[]>(ticket.asset ? [ticket.asset] : []);

  useEffect(() => {
    if (savedFrom !== ticket.id) return;
    savedFrom = null;
    if (document.activeElement !== document.body) return;
    document.getElementById(EDIT_TITLE_ID)?.closest('details')?.querySelector('summary')?.focus();
  }, [ticket.id]);

  useEffect(() => {
    void api.invoke('customers.get', { id: ticket.customer.id }).then((r) => {
      if (r.ok) setAssets(r.value.assets);
    });
  }, [ticket.customer.id]);

  async function save() {
    const changes: TicketChanges = {};
    if (basics.title.trim() !== ticket.title) changes.title = basics.title;
    if (basics.description.trim() !== ticket.description) changes.description = basics.description;
    if (basics.categoryId !== ticket.categoryId) changes.categoryId = basics.categoryId;
    if (basics.queueId !== ticket.queueId) changes.queueId = basics.queueId;
    if (assetId !== (ticket.asset?.id ?? '')) changes.assetId = assetId || null;
    if (Object.keys(changes).length === 0) return;
    await submit(
      api.invoke('tickets.update', { id: ticket.id, version: ticket.version, changes }),
      () => {
        show(t('ticket.saved', { key: ticket.key }));
        savedFrom = ticket.id;
        onSaved();
      },
    );
  }

  return (
    <FoldedForm
      title={t('ticket.edit')}
      keys="Alt+E"
      layout="grid"
      onSubmit={() => void save()}
      submitLabel={t('ticket.save')}
      error={errors['']}
    >
      <ProblemBasics
        value={basics}
        onChange={(p) => setBasics((b) => ({ ...b, ...p }))}
        errors={errors}
        titleId={EDIT_TITLE_ID}
        desk={desk}
      />
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
    </FoldedForm>
  );
}
