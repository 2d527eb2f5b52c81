import type { KeyboardEvent, ReactElement, Ref } from 'react';
import type { CallbackItem } from '../../../shared/views.ts';
import { useT } from '../i18n/index.ts';
import { when } from '../ticket/history.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { ContactForm } from './ContactForm.tsx';
import { contactLine } from './contactText.ts';

interface Props {
  item: CallbackItem;
  /** When it is due, as the list shows it (a time today; the day is the heading's later). */
  dueText: string;
  /** The same, whole, for a screen reader landing on the row. */
  dueLabel: string;
  tabbable: boolean;
  logging: boolean;
  formPrefix: string;
  rowRef: Ref<HTMLLIElement>;
  onFocus(): void;
  onKeyDown(e: KeyboardEvent<HTMLLIElement>): void;
  onLog(): void;
  onOpen(): void;
  onLogDone(): void;
}

/** One call-back: when, the ticket, whom to ring and what was said last; its call logged in place. */
export function CallbackRow({
  item,
  dueText,
  dueLabel,
  tabbable,
  logging,
  formPrefix,
  rowRef,
  onFocus,
  onKeyDown,
  onLog,
  onOpen,
  onLogDone,
}: Props): ReactElement {
  const tr = useT();
  const { t } = tr;
  return (
    <li
      ref={rowRef}
      tabIndex={tabbable ? 0 : -1}
      className={`callback${item.overdue ? ' callback--overdue' : ''}`}
      data-testid="callback"
      aria-label={`${item.key} ${item.customer.name}, ${item.overdue ? t('callbacks.overdue') : t('callbacks.due')} ${dueLabel}`}
      onFocus={(e) => e.target === e.currentTarget && onFocus()}
      onKeyDown={onKeyDown}
    >
      <div className="callback__due">
        <time dateTime={new Date(item.dueAt).toISOString()}>{dueText}</time>
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
          onClick={onLog}
        >
          {t('callbacks.logCall')} <Kbd keys="Enter" />
        </button>
        <button type="button" className="btn btn--ghost btn--small" tabIndex={-1} onClick={onOpen}>
          {t('callbacks.openTicket')} <Kbd keys="O" />
        </button>
      </div>
      {logging ? (
        <div className="callback__form">
          <ContactForm
            ticketId={item.ticketId}
            ticketKey={item.key}
            idPrefix={formPrefix}
            defaults={{ direction: 'outbound', channel: 'phone', outcome: 'reached' }}
            onSaved={onLogDone}
            onCancel={onLogDone}
          />
        </div>
      ) : null}
    </li>
  );
}
