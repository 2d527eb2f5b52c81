import type { ParsedInput } from '../../shared/contract.ts';
import type { Role, Tier } from '../../shared/domain.ts';
import type { DeskPerson, SessionInfo, UserInfo } from '../../shared/views.ts';
import { regionFor } from '../callers/caller-keys.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { conflict, DomainError, invalid, issue } from '../kernel/failure.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { throttled } from './throttle.ts';
import { deskLanguage, readSettings, writeSettings } from '../kernel/settings.ts';
import { isLocale, isNumbering, isTextSize } from '../../shared/i18n/locales.ts';
import { asAuthor } from '../sync/capture.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { recordAdminChange } from '../admin/admin-edits.ts';
import { deskEvent } from '../sla/policy.ts';
import { SYSTEM_USER_ID } from '../sla/clocks.ts';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  tier: Tier;
  active: number;
  must_change_password: number;
  language: string | null;
  numbering: string | null;
  text_size: string | null;
}

export const toUserInfo = (
  r: Omit<UserRow, 'password_hash' | 'active' | 'must_change_password'>,
): UserInfo => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  tier: r.tier,
  language: isLocale(r.language) ? r.language : null,
  numbering: isNumbering(r.numbering) ? r.numbering : null,
  textSize: isTextSize(r.text_size) ? r.text_size : 'standard',
});

const USER_COLUMNS = 'id, username, display_name, role, tier, language, numbering, text_size';

/** The people who work tickets, the disabled ones too (marked): old tickets still name them. */
export function listUsers(db: Db): DeskPerson[] {
  const rows = stmt<UserRow>(
    db,
    // A wall-board display is nobody's assignee; the desk's own system user is nobody at all.
    `SELECT ${USER_COLUMNS}, active FROM users
     WHERE role <> 'wallboard' AND id <> ? ORDER BY display_name`,
  ).all(SYSTEM_USER_ID);
  return rows.map((r) => ({ ...toUserInfo(r), active: r.active === 1 }));
}

/**
 * The user a session speaks for, as stored now: null once disabled. `mustChangePassword`: an
 * admin set their password, and only choosing their own is allowed until they do.
 */
export function sessionUser(
  db: Db,
  id: string,
): { user: UserInfo; mustChangePassword: boolean } | null {
  const r = stmt<UserRow>(
    db,
    `SELECT ${USER_COLUMNS}, must_change_password FROM users WHERE id = ? AND active = 1`,
  ).get(id);
  return r ? { user: toUserInfo(r), mustChangePassword: r.must_change_password === 1 } : null;
}

/** True once the desk has people (the built-in system user does not count). */
export const hasUsers = (db: Db): boolean =>
  stmt(db, "SELECT 1 FROM users WHERE username <> 'system' LIMIT 1").get() !== undefined;

export function sessionInfo(ctx: Ctx): SessionInfo {
  // Re-read, like every protected call: a session of a disabled person has ended.
  const found = ctx.conn.user ? sessionUser(ctx.db, ctx.conn.user.id) : null;
  ctx.conn.user = found?.user ?? null;
  return {
    user: ctx.conn.user,
    language: deskLanguage(ctx.db),
    region: regionFor(readSettings(ctx.db).countryCode) ?? null,
    needsSetup: !hasUsers(ctx.db),
    ...(found?.mustChangePassword ? { mustChangePassword: true as const } : {}),
  };
}

