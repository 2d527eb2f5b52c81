import { describe, expect, it } from 'vitest';
import { appPageCheck, externalTarget, isAppUrl } from '../../src/main/trusted-url.ts';

/**
 * The Electron main process's one answer to "is this the app's own page" (navigation,
 * redirects, the IPC sender's frame, permissions, the app:// protocol) and to "may the app hand
 * this to the operating system" (shell.openExternal). URL.origin is "null" for app: and every
 * other non-special scheme, so a check that compares origins lets all of these through.
 */
const foreign = [
  'file:///etc/passwd',
  'file:///work/out/renderer/index.html',
  'data:text/html,<script>switchboard.invoke("auth.signIn",{})</script>',
  'data:text/html;base64,PHNjcmlwdD48L3NjcmlwdD4=',
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'app://other/index.html',
  'app://switchboard.evil/index.html',
  'app://evil.switchboard/index.html',
  'app://switchboard./index.html',
  'app://switchboard%2Eevil/index.html',
  'APP://SWITCHBOARD/index.html',
  'app://Switchboard/index.html',
  'app://switchboard:80/index.html',
  'app://user:secret@switchboard/index.html',
  'app:switchboard/index.html',
  'app:///index.html',
  'app:/index.html',
  'blob:app://switchboard/0b6c1f2e-0000-4000-8000-000000000000',
  'filesystem:app://switchboard/temporary/x',
  'about:blank',
  'about:srcdoc',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'view-source:app://switchboard/index.html',
  'https://switchboard/index.html',
  'http://switchboard/index.html',
  'https://example.com/',
  'not a url',
  '',
];

describe('the packaged app trusts app://switchboard/ and nothing else', () => {
  const isAppPage = appPageCheck(undefined);

  it.each([
    'app://switchboard/index.html',
    'app://switchboard/index.html#wallboard',
    'app://switchboard/assets/index-16dMB2xN.js',
    'app://switchboard/',
    // The scheme is case-insensitive in every URL parser; only the host is compared as written.
    'APP://switchboard/index.html',
  ])('accepts %s', (url) => {
    expect(isAppPage(url)).toBe(true);
  });

  it.each([...foreign, 'http://localhost:5173/', 'http://localhost:5173/index.html'])(
    'refuses %s',
    (url) => {
      expect(isAppPage(url)).toBe(false);
    },
  );
});

describe('in development it also trusts the dev server, at its exact origin', () => {
  const isAppPage = appPageCheck('http://localhost:5173/');

  it.each([
    'http://localhost:5173/',
    'http://localhost:5173/index.html#wallboard',
    'http://LOCALHOST:5173/src/main.tsx',
    'app://switchboard/index.html',
  ])('accepts %s', (url) => {
    expect(isAppPage(url)).toBe(true);
  });

  it.each([
    ...foreign,
    'http://localhost:5174/',
    'http://localhost/',
    'http://localhost:80/',
    'https://localhost:5173/',
    'ws://localhost:5173/',
    'http://127.0.0.1:5173/',
    'http://[::1]:5173/',
    'http://localhost.evil.com:5173/',
    'http://localhost:5173@evil.com/',
    'http://user@localhost:5173/',
    'file://localhost:5173/etc/passwd',
  ])('refuses %s', (url) => {
    expect(isAppPage(url)).toBe(false);
  });

  it.each([
    'file:///work/out/renderer/index.html',
    'data:text/html,x',
    'localhost:5173',
    'nonsense',
  ])(
    'a dev server URL that is not http(s)://host:port (%s) is refused at start, not trusted',
    (url) => {
      expect(() => appPageCheck(url)).toThrow(/dev server/);
    },
  );
});

describe('the app:// protocol serves only app://switchboard/', () => {
  it('serves the app', () => {
    expect(isAppUrl('app://switchboard/index.html')).toBe(true);
  });
  it.each(foreign)('serves nothing for %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('shell.openExternal gets only what the app means to open', () => {
  it.each([
    // My call-backs: the caller's number, for the workstation's dialler.
    ['tel:+44 20 7946 0018', 'tel:+442079460018'],
    ['tel:+44%2020%207946%200018', 'tel:+442079460018'],
    ['tel:+30-210-123-4567', 'tel:+30-210-123-4567'],
    ['tel:020 7946 0018', 'tel:02079460018'],
    ['tel:+1 (415) 555-0100', 'tel:+1(415)555-0100'],
  ])('opens %s as %s', (url, target) => {
    expect(externalTarget(url)).toBe(target);
  });

  it.each([
    'https://example.com/',
    'https://github.com/electron/electron',
    'https://evil.example/phish?next=app://switchboard/',
    'http://example.com/',
    'file:///etc/passwd',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share/run.exe',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'mailto:someone@example.com',
    'javascript:alert(1)',
    'data:text/html,x',
    'app://switchboard/index.html',
    'tel:',
    'tel:+',
    'tel:12',
    'tel:+44;phone-context=evil.example',
    'tel:+44 20 7946 0018?x=1',
    'tel:+44 20 7946 0018#x',
    'tel:+44%0A20',
    'tel:+44%zz',
    'tel://+442079460018',
    'tel:+44+20',
    'tel:+٤٤٢٠٧٩٤٦٠٠١٨',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(externalTarget(url)).toBeNull();
  });
});
