import { app, BrowserWindow, Menu, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from '../shared/ipc.ts';
import { createTranslator } from '../shared/i18n/index.ts';
import { isLocale, type Locale } from '../shared/i18n/locales.ts';

/** The first of the system's languages the desk speaks (`fr-CA` → `fr`), else English. */
function systemLanguage(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.split('-')[0]!.toLowerCase();
    if (isLocale(language)) return language;
  }
  return 'en';
}
import { startCore } from './core-client.ts';
import { bindIpc } from './ipc.ts';
import { startUpdates } from './updates.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { appPageCheck, externalTarget } from './trusted-url.ts';

registerAppScheme();

// In development electron-vite serves the renderer over HTTP with hot reload.
const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
/** One check for navigation, redirects, IPC senders and permissions (src/main/trusted-url.ts). */
const isAppPage = appPageCheck(devUrl);

/** Hands a link to the operating system if it is one the app means to open; logs any other. */
function openOutside(url: string, why: string): void {
  const target = externalTarget(url);
  if (target) void shell.openExternal(target);
  else console.warn(`Switchboard refused ${why}: ${url.slice(0, 300)}`);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();

  const dataDir =
    argValue('--data') ?? process.env['SWITCHBOARD_DATA'] ?? join(app.getPath('userData'), 'desk');
  const realDesk =
    process.argv.includes('--real-desk') || process.env['SWITCHBOARD_REAL_DESK'] === '1';
  const coreArgs = [
    '--data',
    dataDir,
    '--version',
    app.getVersion(),
    ...(realDesk ? ['--real-desk'] : []),
  ];
  serveRenderer(join(import.meta.dirname, '../renderer'));

  // Notifications (call-backs due) are the one permission the UI may have, and only the UI.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb, details) =>
    cb(permission === 'notifications' && isAppPage(details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_wc, permission, requestingOrigin, details) =>
      permission === 'notifications' && isAppPage(details.requestingUrl ?? requestingOrigin),
  );

  const webPreferences = {
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webviewTag: false,
    spellcheck: false,
  };
  // The menu speaks the system's language when it is one of the desk's (it is there before anyone
  // signs in); the windows speak each person's.
  const menuWords = createTranslator(systemLanguage(app.getPreferredSystemLanguages()));
  // `--wallboard` makes this workstation a wall display: one kiosk window, on `--display N`.
  const wallboardOnly = process.argv.includes('--wallboard');
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Switchboard',
    show: false,
    // The menu (View → wall-board on a display) stays out of the way until Alt alone is pressed.
    autoHideMenuBar: true,
    webPreferences,
  });
  if (!wallboardOnly) win.once('ready-to-show', () => win.show());
  const wallboards = new Set<BrowserWindow>();
  /** A kiosk window showing the wall-board, full screen on a chosen display (1-based). */
  const openWallboard = (display: number) => {
    const all = screen.getAllDisplays();
    const d = all[display - 1] ?? screen.getPrimaryDisplay();
    const w = new BrowserWindow({
      ...d.bounds,
      kiosk: true,
      fullscreen: true,
      title: menuWords.t('menu.wallboardTitle'),
      backgroundColor: '#05070a',
      autoHideMenuBar: true,
      webPreferences,
    });
    wallboards.add(w);
    w.on('closed', () => wallboards.delete(w));
    ipc.attach(w);
    void w.loadURL(`${startUrl}#wallboard`);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: menuWords.t('menu.view'),
        submenu: screen.getAllDisplays().map((d, i) => ({
          label: menuWords.t('menu.wallboardOn', {
            n: i + 1,
            width: d.size.width,
            height: d.size.height,
          }),
          click: () => openWallboard(i + 1),
        })),
      },
    ]),
  );

  // The desk runs in its own process; if it ever stops, start it again and reload the window
  // (its session went with the process, so the analyst signs in again; saved work is on disk).
  let quitting = false;
  let core = startCore(coreArgs);
  let ipc = bindIpc(core.endpoint, isAppPage);
  const watch = () =>
    core.onExit((code) => {
      if (quitting) return;
      console.error(`Switchboard desk process exited (${code}); restarting it`);
      ipc.dispose();
      core = startCore(coreArgs);
      ipc = bindIpc(core.endpoint, isAppPage);
      watch();
      void core.ready.then(() => {
        for (const w of [win, ...wallboards]) {
          ipc.attach(w);
          w.webContents.reload();
        }
      });
    });
  watch();
  const stopUpdates = startUpdates(() => core.endpoint);
  await core.ready;
  ipc.attach(win);
  await win.loadURL(startUrl);
  if (wallboardOnly) openWallboard(Number(argValue('--display') ?? 1));

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // A wall display has no analyst window: closing its kiosk window quits.
  if (wallboardOnly) for (const w of wallboards) w.on('closed', () => app.quit());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (e) => {
    if (quitting) return;
    // Let the desk process close the store (checkpoint worker stopped, WAL tidied) before exit.
    quitting = true;
    stopUpdates();
    e.preventDefault();
    ipc.dispose();
    void core.shutdown().finally(() => app.quit());
  });
}

// Applies to every web contents the app ever creates: no navigation away, no new windows, no
// webviews. A link the app means to open outside (a caller's tel: number) goes to the system.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (isAppPage(url)) return;
    e.preventDefault();
    openOutside(url, 'to leave the app for');
  });
  contents.on('will-redirect', (e, url) => {
    if (isAppPage(url)) return;
    e.preventDefault();
    console.warn(`Switchboard refused a redirect to: ${url.slice(0, 300)}`);
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, 'to open a window for');
    return { action: 'deny' };
  });
});

main().catch((e: unknown) => {
  console.error('Switchboard failed to start', e);
  app.exit(1);
});
