/**
 * The sync protocol between a workstation and the hub, written once: message shapes (zod) and
 * the refusals the hub answers with. The hub stores changes as the workstations send them; what
 * a change means to a desk is the workstation's to apply.
 */
import { z } from 'zod';
import type { Role } from './domain.ts';

/**
 * A hybrid logical clock reading, as text that sorts as it orders: wall milliseconds (15
 * digits), a counter (4 hex digits) and the node that read it (16 hex digits).
 */
export const HLC_RE = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;
export const hlcSchema = z.string().regex(HLC_RE, 'a hybrid logical clock reading');

/** The wall time of an HLC reading, in milliseconds. */
export const hlcWall = (hlc: string): number => Number(hlc.slice(0, 15));

/** How far ahead of the hub's clock a change's clock may be before it is refused. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/** How many earlier changes of a field a change names as seen (its chain). */
export const MAX_CHAIN = 8;

/** One change a workstation made, as it travels: its id makes a second delivery a no-op. */
export const changeSchema = z
  .object({
    id: z.uuid(),
    /** When it was made, on the author's workstation's hybrid logical clock. */
    hlc: hlcSchema,
    /** The person who made it (a user id of the desk), or the desk itself for its rules. */
    author: z.uuid(),
    /** What changed: a replicated table's row, by its key, and the fields it set. */
    table: z.string().regex(/^[a-z_]{1,40}$/),
    key: z.string().min(1).max(200),
    fields: z.record(z.string().max(60), z.unknown()),
    /**
     * What the author had seen of each field it set: the ids of the changes that set it before,
     * newest first. Omitted for a new row. A change that replaces a value its author had not seen
     * is a conflict (see core/sync/merge.ts).
     */
    bases: z.record(z.string().max(60), z.array(z.uuid()).max(MAX_CHAIN)).optional(),
  })
  .strict();
export type Change = z.infer<typeof changeSchema>;

/** At most this many changes in one push: a long offline spell is pushed in batches. */
export const MAX_PUSH = 500;

export const pushSchema = z
  .object({ changes: z.array(changeSchema).min(1).max(MAX_PUSH) })
  .strict();
export type PushRequest = z.infer<typeof pushSchema>;
export interface PushReply {
  /** Changes the hub had not seen; the rest were already there (a retry) and were skipped. */
  accepted: number;
  duplicates: number;
  /**
   * Changes the hub would not take (their author's role may not make them): not stored, so no
   * other workstation receives them; the rest of the push stands.
   */
  refused: Refusal[];
}
export interface Refusal {
  /** The change's id. */
  id: string;
  /**
   * FORBIDDEN: its author's role may not make it. OUT_OF_SCOPE: a field desk changed a ticket or
   * caller outside its scope (the ticket moved to a queue it does not serve while it was away).
   */
  code: 'FORBIDDEN' | 'OUT_OF_SCOPE';
  message: string;
}

/**
 * The desk itself as an author: its rules, its SLA clocks, and the first workstation's desk as it
 * was before it joined a hub (sent whole, see core/sync/outbox.ts).
 */
export const DESK_AUTHOR = '00000000-0000-7000-8000-000000000000';

/**
 * The role a change to each reference table needs: the role of the contract's methods that write
 * it. The other tables take any signed-in person's changes (an analyst's at least).
 */
export const TABLE_ROLE: Readonly<Record<string, Exclude<Role, 'wallboard'>>> = {
  policies: 'supervisor',
  calendars: 'supervisor',
  sop_scripts: 'supervisor',
  users: 'admin',
  user_domains: 'admin',
  queues: 'admin',
  categories: 'admin',
  domains: 'admin',
  tiers: 'admin',
  settings: 'admin',
};

/**
 * The fields of their own `users` row a person sets themselves: a new password, a rehash, their
 * language, digits and text size.
 */
export const OWN_USER_FIELDS: readonly string[] = [
  'password_hash',
  'must_change_password',
  'language',
  'numbering',
  'text_size',
];

/**
 * Where a workstation's pulls have got to: opaque to it. (The hub's own transaction id and
 * sequence of the last change served: see hub/changes.ts.)
 */
export const cursorSchema = z
  .string()
  .regex(/^\d{1,20}:\d{1,20}(?::\d{1,9})?$/, 'a cursor the hub gave');
export const FIRST_CURSOR = '0:0';

export interface PulledChange extends Change {
  /** The workstation that pushed it. */
  workstation: string;
}
export interface PullReply {
  changes: PulledChange[];
  cursor: string;
  /** More changes are ready now: pull again at once. */
  more: boolean;
  /** For a field desk (a scoped workstation): what entered and left its scope since its last pull. */
  scope?: ScopeMoves;
}

