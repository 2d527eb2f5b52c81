import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDemoTemplate } from './demo-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo desk's SQLite file, created and migrated once per run; tests copy it. */
    demoTemplate: string;
  }
}

/**
 * Opening, migrating and seeding the demo desk (its users' password hashes included) is the
 * costliest set-up of the unit suite; done once here, every test file copies the file instead
 * of building its own, so a loaded machine pays it once, not once per file.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const file = await buildDemoTemplate();
  project.provide('demoTemplate', file);
  return () => rmSync(dirname(file), { recursive: true, force: true });
}
