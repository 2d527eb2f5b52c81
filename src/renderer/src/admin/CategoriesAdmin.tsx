import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import type { AdminCategory, DeskInfo } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { FormError } from '../ui/FormError.tsx';
import { formErrors } from '../ui/forms.ts';
import { AdminRow, RowForm } from './AdminRow.tsx';
import { useAdminCall } from './directory.ts';
import { CategoryFields, type CategoryValue } from './fields.tsx';
import { toggleErrorText } from './QueuesAdmin.tsx';

const valueOf = (c: AdminCategory): CategoryValue => ({
  code: c.code,
  name: c.name,
  domain: c.domain,
  defaultQueueId: c.defaultQueueId,
});

function CategoryEditor({
  category,
  desk,
  name,
  close,
}: {
  category: AdminCategory;
  desk: DeskInfo;
  name: string;
  close: () => void;
}): ReactElement {
  const tr = useT();
  const call = useAdminCall();
  const [value, setValue] = useState(valueOf(category));
  const [error, setError] = useState<ApiError | null>(null);
  // Changed by someone else meanwhile: show theirs (the error says so).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValue(valueOf(category)), [category.version]);
  const errors = error ? formErrors(tr, error) : {};
  async function save() {
    const e = await call(
      api.invoke('categories.update', {
        id: category.id,
        expectedVersion: category.version,
        ...value,
      }),
      (c) => tr.t('admin.categoryChanged', { name: c.name }),
    );
    setError(e);
    if (!e) close();
  }
  return (
    <RowForm
      label={tr.t('admin.editLabel', { name })}
      onSave={() => void save()}
      onCancel={close}
      error={errors['']}
    >
      <CategoryFields value={value} onChange={setValue} errors={errors} desk={desk} />
    </RowForm>
  );
}

function CategoryRow({
  category,
  desk,
}: {
  category: AdminCategory;
  desk: DeskInfo;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const [error, setError] = useState<ApiError | null>(null);
  const queue = desk.queues.find((q) => q.id === category.defaultQueueId);
  const name = `${category.name} → ${queue?.code ?? ''}`;
  async function toggle() {
    setError(
      await call(
        api.invoke('categories.setActive', {
          id: category.id,
          expectedVersion: category.version,
          active: !category.active,
        }),
        (c) => t(c.active ? 'admin.categoryEnabled' : 'admin.categoryDisabled', { name: c.name }),
      ),
    );
  }
  return (
    <AdminRow
      name={name}
      active={category.active}
      tags={[
        ...(category.active ? [] : [t('admin.disabled')]),
        ...(queue && !queue.active ? [t('admin.disabledName', { name: queue.name })] : []),
      ]}
      details={`${category.code} · ${category.domain}`}
      actions={[
        {
          text: t('admin.edit'),
          label: t('admin.editLabel', { name }),
          form: (close) => (
            <CategoryEditor category={category} desk={desk} name={name} close={close} />
          ),
        },
      ]}
      onToggle={() => void toggle()}
      toggleLabel={category.active ? t('admin.disable') : t('admin.enable')}
      error={toggleErrorText(tr, error)}
    />
  );
}

/** The categories, each routed to a queue: editable and disabled in place; a new one added below. */
export function CategoriesAdmin({
  categories,
  desk,
}: {
  categories: AdminCategory[];
  desk: DeskInfo;
}): ReactElement {
  const tr = useT();
  const { t } = tr;
  const call = useAdminCall();
  const empty: CategoryValue = { code: '', name: '', domain: '', defaultQueueId: '' };
  const [value, setValue] = useState<CategoryValue>(empty);
  const [error, setError] = useState<ApiError | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    const err = await call(api.invoke('categories.create', value), (c) =>
      t('admin.categorySaved', { name: c.name }),
    );
    setError(err);
    if (!err) setValue(empty);
  }
  const errors = error ? formErrors(tr, error) : {};
  return (
    <section className="panel" aria-labelledby="categories-h">
      <h1 id="categories-h">{t('admin.categories')}</h1>
      {categories.length ? (
        <ul className="admin-rows">
          {categories.map((c) => (
            <CategoryRow key={c.id} category={c} desk={desk} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('admin.none')}</p>
      )}
      <form aria-labelledby="category-add-h" onSubmit={(e) => void add(e)} noValidate>
        <h2 id="category-add-h">{t('admin.addCategoryForm')}</h2>
        <div className="grid grid--4">
          <CategoryFields value={value} onChange={setValue} errors={errors} desk={desk} />
        </div>
        <FormError text={errors['']} />
        <button type="submit" className="btn btn--primary">
          {t('admin.addCategory')}
        </button>
      </form>
    </section>
  );
}
