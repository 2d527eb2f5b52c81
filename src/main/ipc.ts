import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Connection } from '../core/context.ts';
import type { Desk } from '../core/desk.ts';
import { CHANNEL_EVENT, CHANNEL_INVOKE } from '../shared/ipc.ts';

/**
 * IPC is a thin transport over the dispatcher. Each window is one connection (its own sign-in);
 * a call is answered only when it comes from the top frame of one of our windows showing our UI.
 */
export function bindIpc(desk: Desk, isTrustedUrl: (url: string) => boolean) {
  const conns = new Map<number, { win: BrowserWindow; conn: Connection }>();

  function trusted(e: IpcMainInvokeEvent): Connection | null {
    const entry = conns.get(e.sender.id);
    const frame = e.senderFrame;
    if (!entry || !frame || frame !== e.sender.mainFrame || !isTrustedUrl(frame.url)) return null;
    return entry.conn;
  }

  ipcMain.handle(CHANNEL_INVOKE, (e, method: unknown, input: unknown) => {
    const conn = trusted(e);
    if (!conn)
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', issues: [] } };
    return desk.dispatch(conn, method, input);
  });

  const unsubscribe = desk.subscribe((event) => {
    for (const { win, conn } of conns.values()) {
      if (conn.user && !win.isDestroyed())
        win.webContents.send(CHANNEL_EVENT, event.name, event.payload);
    }
  });

  return {
    attach(win: BrowserWindow) {
      const id = win.webContents.id;
      conns.set(id, { win, conn: desk.connect() });
      win.on('closed', () => conns.delete(id));
    },
    dispose() {
      ipcMain.removeHandler(CHANNEL_INVOKE);
      unsubscribe();
    },
  };
}
