import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactElement } from 'react';
import { api } from '../api/index.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { errorText, fieldErrors } from '../ui/errors.ts';
import { Field } from '../ui/Field.tsx';
import { Joined } from '../ui/Joined.tsx';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';
import type { CustomerHit } from '../../../shared/views.ts';
import { CallerLookup } from './CallerLookup.tsx';
import { useIntake } from './intakeStore.ts';
import { OwnerNote, type OwnerShortcut } from './OwnerNote.tsx';
import { ProblemFields } from './ProblemFields.tsx';
import { ReturningCaller } from './ReturningCaller.tsx';
import { useNumberOwners } from './useNumberOwners.ts';

const focusSoon = (selector: string, root: HTMLElement | null) =>
  requestAnimationFrame(() => root?.querySelector<HTMLElement>(selector)?.focus());

/** The form from its top, ready for the next call: scrolled back up, the caller search focused. */
const backToTop = (root: HTMLElement | null) =>
  requestAnimationFrame(() => {
    root?.scrollIntoView({ block: 'start' });
    root
      ?.querySelector<HTMLElement>('[data-focus="caller-search"]')
      ?.focus({ preventScroll: true });
  });

const describedBy = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** The SOP's first contact, made for the keyboard: who, how to reach them, what, where; then the problems. */
export function IntakeForm(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const expired = useSession((s) => s.expired);
  const {
    draft,
    error,
    saving,
    set,
    setQuery,
    selectCaller,
    refreshCaller,
    clearCaller,
    addProblem,
    removeProblem,
    updateProblem,
    reset,
    submit,
  } = useIntake();
  const show = useToasts((s) => s.show);
  const form = useRef<HTMLFormElement>(null);
  const errs = fieldErrors(tr, error);
  const owners = useNumberOwners(draft.phone, draft.accountNumber, !draft.caller);
  // Alt+U: the account's owner (an account is one caller's), else the one person with the
  // number, else the caller search listing everyone who shares it.
  const ownerShortcut: OwnerShortcut = owners.account
    ? { use: owners.account }
    : owners.phone.length === 1
      ? { use: owners.phone[0]! }
      : owners.phone.length > 1
        ? { search: true }
        : null;

  useEffect(() => {
    focusSoon(draft.caller ? '[data-focus="phone"]' : '[data-focus="caller-search"]', form.current);
    // Only on arrival: later focus follows the analyst.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save() {
    const receipt = await submit();
    if (receipt) {
      show(
        tr.plural('intake.saved', receipt.tickets.length, {
          keys: tr.list(receipt.tickets.map((k) => k.key)),
        }),
      );
      backToTop(form.current);
      return;
    }
    const err = useIntake.getState().error;
    if (!err) return;
    if (err.code === 'UNAUTHENTICATED') return expired();
    if (err.issues.length) {
      show(tr.plural('intake.fixErrors', err.issues.length), 'error');
      focusSoon('[aria-invalid="true"]', form.current);
    } else show(errorText(tr, err), 'error');
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    const native = e.nativeEvent;
    if (matches(native, SHORTCUTS.save.keys)) {
      e.preventDefault();
      void save();
    } else if (matches(native, SHORTCUTS.addProblem.keys)) {
      e.preventDefault();
      addProblem();
      focusSoon(`[data-focus="problem-${draft.problems.length}"]`, form.current);
    } else if (matches(native, SHORTCUTS.useOwner.keys) && ownerShortcut) {
      e.preventDefault();
      if ('use' in ownerShortcut) void pickCaller(ownerShortcut.use.id);
      else searchOwners();
    } else if (matches(native, SHORTCUTS.changeCaller.keys) && draft.caller) {
      e.preventDefault();
      clearCaller();
      focusSoon('[data-focus="caller-search"]', form.current);
    } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      // Enter in a text field moves on rather than saving half a call; Ctrl+Enter saves.
      e.preventDefault();
    }
  }

  async function pickCaller(id: string) {
    const r = await api.invoke('customers.get', { id });
    if (!r.ok) return show(errorText(tr, r.error), 'error');
    selectCaller(r.value);
    focusSoon('[data-focus="phone"]', form.current);
  }

  function searchOwners() {
    setQuery(draft.phone, false);
    focusSoon('[data-focus="caller-search"]', form.current);
  }

  const ownerNote = (kind: 'phone' | 'account', id: string, found: CustomerHit[]) => (
    <OwnerNote
      id={id}
      kind={kind}
      owners={found}
      shortcut={ownerShortcut}
      onUse={(h) => void pickCaller(h.id)}
      onSearch={searchOwners}
    />
  );

  const c = draft.caller;
  return (
    <form
      ref={form}
      className="intake"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      aria-labelledby="intake-title"
      noValidate
    >
      <div className="intake__head">
        <h1 id="intake-title">{t('intake.title')}</h1>
        <span className="hint">
          {t('help.saveCall')} <Kbd keys={SHORTCUTS.save.keys} />
        </span>
      </div>

      <section className="panel" aria-labelledby="caller-h">
        <h2 id="caller-h">{t('intake.caller')}</h2>
        {c ? (
          <div className="caller-card" data-testid="caller-card">
            <div>
              <strong>{c.name}</strong>
              <span className="muted">
                <Joined parts={[c.organisation, { phone: c.phone }, c.email]} />
              </span>
            </div>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              aria-keyshortcuts="Alt+C"
              onClick={() => {
                clearCaller();
                focusSoon('[data-focus="caller-search"]', form.current);
              }}
            >
              {t('intake.changeCaller')} <Kbd keys={SHORTCUTS.changeCaller.keys} />
            </button>
          </div>
        ) : null}
        {c ? (
          <ReturningCaller
            caller={c}
            onLogged={() =>
              void api.invoke('customers.get', { id: c.id }).then((r) => {
                if (r.ok) refreshCaller(r.value);
              })
            }
          />
        ) : (
          <>
            <CallerLookup
              query={draft.query}
              onQuery={setQuery}
              onPick={(h) => void pickCaller(h.id)}
              error={errs['caller.customerId']}
            />
            <div className="grid grid--2">
              <Field
                label={`${t('intake.newCaller')}: ${t('intake.name')}`}
                error={errs['caller.name']}
              >
                {(a) => (
                  <input {...a} value={draft.name} onChange={(e) => set('name', e.target.value)} />
                )}
              </Field>
              <Field label={t('intake.organisation')} error={errs['caller.organisation']}>
                {(a) => (
                  <input
                    {...a}
                    value={draft.organisation}
                    onChange={(e) => set('organisation', e.target.value)}
                  />
                )}
              </Field>
            </div>
          </>
        )}
        <div className="grid grid--3">
          <Field
            label={t('intake.phone')}
            error={errs['contact.phone']}
            extra={c ? null : ownerNote('phone', 'intake-phone-owner', owners.phone)}
          >
            {(a) => (
              <input
                {...a}
                aria-describedby={describedBy(
                  a['aria-describedby'],
                  c ? undefined : 'intake-phone-owner',
                )}
                data-focus="phone"
                type="tel"
                value={draft.phone}
                onChange={(e) => set('phone', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('intake.email')} error={errs['contact.email']}>
            {(a) => (
              <input
                {...a}
                type="email"
                value={draft.email}
                onChange={(e) => set('email', e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('intake.accountNumber')}
            error={errs['accountNumber']}
            extra={
              c
                ? null
                : ownerNote(
                    'account',
                    'intake-account-owner',
                    owners.account ? [owners.account] : [],
                  )
            }
          >
            {(a) => (
              <>
                <input
                  {...a}
                  aria-describedby={describedBy(
                    a['aria-describedby'],
                    c ? undefined : 'intake-account-owner',
                  )}
                  list="intake-accounts"
                  value={draft.accountNumber}
                  onChange={(e) => set('accountNumber', e.target.value)}
                />
                <datalist id="intake-accounts">
                  {c?.accounts.map((acc) => (
                    <option key={acc.id} value={acc.number} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
      </section>

      <section className="panel" aria-labelledby="equipment-h">
        <h2 id="equipment-h">{t('intake.equipment')}</h2>
        {c && c.assets.length > 0 ? (
          <Field label={t('intake.knownAsset')} error={errs['asset.assetId']}>
            {(a) => (
              <select {...a} value={draft.assetId} onChange={(e) => set('assetId', e.target.value)}>
                <option value="">{t('intake.knownAsset.none')}</option>
                {c.assets.map((as) => (
                  <option key={as.id} value={as.id}>
                    {[as.modelNumber, as.serial, as.location].filter(Boolean).join(' · ')}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {draft.assetId ? null : (
          <div className="grid grid--4">
            <Field label={t('intake.modelNumber')} error={errs['asset.modelNumber']}>
              {(a) => (
                <input
                  {...a}
                  value={draft.modelNumber}
                  onChange={(e) => set('modelNumber', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('intake.serial')} error={errs['asset.serial']}>
              {(a) => (
                <input
                  {...a}
                  value={draft.serial}
                  onChange={(e) => set('serial', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('intake.location')} error={errs['asset.location']}>
              {(a) => (
                <input
                  {...a}
                  value={draft.location}
                  onChange={(e) => set('location', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('intake.licence')} error={errs['asset.licence']}>
              {(a) => (
                <input
                  {...a}
                  value={draft.licence}
                  onChange={(e) => set('licence', e.target.value)}
                />
              )}
            </Field>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="problems-h">
        <h2 id="problems-h">{t('intake.problems')}</h2>
        {errs['problems'] ? (
          <p className="field__error" role="alert">
            {errs['problems']}
          </p>
        ) : null}
        {draft.problems.map((p, i) => (
          <ProblemFields
            key={p.key}
            index={i}
            problem={p}
            desk={desk}
            errors={errs}
            canRemove={draft.problems.length > 1}
            onChange={(patch) => updateProblem(i, patch)}
            onRemove={() => removeProblem(i)}
          />
        ))}
        <button
          type="button"
          className="btn"
          aria-keyshortcuts="Alt+A"
          onClick={() => {
            addProblem();
            focusSoon(`[data-focus="problem-${draft.problems.length}"]`, form.current);
          }}
        >
          {t('intake.addProblem')} <Kbd keys={SHORTCUTS.addProblem.keys} />
        </button>
      </section>

      <div className="actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={saving}
          aria-keyshortcuts="Control+Enter"
        >
          {saving ? t('intake.saving') : t('intake.save')} <Kbd keys={SHORTCUTS.save.keys} />
        </button>
        <button type="button" className="btn btn--ghost" onClick={reset}>
          {t('intake.clear')}
        </button>
      </div>
    </form>
  );
}
