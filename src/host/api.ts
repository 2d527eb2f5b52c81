import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/kernel/clock.ts';
import type { DeskEndpoint } from '../core/kernel/endpoint.ts';
import { ADDRESS_SIGN_IN_LIMIT, FailureLimiter, throttled } from '../core/access/throttle.ts';
import type { Result } from '../shared/errors.ts';
import type { UserInfo } from '../shared/views.ts';
import { clientKey } from './client-address.ts';
import { failure, MAX_BODY, readBody, send, sendResult } from './replies.ts';
import { DISPLAY_SESSION, PERSON_SESSION, type Session, type Sessions } from './sessions.ts';

/** The methods that sign a connection in: each success makes a new session, with a new id. */
const SIGNS_IN = new Set(['auth.signIn', 'desk.setup']);

export interface ApiDeps {
  desk: DeskEndpoint;
  sessions: Sessions;
  clock: Clock;
  sameOrigin(req: IncomingMessage): boolean;
}

/**
 * POST /api/<method>: one dispatcher call. A request without a session is answered on a
 * connection that lives for that request only; a sign-in that succeeds keeps its connection as a
 * new session. Failed sign-ins are counted per client address here (the core, which knows no
 * addresses, counts them per user name).
 */
export function apiRoute(deps: ApiDeps) {
  const { desk, sessions, clock } = deps;
  const addresses = new FailureLimiter(ADDRESS_SIGN_IN_LIMIT);

  async function once(method: string, input: unknown): Promise<Result<unknown>> {
    const conn = await desk.open();
    try {
      return await desk.dispatch(conn, method, input);
    } finally {
      desk.close(conn);
    }
  }

  async function signIn(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    input: unknown,
    previous: Session | null,
  ): Promise<void> {
    const attempt =
      method === 'auth.signIn'
        ? addresses.begin(clientKey(req.socket.remoteAddress), clock.now())
        : null;
    if (attempt && attempt.waitMs > 0)
      return sendResult(res, { ok: false, error: throttled(attempt.waitMs) });
    const conn = await desk.open();
    let result: Result<unknown>;
    try {
      result = await desk.dispatch(conn, method, input);
    } catch (e) {
      desk.close(conn);
      attempt?.abandoned();
      throw e;
    }
    if (!result.ok) {
      desk.close(conn);
      const refused = result.error.code === 'UNAUTHENTICATED' || result.error.code === 'THROTTLED';
      if (refused) attempt?.failed(clock.now());
      else attempt?.abandoned();
      return sendResult(res, result);
    }
    attempt?.succeeded();
    // A new id for the signed-in session, never one the browser (or someone else) had before.
    if (previous) sessions.end(previous.sid);
    const { role } = (result.value as { user: UserInfo }).user;
    sendResult(
      res,
      result,
      sessions.create(conn, role === 'wallboard' ? DISPLAY_SESSION : PERSON_SESSION),
    );
  }

  return async function api(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
  ): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, failure('VALIDATION', 'Use POST'));
    // Cross-site requests can't set this content type without a preflight we never answer.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, failure('VALIDATION', 'Send application/json'));
    if (!deps.sameOrigin(req))
      return send(res, 403, failure('FORBIDDEN', 'Cross-origin request refused'));
    const body = await readBody(req);
    if (body === null)
      return send(res, 413, failure('VALIDATION', `Request body over ${MAX_BODY} bytes`));
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return send(res, 400, failure('VALIDATION', 'The request body is not valid JSON'));
    }

    const session = sessions.find(req.headers.cookie);
    if (SIGNS_IN.has(method)) return signIn(req, res, method, input, session);
    // A cookie that names no live session (ended, expired, made up) is cleared as it is answered.
    const stale = sessions.hasCookie(req.headers.cookie) ? sessions.clearCookie() : undefined;
    if (!session) return sendResult(res, await once(method, input), stale);

    const result = await desk.dispatch(session.conn, method, input);
    // Signed out, or its user disabled meanwhile: nothing is left to keep the session for.
    if (method === 'auth.signOut' || (!result.ok && result.error.code === 'UNAUTHENTICATED')) {
      sessions.end(session.sid);
      return sendResult(res, result, sessions.clearCookie());
    }
    sendResult(res, result);
  };
}
