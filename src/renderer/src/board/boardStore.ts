import { create } from 'zustand';
import type { BoardFilters } from '../../../shared/contract.ts';
import { STATUSES, type Status } from '../../../shared/domain.ts';
import type { ApiError } from '../../../shared/errors.ts';
import type { BoardColumn, TicketCard } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';

export interface BoardFocus {
  col: number;
  row: number;
  /** Bumped on every keyboard move so the column re-focuses even when the cell is the same. */
  seq: number;
}

interface BoardState {
  filters: BoardFilters;
  columns: BoardColumn[];
  loaded: boolean;
  error: ApiError | null;
  focus: BoardFocus | null;
  setFilters(patch: Partial<BoardFilters>): void;
  clearFilters(): void;
  refresh(): Promise<void>;
  loadMore(status: Status): Promise<void>;
  setFocus(col: number, row: number): void;
  /** The card the analyst put the focus on (a click): the board's tab stop follows it. */
  focused(col: number, row: number): void;
  move(card: TicketCard, to: Status): Promise<ApiError | null>;
}

const PAGE = 100;
const emptyColumns = (): BoardColumn[] =>
  STATUSES.map((status) => ({
    status,
    count: 0,
    countCapped: false,
    items: [],
    next: null,
  }));

let refreshSeq = 0;
const loading = new Set<string>();

export const useBoard = create<BoardState>((set, get) => ({
  filters: {},
  columns: emptyColumns(),
  loaded: false,
  error: null,
  focus: null,
  setFilters(patch) {
    const filters = { ...get().filters, ...patch };
    for (const k of Object.keys(filters) as (keyof BoardFilters)[])
      if (filters[k] === undefined || filters[k] === '') delete filters[k];
    set({ filters });
    void get().refresh();
  },
  clearFilters() {
    set({ filters: {} });
    void get().refresh();
  },
  async refresh() {
    const mine = ++refreshSeq;
    // Keep as many cards as the analyst has scrolled through, so a live update doesn't yank the view.
    const perColumn = Math.min(500, Math.max(PAGE, ...get().columns.map((c) => c.items.length)));
    const r = await api.invoke('tickets.board', { filters: get().filters, perColumn });
    if (mine !== refreshSeq) return; // a newer refresh is on its way
    if (r.ok) set({ columns: r.value.columns, loaded: true, error: null });
    else set({ error: r.error, loaded: true });
  },
  async loadMore(status) {
    const col = get().columns.find((c) => c.status === status);
    if (!col?.next || loading.has(col.next)) return;
    // Scrolling asks for the next page on every frame near the end: one request per cursor.
    loading.add(col.next);
    const r = await api.invoke('tickets.page', {
      status,
      filters: get().filters,
      cursor: col.next,
      limit: PAGE,
    });
    loading.delete(col.next);
    if (!r.ok) return set({ error: r.error });
    set({
      columns: get().columns.map((c) =>
        c.status === status && c.next === col.next
          ? { ...c, items: [...c.items, ...r.value.items], next: r.value.next }
          : c,
      ),
    });
  },
  setFocus(col, row) {
    set({ focus: { col, row, seq: (get().focus?.seq ?? 0) + 1 } });
  },
  focused(col, row) {
    // The same seq: the column does not move the focus, it is already there.
    set({ focus: { col, row, seq: get().focus?.seq ?? 0 } });
  },
  async move(card, to) {
    // Resolving takes a solution and reopening a reason: the ticket opens on that form.
    if (to === 'resolved' || card.status === 'resolved') {
      useView.getState().openTicket(card.id, 'resolution');
      return null;
    }
    // Escalating takes a tier and a reason: the ticket opens on that form.
    if (to === 'escalated') {
      useView.getState().openTicket(card.id, 'escalation');
      return null;
    }
    const r = await api.invoke('tickets.move', { id: card.id, to, version: card.version });
    await get().refresh();
    if (!r.ok) return r.error;
    const col = STATUSES.indexOf(to);
    const row = get().columns[col]?.items.findIndex((c) => c.id === card.id) ?? -1;
    if (row >= 0) get().setFocus(col, row);
    return null;
  },
}));