export async function signIn(
  ctx: Ctx,
  input: ParsedInput<'auth.signIn'>,
): Promise<{ user: UserInfo }> {
  // User names match whatever their case (the column is NOCASE), and so do their failures.
  const attempt = ctx.passwords.failures.begin(input.username.toLowerCase(), ctx.clock.now());
  if (attempt.waitMs > 0) {
    // Refused before the password is looked at: a right one too, or waiting would not hold.
    const e = throttled(attempt.waitMs);
    throw new DomainError(e.code, e.message, e.issues);
  }
  try {
    const row = stmt<UserRow>(ctx.db, 'SELECT * FROM users WHERE username = ? AND id <> ?').get(
      input.username,
      SYSTEM_USER_ID,
    );
    // Verify against a dummy hash when the user is unknown, so timing does not reveal who exists.
    const ok = await verifyPassword(
      input.password,
      row?.password_hash ?? dummyHash(ctx.passwords.cost),
    );
    if (!row || !ok) {
      attempt.failed(ctx.clock.now());
      throw new DomainError('UNAUTHENTICATED', 'Wrong user name or password');
    }
    attempt.succeeded();
    // Said only to whoever knows the password: to anyone else a disabled account is unknown.
    if (!row.active) throw accountDisabled();
    // Written as its owner's own change: the hub takes a person's new hash from them alone.
    if (needsRehash(row.password_hash, ctx.passwords.cost))
      await asAuthor(row.id, () => rehash(ctx, row, input.password));
    ctx.conn.user = toUserInfo(row);
    return { user: ctx.conn.user };
  } finally {
    attempt.abandoned(); // only if it ended some other way (the store failed)
  }
}

/**
 * Brings a hash made at an older cost to the desk's, now that the password is known; unless the
 * password was changed meanwhile (then the newer hash stands).
 */
async function rehash(ctx: Ctx, row: UserRow, password: string): Promise<void> {
  const fresh = await hashPassword(password, ctx.passwords.cost);
  stmt(ctx.db, 'UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(
    fresh,
    row.id,
    row.password_hash,
  );
}

const accountDisabled = () =>
  new DomainError('UNAUTHENTICATED', 'This account is disabled; ask an admin', [
    issue('username', 'account_disabled', 'This account is disabled'),
  ]);

/**
 * The signed-in person chooses a new password, proving the current one (a temporary one an
 * admin set, or their own). Hashed outside the transaction; a reset meanwhile is a CONFLICT.
 */
export async function changePassword(
  ctx: Ctx,
  input: ParsedInput<'auth.changePassword'>,
): Promise<{ user: UserInfo }> {
  const me = actor(ctx);
  const stored = () =>
    stmt<string>(ctx.db, 'SELECT password_hash FROM users WHERE id = ? AND active = 1')
      .pluck()
      .get(me.id);
  const before = stored();
  if (!before) throw accountDisabled();
  if (!(await verifyPassword(input.currentPassword, before)))
    throw invalid([issue('currentPassword', 'wrong_password', 'Not your current password')]);
  if (await verifyPassword(input.newPassword, before))
    throw invalid([issue('newPassword', 'same_password', 'Choose a password you do not use now')]);
  const hash = await hashPassword(input.newPassword, ctx.passwords.cost);
  ctx.db.transaction(() => {
    if (stored() !== before)
      throw new DomainError('CONFLICT', 'Your password was changed meanwhile; sign in again', [
        issue('', 'stale', 'Changed meanwhile'),
      ]);
    stmt(ctx.db, 'UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(
      hash,
      me.id,
    );
    deskEvent(ctx, 'password_changed', { id: me.id });
  })();
  return { user: me };
}

export function signOut(ctx: Ctx): Record<string, never> {
  ctx.conn.user = null;
  return {};
}

interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  tier: Tier;
}

/** A password to hash at the desk's cost, or a hash already made (the demo's shared one). */
type Secret = { password: string } | { passwordHash: string };

/** Hashes outside the transaction (scrypt is slow on purpose), then writes. */
export async function insertUser(
  db: Db,
  ctx: Pick<Ctx, 'clock' | 'newId' | 'passwords'>,
  u: NewUser & Secret & { domainIds?: readonly string[] },
  createdBy: string | null,
  guard?: () => void,
  /** Runs inside the writing transaction, once the user exists: its history entry. */
  record?: (user: UserInfo) => void,
): Promise<UserInfo> {
  const hash =
    'passwordHash' in u ? u.passwordHash : await hashPassword(u.password, ctx.passwords.cost);
  const id = ctx.newId();
  const user: UserInfo = {
    id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    tier: u.tier,
    language: null,
    numbering: null,
    textSize: 'standard',
  };
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
    setUserDomains(db, id, domains);
    record?.(user);
  })();
  return user;
}

