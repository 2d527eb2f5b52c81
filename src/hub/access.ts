/**
 * Who may talk to the hub: desks, the one-time join codes an admin makes for a new workstation,
 * and the workstations' tokens. Only hashes of codes and tokens are stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  JoinCodeInfo,
  JoinReply,
  Scope,
  WorkstationInfo,
  WorkstationReport,
} from '../shared/sync.ts';
import { HubError } from './failure.ts';
import { inTransaction } from './postgres.ts';

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Crockford's base32: no I, L, O or U to misread when the code is typed from a screen. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 100 random bits in four groups of five: typed from the admin's screen onto the new machine. */
function newCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** A code as typed: case, spaces and dashes do not matter; O and I read as 0 and 1. */
export const normaliseCode = (code: string): string =>
  code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

export interface Workstation {
  id: string;
  deskId: string;
  name: string;
  /** A field desk's scope (see scope.ts); none or null: the whole desk. */
  scope?: Scope | null;
}

export async function createDesk(db: pg.Pool, desk: { id: string; name: string }): Promise<void> {
  if (!/^[A-Z0-9]{2,10}$/.test(desk.id))
    throw new HubError('VALIDATION', 'A desk id is 2 to 10 capital letters or digits', 'id');
  await db.query('INSERT INTO desks (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
    desk.id,
    desk.name,
  ]);
}

/**
 * A one-time code for a new workstation, valid for `hours`; returned once, kept as a hash.
 * `createdBy`: the admin who made it in the app (none from the hub's command line).
 */
export async function createJoinCode(
  db: pg.Pool,
  deskId: string,
  hours = 24,
  createdBy: string | null = null,
  scope: Scope | null = null,
): Promise<{ id: string; code: string; expiresAt: Date }> {
  if (!Number.isInteger(hours) || hours < 1 || hours > 168)
    throw new HubError('VALIDATION', 'A join code is valid for 1 to 168 hours', 'hours');
  const desk = await db.query('SELECT 1 FROM desks WHERE id = $1', [deskId]);
  if (desk.rowCount === 0) throw new HubError('NOT_FOUND', `No desk ${deskId} on this hub`);
  const code = newCode();
  const id = randomUUID();
  const r = await db.query<{ expires_at: Date }>(
    `INSERT INTO join_codes (id, desk_id, code_hash, expires_at, created_by, scope)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6) RETURNING expires_at`,
    [id, deskId, sha256(normaliseCode(code)), hours, createdBy, scope && JSON.stringify(scope)],
  );
  return { id, code, expiresAt: r.rows[0]!.expires_at };
}

