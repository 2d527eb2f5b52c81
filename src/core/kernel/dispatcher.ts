import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/contract.ts';
import { ROLE_RANK } from '../../shared/domain.ts';
import type { Issue, Result } from '../../shared/errors.ts';
import type { EventName, EventPayloads, PushEvent } from '../../shared/events.ts';
import type { Clock } from './clock.ts';
import type { Connection, Ctx, Passwords } from './context.ts';
import { DomainError, INTERNAL_MESSAGE } from './failure.ts';
import { handlers } from './handlers.ts';
import { sessionUser } from '../access/users.ts';
import type { Db } from '../store/database.ts';
import type { DeskSync } from '../sync/desk-sync.ts';
import type { DeskBackups } from '../backups/backups.ts';
import type { ImportStaging } from '../imports/staging.ts';
import type { CallRecord } from '../logging/desk-log.ts';
import type { ExportFiles } from '../exports/files.ts';
import { asAuthor } from '../sync/capture.ts';
import { SYSTEM_USER_ID } from '../sla/clocks.ts';

export interface DispatchEnv {
  db: Db;
  clock: Clock;
  newId: () => string;
  passwords: Passwords;
  sync?: DeskSync;
  backups?: DeskBackups;
  imports: ImportStaging;
  exports: ExportFiles;
  publish(event: PushEvent): void;
  log(message: string, error?: unknown): void;
  /** Each call as the log keeps it (no input, no answer). */
  logCall?(record: CallRecord): void;
  /** What the support bundle says of this desk: its release, its shell, its log folder. */
  about: { app: string; shell: string; logFolder: string | null; dataDir: string };
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => {
    const params = (i as { params?: { rule?: string } & Record<string, unknown> }).params;
    const limit =
      (i as { minimum?: unknown; maximum?: unknown }).minimum ??
      (i as { maximum?: unknown }).maximum;
    const out: Issue = {
      path: i.path.map(String).join('.'),
      rule: i.code === 'custom' ? (params?.rule ?? 'custom') : i.code,
      message: i.message,
    };
    if (typeof limit === 'number' || typeof limit === 'bigint') out.limit = Number(limit);
    // What the rule's words need besides its name (a custom rule's figures).
    const words = Object.entries(params ?? {}).filter(
      (e): e is [string, string | number] =>
        e[0] !== 'rule' && (typeof e[1] === 'string' || typeof e[1] === 'number'),
    );
    if (words.length) out.params = Object.fromEntries(words);
    return out;
  });
}

/** Who made a call, for the log: the signed-in user, else the connection. */
function caller(conn: Connection): string {
  const u = conn.user;
  return u ? `${u.username} (user ${u.id}, connection ${conn.id})` : `connection ${conn.id}`;
}

/**
 * The one way into the core: method known → caller signed in → role sufficient → input valid →
 * run → typed result. Every transport (IPC, HTTP) calls this and nothing else; nothing here
 * throws to the caller. A fault of the desk's own (a thrown error anywhere, a failed
 * transaction, a closed store) is answered INTERNAL and logged here, once, with the method,
 * the caller and the error itself (its stack); the answer says nothing of the cause.
 */
export async function dispatch(
  env: DispatchEnv,
  conn: Connection,
  method: unknown,
  raw: unknown,
): Promise<Result<unknown>> {
  const started = performance.now();
  const req = randomBytes(6).toString('hex');
  const name = isMethodName(method) ? method : `unknown method ${String(method).slice(0, 80)}`;
  const logged = (result: Result<unknown>): Result<unknown> => {
    env.logCall?.({
      req,
      method: name,
      user: conn.user?.id ?? null,
      conn: conn.id,
      ms: Math.round((performance.now() - started) * 10) / 10,
      outcome: result.ok ? 'ok' : result.error.code,
    });
    return result;
  };
  let result: Result<unknown>;
  let queued: PushEvent[] = [];
  try {
    ({ result, queued } = await run(env, conn, method, raw));
  } catch (e) {
    env.log(`INTERNAL: ${name} failed for ${caller(conn)} (request ${req})`, e);
    return logged({
      ok: false,
      error: { code: 'INTERNAL', message: INTERNAL_MESSAGE, issues: [] },
    });
  }
  // Announced once the handler's transaction has committed; a listener's fault is the listener's
  // (the desk logs it) and never turns a saved call into an error.
  for (const e of queued) env.publish(e);
  // A save is on this disk now; the hub hears of it in the next round, which starts at once.
  if (result.ok && queued.length) env.sync?.nudge();
  return logged(result);
}

