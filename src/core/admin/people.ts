/**
 * An admin's work on the desk's people: edit who they are and what they serve, disable and
 * enable them (never delete: tickets and history name them), set a temporary password.
 */
import type { ParsedInput } from '../../shared/contract.ts';
import type { AdminPerson } from '../../shared/views.ts';
import { actor, type Ctx } from '../kernel/context.ts';
import { DomainError, invalid, issue, notFound } from '../kernel/failure.ts';
import { hashPassword } from '../access/password.ts';
import type { Db } from '../store/database.ts';
import { stmt } from '../store/statements.ts';
import { changesOf, checkVersion, recordAdminChange } from './admin-edits.ts';
import {
  setUserDomains,
  writeTemporaryPassword,
  writeUserActive,
  writeUserProfile,
} from '../access/users.ts';
import { SYSTEM_USER_ID } from '../sla/clocks.ts';

interface PersonRow extends Omit<AdminPerson, 'active' | 'mustChangePassword' | 'domainIds'> {
  active: number;
  mustChangePassword: number;
  domainIds: string | null;
}

/** Everyone who can sign in (the desk's own system user is nobody's to edit), with their work. */
export function adminPeople(db: Db, id?: string): AdminPerson[] {
  const rows = stmt<PersonRow>(
    db,
    `SELECT u.id, u.username, u.display_name AS displayName, u.role, u.tier, u.active, u.version,
            u.must_change_password AS mustChangePassword,
            (SELECT group_concat(domain_id) FROM user_domains WHERE user_id = u.id) AS domainIds,
            (SELECT coalesce(sum(n), 0) FROM ticket_counts
             WHERE assignee_id = u.id AND status <> 'resolved') AS openTickets,
            (SELECT count(*) FROM callbacks WHERE owner_id = u.id) AS callbacks
     FROM users u WHERE u.id <> @system AND (@id IS NULL OR u.id = @id)
     ORDER BY u.display_name, u.username`,
  ).all({ system: SYSTEM_USER_ID, id: id ?? null });
  return rows.map((r) => ({
    ...r,
    active: r.active === 1,
    mustChangePassword: r.mustChangePassword === 1,
    domainIds: r.domainIds ? r.domainIds.split(',').sort() : [],
  }));
}

function personById(db: Db, id: string): AdminPerson {
  const p = adminPeople(db, id)[0];
  if (!p) throw notFound('Person');
  return p;
}

const activeAdmins = (db: Db): number =>
  stmt<number>(db, "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").pluck().get()!;

function checkDomains(db: Db, ids: readonly string[]): string[] {
  const domains = [...new Set(ids)].sort();
  const known = stmt(db, 'SELECT 1 FROM domains WHERE id = ?');
  const unknown = ids.findIndex((d) => !known.get(d));
  if (unknown >= 0) throw invalid([issue(`domainIds.${unknown}`, 'unknown', 'No such domain')]);
  return domains;
}

/** Display name, role, tier and domains served. The last active admin stays an admin. */
export function updateUser(ctx: Ctx, input: ParsedInput<'users.update'>): AdminPerson {
  const { db } = ctx;
  return db.transaction(() => {
    const p = personById(db, input.id);
    checkVersion(p.username, p.version, input.expectedVersion);
    const domainIds = checkDomains(db, input.domainIds);
    if (p.role === 'admin' && p.active && input.role !== 'admin' && activeAdmins(db) === 1)
      throw new DomainError(
        'CONFLICT',
        `${p.username} is the desk's last admin: make someone else an admin first`,
        [issue('role', 'last_admin', 'The last admin')],
      );
    const changes = changesOf(p, {
      displayName: input.displayName,
      role: input.role,
      tier: input.tier,
      domainIds,
    });
    if (Object.keys(changes).length === 0) return p;
    writeUserProfile(db, p.id, input);
    if (changes['domainIds']) setUserDomains(db, p.id, domainIds);
    recordAdminChange(ctx, 'user_changed', { id: p.id, changes });
    return personById(db, p.id);
  })();
}

/**
 * A disabled person cannot sign in, and every session of theirs ends at its next call (the
 * dispatcher re-reads the user each time; push events stop at once). Their open tickets and
 * call-backs stay theirs, counted here and on the board's assignee filter, until reassigned.
 */
export function setUserActive(ctx: Ctx, input: ParsedInput<'users.setActive'>): AdminPerson {
  const { db } = ctx;
  return db.transaction(() => {
    const p = personById(db, input.id);
    checkVersion(p.username, p.version, input.expectedVersion);
    if (p.active === input.active) return p;
    if (!input.active && p.id === actor(ctx).id)
      throw new DomainError('CONFLICT', 'You cannot disable yourself', [
        issue('active', 'self_disable', 'Yourself'),
      ]);
    writeUserActive(db, p.id, input.active);
    recordAdminChange(
      ctx,
      input.active ? 'user_enabled' : 'user_disabled',
      input.active
        ? { id: p.id }
        : { id: p.id, openTickets: p.openTickets, callbacks: p.callbacks },
    );
    return personById(db, p.id);
  })();
}

/**
 * A temporary password: until its owner chooses their own, every call of theirs but the change
 * is refused, so a session signed in before the reset ends too. Hashed before the transaction
 * (scrypt is slow on purpose); no version check: it changes nothing an edit form holds.
 */
export async function resetPassword(
  ctx: Ctx,
  input: ParsedInput<'users.resetPassword'>,
): Promise<AdminPerson> {
  const { db } = ctx;
  personById(db, input.id);
  const hash = await hashPassword(input.password, ctx.passwords.cost);
  return db.transaction(() => {
    const p = personById(db, input.id);
    writeTemporaryPassword(db, p.id, hash);
    // The history says who reset whose password, never the password.
    recordAdminChange(ctx, 'password_reset', { id: p.id });
    return personById(db, p.id);
  })();
}
