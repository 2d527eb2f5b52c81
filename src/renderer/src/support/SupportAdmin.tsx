import { useState, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { errorText } from '../ui/errors.ts';
import { FormError } from '../ui/FormError.tsx';
import { useToasts } from '../ui/toastStore.ts';

/**
 * The admin's support bundle for IT: the release, the store's statistics, sync and backups as
 * they stand and the end of the desk's log, saved as one JSON file. It holds no customer data.
 */
export function SupportAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const show = useToasts((s) => s.show);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function make() {
    setBusy(true);
    const r = await api.invoke('support.bundle', {});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    const stamp = new Date(r.value.at).toISOString().replace(/[:.]/g, '-');
    const fileName = `switchboard-support-${r.value.desk.prefix}-${stamp}.json`;
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(r.value, null, 2)], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    show(t('support.done', { file: fileName }));
  }

  return (
    <section className="panel" aria-labelledby="support-h">
      <h2 id="support-h">{t('support.title')}</h2>
      <p className="muted">{t('support.hint')}</p>
      <FormError text={error ? errorText(tr, error) : undefined} />
      <button type="button" className="btn" disabled={busy} onClick={() => void make()}>
        {t('support.make')}
      </button>
    </section>
  );
}
