import { useContext, type ReactElement } from 'react';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { firstErrorText } from '../ui/errors.ts';
import { QueueOptions } from '../ui/Options.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { DirectoryContext } from './directory.ts';

/** Each domain's tiers and their queues: changing one saves it (tiers are added in order). */
export function TiersAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const reload = useSession((s) => s.load);
  const show = useToasts((s) => s.show);
  const reloadDirectory = useContext(DirectoryContext);
  async function setTier(domainId: string, level: 1 | 2 | 3, queueId: string) {
    const r = await api.invoke('tiers.set', { domainId, level, queueId });
    if (!r.ok) return show(firstErrorText(tr, r.error), 'error');
    show(t('admin.tierSaved'));
    // What each queue is used by changes with its tiers.
    await Promise.all([reload(), reloadDirectory()]);
  }
  return (
    <section className="panel" aria-labelledby="tiers-h">
      <h1 id="tiers-h">{t('admin.tiers')}</h1>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('escalation.domain')}</th>
            {[1, 2, 3].map((l) => (
              <th key={l} scope="col">
                {t('escalation.tierN', { n: l })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {desk.domains.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.name}</th>
              {([1, 2, 3] as const).map((level) => {
                const tier = d.tiers.find((x) => x.level === level);
                const reachable = level === 1 || d.tiers.some((x) => x.level === level - 1);
                return (
                  <td key={level}>
                    <select
                      aria-label={`${d.name} ${t('escalation.tierN', { n: level })}`}
                      value={tier?.queueId ?? ''}
                      disabled={!reachable}
                      onChange={(e) => e.target.value && void setTier(d.id, level, e.target.value)}
                    >
                      {tier ? null : <option value="">—</option>}
                      <QueueOptions queues={desk.queues} keep={tier?.queueId} />
                    </select>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
