import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/views.ts';
import { api } from '../api/index.ts';

interface SyncState {
  status: SyncStatus | null;
  load(): Promise<void>;
  set(status: SyncStatus): void;
}

/** This workstation's sync with its desk's hub: read once, then as the desk announces it. */
export const useSync = create<SyncState>((set) => ({
  status: null,
  async load() {
    const r = await api.invoke('sync.status', {});
    if (r.ok) set({ status: r.value });
  },
  set: (status) => set({ status }),
}));

let listening = false;
/** Starts following the desk's announcements (once per window). */
export function followSync(): void {
  if (listening) return;
  listening = true;
  api.on('sync.changed', (s) => useSync.getState().set(s));
}
