/** One cold start of the core, in its own process, for `npm run bench`: prints JSON timings. */
import { DEMO_PASSWORD } from '../src/demo/demo-desk.ts';
import { openDesk } from '../src/core/kernel/desk.ts';

const dataDir = process.argv[2]!;
const desk = await openDesk({ dataDir });
const ready = performance.now(); // ms since this process started
const conn = desk.connect();
await desk.call(conn, 'auth.signIn', { username: 'analyst', password: DEMO_PASSWORD });
const signedIn = performance.now();
await desk.call(conn, 'tickets.board', { filters: {}, perColumn: 50 });
const board = performance.now() - (signedIn - ready); // sign-in is deliberately slow (scrypt): not start-up
await desk.close();
console.log(JSON.stringify({ ready, board }));
