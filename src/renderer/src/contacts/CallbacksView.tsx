import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { CallbackDay, CallbackItem } from '../../../shared/views.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useView } from '../app/viewStore.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';
import { useCallbacks } from './callbacksStore.ts';
import { CallbackRow } from './CallbackRow.tsx';
import { contactFieldId } from './ContactForm.tsx';
import { allowNotifications, notificationsAvailable } from './notify.ts';

const PREFIX = 'callback-contact';

/** A desk-local YYYY-MM-DD as the analyst reads it: "Thursday, November 26". */
function dayText(locale: string, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // The date is already the desk's: format it as a calendar date, not as an instant in a zone.
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

/**
 * My call-backs: what the analyst owes customers today, the overdue first, each with the number
 * to ring and what was said last; then the next seven days, by day, so an agreed call-back is in
 * sight before its day. ↑/↓ run through both, Enter logs the call, O opens the ticket.
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
  const today = data?.items ?? [];
  const days: CallbackDay[] = data?.later ?? [];
  // One list for the keyboard: today's rows, then each later day's.
  const all = useMemo(
    () => [...(data?.items ?? []), ...(data?.later ?? []).flatMap((d) => d.items)],
    [data],
  );

  // Land on the list, so the keyboard works at once.
  useEffect(() => {
    if (logging === null) rows.current[Math.min(active, all.length - 1)]?.focus();
    // Only on arrival and when a form closes: later focus follows the analyst.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logging, all.length > 0]);

  function focusRow(i: number) {
    const n = Math.max(0, Math.min(all.length - 1, i));
    setActive(n);
    rows.current[n]?.focus();
  }

  // F6 while already here (the focus in a button, a form, the page): back to the first call-back.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!matches(e, SHORTCUTS.callbacks.keys)) return;
      setActive(0);
      rows.current[0]?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
    else if (e.key === 'End') focusRow(all.length - 1);
    else if (matches(e.nativeEvent, SHORTCUTS.callbackLog.keys)) startLog(item);
    else if (e.key === 'o' || e.key === 'O') openTicket(item.ticketId);
    else return;
    e.preventDefault();
  }

  const clock = new Intl.DateTimeFormat(tr.formats, { timeStyle: 'short' });
  const todayTime = (ms: number) =>
    data && ms >= data.endOfDay - 86_400_000 ? clock.format(ms) : when(tr, ms);

  /** The rows of one list; `first` is the index of its first row in the keyboard's list. */
  const rowsOf = (items: CallbackItem[], first: number, dayLabel?: string) =>
    items.map((item, j) => {
      const i = first + j;
      const due = dayLabel ? clock.format(item.dueAt) : todayTime(item.dueAt);
      return (
        <CallbackRow
          key={item.ticketId}
          item={item}
          dueText={due}
          dueLabel={dayLabel ? `${dayLabel} ${due}` : due}
          tabbable={i === active}
          logging={logging === item.ticketId}
          formPrefix={PREFIX}
          rowRef={(el) => {
            rows.current[i] = el;
          }}
          onFocus={() => setActive(i)}
          onKeyDown={(e) => onRowKey(e, i, item)}
          onLog={() => startLog(item)}
          onOpen={() => openTicket(item.ticketId)}
          onLogDone={() => setLogging(null)}
        />
      );
    });

  // Where each later day's rows start in the keyboard's list.
  const starts = days.map((_, k) =>
    days.slice(0, k).reduce((n, d) => n + d.items.length, today.length),
  );
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
      <h2 id="callbacks-today-h" className="callbacks__heading">
        {t('callbacks.today')}
      </h2>
      {data && today.length === 0 ? <p className="muted">{t('callbacks.none')}</p> : null}
      <ul className="callbacks__list" aria-labelledby="callbacks-today-h">
        {rowsOf(today, 0)}
      </ul>
      {data ? (
        <section className="callbacks__later" aria-labelledby="callbacks-later-h">
          <div className="callbacks__heading">
            <h2 id="callbacks-later-h">{t('callbacks.later')}</h2>
            <span className="hint">{t('callbacks.laterHint')}</span>
          </div>
          {days.length === 0 ? <p className="muted">{t('callbacks.noneLater')}</p> : null}
          {days.map((d, k) => {
            const date = dayText(tr.formats, d.date);
            const label = d.inDays === 1 ? t('callbacks.tomorrow', { date }) : date;
            return (
              <div key={d.date} className="callbacks__day">
                <h3 id={`callbacks-day-${d.date}`}>{label}</h3>
                <ul className="callbacks__list" aria-labelledby={`callbacks-day-${d.date}`}>
                  {rowsOf(d.items, starts[k]!, label)}
                </ul>
              </div>
            );
          })}
          {data.laterNotListed > 0 ? (
            <p className="muted">{tr.plural('callbacks.notListed', data.laterNotListed)}</p>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
