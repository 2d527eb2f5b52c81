/**
 * `npm run hub -- [--data DIR] [--host H] [--port N] [--tls-key F --tls-cert F] [--no-imager]
 *   [--oldest-release X.Y.Z]`:
 * the sync hub. With DATABASE_URL it uses that PostgreSQL; without it, an embedded one kept in
 * DIR/postgres. Beside it runs the imager (src/imager, its replicas in DIR/imager), which keeps
 * each desk's image for workstations that join; `--no-imager` where another instance runs it.
 *   npm run hub -- desk create --id LON --name "London Service Desk"
 *   npm run hub -- join-code --desk LON [--hours 24]     (prints a one-time code, once)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDesk, createJoinCode } from './access.ts';
import { NUDGE_CHANNEL } from './changes.ts';
import { HubError } from './failure.ts';
import { migrate } from './migrations.ts';
import { ensureDatabase, openPool, startEmbedded, type Embedded } from './postgres.ts';
import { Nudges } from './nudges.ts';
import { createHub } from './server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  allowNegative: true,
  options: {
    data: { type: 'string', default: '.hub' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '7420' },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
    id: { type: 'string' },
    name: { type: 'string' },
    desk: { type: 'string' },
    hours: { type: 'string', default: '24' },
    imager: { type: 'boolean', default: true },
    'oldest-release': { type: 'string' },
    'imager-every': { type: 'string', default: '60' },
  },
});
const log = (line: string) => console.error(`[hub] ${line}`);

let embedded: Embedded | null = null;
let url = process.env['DATABASE_URL'];
if (!url) {
  embedded = await startEmbedded(join(resolve(values.data), 'postgres'));
  url = await ensureDatabase(embedded.url, 'switchboard_hub');
  log(`embedded PostgreSQL in ${join(resolve(values.data), 'postgres')}`);
}
const pool = openPool(url);
const applied = await migrate(pool);
if (applied) log(`hub schema: ${applied} migration(s) applied`);

let imager: ChildProcess | null = null;
async function shutdown(code: number): Promise<never> {
  if (imager && imager.exitCode === null) {
    const gone = new Promise((r) => imager!.once('exit', r));
    imager.kill('SIGTERM');
    await gone;
  }
  await pool.end().catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}

try {
  if (positionals[0] === 'desk' && positionals[1] === 'create') {
    if (!values.id || !values.name) throw new HubError('VALIDATION', 'Give --id and --name');
    await createDesk(pool, { id: values.id, name: values.name });
    console.log(`desk ${values.id} is on the hub`);
    await shutdown(0);
  } else if (positionals[0] === 'join-code') {
    if (!values.desk) throw new HubError('VALIDATION', 'Give --desk');
    const c = await createJoinCode(pool, values.desk, Number(values.hours));
    console.log(
      `join code for desk ${values.desk} (shown once, until ${c.expiresAt.toISOString()}):`,
    );
    console.log(c.code);
    await shutdown(0);
  } else if (positionals.length) {
    throw new HubError('VALIDATION', `Unknown command: ${positionals.join(' ')}`);
  }
} catch (e) {
  console.error(e instanceof HubError ? e.message : e);
  await shutdown(1);
}

const tls =
  values['tls-key'] && values['tls-cert']
    ? { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) }
    : undefined;
const nudges = new Nudges();
const server = createHub({
  pool,
  tls,
  log,
  nudges,
  ...(values['oldest-release'] ? { oldestRelease: values['oldest-release'] } : {}),
});
server.listen(Number(values.port), values.host, () => {
  const a = server.address() as { port: number };
  // The line a script or a test waits for.
  console.log(`hub listening on ${tls ? 'https' : 'http'}://${values.host}:${a.port}`);
});

// One LISTEN connection per instance, a nudge only (no payload is data): it will tell the
// workstations connected to this instance to pull.
const listener = new pg.Client({ connectionString: url });
listener.on('error', (e) => log(`the LISTEN connection failed: ${e.message}`));
listener.on('notification', (n) => {
  if (n.channel === NUDGE_CHANNEL && n.payload) nudges.notify(n.payload);
});
await listener.connect();
await listener.query(`LISTEN ${NUDGE_CHANNEL}`);

// The imager is its own process: it runs the workstations' core, which the hub never loads.
if (values.imager) {
  imager = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '../imager/cli.ts'),
      '--data',
      join(resolve(values.data), 'imager'),
      '--every',
      values['imager-every'],
    ],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  imager.once('exit', (code, signal) => {
    if (code !== 0) log(`the imager stopped (${signal ?? code}); new workstations take the log`);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    nudges.releaseAll();
    void listener.end().finally(() => shutdown(0));
  });
