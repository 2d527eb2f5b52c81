import { app, BrowserWindow, Menu, session, shell } from 'electron';
import { join } from 'node:path';
import { openDesk, type Desk } from '../core/desk.ts';
import { APP_ORIGIN } from '../shared/ipc.ts';
import { bindIpc } from './ipc.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';

registerAppScheme();

// In development electron-vite serves the renderer over HTTP with hot reload.
const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
const isTrustedUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === new URL(startUrl).origin;
  } catch {
    return false;
  }
};

let desk: Desk | null = null;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  Menu.setApplicationMenu(null);

  const dataDir =
    argValue('--data') ?? process.env['SWITCHBOARD_DATA'] ?? join(app.getPath('userData'), 'desk');
  const realDesk =
    process.argv.includes('--real-desk') || process.env['SWITCHBOARD_REAL_DESK'] === '1';
  desk = await openDesk({ dataDir, demo: !realDesk });
  serveRenderer(join(import.meta.dirname, '../renderer'));

  // Notifications (call-backs due) are the one permission the UI may have.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) =>
    cb(permission === 'notifications'),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_wc, permission) => permission === 'notifications',
  );

  const ipc = bindIpc(desk, isTrustedUrl);

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Switchboard',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  ipc.attach(win);
  win.once('ready-to-show', () => win.show());
  await win.loadURL(startUrl);

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (e) => {
    if (closed) return;
    // Close the store before the process goes: the checkpoint worker stops, the WAL is tidied.
    e.preventDefault();
    ipc.dispose();
    void (desk?.close() ?? Promise.resolve()).finally(() => {
      closed = true;
      app.quit();
    });
  });
}

// Applies to every web contents the app ever creates: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

main().catch((e: unknown) => {
  console.error('Switchboard failed to start', e);
  app.exit(1);
});
