import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../shared/contract.ts';
import { ROLE_RANK } from '../shared/domain.ts';
import type { Issue, Result } from '../shared/errors.ts';
import type { EventName, EventPayloads, PushEvent } from '../shared/events.ts';
import type { Clock } from './clock.ts';
import type { Connection, Ctx, Passwords } from './context.ts';
import { DomainError } from './failure.ts';
import { handlers } from './handlers.ts';
import { sessionUser } from './services/users.ts';
import type { Db } from './store/database.ts';

export interface DispatchEnv {
  db: Db;
  clock: Clock;
  newId: () => string;
  passwords: Passwords;
  publish(event: PushEvent): void;
  log(message: string, error?: unknown): void;
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => {
    const params = (i as { params?: { rule?: string } }).params;
    const limit =
      (i as { minimum?: unknown; maximum?: unknown }).minimum ??
      (i as { maximum?: unknown }).maximum;
    const out: Issue = {
      path: i.path.map(String).join('.'),
      rule: i.code === 'custom' ? (params?.rule ?? 'custom') : i.code,
      message: i.message,
    };
    if (typeof limit === 'number' || typeof limit === 'bigint') out.limit = Number(limit);
    return out;
  });
}

/**
 * The one way into the core: method known → caller signed in → role sufficient → input valid →
 * run → typed result. Every transport (IPC, HTTP) calls this and nothing else; nothing here
 * throws to the caller.
 */
export async function dispatch(
  env: DispatchEnv,
  conn: Connection,
  method: unknown,
  raw: unknown,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `Unknown method: ${String(method).slice(0, 80)}`,
        issues: [],
      },
    };
  }
  const spec = contract[method];

  if (spec.access !== 'public') {
    // Re-read the user each call: a deactivated or demoted user loses access at once.
    const found = conn.user ? sessionUser(env.db, conn.user.id) : null;
    const user = found?.user ?? null;
    conn.user = user;
    if (!user)
      return {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Sign in first', issues: [] },
      };
    // A password an admin set: nothing but choosing a new one (a session from before it ends too).
    if (found?.mustChangePassword && method !== 'auth.changePassword')
      return {
        ok: false,
        error: {
          code: 'UNAUTHENTICATED',
          message: 'Choose a new password first',
          issues: [
            { path: '', rule: 'password_change_required', message: 'Choose a new password' },
          ],
        },
      };
    if (ROLE_RANK[user.role] < ROLE_RANK[spec.access]) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: `${method} needs the ${spec.access} role`,
          issues: [],
        },
      };
    }
  }

  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          issues.length === 1
            ? `${issues[0]!.path || 'input'}: ${issues[0]!.message}`
            : `${issues.length} fields need attention`,
        issues,
      },
    };
  }

  const queued: PushEvent[] = [];
  const ctx: Ctx = {
    db: env.db,
    clock: env.clock,
    newId: env.newId,
    passwords: env.passwords,
    conn,
    emit<E extends EventName>(name: E, payload: EventPayloads[E]) {
      // One call that says the same thing twice (an intake of three problems for one owner's
      // call-back list) says it once.
      const event = { name, payload } as PushEvent;
      const same = JSON.stringify(event);
      if (!queued.some((e) => JSON.stringify(e) === same)) queued.push(event);
    },
  };
  try {
    const run = handlers[method] as (ctx: Ctx, input: unknown) => unknown;
    const value = await run(ctx, parsed.data);
    for (const e of queued) env.publish(e);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof DomainError)
      return { ok: false, error: { code: e.code, message: e.message, issues: e.issues } };
    env.log(`${method} failed`, e);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on this desk; nothing was saved',
        issues: [],
      },
    };
  }
}

export type { MethodName };
