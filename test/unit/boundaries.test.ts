import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The import boundaries are enforced by lint; this proves the rule fires, so it cannot rot silently. */
describe('process boundaries', () => {
  // The import rules need no type information; the virtual files below are in no tsconfig.
  const eslint = new ESLint({
    overrideConfig: {
      languageOptions: { parserOptions: { project: null } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
      },
    },
  });
  const errors = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.filter(
      (m) => m.ruleId === 'no-restricted-imports',
    ).length;

  it.each([
    ['src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'src/shared/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    ],
    ['src/renderer/src/x.ts', "import { join } from 'path';\nexport const a = join;\n"],
    [
      'src/renderer/src/x.ts',
      "import { openDesk } from '../../core/kernel/desk.ts';\nexport const a = openDesk;\n",
    ],
    ['src/core/x.ts', "import { bindIpc } from '../main/ipc.ts';\nexport const a = bindIpc;\n"],
    [
      'src/core/x.ts',
      "import { seedDesk } from '../tools/seed/generate.ts';\nexport const a = seedDesk;\n",
    ],
    ['src/tools/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'src/core/kernel/x.ts',
      "import { seedDemoDesk } from '../../demo/demo-desk.ts';\nexport const a = seedDemoDesk;\n",
    ],
    ['src/demo/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'src/hub/x.ts',
      "import { openDesk } from '../core/kernel/desk.ts';\nexport const a = openDesk;\n",
    ],
    ['src/hub/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await errors(file, code)).toBe(1);
  });

  it.each([
    ['src/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/core/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    [
      'src/tools/x.ts',
      "import { openDesk } from '../core/kernel/desk.ts';\nexport const a = openDesk;\n",
    ],
    [
      'src/demo/x.ts',
      "import { insertUser } from '../core/access/users.ts';\nexport const a = insertUser;\n",
    ],
    [
      'src/renderer/src/x.ts',
      "import type { Api } from '../../shared/api.ts';\nexport type A = Api;\n",
    ],
  ])('%s may: %s', async (file, code) => {
    expect(await errors(file, code)).toBe(0);
  });
});
