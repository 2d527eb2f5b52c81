/**
 * `npm run seed -- --tickets 1000000 [--data DIR] [--seed N] [--force]`: a big, realistic desk.
 * Shows progress; the same seed number always gives the same desk.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDesk } from '../src/tools/seed/generate.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    data: { type: 'string' },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
  },
});
const tickets = Number(values.tickets);
const seed = Number(values.seed);
if (!Number.isInteger(tickets) || tickets < 1 || tickets > 20_000_000) {
  console.error(`--tickets must be a whole number from 1 to 20,000,000, not "${values.tickets}"`);
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error(`--seed must be a whole number, not "${values.seed}"`);
  process.exit(2);
}
const dataDir = resolve(values.data ?? join('.data', `seed-${tickets}`));
if (values.force)
  for (const f of ['desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm'])
    rmSync(join(dataDir, f), { force: true });

const t0 = performance.now();
let lastLine = '';
const summary = await seedDesk({
  dataDir,
  tickets,
  seed,
  onProgress(phase, done, total) {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const line = `${phase.padEnd(10)} ${String(pct).padStart(3)}%  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}  ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    if (line === lastLine) return;
    lastLine = line;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (pct % 10 === 0 || done === total) process.stderr.write(`${line}\n`);
  },
});
if (process.stderr.isTTY) process.stderr.write('\n');
const s = (performance.now() - t0) / 1000;
console.log(
  `Seeded ${summary.file}: ${summary.tickets.toLocaleString('en')} tickets (${summary.open.toLocaleString('en')} open), ` +
    `${summary.customers.toLocaleString('en')} callers, ${summary.calls.toLocaleString('en')} calls, ` +
    `${summary.contacts.toLocaleString('en')} logged contacts, ${summary.events.toLocaleString('en')} history events, ${summary.users} users in ${s.toFixed(1)} s`,
);
