/**
 * `node src/imager/cli.ts [--data DIR] [--every SECONDS]`, with DATABASE_URL: the hub's imager
 * (see imager.ts). `npm run hub` starts one beside the hub unless given `--no-imager`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPool } from '../hub/postgres.ts';
import { runImager } from './imager.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '.hub/imager' },
    every: { type: 'string', default: '60' },
  },
});
const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('[imager] give DATABASE_URL: the hub’s PostgreSQL');
  process.exit(1);
}
const log = (line: string) => console.error(`[imager] ${line}`);
const pool = openPool(url, 2);
const imager = runImager({
  pool,
  dir: resolve(values.data),
  everyMs: Number(values.every) * 1000,
  log,
});
log(`keeping desk images from ${resolve(values.data)}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void imager
      .stop()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
