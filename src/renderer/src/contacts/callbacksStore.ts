import { create } from 'zustand';
import type { MyCallbacks } from '../../../shared/views.ts';
import { api } from '../api/index.ts';
import { syncDeskClock } from '../app/deskClock.ts';

interface CallbacksState {
  data: MyCallbacks | null;
  load(): Promise<void>;
  /**
   * Keeps the list live for the signed-in user: reloads when their list changes or one of their
   * call-backs falls due (then `onDue` gets the keys, for a notification). Returns the unsubscribe.
   */
  watch(userId: string, onDue: (keys: string[]) => void): () => void;
}

/**
 * Which watch is on: each `watch` and its end start a new one. An answer asked for under an
 * earlier one (the last user's, before a sign-out) may come in late; it is dropped, not shown.
 */
let watching = 0;

/** The signed-in analyst's call-backs due today and the badge count, kept live by push. */
export const useCallbacks = create<CallbacksState>((set, get) => ({
  data: null,
  async load() {
    const askedUnder = watching;
    const r = await api.invoke('callbacks.mine', {});
    if (!r.ok || askedUnder !== watching) return;
    syncDeskClock(r.value.asOf);
    set({ data: r.value });
  },
  watch(userId, onDue) {
    watching++;
    void get().load();
    const offChanged = api.on('callbacks.changed', (e) => {
      if (e.ownerIds.includes(userId)) void get().load();
    });
    const offDue = api.on('callbacks.due', (e) => {
      const mine = e.items.filter((i) => i.ownerId === userId);
      if (mine.length === 0) return;
      void get().load();
      onDue(mine.map((i) => i.key));
    });
    // A contact logged changes the last summary shown; a reconnect (ids: []) may have missed anything.
    const offTickets = api.on('tickets.changed', (e) => {
      if (e.reason === 'contacted' || e.ids.length === 0) void get().load();
    });
    return () => {
      offChanged();
      offDue();
      offTickets();
      watching++;
      set({ data: null });
    };
  },
}));
