import { APP_HOST, APP_SCHEME } from '../shared/ipc.ts';

/**
 * The main process's one answer to "is this the app's own page?" and "may the app hand this
 * to the operating system?". It imports nothing from electron, so it is unit-tested as it is.
 *
 * Never compare `URL.origin` here: it is "null" for app: and for every other non-special
 * scheme (file:, data:, javascript:, app://anything/), so an origin comparison trusts all of
 * them alike. Scheme and host are compared exactly instead.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Same scheme and host (with port), and no user name or password, which our URLs never carry. */
function sameSite(url: URL, protocol: string, host: string): boolean {
  return url.protocol === protocol && url.host === host && !url.username && !url.password;
}

/**
 * A page of the app as the app:// protocol serves it: app://switchboard/…, exactly. The host is
 * compared as written: Chromium passes app: URLs canonical (app: is a standard scheme, so
 * its host is lower-cased), so `app://SWITCHBOARD/` did not come from it.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && sameSite(u, `${APP_SCHEME}:`, APP_HOST);
}

/**
 * The check used for navigation, redirects, the IPC sender's frame and permission requests:
 * app://switchboard/, and in development also the dev server, at its exact origin (scheme, host
 * and port: http://localhost:5173 is not http://localhost:5174 nor http://127.0.0.1:5173).
 */
export function appPageCheck(devServerUrl?: string): (url: string) => boolean {
  if (devServerUrl === undefined) return isAppUrl;
  const dev = parse(devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:') || !dev.host)
    throw new Error(`The dev server URL must be http(s)://host:port/, not ${devServerUrl}`);
  return (url) => {
    if (isAppUrl(url)) return true;
    const u = parse(url);
    return u !== null && sameSite(u, dev.protocol, dev.host);
  };
}

/** A number as a tel: link writes it: digits with RFC 3966's visual separators and spaces. */
const PHONE_NUMBER = /^\+?[0-9 ().-]+$/;

/** My call-backs: the caller's number, dialled by the workstation's phone software. */
function phoneNumber(url: URL): string | null {
  if (url.protocol !== 'tel:' || url.search || url.hash || url.host) return null;
  let number: string;
  try {
    number = decodeURIComponent(url.pathname).replace(/ /g, '');
  } catch {
    return null;
  }
  const digits = number.replace(/\D/g, '').length;
  return PHONE_NUMBER.test(number) && digits >= 3 && digits <= 20 ? `tel:${number}` : null;
}

/**
 * Everything the app means to hand to the operating system with shell.openExternal, each for
 * the feature that needs it; anything else is refused (and logged by the caller). A new kind of
 * external link gets its own entry here, as narrow as this one: no https:// site is opened
 * today, so none is allowed.
 */
const EXTERNAL_TARGETS: readonly ((url: URL) => string | null)[] = [phoneNumber];

/** What to hand to shell.openExternal for this URL (normalised), or null: refused. */
export function externalTarget(url: string): string | null {
  const u = parse(url);
  if (!u) return null;
  for (const target of EXTERNAL_TARGETS) {
    const t = target(u);
    if (t) return t;
  }
  return null;
}
