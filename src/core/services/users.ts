import type { ParsedInput } from '../../shared/contract.ts';
import type { Role, Tier } from '../../shared/domain.ts';
import type { SessionInfo, UserInfo } from '../../shared/views.ts';
import { regionFor } from '../caller-keys.ts';
import { actor, type Ctx } from '../context.ts';
import { DomainError, invalid, issue } from '../failure.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../password.ts';
import { writeSettings } from '../settings.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  tier: Tier;
  active: number;
}

export const toUserInfo = (r: Omit<UserRow, 'password_hash' | 'active'>): UserInfo => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  tier: r.tier,
});

const USER_COLUMNS = 'id, username, display_name, role, tier';

export function listUsers(db: Db): UserInfo[] {
  const rows = stmt(
    db,
    // The people who work tickets: a wall-board display is nobody's assignee.
    `SELECT ${USER_COLUMNS} FROM users WHERE active = 1 AND role <> 'wallboard' ORDER BY display_name`,
  ).all() as UserRow[];
  return rows.map(toUserInfo);
}

/** The user as stored now: a deactivated or demoted user loses access on their next call. */
export function currentUser(db: Db, id: string): UserInfo | null {
  const r = stmt(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = ? AND active = 1`).get(id) as
    UserRow | undefined;
  return r ? toUserInfo(r) : null;
}

/** True once the desk has people (the built-in system user does not count). */
export const hasUsers = (db: Db): boolean =>
  stmt(db, "SELECT 1 FROM users WHERE username <> 'system' LIMIT 1").get() !== undefined;

export function sessionInfo(ctx: Ctx): SessionInfo {
  return { user: ctx.conn.user, needsSetup: !hasUsers(ctx.db) };
}

export async function signIn(
  ctx: Ctx,
  input: ParsedInput<'auth.signIn'>,
): Promise<{ user: UserInfo }> {
  const row = stmt(ctx.db, 'SELECT * FROM users WHERE username = ? AND active = 1').get(
    input.username,
  ) as UserRow | undefined;
  // Verify against a dummy hash when the user is unknown, so timing does not reveal who exists.
  const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) throw new DomainError('UNAUTHENTICATED', 'Wrong user name or password');
  ctx.conn.user = toUserInfo(row);
  return { user: ctx.conn.user };
}

export function signOut(ctx: Ctx): Record<string, never> {
  ctx.conn.user = null;
  return {};
}

interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  tier: Tier;
}

/** Hashes outside the transaction (scrypt is slow on purpose), then writes. */
export async function insertUser(
  db: Db,
  ctx: Pick<Ctx, 'clock' | 'newId'>,
  u: NewUser & { domainIds?: readonly string[] },
  createdBy: string | null,
  guard?: () => void,
): Promise<UserInfo> {
  const hash = await hashPassword(u.password);
  const id = ctx.newId();
  db.transaction(() => {
    guard?.();
    const taken = stmt(db, 'SELECT 1 FROM users WHERE username = ?').get(u.username);
    if (taken) throw invalid([issue('username', 'taken', 'This user name is taken')]);
    const domains = [...new Set(u.domainIds ?? [])];
    const known = stmt(db, 'SELECT 1 FROM domains WHERE id = ?');
    const unknown = domains.findIndex((d) => !known.get(d));
    if (unknown >= 0) throw invalid([issue(`domainIds.${unknown}`, 'unknown', 'No such domain')]);
    stmt(
      db,
      `INSERT INTO users (id, username, display_name, password_hash, role, tier, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, u.username, u.displayName, hash, u.role, u.tier, ctx.clock.now(), createdBy);
    // The domains they serve; none named: all of them.
    for (const d of domains)
      stmt(db, 'INSERT INTO user_domains (user_id, domain_id) VALUES (?, ?)').run(id, d);
  })();
  return { id, username: u.username, displayName: u.displayName, role: u.role, tier: u.tier };
}

export async function createUser(ctx: Ctx, input: ParsedInput<'users.create'>): Promise<UserInfo> {
  return insertUser(ctx.db, ctx, input, actor(ctx).id);
}

/** First start of a real desk: name it and create its admin. Only while the desk has no users. */
export async function setupDesk(
  ctx: Ctx,
  input: ParsedInput<'desk.setup'>,
): Promise<{ user: UserInfo }> {
  const guard = () => {
    if (hasUsers(ctx.db)) throw new DomainError('CONFLICT', 'This desk is already set up');
  };
  guard();
  // The desk's national numbers are read with this code's numbering plan: it must have one.
  if (input.countryCode && !regionFor(input.countryCode))
    throw invalid([issue('countryCode', 'calling_code', 'No country has this calling code')]);
  const user = await insertUser(
    ctx.db,
    ctx,
    { ...input.admin, role: 'admin', tier: 3 },
    null,
    () => {
      guard();
      writeSettings(ctx.db, {
        name: input.deskName,
        prefix: input.prefix,
        countryCode: input.countryCode,
      });
    },
  );
  ctx.conn.user = user;
  return { user };
}
