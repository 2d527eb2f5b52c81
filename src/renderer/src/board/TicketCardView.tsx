import { memo, type ReactElement } from 'react';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { TicketCard } from '../../../shared/views.ts';

export function ageText(tr: Translator, ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 60) return tr.t('age.m', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return tr.t('age.h', { n: h });
  return tr.t('age.d', { n: Math.floor(h / 24) });
}

/** Time to the next due time, or how late; nothing for resolved work. */
export function slaText(tr: Translator, card: TicketCard, now: number): string | null {
  if (card.status === 'resolved') return null;
  if (card.nextDueAt === null) return tr.t('sla.paused');
  const left = card.nextDueAt - now;
  return left >= 0
    ? tr.t('sla.dueIn', { t: ageText(tr, left) })
    : tr.t('sla.late', { t: ageText(tr, -left) });
}

interface Props {
  card: TicketCard;
  queueCode: string;
  now: number;
  tr: Translator;
  tabbable: boolean;
  cellId: string;
  /** A click opens the ticket, as Enter does (a drag moves it and fires no click). */
  onOpen(card: TicketCard, cellId: string): void;
}

export const TicketCardView = memo(function TicketCardView({
  card,
  queueCode,
  now,
  tr,
  tabbable,
  cellId,
  onOpen,
}: Props): ReactElement {
  const age = ageText(tr, now - card.createdAt);
  const sla = slaText(tr, card, now);
  const label = tr.t('board.cardLabel', {
    key: card.key,
    priority: tr.t(`priority.${card.priority}`),
    title: card.title,
    customer: card.customerName,
    queue: queueCode,
    age,
    sla: sla ?? '',
  });
  return (
    <div
      className={`tcard tcard--p${card.priority} tcard--${card.status === 'resolved' ? 'done' : card.slaState}`}
      role="listitem"
      tabIndex={tabbable ? 0 : -1}
      aria-label={label}
      data-cell={cellId}
      data-ticket={card.key}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('text/x-switchboard-ticket', card.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={() => onOpen(card, cellId)}
    >
      <div className="tcard__top">
        <span className="tcard__key">{card.key}</span>
        <span className={`prio prio--${card.priority}`} title={tr.t(`priority.${card.priority}`)}>
          {tr.t('priority.short', { n: card.priority })}
        </span>
        {sla ? (
          <span className="tcard__sla">{sla}</span>
        ) : (
          <span className="tcard__age">{age}</span>
        )}
      </div>
      <div className="tcard__title">{card.title}</div>
      <div className="tcard__foot">
        <span className="tcard__customer">
          <bdi>{card.customerName}</bdi>
        </span>
        <span className="tcard__queue">{queueCode}</span>
      </div>
    </div>
  );
});
