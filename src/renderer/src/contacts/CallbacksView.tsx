import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { CallbackItem } from '../../../shared/views.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useView } from '../app/viewStore.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { useCallbacks } from './callbacksStore.ts';
import { ContactForm, contactFieldId } from './ContactForm.tsx';
import { contactLine } from './contactText.ts';
import { allowNotifications, notificationsAvailable } from './notify.ts';

const PREFIX = 'callback-contact';

/**
 * My call-backs: what the analyst owes customers today, the overdue first, each with the number
 * to ring and what was said last. ↑/↓ pick one, Enter logs the call, O opens the ticket.
 */
export function CallbacksView(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const data = useCallbacks((s) => s.data);
  const openTicket = useView((s) => s.openTicket);
  const [active, setActive] = useState(0);
  const [logging, setLogging] = useState<string | null>(null);
  const [permission, setPermission] = useState(() =>
    notificationsAvailable() ? Notification.permission : 'denied',
  );
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const items = data?.items ?? [];

  // Land on the list, so the keyboard works at once.
  useEffect(() => {
    if (logging === null) rows.current[Math.min(active, items.length - 1)]?.focus();
    // Only on arrival and when a form closes: later focus follows the analyst.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logging, items.length > 0]);

  function focusRow(i: number) {
    const n = Math.max(0, Math.min(items.length - 1, i));
    setActive(n);
    rows.current[n]?.focus();
  }

  function startLog(item: CallbackItem) {
    setLogging(item.ticketId);
    requestAnimationFrame(() =>
      document.getElementById(contactFieldId(PREFIX, 'outcome'))?.focus(),
    );
  }

  function onRowKey(e: KeyboardEvent<HTMLLIElement>, i: number, item: CallbackItem) {
    // Keys inside the log form are the form's (Esc closes it and focus returns to the row).
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown') focusRow(i + 1);
    else if (e.key === 'ArrowUp') focusRow(i - 1);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(items.length - 1);
    else if (matches(e.nativeEvent, SHORTCUTS.callbackLog.keys)) startLog(item);
    else if (e.key === 'o' || e.key === 'O') openTicket(item.ticketId);
    else return;
    e.preventDefault();
  }

  const time = (ms: number) =>
    data && ms >= data.endOfDay - 86_400_000
      ? new Intl.DateTimeFormat(tr.locale, { timeStyle: 'short' }).format(ms)
      : when(tr, ms);

  return (
    <section className="callbacks" aria-labelledby="callbacks-h">
      <div className="intake__head">
        <h1 id="callbacks-h">{t('callbacks.title')}</h1>
        <span className="hint">{t('callbacks.subtitle')}</span>
        {permission === 'default' ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() =>
              void allowNotifications().then(() => setPermission(Notification.permission))
            }
          >
            {t('callbacks.enableNotifications')}
          </button>
        ) : null}
      </div>
      {data && items.length === 0 ? <p className="muted">{t('callbacks.none')}</p> : null}
      <ul className="callbacks__list" aria-label={t('callbacks.title')}>
        {items.map((item, i) => (
          <li
            key={item.ticketId}
            ref={(el) => {
              rows.current[i] = el;
            }}
            tabIndex={i === active ? 0 : -1}
            className={`callback${item.overdue ? ' callback--overdue' : ''}`}
            data-testid="callback"
            aria-label={`${item.key} ${item.customer.name}, ${item.overdue ? t('callbacks.overdue') : t('callbacks.due')} ${time(item.dueAt)}`}
            onFocus={(e) => e.target === e.currentTarget && setActive(i)}
            onKeyDown={(e) => onRowKey(e, i, item)}
          >
            <div className="callback__due">
              <time dateTime={new Date(item.dueAt).toISOString()}>{time(item.dueAt)}</time>
              {item.overdue ? <span className="tag tag--bad">{t('callbacks.overdue')}</span> : null}
              <span className="muted">{t(`callback.${item.kind}`)}</span>
            </div>
            <div className="callback__ticket">
              <span className={`prio prio--${item.priority}`}>
                {t('priority.short', { n: item.priority })}
              </span>{' '}
              <strong>{item.key}</strong> {item.title}
            </div>
            <div className="callback__customer">
              <bdi>{item.customer.name}</bdi>
              {item.customer.phone ? (
                <>
                  {' · '}
                  <a href={`tel:${item.customer.phone}`} tabIndex={-1} dir="ltr">
                    {item.customer.phone}
                  </a>
                </>
              ) : null}
              {item.customer.email ? ' · ' : null}
              {item.customer.email ? <bdi>{item.customer.email}</bdi> : null}
            </div>
            <div className="callback__last">
              {item.lastContact ? (
                <>
                  <span className="muted">
                    {when(tr, item.lastContact.at)} · {contactLine(tr, item.lastContact)}
                  </span>{' '}
                  {item.lastContact.summary}
                </>
              ) : (
                <span className="muted">{t('returning.none')}</span>
              )}
            </div>
            <div className="callback__actions">
              <button
                type="button"
                className="btn btn--small"
                tabIndex={-1}
                aria-label={t('callbacks.logFor', { key: item.key })}
                onClick={() => startLog(item)}
              >
                {t('callbacks.logCall')} <Kbd keys="Enter" />
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                tabIndex={-1}
                onClick={() => openTicket(item.ticketId)}
              >
                {t('callbacks.openTicket')} <Kbd keys="O" />
              </button>
            </div>
            {logging === item.ticketId ? (
              <div className="callback__form">
                <ContactForm
                  ticketId={item.ticketId}
                  ticketKey={item.key}
                  idPrefix={PREFIX}
                  defaults={{ direction: 'outbound', channel: 'phone', outcome: 'reached' }}
                  onSaved={() => setLogging(null)}
                  onCancel={() => setLogging(null)}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