async function run(
  env: DispatchEnv,
  conn: Connection,
  method: unknown,
  raw: unknown,
): Promise<{ result: Result<unknown>; queued: PushEvent[] }> {
  const queued: PushEvent[] = [];
  // A refused call changed nothing, so it announces nothing, whatever it queued before refusing.
  const refuse = (result: Result<unknown>) => ({ result, queued: [] });
  if (!isMethodName(method)) {
    return refuse({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `Unknown method: ${String(method).slice(0, 80)}`,
        issues: [],
      },
    });
  }
  const spec = contract[method];

  if (spec.access !== 'public') {
    // Re-read the user each call: a deactivated or demoted user loses access at once.
    const found = conn.user ? sessionUser(env.db, conn.user.id) : null;
    const user = found?.user ?? null;
    conn.user = user;
    if (!user)
      return refuse({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Sign in first', issues: [] },
      });
    // A password an admin set: nothing but choosing a new one (a session from before it ends too).
    if (found?.mustChangePassword && method !== 'auth.changePassword')
      return refuse({
        ok: false,
        error: {
          code: 'UNAUTHENTICATED',
          message: 'Choose a new password first',
          issues: [
            { path: '', rule: 'password_change_required', message: 'Choose a new password' },
          ],
        },
      });
    if (ROLE_RANK[user.role] < ROLE_RANK[spec.access]) {
      return refuse({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: `${method} needs the ${spec.access} role`,
          issues: [],
        },
      });
    }
  }

  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return refuse({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          issues.length === 1
            ? `${issues[0]!.path || 'input'}: ${issues[0]!.message}`
            : `${issues.length} fields need attention`,
        issues,
      },
    });
  }

  const ctx: Ctx = {
    db: env.db,
    clock: env.clock,
    newId: env.newId,
    passwords: env.passwords,
    ...(env.sync ? { sync: env.sync } : {}),
    ...(env.backups ? { backups: env.backups } : {}),
    imports: env.imports,
    exports: env.exports,
    about: env.about,
    conn,
    tell(name, payload) {
      env.publish({ name, payload } as PushEvent);
    },
    emit<E extends EventName>(name: E, payload: EventPayloads[E]) {
      // One call that changed several tickets for one reason (a link, a split, an intake of three
      // problems) says so once, naming them all.
      if (name === 'tickets.changed') {
        const p = payload as EventPayloads['tickets.changed'];
        const same = queued.find(
          (e): e is PushEvent<'tickets.changed'> =>
            e.name === 'tickets.changed' &&
            (e.payload as EventPayloads['tickets.changed']).reason === p.reason,
        );
        if (same) {
          for (const id of p.ids) if (!same.payload.ids.includes(id)) same.payload.ids.push(id);
          return;
        }
        queued.push({ name, payload: { ...p, ids: [...p.ids] } } as PushEvent);
        return;
      }
      // One call that says the same thing twice (an intake of three problems for one owner's
      // call-back list) says it once.
      const event = { name, payload } as PushEvent;
      const same = JSON.stringify(event);
      if (!queued.some((e) => JSON.stringify(e) === same)) queued.push(event);
    },
  };
  try {
    const handler = handlers[method] as (ctx: Ctx, input: unknown) => unknown;
    // What it writes is captured (while joined) as made by the signed-in person.
    const value = await asAuthor(conn.user?.id ?? SYSTEM_USER_ID, () => handler(ctx, parsed.data));
    return { result: { ok: true, value }, queued };
  } catch (e) {
    // A refusal is a value; anything else is the desk's own fault (see dispatch).
    if (e instanceof DomainError && e.code !== 'INTERNAL')
      return refuse({ ok: false, error: { code: e.code, message: e.message, issues: e.issues } });
    throw e;
  }
}

export type { MethodName };