/**
 * A field desk's scope moving under it. `entered`: this page is the whole history of tickets and
 * callers that came into its scope (its own changes among them: it let them go when they left),
 * served at the cursor it already had. `left`: tickets and callers it holds that are outside its
 * scope now, to remove from the laptop (the hub serves nothing more of them).
 */
export interface ScopeMoves {
  entered?: { tickets: string[]; customers: string[] };
  left?: { tickets: string[]; customers: string[] };
}

/**
 * What a workstation is given of its desk: null for all of it (an office workstation), or a field
 * desk's queues. A field desk receives those queues' tickets, the callers they are for (with their
 * accounts, equipment and calls), and the whole desk's reference data; the hub refuses its changes
 * to any other ticket or caller.
 */
export const scopeSchema = z
  .object({ queues: z.array(z.string().min(1).max(100)).min(1).max(100) })
  .strict();
export type Scope = z.infer<typeof scopeSchema>;

/**
 * Whose a replicated row is, for scoping: a ticket's (its id from the key's first part, or a
 * field), a caller's (customer), or the office's alone (links between tickets, which may join a
 * ticket of the field desk to one it is not given). Tables not named are the desk's reference
 * data, given to every workstation. A change that names no owner field (an update of an
 * escalation, an account, a piece of equipment) belongs to the row's first change's owner.
 */
export type OwnerRule =
  | { kind: 'ticket' | 'customer'; from: 'key' }
  | { kind: 'ticket' | 'customer'; from: 'field'; field: string }
  | { kind: 'office' };
export const ROW_OWNER: Readonly<Record<string, OwnerRule>> = {
  tickets: { kind: 'ticket', from: 'key' },
  ticket_events: { kind: 'ticket', from: 'field', field: 'ticket_id' },
  ticket_pauses: { kind: 'ticket', from: 'key' },
  tier_spans: { kind: 'ticket', from: 'key' },
  escalations: { kind: 'ticket', from: 'field', field: 'ticket_id' },
  rule_firings: { kind: 'ticket', from: 'key' },
  contacts: { kind: 'ticket', from: 'field', field: 'ticket_id' },
  ticket_answers: { kind: 'ticket', from: 'key' },
  customers: { kind: 'customer', from: 'key' },
  accounts: { kind: 'customer', from: 'field', field: 'customer_id' },
  assets: { kind: 'customer', from: 'field', field: 'customer_id' },
  calls: { kind: 'customer', from: 'field', field: 'customer_id' },
  ticket_links: { kind: 'office' },
};

/** The owner a change names itself, or undefined when it must be looked up (see ROW_OWNER). */
export function ownerOf(
  c: Pick<Change, 'table' | 'key' | 'fields'>,
): { kind: 'ticket' | 'customer' | 'office'; id: string | null } | null | undefined {
  const rule = Object.hasOwn(ROW_OWNER, c.table) ? ROW_OWNER[c.table]! : null;
  if (!rule) return null;
  if (rule.kind === 'office') return { kind: 'office', id: null };
  if (rule.from === 'field') {
    const v = c.fields[rule.field];
    return typeof v === 'string' ? { kind: rule.kind, id: v } : undefined;
  }
  try {
    const k: unknown = JSON.parse(c.key);
    return Array.isArray(k) && typeof k[0] === 'string'
      ? { kind: rule.kind, id: k[0] }
      : { kind: 'office', id: null };
  } catch {
    return { kind: 'office', id: null };
  }
}
export const MAX_PULL = 1000;

/**
 * A desk image: the whole desk as the hub's imager holds it at `cursor` (a SQLite store of this
 * schema version, compressed with zstd), so a new workstation receives a hundred thousand tickets
 * in one download instead of replaying every change since the desk began, then pulls the rest
 * from `cursor`. Its headers say what it is; the body is the compressed file.
 */
export interface ImageInfo {
  cursor: string;
  /** The desk store's schema version (its migrations): a workstation of another takes the log. */
  schema: number;
  /** The compressed file's size in bytes, and its sha256 (hex). */
  bytes: number;
  sha256: string;
  /** How many changes of the log it holds. */
  changes: number;
  builtAt: string;
}
export const IMAGE_HEADERS = {
  cursor: 'x-image-cursor',
  schema: 'x-image-schema',
  sha256: 'x-image-sha256',
  bytes: 'x-image-bytes',
  changes: 'x-image-changes',
  builtAt: 'x-image-built-at',
} as const;

export const joinSchema = z
  .object({
    code: z.string().min(10).max(100),
    /** What the admin will see in the list of workstations. */
    name: z.string().trim().min(1).max(100),
  })
  .strict();
