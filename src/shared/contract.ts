/**
 * The API contract, written once. Every method has a name, a zod schema for its input, the type
 * of its output and the least role that may call it. The core's dispatcher, the Electron IPC
 * binding, the host's HTTP route, the preload and the browser client are all derived from this.
 */
import { z } from 'zod';
import { isTimeZone } from './business-time.ts';
import { LOCALE_CODES, NUMBERINGS, TEXT_SIZES } from './i18n/locales.ts';
import {
  CALL_DIRECTIONS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  LEVELS,
  outcomesFor,
  TIMED_CHANNELS,
  UPDATE_GIVEN,
  MANUAL_LINK_KINDS,
  PRIORITIES,
  QUESTION_KINDS,
  ROLES,
  ROOT_CAUSES,
  STATUSES,
  TIERS,
  type Role,
} from './domain.ts';
import { policyBodySchema } from './policy-schema.ts';
import type { NewJoinCode } from './sync.ts';
import {
  DUPLICATE_CHOICES,
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_PIECE_BYTES,
  MAX_IMPORT_BYTES,
  type ImportPreview,
  type ImportReport,
} from './imports.ts';
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  EXPORT_STATES,
  type ExportPiece,
  type ExportReady,
} from './exports.ts';
import { MAX_REPORT_DAYS, type DeskReport } from './reports.ts';
import type {
  SyncStatus,
  SupportBundle,
  UpdatePolicy,
  BackupInfo,
  BackupList,
  JoinCodeList,
  WorkstationList,
  ConflictList,
  AdminCategory,
  AdminDirectory,
  AdminPerson,
  AdminQueue,
  BoardView,
  CalendarView,
  CategoryInfo,
  ContactEntry,
  CustomerDetail,
  EscalationPanel,
  TierReportRow,
  WallboardView,
  MyCallbacks,
  CustomerHit,
  NumberOwners,
  DeskInfo,
  IntakeReceipt,
  PolicyView,
  QueueInfo,
  SearchHit,
  SessionInfo,
  SimilarTicket,
  SopScript,
  TicketAnswer,
  TicketCard,
  TicketLink,
  TicketDetail,
  TicketEvent,
  TicketCounts,
  TicketPage,
  TicketSearchResult,
  UserInfo,
} from './views.ts';

export type Access = Role | 'public';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Phantom: carries the output type, never read at run time. */
  output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(spec: { input: I; access: Access }): MethodSpec<I, O> =>
    spec;

// ---- building blocks -------------------------------------------------------------------------

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const idSchema = z.string().regex(ID_RE, 'Not a valid id');

/** The last instant a JavaScript date can hold (ECMA-262: 100,000,000 days after 1970). */
const MAX_INSTANT = 8_640_000_000_000_000;

/** A calendar day, YYYY-MM-DD, from 1970 on. */
const isoDay = z
  .string()
  .regex(/^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  .refine(
    (s) => {
      const ms = Date.parse(`${s}T00:00:00Z`);
      return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
    },
    {
      message: 'Not a date on the calendar',
      params: { rule: 'date' },
    },
  );
const dayNumber = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
/** An optional free-text field: forms send "" for "left empty". */
const optionalText = (max: number) => z.string().trim().max(max).default('');

const level = z.union(
  LEVELS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>],
);
const priority = z.union(
  PRIORITIES.map((p) => z.literal(p)) as [
    z.ZodLiteral<1>,
    z.ZodLiteral<2>,
    z.ZodLiteral<3>,
    z.ZodLiteral<4>,
  ],
);
const tier = z.union(
  TIERS.map((t) => z.literal(t)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>],
);
export const statusSchema = z.enum(STATUSES);

/** As people write it, in any script's digits; the core reads it with the desk's calling code. */
const PHONE_CHARS = /^[+\p{Nd}\s().\-/]+$/u;
const phone = z
  .string()
  .trim()
  .max(40)
  .refine((s) => s === '' || PHONE_CHARS.test(s), {
    message: 'Use digits, spaces and + ( ) - / only',
    params: { rule: 'phone_chars' },
  })
  .refine((s) => !PHONE_CHARS.test(s) || (s.match(/\p{Nd}/gu)?.length ?? 0) >= 5, {
    message: 'Too short for a phone number',
    params: { rule: 'phone_short' },
  })
  .default('');
