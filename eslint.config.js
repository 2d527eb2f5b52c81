// Lint rules, including the import boundaries between process kinds (as Signal Desktop does):
// shared and core never import electron; shared and renderer never import a Node built-in;
// nothing reaches into another shell's folder.
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
  name,
  message: 'Node built-ins are not available here: this code also runs in the browser.',
}));
const electron = {
  name: 'electron',
  message: 'Only src/main and src/preload may import electron.',
};
const sqlite = { name: 'better-sqlite3', message: 'The store belongs to src/core.' };
const folder = (dir, why) => ({ group: [`**/${dir}/**`, `**/${dir}`], message: why });
const shellFolders = ['main', 'preload', 'renderer', 'host', 'imager'];
const shells = shellFolders.map((d) =>
  folder(d, 'Shells depend on the core, never the other way.'),
);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Type-aware: a promise nobody awaits (a store closed too late, a save whose failure
    // vanishes) is a bug here, not a style choice.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sqlite, ...nodeBuiltins],
          patterns: [
            folder('core', 'The renderer reaches the core only through the Api.'),
            folder('main', 'No.'),
            folder('host', 'No.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sqlite, ...nodeBuiltins],
          patterns: [folder('core', 'shared is below core.'), ...shells],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            ...shells,
            folder('tools', 'Seed and bench are tools over the core, not part of it.'),
            folder(
              'demo',
              'The demo desk is data the shells pass to openDesk, not part of the engine.',
            ),
          ],
        },
      ],
    },
  },
  {
    // The hub is its own service over PostgreSQL: it shares the protocol (src/shared), nothing else.
    files: ['src/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, sqlite],
          patterns: [
            ...shells,
            folder('core', 'The hub stores changes; applying them is the workstations’ core.'),
            folder('tools', 'No.'),
            folder('demo', 'No.'),
          ],
        },
      ],
    },
  },
  {
    // The hub's imager: a shell over the core, beside the hub (whose image storage it uses).
    files: ['src/imager/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            ...shellFolders
              .filter((d) => d !== 'imager')
              .map((d) => folder(d, 'Shells depend on the core, never on each other.')),
            folder('tools', 'No.'),
            folder('demo', 'No.'),
          ],
        },
      ],
    },
  },
  {
    // Tools over the core; the sync bench runs the hub's imager in its own process to time it.
    files: ['src/tools/**/*.ts', 'src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: shellFolders
            .filter((d) => d !== 'imager')
            .map((d) => folder(d, 'Shells depend on the core, never the other way.')),
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [sqlite, ...nodeBuiltins],
          patterns: [folder('core', 'The preload only forwards.')],
        },
      ],
    },
  },
);
