import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../src/core/kernel/clock.ts';
import { DESK_FILE, openDesk } from '../../src/core/kernel/desk.ts';
import { seedDemoDesk } from '../../src/demo/demo-desk.ts';
import { TEST_COST } from './password-cost.ts';
import { T0 } from './start-time.ts';

/** Opens, migrates and seeds a demo desk in a new folder under `parent`, closes it, returns its file. */
export async function buildDemoTemplate(parent = tmpdir()): Promise<string> {
  const dir = mkdtempSync(join(parent, 'sb-template-'));
  const desk = await openDesk({
    dataDir: dir,
    firstStart: seedDemoDesk,
    passwordCost: TEST_COST,
    clock: manualClock(T0),
    log: () => undefined,
    maintenance: false,
    slaTicker: false,
  });
  await desk.close();
  return join(dir, DESK_FILE);
}
