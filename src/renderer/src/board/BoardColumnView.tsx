import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactElement } from 'react';
import type { Status } from '../../../shared/domain.ts';
import type { Translator } from '../../../shared/i18n/index.ts';
import type { BoardColumn, TicketCard } from '../../../shared/views.ts';
import type { BoardFocus } from './boardStore.ts';
import { TicketCardView } from './TicketCardView.tsx';

interface Props {
  column: BoardColumn;
  index: number;
  focus: BoardFocus | null;
  queueCodes: Map<string, string>;
  now: number;
  tr: Translator;
  onLoadMore(status: Status): void;
  onDropTicket(ticketId: string, to: Status): void;
  onOpenTicket(card: TicketCard, cellId: string): void;
}

/** A card with a one-line title; longer titles wrap and each card is measured as it renders. */
const CARD_HEIGHT = 74;

/** One status column. Virtualised: only the cards in view exist in the DOM, whatever the count. */
export function BoardColumnView({
  column,
  index,
  focus,
  queueCodes,
  now,
  tr,
  onLoadMore,
  onDropTicket,
  onOpenTicket,
}: Props): ReactElement {
  const scroller = useRef<HTMLDivElement>(null);
  const items = column.items;
  const v = useVirtualizer({
    count: items.length + (column.next ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 8,
  });
  const virtual = v.getVirtualItems();
  const last = virtual.at(-1);

  useEffect(() => {
    if (last && last.index >= items.length - 1 && column.next) onLoadMore(column.status);
  }, [last, items.length, column.next, column.status, onLoadMore]);

  // Keyboard focus: bring the card into view, then focus it once it is rendered.
  useEffect(() => {
    if (!focus || focus.col !== index || items.length === 0) return;
    const row = Math.min(focus.row, items.length - 1);
    v.scrollToIndex(row, { align: 'auto' });
    const raf = requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-cell="${index}:${row}"]`)?.focus(),
    );
    return () => cancelAnimationFrame(raf);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.seq]);

  const headingId = `col-${column.status}`;
  // One tab stop per column: Tab moves between columns, arrows within.
  const tabRow = focus?.col === index ? Math.min(focus.row, items.length - 1) : 0;

  return (
    <section
      className="column"
      aria-labelledby={headingId}
      data-status={column.status}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('text/x-switchboard-ticket')) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }
      }}
      onDrop={(e) => {
        const id = e.dataTransfer.getData('text/x-switchboard-ticket');
        if (id) {
          e.preventDefault();
          onDropTicket(id, column.status);
        }
      }}
    >
      <h2 className="column__head" id={headingId}>
        <span>{tr.t(`status.${column.status}`)}</span>
        <span
          className="column__count"
          aria-label={tr.t('board.column', { status: '', count: column.count })}
        >
          {column.count.toLocaleString(tr.formats)}
          {column.countCapped ? '+' : ''}
        </span>
      </h2>
      <div ref={scroller} className="column__scroll" data-testid={`column-${column.status}`}>
        {items.length === 0 ? <p className="column__empty">{tr.t('board.empty')}</p> : null}
        <div
          role="list"
          aria-labelledby={headingId}
          style={{ height: v.getTotalSize(), position: 'relative' }}
        >
          {virtual.map((vi) => {
            const card = items[vi.index];
            return (
              <div
                key={card?.id ?? 'more'}
                ref={v.measureElement}
                data-index={vi.index}
                className="column__slot"
                style={{
                  position: 'absolute',
                  top: 0,
                  insetInlineStart: 0,
                  width: '100%',
                  transform: `translateY(${vi.start}px)`,
                }}
              >
                {card ? (
                  <TicketCardView
                    card={card}
                    queueCode={queueCodes.get(card.queueId) ?? ''}
                    now={now}
                    tr={tr}
                    tabbable={vi.index === tabRow}
                    cellId={`${index}:${vi.index}`}
                    onOpen={onOpenTicket}
                  />
                ) : (
                  <p className="column__more">{tr.t('board.loadingMore')}</p>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
