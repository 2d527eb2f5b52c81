/**
 * A ticket's history events: every kind the core writes and the payload stored with it in
 * `ticket_events.data`, as one discriminated union on `type`. The schemas describe the JSON as
 * it is stored (nothing here changes what is written); the core types its writes with them and
 * parses each row once when it reads it, so a stored payload of the wrong shape becomes an
 * unreadable event instead of a crash in the history.
 */
import { z } from 'zod';
import {
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  CONTACT_OUTCOMES,
  ESCALATION_RULES,
  LINK_KIND_SEEN_FROM_TARGET,
  LINK_KINDS,
  ROOT_CAUSES,
  STATUSES,
  TIERS,
  type TicketEventType,
} from './domain.ts';

/** One side of a conflict: the value, who set it and when. */
const conflictSide = z.object({
  value: z.union([z.string(), z.number(), z.null()]),
  by: z.string(),
  at: z.number(),
});
/** Another ticket an event names, by id and by the key people read. */
const ticketRef = z.object({ id: z.string(), key: z.string() });
/** Where an escalation starts or ends. */
const position = z.object({ domainId: z.string(), tier: z.literal(TIERS) });
const status = z.enum(STATUSES);
const priority = z.number().int();
const level = z.number().int();
const rootCause = z.enum([...ROOT_CAUSES, 'duplicate']);
const linkRole = z.enum([...LINK_KINDS, ...Object.values(LINK_KIND_SEEN_FROM_TARGET)]);
const slaCrossing = z.object({
  targets: z.array(
    z.object({
      target: z.enum(['response', 'update', 'resolution']),
      dueAt: z.number().nullable(),
    }),
  ),
  /**
   * When the scanner saw it (events from before sync; no longer written: it differed between the
   * workstations that noticed the same crossing). The event's own time is when the clock crossed.
   */
  noticedAt: z.number().optional(),
});
const priorityChange = z.object({
  from: priority,
  to: priority,
  impact: level,
  urgency: level,
  reason: z.string().optional(),
});
const linkChange = z.object({ role: linkRole, ticket: ticketRef });

/** Each kind's payload, keyed by kind. */
const payloads = {
  created: z.object({
    key: z.string(),
    callId: z.string(),
    title: z.string(),
    categoryId: z.string(),
    queueId: z.string(),
    impact: level,
    urgency: level,
    priority,
    /** Absent on seeded tickets, which carry the first policy. */
    policyVersion: z.number().int().optional(),
    status,
    /** An override at intake is part of the creation record. */
    priorityFromPolicy: priority.optional(),
    overrideReason: z.string().optional(),
    /** A ticket split off another. */
    splitFrom: ticketRef.optional(),
  }),
  status_changed: z.object({ from: status, to: status }),
  assigned: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  note_added: z.object({ text: z.string() }),
  priority_changed: priorityChange,
  priority_overridden: priorityChange,
  sla_at_risk: slaCrossing,
  sla_breached: slaCrossing,
  fields_changed: z.object({
    changes: z.array(
      z.object({
        field: z.enum(['title', 'description', 'categoryId', 'queueId', 'assetId']),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ),
  }),
  answers_recorded: z.object({
    answers: z.array(
      z.object({
        questionId: z.string(),
        question: z.string(),
        /** '' when the question had no answer yet. */
        from: z.string(),
        to: z.string(),
      }),
    ),
  }),
  linked: linkChange,
  unlinked: linkChange,
  split: z.object({ into: ticketRef, title: z.string() }),
  merged_into: z.object({ from: status, into: ticketRef, note: z.string().optional() }),
  merged: z.object({
    from: ticketRef.extend({ title: z.string() }),
    note: z.string().optional(),
  }),
  resolved: z.object({
    from: status,
    solution: z.string(),
    rootCause,
    reproductionSteps: z.string(),
    /** The contact that told the customer, or why none was possible. */
    closingContactId: z.string().optional(),
    noContactReason: z.string().optional(),
  }),
  reopened: z.object({
    reason: z.string(),
    /** The resolution the reopen set aside, in full. */
    previous: z
      .object({
        solution: z.string(),
        rootCause,
        reproductionSteps: z.string(),
        resolvedAt: z.number(),
        resolvedBy: z.object({ id: z.string(), displayName: z.string() }),
        noContactReason: z.string(),
      })
      .nullable(),
  }),
  contact_logged: z.object({
    contactId: z.string(),
    direction: z.enum(CONTACT_DIRECTIONS),
    channel: z.enum(CONTACT_CHANNELS),
    outcome: z.enum(CONTACT_OUTCOMES),
    at: z.number(),
    summary: z.string(),
    closing: z.literal(true).optional(),
    next: z.object({ at: z.number(), reason: z.string() }).optional(),
    corrects: z.string().optional(),
  }),
  escalated: z.object({
    escalationId: z.string(),
    from: position,
    to: position,
    direction: z.enum(['up', 'down', 'across']),
    reason: z.string(),
    note: z.string(),
    /** Set when a rule escalated it, not a person. */
    rule: z.string().optional(),
  }),
  escalation_accepted: z.object({ escalationId: z.string(), assigneeId: z.string() }),
  escalation_returned: z.object({ escalationId: z.string(), reason: z.string(), to: position }),
  supervisors_alerted: z.object({ rule: z.enum(ESCALATION_RULES), reason: z.string() }),
  /**
   * Two workstations changed the same field while apart (see core/sync/merge.ts): the value kept
   * and the one it replaced, each with who set it and when. `field` is the column; an SOP answer
   * names its question.
   */
  conflict: z.object({
    field: z.string(),
    question: z.string().optional(),
    kept: conflictSide,
    lost: conflictSide,
  }),
} satisfies Record<TicketEventType, z.ZodType>; // every kind of the domain's list, and no other

export type HistoryEventType = keyof typeof payloads;
/** The payload stored with one kind of event. */
export type HistoryEventData<K extends HistoryEventType> = z.infer<(typeof payloads)[K]>;

/** One stored event: its kind and the payload that kind carries. */
export type HistoryEvent = {
  [K in HistoryEventType]: { type: K; data: HistoryEventData<K> };
}[HistoryEventType];

/**
 * A stored event that does not parse as its kind (an unknown kind, or a payload of the wrong
 * shape). The history shows it as unreadable and goes on.
 */
export interface UnreadableEvent {
  type: 'unreadable';
  data: { storedType: string };
}

/** A stored row's kind and JSON payload, parsed once into the union. */
export function parseHistoryEvent(type: string, data: string): HistoryEvent | UnreadableEvent {
  const unreadable: UnreadableEvent = { type: 'unreadable', data: { storedType: type } };
  const schema = Object.hasOwn(payloads, type) ? payloads[type as HistoryEventType] : null;
  if (!schema) return unreadable;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return unreadable;
  }
  const parsed = schema.safeParse(json);
  // The schema and the kind were picked together, so the pair is one member of the union.
  return parsed.success ? ({ type, data: parsed.data } as HistoryEvent) : unreadable;
}

/** The arguments of a write: a kind and its own payload, checked together. */
export type HistoryEventArgs = {
  [K in HistoryEventType]: [type: K, data: HistoryEventData<K>];
}[HistoryEventType];

/** A write's row values: the kind and its payload as stored JSON. Every writer goes through here. */
export function encodeHistoryEvent(...[type, data]: HistoryEventArgs): {
  type: HistoryEventType;
  data: string;
} {
  return { type, data: JSON.stringify(data) };
}

/** Lets a `switch` over the kinds prove it handled every one: this line fails to typecheck otherwise. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled history event: ${JSON.stringify(value)}`);
}