const email = z
  .string()
  .trim()
  .max(200)
  .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), {
    message: 'Not an email address',
    params: { rule: 'email' },
  })
  .default('');
/** Found however it is written (AB-1234 is ab 1234): the core keys it. */
const accountNumber = z
  .string()
  .trim()
  .max(40)
  .regex(/^[\p{L}\p{N} ./_-]*$/u, 'Letters, digits, space and . / _ - only')
  .default('');
const assetFields = {
  modelNumber: optionalText(100),
  serial: optionalText(100),
  location: optionalText(200),
  licence: optionalText(200),
};
const password = z.string().min(10, 'At least 10 characters').max(256);
const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Letters, digits, dot, dash and underscore only');

export const boardFiltersSchema = z.strictObject({
  queueId: idSchema.optional(),
  priority: priority.optional(),
  /** A user id, or "none" for unassigned tickets. */
  assigneeId: z.union([idSchema, z.literal('none')]).optional(),
  text: z.string().trim().max(200).optional(),
});
export type BoardFilters = z.output<typeof boardFiltersSchema>;

export const problemSchema = z
  .strictObject({
    categoryId: idSchema,
    queueId: idSchema,
    impact: level,
    urgency: level,
    title: text(3, 200),
    description: optionalText(10_000),
    /** Set only to override the policy's priority; then a reason is required (it is logged). */
    priority: z.number().int().min(1).max(4).optional(),
    priorityReason: optionalText(500),
    /** A planned event's window (epoch ms): it is due at its window, not from creation. */
    plannedStart: z.number().int().min(0).optional(),
    plannedEnd: z.number().int().min(0).optional(),
  })
  .superRefine((p, ctx) => {
    if (
      p.plannedEnd !== undefined &&
      (p.plannedStart === undefined || p.plannedEnd < p.plannedStart)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['plannedEnd'],
        message: 'The window must end after it starts',
        params: { rule: 'order' },
      });
    }
  });

export const intakeSchema = z
  .strictObject({
    caller: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('existing'), customerId: idSchema }),
      z.strictObject({
        kind: z.literal('new'),
        name: text(1, 200),
        organisation: optionalText(200),
      }),
    ]),
    contact: z.strictObject({ phone, email }),
    accountNumber,
    asset: z.strictObject({ assetId: idSchema.optional(), ...assetFields }).optional(),
    problems: z.array(problemSchema).min(1, 'At least one problem').max(20),
  })
  .superRefine((v, ctx) => {
    if (v.caller.kind === 'new' && v.contact.phone === '' && v.contact.email === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['contact', 'phone'],
        message: 'Give a phone number or an email address to reach the caller',
        params: { rule: 'reachable' },
      });
    }
  });
export type IntakeInput = z.output<typeof intakeSchema>;

/**
 * One row of an import, read as the intake reads a new caller: the same limits, the same phone
 * and email rules (the core then checks the phone against the desk's numbering plan, as intake
 * does). Reachable by phone or email is checked for a caller the desk does not have yet.
 */
export const importRowSchema = z.strictObject({
  name: text(1, 200),
  organisation: optionalText(200),
  phone,
  email,
  accountNumber,
  ...assetFields,
});
export type ImportRow = z.output<typeof importRowSchema>;

const empty = z.strictObject({});

/** How a staged file is read: the encoding of a CSV and the worksheet of an XLSX (null: found). */
const importReading = {
  encoding: z.enum(IMPORT_ENCODINGS).nullable().default(null),
  sheet: z.string().max(200).nullable().default(null),
};
const importPlanInput = z
  .strictObject({
    importId: idSchema,
    ...importReading,
    mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(9999)),
    duplicates: z.enum(DUPLICATE_CHOICES),
    leaveOutRejected: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (
      v.mapping.name === undefined &&
      v.mapping.firstName === undefined &&
      v.mapping.lastName === undefined
    )
      ctx.addIssue({
        code: 'custom',
        path: ['mapping', 'name'],
        message: 'Choose the column with the caller’s name',
        params: { rule: 'import_name_column' },
      });
    const used = new Map<number, string>();
    for (const [field, column] of Object.entries(v.mapping)) {
      if (used.has(column))
        ctx.addIssue({
          code: 'custom',
          path: ['mapping', field],
          message: 'This column already fills another field',
          params: { rule: 'import_column_twice' },
        });
      used.set(column, field);
    }
  });
