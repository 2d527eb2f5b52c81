import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { PRIORITIES, STATUSES, type Priority, type Status } from '../../../shared/domain.ts';
import type { TicketCard } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { matches, SHORTCUTS } from '../app/shortcuts.ts';
import { useView } from '../app/viewStore.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/sessionStore.ts';
import { errorText } from '../ui/errors.ts';
import { Kbd } from '../ui/Kbd.tsx';
import { useToasts } from '../ui/toastStore.ts';
import { BoardColumnView } from './BoardColumnView.tsx';
import { useBoard } from './boardStore.ts';
import { useNow } from './useNow.ts';
import { QueueOptions, UserOptions } from '../ui/Options.tsx';

export function Board(): ReactElement {
  const tr = useT();
  const { t } = tr;
  const desk = useSession((s) => s.desk)!;
  const {
    columns,
    filters,
    focus,
    setFilters,
    clearFilters,
    refresh,
    loadMore,
    setFocus,
    focused,
    move,
  } = useBoard();
  const openTicket = useView((s) => s.openTicket);
  const show = useToasts((s) => s.show);
  const now = useNow(15_000);
  const search = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(filters.text ?? '');
  const queueCodes = useMemo(() => new Map(desk.queues.map((q) => [q.id, q.code])), [desk.queues]);

  const bar = useRef<HTMLDivElement>(null);
  /** The first card has the focus, so ↓, Enter and Shift+arrows work at once; none, the search. */
  const focusFirstCard = useCallback(() => {
    const col = useBoard.getState().columns.findIndex((c) => c.items.length > 0);
    if (col >= 0) useBoard.getState().setFocus(col, 0);
    else search.current?.focus();
  }, []);

  useEffect(() => {
    // Arriving on the board (F4): the first card, once the cards are in, unless the analyst has
    // already gone to the filters meanwhile.
    let here = true;
    void refresh().then(() => {
      if (here && !bar.current?.contains(document.activeElement)) focusFirstCard();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Coalesce bursts (a call with five problems is one refresh, not five).
    const off = api.on('tickets.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 120);
    });
    return () => {
      here = false;
      off();
      clearTimeout(timer);
    };
  }, [refresh, focusFirstCard]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filters.text ?? '') !== text.trim()) setFilters({ text: text.trim() || undefined });
    }, 200);
    return () => clearTimeout(timer);
  }, [text, filters.text, setFilters]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const typing = (e.target as HTMLElement).closest('input, textarea, select');
      if (!typing && matches(e, SHORTCUTS.search.keys)) {
        e.preventDefault();
        search.current?.focus();
      }
      // F4 on the board (from its search, say): back to the first card.
      if (matches(e, SHORTCUTS.board.keys)) focusFirstCard();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusFirstCard]);

  const doMove = useCallback(
    async (id: string, to: Status) => {
      const card = useBoard
        .getState()
        .columns.flatMap((c) => c.items)
        .find((c) => c.id === id);
      if (!card || card.status === to) return;
      const err = await move(card, to);
      if (err) show(errorText(tr, err), 'error');
      else show(t('board.moved', { key: card.key, status: t(`status.${to}`) }));
    },
    [move, show, t, tr],
  );
  const onLoadMore = useCallback((s: Status) => void loadMore(s), [loadMore]);
  const onOpenTicket = useCallback(
    (card: TicketCard, cell: string) => {
      const [col, row] = cell.split(':').map(Number) as [number, number];
      focused(col, row);
      openTicket(card.id);
    },
    [focused, openTicket],
  );

  function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
    const cell = (e.target as HTMLElement).dataset['cell'];
    if (!cell) return;
    const [col, row] = cell.split(':').map(Number) as [number, number];
    const card = columns[col]?.items[row];
    const rtl = tr.dir === 'rtl';
    const step = (dir: 'ArrowLeft' | 'ArrowRight') => ((dir === 'ArrowRight') !== rtl ? 1 : -1);
    if (!card) return;
    if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      const to = STATUSES[col + step(e.key)];
      if (to) void doMove(card.id, to);
    } else if (e.key === 'ArrowDown')
      setFocus(col, Math.min(row + 1, (columns[col]?.items.length ?? 1) - 1));
    else if (e.key === 'ArrowUp') setFocus(col, Math.max(row - 1, 0));
    else if (e.key === 'Home') setFocus(col, 0);
    else if (e.key === 'End') setFocus(col, (columns[col]?.items.length ?? 1) - 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      // Skip empty columns: focus lands on the nearest card, keeping the row where possible.
      for (let c = col + step(e.key); c >= 0 && c < columns.length; c += step(e.key)) {
        const n = columns[c]?.items.length ?? 0;
        if (n > 0) {
          setFocus(c, Math.min(row, n - 1));
          break;
        }
      }
    } else if (e.key === 'Enter') openTicket(card.id);
    else return;
    e.preventDefault();
  }

  return (
    <div className="board">
      <div className="board__bar" role="search" ref={bar}>
        <h1 className="sr-only">{t('board.title')}</h1>
        <div className="field field--inline">
          <label htmlFor="board-search">
            {t('board.search')} <Kbd keys="/" />
          </label>
          <input
            id="board-search"
            ref={search}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-keyshortcuts="/"
          />
        </div>
        <div className="field field--inline">
          <label htmlFor="board-queue">{t('board.queue')}</label>
          <select
            id="board-queue"
            value={filters.queueId ?? ''}
            onChange={(e) => setFilters({ queueId: e.target.value || undefined })}
          >
            <option value="">{t('board.any')}</option>
            <QueueOptions queues={desk.queues} all />
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="board-priority">{t('board.priority')}</label>
          <select
            id="board-priority"
            value={filters.priority ?? ''}
            onChange={(e) =>
              setFilters({
                priority: e.target.value ? (Number(e.target.value) as Priority) : undefined,
              })
            }
          >
            <option value="">{t('board.any')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t('priority.short', { n: p })} · {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="board-assignee">{t('board.assignee')}</label>
          <select
            id="board-assignee"
            value={filters.assigneeId ?? ''}
            onChange={(e) => setFilters({ assigneeId: e.target.value || undefined })}
          >
            <option value="">{t('board.any')}</option>
            <option value="none">{t('board.unassigned')}</option>
            <UserOptions users={desk.users} all />
          </select>
        </div>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => {
            setText('');
            clearFilters();
          }}
        >
          {t('board.clearFilters')}
        </button>
        <span className="hint board__hint">{t('board.keysHint')}</span>
      </div>
      <div className="board__grid" onKeyDown={onGridKey}>
        {columns.map((col, i) => (
          <BoardColumnView
            key={col.status}
            column={col}
            index={i}
            focus={focus}
            queueCodes={queueCodes}
            now={now}
            tr={tr}
            onLoadMore={onLoadMore}
            onDropTicket={(id, to) => void doMove(id, to)}
            onOpenTicket={onOpenTicket}
          />
        ))}
      </div>
    </div>
  );
}
