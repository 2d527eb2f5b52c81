import { APP_HOST, APP_ORIGIN } from '../shared/ipc.ts';

/** The app's own pages: where navigation may go and whose main frame may call over IPC. */
export function appPageCheck(devServerUrl?: string): (url: string) => boolean {
  const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
  return (url) => {
    try {
      return new URL(url).origin === new URL(startUrl).origin;
    } catch {
      return false;
    }
  };
}

/** A URL served by the app:// protocol handler. */
export function isAppUrl(url: string): boolean {
  return new URL(url).host === APP_HOST;
}

/** What a window-open request may hand to the operating system. */
export function externalTarget(url: string): string | null {
  return url.startsWith('https://') ? url : null;
}