const version = z.number().int().min(1);

/** What an admin sets on a queue, a category and a person, when adding one and when editing it. */
const queueFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{2,12}$/, 'Two to twelve capitals, digits or _'),
  name: text(1, 100),
};
const categoryFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{2,24}$/, 'Two to twenty-four capitals, digits or _'),
  name: text(1, 100),
  domain: text(1, 60),
  defaultQueueId: idSchema,
};
const personFields = {
  displayName: text(1, 100),
  role: z.enum(ROLES),
  tier,
  /** The technical domains they serve; none: all of them. */
  domainIds: z.array(idSchema).max(50).default([]),
};

/** Another ticket, by its key as people say it (LON-000123) or by id. */
const ticketRef = z
  .string()
  .trim()
  .min(1, 'Give a ticket key such as LON-000123')
  .max(60)
  .regex(/^[\p{L}\p{N}-]+$/u, 'A ticket key such as LON-000123');

export const sopQuestionSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'Lower-case letters, digits and _ only (at most 40)'),
  text: text(3, 300),
  kind: z.enum(QUESTION_KINDS).default('text'),
  required: z.boolean().default(false),
  help: optionalText(500),
  /**
   * The question in the desk's other languages: an analyst reads theirs, and the desk's own
   * (`text`, `help`) where theirs is missing.
   */
  translations: z
    .partialRecord(
      z.enum(LOCALE_CODES),
      z.strictObject({ text: text(3, 300), help: optionalText(500) }),
    )
    .default({}),
});

export const ticketChangesSchema = z
  .strictObject({
    title: text(3, 200).optional(),
    description: z.string().trim().max(10_000).optional(),
    categoryId: idSchema.optional(),
    queueId: idSchema.optional(),
    /** One of the caller's recorded pieces of equipment, or null for none. */
    assetId: idSchema.nullable().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'Nothing to change');
export type TicketChanges = z.output<typeof ticketChangesSchema>;

/** One contact with the customer, as the analyst logs it. */
export const contactSchema = z
  .strictObject({
    ticketId: idSchema,
    direction: z.enum(CALL_DIRECTIONS),
    channel: z.enum(CONTACT_CHANNELS),
    outcome: z.enum(CONTACT_OUTCOMES),
    /** When it happened, if not just now (epoch ms). */
    at: z.number().int().min(0).optional(),
    /** Calls and visits only. */
    durationSec: z.number().int().min(0).max(86_400).nullable().default(null),
    summary: text(3, 5_000),
    /** The customer was told the problem is solved: resolving needs such a contact (or a reason). */
    closing: z.boolean().default(false),
    /** The next call-back, if not the policy's; later than the policy's needs a reason. */
    next: z.strictObject({ at: z.number().int().min(0), reason: optionalText(500) }).optional(),
    /** The entry this one corrects (the log is never edited). */
    corrects: idSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const add = (path: string, rule: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: { rule } });
    if (!outcomesFor(c.direction, c.channel).includes(c.outcome))
      add(
        'outcome',
        'contact_outcome',
        c.direction === 'inbound'
          ? 'The customer contacted us: the outcome is “reached”'
          : 'This outcome does not fit this channel',
      );
    if (c.durationSec !== null && !TIMED_CHANNELS.includes(c.channel))
      add('durationSec', 'contact_duration', 'Only calls and visits have a duration');
    if (c.closing && !UPDATE_GIVEN.includes(c.outcome))
      add('closing', 'contact_closing', 'A closing contact must reach the customer');
  });

// ---- the methods -----------------------------------------------------------------------------

