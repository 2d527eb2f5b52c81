/**
 * Who may change what, as the hub sees it: each person's role and whether they are active, taken
 * from the desk's own changes to its `users` table (the latest clock wins, as on the
 * workstations), and the role each reference table needs (shared/sync.ts TABLE_ROLE). A change
 * its author's role may not make is refused, not stored, so no other workstation receives it.
 */
import type pg from 'pg';
import { ROLE_RANK, type Role } from '../shared/domain.ts';
import {
  DESK_AUTHOR,
  OWN_USER_FIELDS,
  TABLE_ROLE,
  type Change,
  type Refusal,
} from '../shared/sync.ts';
import type { Workstation } from './access.ts';
import { HubError } from './failure.ts';

interface Person {
  role: string | null;
  roleHlc: string;
  active: boolean | null;
  activeHlc: string;
  changed: boolean;
}

/** A role's rank as the desk's changes name it; a name this release does not know ranks lowest. */
const rankOf = (role: string | null | undefined): number =>
  role && role in ROLE_RANK ? ROLE_RANK[role as Role] : -1;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A users row's id from its change key (`["<id>"]`), or null for a key that is not one. */
function userIdOf(key: string): string | null {
  try {
    const k: unknown = JSON.parse(key);
    return Array.isArray(k) && k.length === 1 && typeof k[0] === 'string' && UUID_RE.test(k[0])
      ? k[0]
      : null;
  } catch {
    return null;
  }
}

async function loadPeople(
  client: pg.PoolClient,
  deskId: string,
  ids: readonly string[],
): Promise<Map<string, Person>> {
  const r = await client.query<{
    user_id: string;
    role: string | null;
    role_hlc: string;
    active: boolean | null;
    active_hlc: string;
  }>(
    `SELECT user_id, role, role_hlc, active, active_hlc FROM people
     WHERE desk_id = $1 AND user_id = ANY($2::uuid[])`,
    [deskId, ids],
  );
  return new Map(
    r.rows.map((p) => [
      p.user_id,
      {
        role: p.role,
        roleHlc: p.role_hlc,
        active: p.active,
        activeHlc: p.active_hlc,
        changed: false,
      },
    ]),
  );
}

/** What an accepted change to `users` says of a person's role and standing. */
function learn(people: Map<string, Person>, c: Change): void {
  const id = userIdOf(c.key);
  if (!id || c.fields['_deleted']) return;
  const p = people.get(id) ?? {
    role: null,
    roleHlc: '',
    active: null,
    activeHlc: '',
    changed: false,
  };
  const role = c.fields['role'];
  if (typeof role === 'string' && c.hlc > p.roleHlc) {
    p.role = role;
    p.roleHlc = c.hlc;
    p.changed = true;
  }
  const active = c.fields['active'];
  if ((active === 0 || active === 1) && c.hlc > p.activeHlc) {
    p.active = active === 1;
    p.activeHlc = c.hlc;
    p.changed = true;
  }
  people.set(id, p);
}

/**
 * Splits a push into the changes its authors may make and the refusals, in the push's order (a
 * person made admin earlier in the same push may already act as one), and records what the
 * accepted changes say of people. Inside the push's transaction.
 */