export interface JoinReply {
  deskId: string;
  workstationId: string;
  /** Its number within the desk: the mark on keys issued while the hub is away. */
  number: number;
  /** The workstation's credential for every later call; the hub keeps only its hash. */
  token: string;
  /** A field desk's scope, from its join code; none: the whole desk. */
  scope?: Scope;
}

/**
 * Ticket numbers are leased from the hub in blocks, ahead of need, so no two workstations of a
 * desk ever issue the same key. `atLeast` is the next number the workstation would have issued
 * itself (the desk's numbers before it joined a hub are never reused).
 */
export const MAX_KEY_BLOCK = 10_000;
export const keysSchema = z
  .object({
    count: z.number().int().min(1).max(MAX_KEY_BLOCK),
    atLeast: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type KeysRequest = z.infer<typeof keysSchema>;
/** The numbers from `from` up to, not including, `to`: this workstation's alone. */
export interface KeysReply {
  from: number;
  to: number;
}

export const SYNC_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  /** A change's clock is too far ahead of the hub's: the workstation's clock is wrong. */
  'CLOCK_SKEW',
  /** The workstation's release is older than the hub serves: it must be updated first. */
  'OUTDATED',
  'INTERNAL',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
export interface SyncError {
  code: SyncErrorCode;
  message: string;
  /** Which field of the request (e.g. `changes.3.hlc`). */
  path?: string;
}

/** An admin's one-time code for a new workstation: its text is in this reply only. */
export const joinCodeRequestSchema = z
  .object({
    /** The admin asking (a user id of the desk): the hub checks their role. */
    author: z.uuid(),
    hours: z.number().int().min(1).max(168),
    /** The workstation that joins with it is a field desk with this scope (none: the whole desk). */
    scope: scopeSchema.optional(),
  })
  .strict();
export type JoinCodeRequest = z.infer<typeof joinCodeRequestSchema>;
export interface NewJoinCode {
  id: string;
  code: string;
  expiresAt: string;
}
export interface JoinCodeInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  /** The scope a workstation joining with it is given; null: the whole desk. */
  scope: Scope | null;
  /** The workstation that used it, by the name it joined with. */
  usedBy: string | null;
  usedAt: string | null;
  revokedAt: string | null;
}
export const revokeJoinCodeSchema = z.object({ author: z.uuid(), id: z.uuid() }).strict();
export type RevokeJoinCodeRequest = z.infer<typeof revokeJoinCodeSchema>;

/** This release of Switchboard (package.json's version: a test holds the two together). */
export const RELEASE = '0.1.0';

/**
 * The oldest release a hub of this release serves (`npm run hub -- --oldest-release` moves it):
 * a workstation one release behind goes on syncing (what it cannot apply yet it keeps, and applies
 * after its update); one older than this is refused until it is updated.
 */
export const OLDEST_RELEASE = '0.1.0';

/** Orders two releases (`1.10.0` after `1.9.2`); what follows a `-` or `+` is not compared. */
export function compareReleases(a: string, b: string): number {
  const parts = (r: string) =>
    r
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * What a workstation says of itself on every call, as headers: its release, and how many of its
 * changes wait to be pushed. The hub keeps the latest for the admin's list of workstations.
 */
export const REPORT_HEADERS = {
  release: 'x-switchboard-release',
  waiting: 'x-switchboard-waiting',
} as const;
export interface WorkstationReport {
  release: string;
  waiting: number;
}

/** One enrolled workstation of the desk, as the hub knows it. */
export interface WorkstationInfo {
  id: string;
  name: string;
  number: number;
  /** A field desk's queues; null for a workstation given the whole desk. */
  scope: Scope | null;
  joinedAt: string;
  /** Its last call to the hub. */
  lastSeen: string | null;
  /** What it said at that call: its changes not pushed yet, and its release. */
  waiting: number | null;
  release: string | null;
  revokedAt: string | null;
}
/** Revoking a workstation stops it at its next call; the hub refuses its changes from then on. */
export const revokeWorkstationSchema = z.object({ author: z.uuid(), id: z.uuid() }).strict();
export type RevokeWorkstationRequest = z.infer<typeof revokeWorkstationSchema>;

/** An admin changes a field desk's queues; it applies at its next pull. */
export const setScopeSchema = z
  .object({ author: z.uuid(), id: z.uuid(), scope: scopeSchema })
  .strict();
export type SetScopeRequest = z.infer<typeof setScopeSchema>;

export const SYNC_HTTP_STATUS: Record<SyncErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CLOCK_SKEW: 422,
  OUTDATED: 426,
  INTERNAL: 500,
};
