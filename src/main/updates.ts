/**
 * The desktop app's updates: off unless the desk names its own update server (Desk admin ›
 * Updates, read from the desk as `updates.get`), then from that server only. An update downloads
 * in the background and installs when the app is closed (autoInstallOnAppQuit): the app never
 * restarts itself, so never while a call is being taken. Only where the app can update itself:
 * the AppImage, the NSIS install and the dmg; a deb or an MSI is IT's to roll out.
 */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { DeskEndpoint } from '../core/kernel/endpoint.ts';
import type { UpdatePolicy } from '../shared/views.ts';

const FIRST_CHECK_MS = 5 * 60_000;
const CHECK_EVERY_MS = 6 * 60 * 60_000;

const canUpdateItself = (): boolean =>
  app.isPackaged && (process.platform !== 'linux' || !!process.env['APPIMAGE']);

export function startUpdates(endpoint: () => DeskEndpoint): () => void {
  if (!canUpdateItself()) return () => undefined;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowPrerelease = false;
  let feed: string | null = null;
  const check = async () => {
    const desk = endpoint();
    const conn = await desk.open();
    try {
      const r = await desk.dispatch(conn, 'updates.get', {});
      const url = r.ok ? (r.value as UpdatePolicy).url : null;
      if (!url) return;
      if (url !== feed) {
        autoUpdater.setFeedURL({ provider: 'generic', url });
        feed = url;
      }
      await autoUpdater.checkForUpdates();
    } catch (e) {
      // An update server away is no fault of the desk's: the next check tries again.
      console.warn('Switchboard: the update check failed', e);
    } finally {
      desk.close(conn);
    }
  };
  const first = setTimeout(() => void check(), FIRST_CHECK_MS);
  const every = setInterval(() => void check(), CHECK_EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
