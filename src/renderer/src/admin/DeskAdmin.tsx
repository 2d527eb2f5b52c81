import { useState, type FormEvent, type ReactElement } from 'react';
import type { ApiError } from '../../../shared/errors.ts';
import { ROLES, type Role } from '../../../shared/domain.ts';
import { api } from '../api/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { errorText, fieldErrors, firstErrorText } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { QueueOptions } from '../ui/Options.tsx';

type Saver = (e: FormEvent) => Promise<void>;

/** A real desk starts empty: its admin creates the support centres, the categories routed to them, and the people. */
export function DeskAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const reload = useSession((s) => s.load);
  const show = useToasts((s) => s.show);
  const [queue, setQueue] = useState({ code: '', name: '' });
  const [category, setCategory] = useState({ code: '', name: '', domain: '', defaultQueueId: '' });
  const [user, setUser] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'analyst' as Role,
    tier: '1',
    domainIds: [] as string[],
  });
  const [errors, setErrors] = useState<{
    queue: ApiError | null;
    category: ApiError | null;
    user: ApiError | null;
  }>({
    queue: null,
    category: null,
    user: null,
  });

  function saver<K extends keyof typeof errors>(
    kind: K,
    run: () => Promise<{ ok: boolean; error?: ApiError }>,
    done: () => void,
    message: string,
  ): Saver {
    return async (e) => {
      e.preventDefault();
      const r = await run();
      if (!r.ok && r.error) {
        setErrors((x) => ({ ...x, [kind]: r.error }));
        show(errorText(tr, r.error), 'error');
        return;
      }
      setErrors((x) => ({ ...x, [kind]: null }));
      done();
      show(message);
      await reload();
    };
  }

  const qErr = fieldErrors(tr, errors.queue);
  const cErr = fieldErrors(tr, errors.category);
  const uErr = fieldErrors(tr, errors.user);

  const saveQueue = saver(
    'queue',
    () => api.invoke('queues.create', queue),
    () => setQueue({ code: '', name: '' }),
    t('admin.queueSaved', { name: queue.name }),
  );
  const saveCategory = saver(
    'category',
    () => api.invoke('categories.create', category),
    () => setCategory({ code: '', name: '', domain: '', defaultQueueId: '' }),
    t('admin.categorySaved', { name: category.name }),
  );
  const saveUser = saver(
    'user',
    () => api.invoke('users.create', { ...user, tier: Number(user.tier) as 1 | 2 | 3 }),
    () =>
      setUser({
        username: '',
        displayName: '',
        password: '',
        role: 'analyst',
        tier: '1',
        domainIds: [],
      }),
    t('admin.userSaved', { name: user.displayName }),
  );

  return (
    <div className="settings">
      <form
        className="panel"
        aria-labelledby="queues-h"
        onSubmit={(e) => void saveQueue(e)}
        noValidate
      >
        <h1 id="queues-h">{t('admin.queues')}</h1>
        <p className="muted">
          {desk.queues.map((q) => `${q.code} · ${q.name}`).join(' — ') || t('admin.none')}
        </p>
        <div className="grid grid--3">
          <Field label={t('admin.queueCode')} error={qErr['code']}>
            {(a) => (
              <input
                {...a}
                value={queue.code}
                onChange={(e) => setQueue({ ...queue, code: e.target.value.toUpperCase() })}
              />
            )}
          </Field>
          <Field label={t('admin.queueName')} error={qErr['name']}>
            {(a) => (
              <input
                {...a}
                value={queue.name}
                onChange={(e) => setQueue({ ...queue, name: e.target.value })}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="btn btn--primary">
          {t('admin.addQueue')}
        </button>
      </form>

      <form
        className="panel"
        aria-labelledby="categories-h"
        onSubmit={(e) => void saveCategory(e)}
        noValidate
      >
        <h1 id="categories-h">{t('admin.categories')}</h1>
        <p className="muted">
          {desk.categories
            .map(
              (c) =>
                `${c.name} → ${desk.queues.find((q) => q.id === c.defaultQueueId)?.code ?? ''}`,
            )
            .join(' — ') || t('admin.none')}
        </p>
        <div className="grid grid--4">
          <Field label={t('admin.categoryCode')} error={cErr['code']}>
            {(a) => (
              <input
                {...a}
                value={category.code}
                onChange={(e) => setCategory({ ...category, code: e.target.value.toUpperCase() })}
              />
            )}
          </Field>
          <Field label={t('admin.categoryName')} error={cErr['name']}>
            {(a) => (
              <input
                {...a}
                value={category.name}
                onChange={(e) => setCategory({ ...category, name: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.domain')} error={cErr['domain']}>
            {(a) => (
              <input
                {...a}
                value={category.domain}
                onChange={(e) => setCategory({ ...category, domain: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.defaultQueue')} error={cErr['defaultQueueId']}>
            {(a) => (
              <select
                {...a}
                value={category.defaultQueueId}
                onChange={(e) => setCategory({ ...category, defaultQueueId: e.target.value })}
              >
                <option value="">{t('intake.choose')}</option>
                <QueueOptions queues={desk.queues} />
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className="btn btn--primary">
          {t('admin.addCategory')}
        </button>
      </form>

      <form
        className="panel"
        aria-labelledby="users-h"
        onSubmit={(e) => void saveUser(e)}
        noValidate
      >
        <h1 id="users-h">{t('admin.users')}</h1>
        <p className="muted">
          {desk.users
            .map((u) => `${u.displayName} (${t(`role.${u.role}`)}, ${u.tier})`)
            .join(' — ')}
        </p>
        <div className="grid grid--3">
          <Field label={t('admin.username')} error={uErr['username']}>
            {(a) => (
              <input
                {...a}
                autoComplete="off"
                value={user.username}
                onChange={(e) => setUser({ ...user, username: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.displayName')} error={uErr['displayName']}>
            {(a) => (
              <input
                {...a}
                value={user.displayName}
                onChange={(e) => setUser({ ...user, displayName: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.password')} error={uErr['password']}>
            {(a) => (
              <input
                {...a}
                type="password"
                autoComplete="new-password"
                value={user.password}
                onChange={(e) => setUser({ ...user, password: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('admin.role')} error={uErr['role']}>
            {(a) => (
              <select
                {...a}
                value={user.role}
                onChange={(e) => setUser({ ...user, role: e.target.value as Role })}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('admin.tier')} error={uErr['tier']}>
            {(a) => (
              <select
                {...a}
                value={user.tier}
                onChange={(e) => setUser({ ...user, tier: e.target.value })}
              >
                <option value="1">1</option>
                <option value="2">2</option>
                <option value="3">3</option>
              </select>
            )}
          </Field>
        </div>
        <fieldset className="rules">
          <legend>{t('admin.domainsServed')}</legend>
          {desk.domains.map((d) => (
            <label key={d.id} className="field--check">
              <input
                type="checkbox"
                checked={user.domainIds.includes(d.id)}
                onChange={(e) =>
                  setUser({
                    ...user,
                    domainIds: e.target.checked
                      ? [...user.domainIds, d.id]
                      : user.domainIds.filter((x) => x !== d.id),
                  })
                }
              />{' '}
              {d.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn--primary">
          {t('admin.addUser')}
        </button>
      </form>
      <TiersAdmin />
    </div>
  );
}

/** Each domain's tiers and their queues: changing one saves it (tiers are added in order). */
function TiersAdmin(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const reload = useSession((s) => s.load);
  const show = useToasts((s) => s.show);
  async function setTier(domainId: string, level: 1 | 2 | 3, queueId: string) {
    const r = await api.invoke('tiers.set', { domainId, level, queueId });
    if (!r.ok) return show(firstErrorText(tr, r.error), 'error');
    show(t('admin.tierSaved'));
    await reload();
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
                      <QueueOptions queues={desk.queues} />
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
