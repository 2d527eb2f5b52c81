import { create } from 'zustand';

export type View = 'intake' | 'board' | 'callbacks' | 'panel' | 'reports' | 'settings' | 'admin';

interface ViewState {
  view: View;
  /** The ticket open in the side panel, if any. */
  ticketId: string | null;
  /** Where the ticket opens: its resolution form, when the board was asked to resolve or reopen it. */
  ticketFocus: 'resolution' | 'escalation' | null;
  helpOpen: boolean;
  searchOpen: boolean;
  theme: 'light' | 'dark';
  go(view: View): void;
  openTicket(id: string | null, focus?: 'resolution' | 'escalation'): void;
  setHelp(open: boolean): void;
  setSearch(open: boolean): void;
  toggleTheme(): void;
}

const storedTheme = (): 'light' | 'dark' => {
  const s = localStorage.getItem('sb.theme');
  if (s === 'light' || s === 'dark') return s;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
};

export const useView = create<ViewState>((set, get) => ({
  view: 'intake',
  ticketId: null,
  ticketFocus: null,
  helpOpen: false,
  searchOpen: false,
  theme: storedTheme(),
  go: (view) => set({ view }),
  openTicket: (ticketId, focus) => set({ ticketId, ticketFocus: focus ?? null }),
  setHelp: (helpOpen) => set({ helpOpen }),
  setSearch: (searchOpen) => set({ searchOpen }),
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem('sb.theme', theme);
    set({ theme });
  },
}));