export async function createUser(ctx: Ctx, input: ParsedInput<'users.create'>): Promise<UserInfo> {
  // The history names who was created and how, never the password.
  const { username, displayName, role, tier, domainIds } = input;
  return insertUser(ctx.db, ctx, input, actor(ctx).id, undefined, (user) =>
    recordAdminChange(ctx, 'user_created', {
      id: user.id,
      username,
      displayName,
      role,
      tier,
      domainIds,
    }),
  );
}

/** First start of a real desk: name it and create its admin. Only while the desk has no users. */
export async function setupDesk(
  ctx: Ctx,
  input: ParsedInput<'desk.setup'>,
): Promise<{ user: UserInfo }> {
  const guard = () => {
    if (hasUsers(ctx.db)) throw conflict('set_up_already', 'This desk is already set up');
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

// ---- the writes desk admin makes (admin/people.ts decides them) ------------------------------

/** Who a person is on the desk: their name, role and tier. */
export function writeUserProfile(
  db: Db,
  id: string,
  p: { displayName: string; role: Role; tier: Tier },
): void {
  stmt(
    db,
    'UPDATE users SET display_name = ?, role = ?, tier = ?, version = version + 1 WHERE id = ?',
  ).run(p.displayName, p.role, p.tier, id);
}

/** The domains a person serves (none: all of them). */
export function setUserDomains(db: Db, id: string, domainIds: readonly string[]): void {
  stmt(db, 'DELETE FROM user_domains WHERE user_id = ?').run(id);
  for (const d of domainIds)
    stmt(db, 'INSERT INTO user_domains (user_id, domain_id) VALUES (?, ?)').run(id, d);
}

export function writeUserActive(db: Db, id: string, active: boolean): void {
  stmt(db, 'UPDATE users SET active = ?, version = version + 1 WHERE id = ?').run(
    active ? 1 : 0,
    id,
  );
}

/** A temporary password, which its owner must change before doing anything else. */
export function writeTemporaryPassword(db: Db, id: string, hash: string): void {
  stmt(db, 'UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?').run(
    hash,
    id,
  );
}

/**
 * `auth.setLanguage`: the language the signed-in person works in (null: the desk's), written as
 * their own change, so it follows them to every workstation of the desk.
 */
export function setOwnLanguage(
  ctx: Ctx,
  input: ParsedInput<'auth.setLanguage'>,
): { user: UserInfo } {
  const me = ctx.conn.user;
  if (!me) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  asAuthor(me.id, () =>
    ctx.db.transaction(() =>
      stmt(ctx.db, 'UPDATE users SET language = ? WHERE id = ?').run(input.language, me.id),
    )(),
  );
  ctx.conn.user = { ...me, language: input.language };
  return { user: ctx.conn.user };
}

/**
 * `auth.setDisplay`: the digits and the text size the signed-in person reads, kept with them like
 * their language.
 */
export function setOwnDisplay(ctx: Ctx, input: ParsedInput<'auth.setDisplay'>): { user: UserInfo } {
  const me = ctx.conn.user;
  if (!me) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  asAuthor(me.id, () =>
    ctx.db.transaction(() =>
      stmt(ctx.db, 'UPDATE users SET numbering = ?, text_size = ? WHERE id = ?').run(
        input.numbering,
        input.textSize === 'standard' ? null : input.textSize,
        me.id,
      ),
    )(),
  );
  ctx.conn.user = { ...me, numbering: input.numbering, textSize: input.textSize };
  return { user: ctx.conn.user };
}