export async function checkRoles(
  client: pg.PoolClient,
  ws: Workstation,
  changes: readonly Change[],
): Promise<{ allowed: Change[]; refused: Refusal[] }> {
  const gated = changes.filter((c) => TABLE_ROLE[c.table]);
  if (gated.length === 0) return { allowed: [...changes], refused: [] };

  const ids = new Set<string>();
  for (const c of gated) {
    ids.add(c.author);
    if (c.table === 'users') {
      const id = userIdOf(c.key);
      if (id) ids.add(id);
    }
  }
  ids.delete(DESK_AUTHOR);
  const people = await loadPeople(client, ws.deskId, [...ids]);
  // A retry of a change the hub took before is a duplicate, whatever its author is now.
  const stored = new Set(
    (
      await client.query<{ id: string }>(
        'SELECT id FROM changes WHERE desk_id = $1 AND id = ANY($2::uuid[])',
        [ws.deskId, gated.map((c) => c.id)],
      )
    ).rows.map((r) => r.id),
  );

  // The desk's own changes to reference data come only from the workstation that founded the
  // desk on the hub (its desk as it was before joining, sent whole); the first to push founds it.
  let founder: string | null | undefined;
  const isFounder = async () => {
    founder ??= (
      await client.query<{ founder: string }>(
        'UPDATE desks SET founder = coalesce(founder, $2) WHERE id = $1 RETURNING founder',
        [ws.deskId, ws.id],
      )
    ).rows[0]?.founder;
    return founder === ws.id;
  };

  const allowed: Change[] = [];
  const refused: Refusal[] = [];
  for (const c of changes) {
    const needs = stored.has(c.id) ? undefined : TABLE_ROLE[c.table];
    let ok = true;
    let why = '';
    if (needs) {
      if (c.author === DESK_AUTHOR) {
        ok = await isFounder();
        why = `Only the workstation that brought this desk to the hub sends the desk's own ${c.table}`;
      } else {
        const p = people.get(c.author);
        const own =
          c.table === 'users' &&
          userIdOf(c.key) === c.author &&
          Object.keys(c.fields).every((f) => OWN_USER_FIELDS.includes(f));
        const rank = rankOf(p?.role);
        ok = p?.active !== false && (own ? p !== undefined : rank >= ROLE_RANK[needs]);
        why =
          p?.active === false
            ? `${c.table}: the person who made this change is disabled on this desk`
            : `${c.table}: changing it needs the ${needs} role, and the person who made this change ${p?.role ? `is ${p.role}` : 'is not known to the hub'}`;
      }
    }
    if (!ok) {
      refused.push({ id: c.id, code: 'FORBIDDEN', message: why });
      continue;
    }
    allowed.push(c);
    if (c.table === 'users') learn(people, c);
  }

  const learned = [...people].filter(([, p]) => p.changed);
  if (learned.length)
    await client.query(
      `INSERT INTO people AS p (desk_id, user_id, role, role_hlc, active, active_hlc)
       SELECT $1, x.user_id, x.role, x.role_hlc, x.active, x.active_hlc
       FROM jsonb_to_recordset($2::jsonb)
         AS x(user_id uuid, role text, role_hlc text, active boolean, active_hlc text)
       ON CONFLICT (desk_id, user_id) DO UPDATE SET
         role = CASE WHEN excluded.role_hlc > p.role_hlc THEN excluded.role ELSE p.role END,
         role_hlc = greatest(p.role_hlc, excluded.role_hlc),
         active = CASE WHEN excluded.active_hlc > p.active_hlc THEN excluded.active ELSE p.active END,
         active_hlc = greatest(p.active_hlc, excluded.active_hlc)`,
      [
        ws.deskId,
        JSON.stringify(
          learned.map(([id, p]) => ({
            user_id: id,
            role: p.role,
            role_hlc: p.roleHlc,
            active: p.active,
            active_hlc: p.activeHlc,
          })),
        ),
      ],
    );
  return { allowed, refused };
}

/** The role a person has on the desk, as far as the hub knows: for calls an admin makes. */
export async function requireRole(
  db: pg.Pool,
  ws: Workstation,
  author: string,
  needs: Exclude<Role, 'wallboard'>,
): Promise<void> {
  const r = await db.query<{ role: string | null; active: boolean | null }>(
    'SELECT role, active FROM people WHERE desk_id = $1 AND user_id = $2',
    [ws.deskId, author],
  );
  const p = r.rows[0];
  const rank = rankOf(p?.role);
  if (!p || p.active === false || rank < ROLE_RANK[needs])
    throw new HubError(
      'FORBIDDEN',
      p
        ? `This needs the ${needs} role on the desk, as the hub knows it (sync, then try again)`
        : 'The hub does not know this person yet: sync, then try again',
    );
}
