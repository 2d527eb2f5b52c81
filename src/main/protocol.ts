import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME } from '../shared/ipc.ts';
import {
  contentSecurityPolicy,
  contentType,
  resolveStaticPath,
} from '../core/kernel/static-files.ts';
import { isAppUrl } from './trusted-url.ts';

/** Must run before app is ready: app:// behaves like https (secure, standard, fetch-able). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer from app://switchboard/, refusing anything outside its folder. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = isAppUrl(request.url)
      ? resolveStaticPath(root, new URL(request.url).pathname)
      : null;
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, {
      status: 200,
      headers: {
        'content-type': contentType(file),
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
