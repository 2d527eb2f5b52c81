import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/postgres-setup.ts'],
    // Only a guard against a hung test, never a speed check: on a loaded two-core machine a
    // seeded store's set-up can take many times its usual few seconds, and that is not a failure.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
