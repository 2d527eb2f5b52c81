import { memo, type ReactElement } from 'react';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { TicketCard } from '../../../shared/views.ts';
import { ageText, slaText } from '../ui/timeText.ts';

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
        <bdi className="tcard__key" dir="ltr">
          {card.key}
        </bdi>
        <span className={`prio prio--${card.priority}`} title={tr.t(`priority.${card.priority}`)}>
          {tr.t('priority.short', { n: card.priority })}
        </span>
        {sla ? (
          <span className="tcard__sla">{sla}</span>
        ) : (
          <span className="tcard__age">{age}</span>
        )}
      </div>
      <div className="tcard__title" dir="auto">
        {card.title}
      </div>
      <div className="tcard__foot">
        <span className="tcard__customer">
          <bdi>{card.customerName}</bdi>
        </span>
        <span className="tcard__queue">{queueCode}</span>
      </div>
    </div>
  );
});
