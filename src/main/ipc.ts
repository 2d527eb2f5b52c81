import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { DeskEndpoint } from '../core/kernel/endpoint.ts';
import { CHANNEL_EVENT, CHANNEL_INVOKE } from '../shared/ipc.ts';

/**
 * IPC is a thin transport over the desk endpoint. Each window is one connection (its own
 * sign-in); a call is answered only when it comes from the top frame of one of our windows
 * showing our UI (`isAppPage`, from src/main/trusted-url.ts: the same check as navigation).
 */
export function bindIpc(endpoint: DeskEndpoint, isAppPage: (url: string) => boolean) {
  const windows = new Map<number, { win: BrowserWindow; conn: Promise<string> }>();

  function trusted(e: IpcMainInvokeEvent): Promise<string> | null {
    const entry = windows.get(e.sender.id);
    const frame = e.senderFrame;
    if (!entry || !frame || frame !== e.sender.mainFrame || !isAppPage(frame.url)) return null;
    return entry.conn;
  }

  ipcMain.handle(CHANNEL_INVOKE, async (e, method: unknown, input: unknown) => {
    const conn = trusted(e);
    if (!conn)
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', issues: [] } };
    return endpoint.dispatch(await conn, method, input);
  });

  const unsubscribe = endpoint.onEvent((event, to) => {
    const allowed = new Set(to);
    void Promise.all(
      [...windows.values()].map(async ({ win, conn }) => {
        if (allowed.has(await conn) && !win.isDestroyed())
          win.webContents.send(CHANNEL_EVENT, event.name, event.payload);
      }),
    );
  });

  return {
    attach(win: BrowserWindow) {
      const id = win.webContents.id;
      const conn = endpoint.open();
      windows.set(id, { win, conn });
      win.on('closed', () => {
        windows.delete(id);
        void conn.then((c) => endpoint.close(c));
      });
    },
    dispose() {
      ipcMain.removeHandler(CHANNEL_INVOKE);
      unsubscribe();
    },
  };
}