/** A code not used yet stops working; one of another desk is not found. */
export async function revokeJoinCode(
  db: pg.Pool,
  id: string,
  deskId: string | null = null,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE join_codes SET revoked_at = now()
     WHERE id = $1 AND ($2::text IS NULL OR desk_id = $2) AND used_at IS NULL AND revoked_at IS NULL`,
    [id, deskId],
  );
  return r.rowCount === 1;
}

/** The desk's join codes of the last 30 days, newest first, with what became of each. */
export async function listJoinCodes(db: pg.Pool, deskId: string): Promise<JoinCodeInfo[]> {
  const r = await db.query<{
    id: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
    used_by: string | null;
    revoked_at: Date | null;
    scope: Scope | null;
  }>(
    `SELECT j.id, j.created_at, j.expires_at, j.used_at, w.name AS used_by, j.revoked_at, j.scope
     FROM join_codes j LEFT JOIN workstations w ON w.id = j.used_by
     WHERE j.desk_id = $1 AND j.created_at > now() - interval '30 days'
     ORDER BY j.created_at DESC LIMIT 100`,
    [deskId],
  );
  return r.rows.map((j) => ({
    id: j.id,
    createdAt: j.created_at.toISOString(),
    expiresAt: j.expires_at.toISOString(),
    scope: j.scope,
    usedBy: j.used_by,
    usedAt: j.used_at?.toISOString() ?? null,
    revokedAt: j.revoked_at?.toISOString() ?? null,
  }));
}

/** Spends a join code: the workstation joins its desk and gets its token (shown once). */
export async function join(db: pg.Pool, code: string, name: string): Promise<JoinReply> {
  return inTransaction(db, async (client) => {
    const found = await client.query<{ id: string; desk_id: string; scope: Scope | null }>(
      `SELECT id, desk_id, scope FROM join_codes
       WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       FOR UPDATE`,
      [sha256(normaliseCode(code))],
    );
    const jc = found.rows[0];
    // One message for every way a code can be wrong: it gives a guesser nothing.
    if (!jc)
      throw new HubError(
        'UNAUTHENTICATED',
        'This join code is not valid: it may be mistyped, used, revoked or expired',
        'code',
      );
    const workstationId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    // The desk's row, locked: two workstations joining at once get different numbers.
    await client.query('SELECT 1 FROM desks WHERE id = $1 FOR UPDATE', [jc.desk_id]);
    const numbered = await client.query<{ number: number }>(
      `INSERT INTO workstations (id, desk_id, name, token_hash, number, scope)
       VALUES ($1, $2, $3, $4, (SELECT coalesce(max(number), 0) + 1 FROM workstations WHERE desk_id = $2), $5)
       RETURNING number`,
      [workstationId, jc.desk_id, name, sha256(token), jc.scope && JSON.stringify(jc.scope)],
    );
    await client.query('UPDATE join_codes SET used_at = now(), used_by = $2 WHERE id = $1', [
      jc.id,
      workstationId,
    ]);
    return {
      deskId: jc.desk_id,
      workstationId,
      number: numbered.rows[0]!.number,
      token,
      ...(jc.scope ? { scope: jc.scope } : {}),
    };
  });
}

/**
 * The workstation a bearer token belongs to; a revoked one is refused. What it says of itself
 * (its release, its changes waiting) is kept with its last contact.
 */
export async function authenticate(
  db: pg.Pool,
  token: string | undefined,
  report?: Partial<WorkstationReport>,
): Promise<Workstation> {
  if (!token) throw new HubError('UNAUTHENTICATED', 'This workstation has not joined the hub');
  const r = await db.query<{
    id: string;
    desk_id: string;
    name: string;
    revoked_at: Date | null;
    scope: Scope | null;
  }>(
    `UPDATE workstations SET last_seen = now(), release = coalesce($2, release),
       waiting = coalesce($3, waiting)
     WHERE token_hash = $1 RETURNING id, desk_id, name, revoked_at, scope`,
    [sha256(token), report?.release ?? null, report?.waiting ?? null],
  );
  const w = r.rows[0];
  if (!w) throw new HubError('UNAUTHENTICATED', 'This workstation is not known to the hub');
  if (w.revoked_at)
    throw new HubError('FORBIDDEN', 'This workstation was removed from the desk by an admin');
  return { id: w.id, deskId: w.desk_id, name: w.name, scope: w.scope };
}

/** Every workstation that has joined the desk, in the order they joined. */
export async function listWorkstations(db: pg.Pool, deskId: string): Promise<WorkstationInfo[]> {
  const r = await db.query<{
    id: string;
    name: string;
    number: number;
    joined_at: Date;
    last_seen: Date | null;
    waiting: number | null;
    release: string | null;
    revoked_at: Date | null;
    scope: Scope | null;
  }>(
    `SELECT id, name, number, joined_at, last_seen, waiting, release, revoked_at, scope
     FROM workstations WHERE desk_id = $1 ORDER BY number`,
    [deskId],
  );
  return r.rows.map((w) => ({
    id: w.id,
    name: w.name,
    number: w.number,
    scope: w.scope,
    joinedAt: w.joined_at.toISOString(),
    lastSeen: w.last_seen?.toISOString() ?? null,
    waiting: w.waiting,
    release: w.release,
    revokedAt: w.revoked_at?.toISOString() ?? null,
  }));
}

/** Stops a workstation of the desk: its next call is refused. False when there is none to stop. */
export async function revokeWorkstation(
  db: pg.Pool,
  deskId: string,
  id: string,
  by: string,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE workstations SET revoked_at = now(), revoked_by = $3
     WHERE id = $1 AND desk_id = $2 AND revoked_at IS NULL`,
    [id, deskId, by],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * A field desk's queues, changed by an admin: what entered its scope arrives at its next pull,
 * what left is removed from the laptop. A workstation given the whole desk is not made a field
 * desk this way, nor the reverse (it would keep what it holds): enrol it again with a new code.
 */
export async function setScope(
  db: pg.Pool,
  deskId: string,
  id: string,
  scope: Scope,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE workstations SET scope = $3
     WHERE id = $1 AND desk_id = $2 AND revoked_at IS NULL AND scope IS NOT NULL`,
    [id, deskId, JSON.stringify(scope)],
  );
  return (r.rowCount ?? 0) > 0;
}