export const contract = {
  'session.get': method<SessionInfo>()({ input: empty, access: 'public' }),
  'auth.signIn': method<{ user: UserInfo }>()({
    input: z.strictObject({
      username: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    access: 'public',
  }),
  'auth.signOut': method<Record<string, never>>()({ input: empty, access: 'public' }),
  /** Any signed-in person; the only method open while a password an admin set awaits replacing. */
  'auth.changePassword': method<{ user: UserInfo }>()({
    input: z.strictObject({
      currentPassword: z.string().min(1).max(256),
      newPassword: password,
    }),
    access: 'wallboard',
  }),
  'desk.setup': method<{ user: UserInfo }>()({
    input: z.strictObject({
      deskName: text(1, 100),
      prefix: z
        .string()
        .trim()
        .regex(/^[A-Z]{2,5}$/, 'Two to five capital letters'),
      countryCode: z
        .string()
        .trim()
        .regex(/^\d{0,3}$/, 'One to three digits')
        .default(''),
      admin: z.strictObject({ username, displayName: text(1, 100), password }),
    }),
    access: 'public',
  }),
  'desk.info': method<DeskInfo>()({ input: empty, access: 'analyst' }),
  /** The language the signed-in person works in; null: the desk's. Any signed-in person. */
  'auth.setLanguage': method<{ user: UserInfo }>()({
    input: z.strictObject({ language: z.enum(LOCALE_CODES).nullable() }),
    access: 'wallboard',
  }),
  /** The digits (null: the language's own) and the text size the signed-in person reads. */
  'auth.setDisplay': method<{ user: UserInfo }>()({
    input: z.strictObject({
      numbering: z.enum(NUMBERINGS).nullable(),
      textSize: z.enum(TEXT_SIZES),
    }),
    access: 'analyst',
  }),
  /** The desk's language: its people's unless they chose their own, and the wall-board's. */
  'desk.setLanguage': method<DeskInfo>()({
    input: z.strictObject({ language: z.enum(LOCALE_CODES) }),
    access: 'admin',
  }),

  /** This workstation's sync with its desk's hub (the header's indicator). */
  'sync.status': method<SyncStatus>()({ input: empty, access: 'analyst' }),

  /** This workstation's backups, and how they are taken and kept. */
  'backups.list': method<BackupList>()({ input: empty, access: 'admin' }),
  /** A backup now, checked whole before it is listed (one at a time). */
  'backups.run': method<BackupInfo>()({ input: empty, access: 'admin' }),
  'backups.schedule': method<BackupList>()({
    input: z.strictObject({
      /** 0: none by schedule; otherwise every 15 minutes to once a day. */
      everyMinutes: z
        .number()
        .int()
        .refine((n) => n === 0 || (n >= 15 && n <= 1440), {
          message: 'Every 15 to 1440 minutes, or 0 for none',
          params: { rule: 'backup_every' },
        }),
      rotation: z.strictObject({
        recent: z.number().int().min(1).max(500),
        days: z.number().int().min(0).max(365),
        weeks: z.number().int().min(0).max(520),
      }),
    }),
    access: 'admin',
  }),

  /**
   * An import of callers, their accounts and equipment from a CSV or XLSX file. The file is
   * staged in pieces (a shell's message has a size limit; a 50 MB file is a hundred pieces), read
   * and previewed, checked (a dry run: every row it would refuse, and why), then written in one
   * transaction, or not at all.
   */
  'imports.begin': method<{ importId: string }>()({
    input: z.strictObject({
      fileName: text(1, 255),
      bytes: z.number().int().min(1).max(MAX_IMPORT_BYTES),
    }),
    access: 'admin',
  }),
  /** The next piece of the file, in order: `offset` is the bytes sent so far. */
  'imports.append': method<{ received: number }>()({
    input: z.strictObject({
      importId: idSchema,
      offset: z.number().int().min(0).max(MAX_IMPORT_BYTES),
      data: z
        .string()
        .max(Math.ceil(IMPORT_PIECE_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
    }),
    access: 'admin',
  }),
  /** The whole file read: its columns, first rows and the mapping its headers suggest. */
  'imports.preview': method<ImportPreview>()({
    input: z.strictObject({ importId: idSchema, ...importReading }),
    access: 'admin',
  }),
  /** A dry run: what the import would create, merge, skip and refuse. Writes nothing. */
  'imports.check': method<ImportReport>()({
    input: importPlanInput,
    access: 'admin',
  }),
  /**
   * The import written, all in one transaction. Refused, writing nothing, while any row would be
   * refused, unless `leaveOutRejected` says to write the others.
   */
  'imports.run': method<ImportReport>()({
    input: importPlanInput,
    access: 'admin',
  }),
  /**
   * Where the desktop app takes its updates from: the desk's own server, or nowhere (the
   * default). Public: the app asks before anyone signs in; it is an address, not a secret.
   */
  'updates.get': method<UpdatePolicy>()({ input: empty, access: 'public' }),
  'updates.set': method<UpdatePolicy>()({
    input: z.strictObject({
      /** An https address of the desk's update server (electron-updater's generic feed), or "" for off. */
      url: z
        .string()
        .trim()
        .max(500)
        .refine((s) => s === '' || (/^https:\/\/\S+$/.test(s) && URL.canParse(s)), {
          message: 'An https:// address, or empty for no updates',
          params: { rule: 'https_url' },
        }),
    }),
    access: 'admin',
  }),
  /** What to send to IT: the release, store statistics, sync, backups, the log's end; no customer data. */
  'support.bundle': method<SupportBundle>()({ input: empty, access: 'admin' }),
  /**
   * An export written on the desk for the period and filters chosen (created in the period for
   * tickets, logged in it for contacts; callers are all of them), then fetched in pieces.
   * Supervisors and admins: it is the desk's data in a file.
   */
  'exports.start': method<ExportReady>()({
    input: z
      .strictObject({
        kind: z.enum(EXPORT_KINDS),
        format: z.enum(EXPORT_FORMATS),
        from: z.number().int().min(0).max(MAX_INSTANT).nullable().default(null),
        to: z.number().int().min(0).max(MAX_INSTANT).nullable().default(null),
        queueId: idSchema.nullable().default(null),
        priority: priority.nullable().default(null),
        state: z.enum(EXPORT_STATES).default('all'),
      })
      .superRefine((v, ctx) => {
        if (v.from !== null && v.to !== null && v.to < v.from)
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: 'The period must end after it starts',
            params: { rule: 'order' },
          });
      }),
    access: 'supervisor',
  }),
  /**
   * The supervisors' report of the desk's days from `from` to `to` (both included, at most two
   * years), for one queue or all (see shared/reports.ts).
   */
  'reports.get': method<DeskReport>()({
    input: z
      .strictObject({
        from: isoDay,
        to: isoDay,
        queueId: idSchema.nullable().default(null),
      })
      .superRefine((v, ctx) => {
        if (!isoDay.safeParse(v.from).success || !isoDay.safeParse(v.to).success) return;
        const days = dayNumber(v.to) - dayNumber(v.from) + 1;
        if (days < 1)
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: 'The period must end after it starts',
            params: { rule: 'order' },
          });
        else if (days > MAX_REPORT_DAYS)
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: `A report covers at most ${MAX_REPORT_DAYS} days`,
            params: { rule: 'report_span', max: MAX_REPORT_DAYS },
          });
      }),
    access: 'supervisor',
  }),
  'exports.read': method<ExportPiece>()({
    input: z.strictObject({ exportId: idSchema, offset: z.number().int().min(0) }),
    access: 'supervisor',
  }),
  /** Forgets a written export (its file is deleted). */
  'exports.discard': method<{ discarded: boolean }>()({
    input: z.strictObject({ exportId: idSchema }),
    access: 'supervisor',
  }),
  /** Stops a staged or running import before it writes; it is forgotten. */
  'imports.cancel': method<{ cancelled: boolean }>()({
    input: z.strictObject({ importId: idSchema }),
    access: 'admin',
  }),
  /**
   * Joins the desk on a hub with a one-time code an admin made there. Open on a workstation's
   * first start (no users yet: it receives the desk); otherwise for an admin (the desk's first
   * workstation sends its desk to the hub).
   */
  'sync.join': method<SyncStatus>()({
    input: z.strictObject({
      url: z
        .string()
        .trim()
        .max(500)
        .regex(
          /^https?:\/\/[^\s/]+(\/\S*)?$/i,
          "The hub's address, such as https://hub.example:8443",
        ),
      code: z.string().trim().min(10).max(100),
      name: text(1, 100),
    }),
    access: 'public',
  }),
  /** The desk's one-time join codes on its hub (an admin's, on a workstation that has joined). */
  'sync.joinCodes': method<JoinCodeList>()({ input: empty, access: 'admin' }),
  /** A new one-time join code: its text is in this answer only (the hub keeps a hash). */
  'sync.createJoinCode': method<NewJoinCode>()({
    input: z.strictObject({
      hours: z.number().int().min(1).max(168).default(24),
      /** The queues of a field desk: the workstation that joins with the code holds only them. */
      queues: z.array(idSchema).max(100).optional(),
    }),
    access: 'admin',
  }),
  /** A code not used yet stops working. */
  'sync.revokeJoinCode': method<JoinCodeList>()({
    input: z.strictObject({ id: z.uuid() }),
    access: 'admin',
  }),
  /** Conflicts sync recorded, newest first: a supervisor's. */
  'conflicts.list': method<ConflictList>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    access: 'supervisor',
  }),
  /** The value that lost becomes the ticket's: a new edit, in its history. */
  'conflicts.take': method<ConflictList>()({
    input: z.strictObject({ id: idSchema, limit: z.number().int().min(1).max(500).default(100) }),
    access: 'supervisor',
  }),
  /** The desk's enrolled workstations: last contact, changes waiting, release. */
  'sync.workstations': method<WorkstationList>()({ input: empty, access: 'admin' }),
  /** A workstation stops at its next call to the hub (a lost laptop, in one step). */
  'sync.revokeWorkstation': method<WorkstationList>()({
    input: z.strictObject({ id: z.uuid() }),
    access: 'admin',
  }),
  /** A field desk's queues, changed: what entered arrives at its next pull, what left goes. */
  'sync.setScope': method<WorkstationList>()({
    input: z.strictObject({ id: z.uuid(), queues: z.array(idSchema).min(1).max(100) }),
    access: 'admin',
  }),
  /** What the hub refused on a ticket has been seen here (a ticket that left the scope then goes). */
  'sync.dismissRefused': method<SyncStatus>()({
    input: z.strictObject({ ticketId: idSchema }),
    access: 'analyst',
  }),

  'customers.lookup': method<CustomerHit[]>()({
    input: z.strictObject({
      query: text(1, 100),
      limit: z.number().int().min(1).max(50).default(8),
    }),
    access: 'analyst',
  }),
  'search.everywhere': method<SearchHit[]>()({
    input: z.strictObject({
      query: text(1, 200),
      limit: z.number().int().min(1).max(50).default(12),
    }),
    access: 'analyst',
  }),
  'customers.get': method<CustomerDetail>()({
    input: z.strictObject({ id: idSchema }),
    access: 'analyst',
  }),
  /** Who already has this phone or account number: intake warns before a new caller is saved. */
  'customers.owners': method<NumberOwners>()({
    input: z.strictObject({
      phone: z.string().trim().max(40).default(''),
      accountNumber: z.string().trim().max(40).default(''),
    }),
    access: 'analyst',
  }),

  'intake.submit': method<IntakeReceipt>()({ input: intakeSchema, access: 'analyst' }),

  'tickets.board': method<BoardView>()({
    input: z.strictObject({
      filters: boardFiltersSchema.default({}),
      perColumn: z.number().int().min(1).max(500).default(100),
    }),
    access: 'analyst',
  }),
  'tickets.page': method<TicketPage>()({
    input: z.strictObject({
      status: statusSchema,
      filters: boardFiltersSchema.default({}),
      cursor: z.string().max(200).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    access: 'analyst',
  }),
  'tickets.search': method<TicketSearchResult>()({
    input: z.strictObject({
      text: text(1, 200),
      status: statusSchema.optional(),
      queueId: idSchema.optional(),
      priority: priority.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    access: 'analyst',
  }),
  'tickets.counts': method<TicketCounts>()({ input: empty, access: 'analyst' }),
  'tickets.get': method<TicketDetail>()({
    input: z.strictObject({ id: idSchema }),
    access: 'analyst',
  }),
  'tickets.move': method<TicketCard>()({
    input: z.strictObject({ id: idSchema, to: statusSchema, version: z.number().int().min(1) }),
    access: 'analyst',
  }),
  'tickets.setPriority': method<TicketCard>()({
    input: z.strictObject({
      id: idSchema,
      version: z.number().int().min(1),
      impact: level,
      urgency: level,
      /** Set only to override the ticket's policy; then a reason is required. */
      priority: z.number().int().min(1).max(4).optional(),
      reason: optionalText(500),
    }),
    access: 'analyst',
  }),
  'tickets.addNote': method<TicketEvent>()({
    input: z.strictObject({ id: idSchema, text: text(1, 10_000) }),
    access: 'analyst',
  }),
  'tickets.assign': method<TicketCard>()({
    input: z.strictObject({
      id: idSchema,
      assigneeId: idSchema.nullable(),
      version: z.number().int().min(1),
    }),
    access: 'analyst',
  }),

  'tickets.update': method<TicketCard>()({
    input: z.strictObject({ id: idSchema, version, changes: ticketChangesSchema }),
    access: 'analyst',
  }),
  'tickets.answer': method<TicketAnswer[]>()({
    input: z.strictObject({
      id: idSchema,
      /** An empty answer withdraws an earlier one. */
      answers: z
        .array(
          z.strictObject({
            questionId: sopQuestionSchema.shape.id,
            answer: z.string().trim().max(5_000),
          }),
        )
        .min(1)
        .max(40),
    }),
    access: 'analyst',
  }),
  'tickets.resolve': method<TicketCard>()({
    input: z.strictObject({
      id: idSchema,
      version,
      solution: text(3, 10_000),
      rootCause: z.enum(ROOT_CAUSES),
      reproductionSteps: optionalText(10_000),
      /** Why no closing contact was possible; needed only when none was logged. */
      noContactReason: optionalText(500),
    }),
    access: 'analyst',
  }),
  'tickets.reopen': method<TicketCard>()({
    input: z.strictObject({ id: idSchema, version, reason: text(3, 500) }),
    access: 'analyst',
  }),
  'tickets.similar': method<SimilarTicket[]>()({
    input: z.strictObject({ id: idSchema, limit: z.number().int().min(1).max(10).default(5) }),
    access: 'analyst',
  }),
  'tickets.link': method<TicketLink>()({
    input: z.strictObject({ id: idSchema, target: ticketRef, kind: z.enum(MANUAL_LINK_KINDS) }),
    access: 'analyst',
  }),
  'tickets.unlink': method<Record<string, never>>()({
    input: z.strictObject({ id: idSchema, linkId: idSchema }),
    access: 'analyst',
  }),
  'tickets.split': method<{ original: TicketCard; created: TicketCard }>()({
    input: z.strictObject({
      id: idSchema,
      version,
      title: text(3, 200),
      description: optionalText(10_000),
      categoryId: idSchema,
      queueId: idSchema,
      impact: level,
      urgency: level,
    }),
    access: 'analyst',
  }),
  'tickets.merge': method<TicketCard>()({
    input: z.strictObject({
      /** The duplicate: it is resolved into the original. */
      id: idSchema,
      version,
      into: ticketRef,
      note: optionalText(2_000),
    }),
    access: 'analyst',
  }),

  'tickets.escalate': method<TicketCard>()({
    input: z.strictObject({
      id: idSchema,
      version,
      /** Another domain; by default the ticket's own. */
      toDomainId: idSchema.optional(),
      /** Up, down, or the same tier of another domain; by default the next tier up. */
      toTier: tier.optional(),
      reason: text(3, 500),
      /** What the receiving tier needs to know: done so far, what is suspected. */
      note: optionalText(5_000),
    }),
    access: 'analyst',
  }),
  'tickets.acceptEscalation': method<TicketCard>()({
    input: z.strictObject({ id: idSchema, version, assigneeId: idSchema }),
    access: 'analyst',
  }),
  'tickets.returnEscalation': method<TicketCard>()({
    input: z.strictObject({ id: idSchema, version, reason: text(3, 500) }),
    access: 'analyst',
  }),
  'escalations.panel': method<EscalationPanel>()({
    input: z.strictObject({
      domainId: idSchema.optional(),
      tier: tier.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    access: 'analyst',
  }),
  'escalations.report': method<TierReportRow[]>()({
    input: z.strictObject({ days: z.number().int().min(1).max(366).default(30) }),
    access: 'supervisor',
  }),
  'wallboard.get': method<WallboardView>()({ input: empty, access: 'wallboard' }),
  'tiers.set': method<Record<string, never>>()({
    input: z.strictObject({ domainId: idSchema, level: tier, queueId: idSchema }),
    access: 'admin',
  }),

  'contacts.log': method<{ contact: ContactEntry }>()({
    input: contactSchema,
    access: 'analyst',
  }),
  'contacts.list': method<ContactEntry[]>()({
    input: z
      .strictObject({
        ticketId: idSchema.optional(),
        customerId: idSchema.optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .refine(
        (v) => (v.ticketId === undefined) !== (v.customerId === undefined),
        'Give a ticket or a customer, not both',
      ),
    access: 'analyst',
  }),
  'callbacks.mine': method<MyCallbacks>()({ input: empty, access: 'analyst' }),

  'scripts.get': method<SopScript>()({
    input: z.strictObject({ categoryId: idSchema }),
    access: 'analyst',
  }),
  'scripts.update': method<SopScript>()({
    input: z.strictObject({
      categoryId: idSchema,
      /** The version the editor started from (0 for none): a concurrent edit is a CONFLICT. */
      expectedVersion: z.number().int().min(0),
      questions: z
        .array(sopQuestionSchema)
        .max(40)
        .superRefine((qs, ctx) => {
          const seen = new Set<string>();
          qs.forEach((q, i) => {
            if (seen.has(q.id))
              ctx.addIssue({
                code: 'custom',
                path: [i, 'id'],
                message: 'Two questions have this id',
                params: { rule: 'unique' },
              });
            seen.add(q.id);
          });
        }),
    }),
    access: 'supervisor',
  }),

  'policy.get': method<PolicyView>()({ input: empty, access: 'analyst' }),
  'policy.update': method<PolicyView>()({
    input: z.strictObject({
      body: policyBodySchema,
      /** The version the editor started from: a concurrent change is a CONFLICT, not a silent overwrite. */
      expectedVersion: z.number().int().min(1),
    }),
    access: 'supervisor',
  }),
  'calendar.update': method<CalendarView>()({
    input: z
      .strictObject({
        timeZone: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .refine(isTimeZone, 'Not a time zone this system knows (IANA name, e.g. Europe/Athens)'),
        week: z.partialRecord(
          z.enum(['1', '2', '3', '4', '5', '6', '7']),
          z
            .array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]))
            .max(4)
            .refine(
              (hs) => hs.every(([o, c], i) => o < c && (i === 0 || o >= hs[i - 1]![1])),
              'Opening times must run forwards without overlapping',
            ),
        ),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')).max(400),
      })
      .refine((c) => Object.values(c.week).some((h) => h && h.length > 0), {
        message: 'The desk must open at least once a week',
        path: ['week'],
      }),
    access: 'supervisor',
  }),
  'queues.create': method<QueueInfo>()({
    input: z.strictObject(queueFields),
    access: 'admin',
  }),
  'categories.create': method<CategoryInfo>()({
    input: z.strictObject(categoryFields),
    access: 'admin',
  }),
  'users.create': method<UserInfo>()({
    input: z.strictObject({ username, ...personFields, password }),
    access: 'admin',
  }),
  /** Everything an admin edits, the disabled entries too, with versions and what uses each. */
  'admin.directory': method<AdminDirectory>()({ input: empty, access: 'admin' }),
  'queues.update': method<AdminQueue>()({
    input: z.strictObject({ id: idSchema, expectedVersion: version, ...queueFields }),
    access: 'admin',
  }),
  /** Disable (never delete: tickets and history name it) or enable again. */
  'queues.setActive': method<AdminQueue>()({
    input: z.strictObject({ id: idSchema, expectedVersion: version, active: z.boolean() }),
    access: 'admin',
  }),
  'categories.update': method<AdminCategory>()({
    input: z.strictObject({ id: idSchema, expectedVersion: version, ...categoryFields }),
    access: 'admin',
  }),
  'categories.setActive': method<AdminCategory>()({
    input: z.strictObject({ id: idSchema, expectedVersion: version, active: z.boolean() }),
    access: 'admin',
  }),
  'users.update': method<AdminPerson>()({
    input: z.strictObject({ id: idSchema, expectedVersion: version, ...personFields }),
    access: 'admin',
  }),
  /** A disabled person cannot sign in, and their open sessions end. */
  'users.setActive': method<AdminPerson>()({
    input: z.strictObject({ id: idSchema, expectedVersion: version, active: z.boolean() }),
    access: 'admin',
  }),
  /** A temporary password: its owner must choose a new one at their next sign-in. */
  'users.resetPassword': method<AdminPerson>()({
    input: z.strictObject({ id: idSchema, password }),
    access: 'admin',
  }),
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller may send (defaults not yet applied). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
