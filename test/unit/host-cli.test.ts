import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['src/host/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run serve', () => {
  it('says what --allowed-host is for', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--allowed-host/);
    expect(help.stdout).toMatch(/DNS rebinding/);
  });

  it('refuses a --allowed-host that is no host name, quoting it, and starts nothing', () => {
    // Each value is checked (parseAllowedHost, tested in host.test.ts): the bad one is named.
    const run = cli('--allowed-host', 'desk.example.org', '--allowed-host', 'http://x.example');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /--allowed-host takes a host name as a browser sends it .*, not "http:\/\/x\.example"/,
    );
  });
});
