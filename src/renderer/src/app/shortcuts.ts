/**
 * Every shortcut, declared once: the key handler and the help dialog both read this list, so
 * what is shown is what works.
 */
import type { MessageKey } from '../../../shared/i18n/index.ts';

export interface Shortcut {
  keys: string;
  help: MessageKey;
  group: 'global' | 'intake' | 'board' | 'ticket' | 'callbacks' | 'panel' | 'admin' | 'reports';
}

export const SHORTCUTS = {
  newCall: { keys: 'F2', help: 'help.newCall', group: 'global' },
  board: { keys: 'F4', help: 'help.board.go', group: 'global' },
  callbacks: { keys: 'F6', help: 'help.callbacks', group: 'global' },
  panel: { keys: 'F7', help: 'help.panel', group: 'global' },
  reports: { keys: 'F8', help: 'help.reports', group: 'global' },
  settings: { keys: 'F9', help: 'help.settings', group: 'global' },
  admin: { keys: 'F10', help: 'help.admin', group: 'global' },
  theme: { keys: 'Alt+T', help: 'help.toggleTheme', group: 'global' },
  display: { keys: 'Alt+D', help: 'help.display', group: 'global' },
  help: { keys: 'F1', help: 'help.showHelp', group: 'global' },
  searchEverywhere: { keys: 'Ctrl+K', help: 'help.searchEverywhere', group: 'global' },
  close: { keys: 'Esc', help: 'help.closeDialog', group: 'global' },
  pickCaller: { keys: '↓+Enter', help: 'help.pickCaller', group: 'intake' },
  changeCaller: { keys: 'Alt+C', help: 'help.changeCaller', group: 'intake' },
  useOwner: { keys: 'Alt+U', help: 'help.useOwner', group: 'intake' },
  addProblem: { keys: 'Alt+A', help: 'help.addProblem', group: 'intake' },
  save: { keys: 'Ctrl+Enter', help: 'help.saveCall', group: 'intake' },
  search: { keys: '/', help: 'help.search', group: 'board' },
  moveFocus: { keys: '←+↑+↓+→', help: 'help.moveFocus', group: 'board' },
  moveTicket: { keys: 'Shift+←/→', help: 'help.moveTicket', group: 'board' },
  openTicket: { keys: 'Enter', help: 'help.openTicket', group: 'board' },
  ticketEdit: { keys: 'Alt+E', help: 'help.ticket.edit', group: 'ticket' },
  ticketScript: { keys: 'Alt+Q', help: 'help.ticket.script', group: 'ticket' },
  ticketResolve: { keys: 'Alt+R', help: 'help.ticket.resolve', group: 'ticket' },
  ticketReuse: { keys: 'Alt+1', help: 'help.ticket.reuse', group: 'ticket' },
  ticketLink: { keys: 'Alt+L', help: 'help.ticket.link', group: 'ticket' },
  ticketSplit: { keys: 'Alt+P', help: 'help.ticket.split', group: 'ticket' },
  ticketMerge: { keys: 'Alt+M', help: 'help.ticket.merge', group: 'ticket' },
  ticketNote: { keys: 'Alt+N', help: 'help.ticket.note', group: 'ticket' },
  ticketContact: { keys: 'Alt+K', help: 'help.ticket.contact', group: 'ticket' },
  ticketEscalate: { keys: 'Alt+U', help: 'help.ticket.escalate', group: 'ticket' },
  ticketSubmit: { keys: 'Ctrl+Enter', help: 'help.ticket.submit', group: 'ticket' },
  callbackLog: { keys: 'Enter', help: 'help.callbacks.log', group: 'callbacks' },
  callbackOpen: { keys: 'O', help: 'help.callbacks.open', group: 'callbacks' },
  panelAccept: { keys: 'A', help: 'help.panel.accept', group: 'panel' },
  panelEscalate: { keys: 'E', help: 'help.panel.escalate', group: 'panel' },
  reportTables: { keys: 'Alt+B', help: 'help.reports.tables', group: 'reports' },
  reportPrint: { keys: 'Ctrl+P', help: 'help.reports.print', group: 'reports' },
  adminSave: { keys: 'Ctrl+Enter', help: 'help.admin.save', group: 'admin' },
  adminCancel: { keys: 'Esc', help: 'help.admin.cancel', group: 'admin' },
} as const satisfies Record<string, Shortcut>;

/** True when the event is exactly this chord (modifiers included). */
export function matches(e: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  const want = {
    ctrl: parts.includes('Ctrl'),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
  };
  if (e.ctrlKey !== want.ctrl || e.altKey !== want.alt || e.shiftKey !== want.shift || e.metaKey)
    return false;
  // Alt+letter gives odd characters on some layouts: compare the physical key for letters.
  if (/^[A-Z]$/.test(key)) return e.code === `Key${key}`;
  return e.key === key || (key === 'Esc' && e.key === 'Escape');
}
