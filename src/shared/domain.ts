/** The help desk's vocabulary, shared by every process. */
import { DEFAULT_POLICY, policyPriority } from './policy.ts';

/** `wallboard`: a display's sign-in, which may read the wall-board and nothing else. */
export const ROLES = ['analyst', 'supervisor', 'admin', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

/** A role's rank: a method that needs `supervisor` is open to `admin` too; a wall-board to nothing that writes. */
export const ROLE_RANK: Record<Role, number> = {
  wallboard: 0,
  analyst: 1,
  supervisor: 2,
  admin: 3,
};

export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

export const STATUSES = [
  'new',
  'open',
  'in_progress',
  'waiting_customer',
  'escalated',
  'resolved',
] as const;
export type Status = (typeof STATUSES)[number];

/** Impact and urgency share a three-step scale where 1 is the most severe. */
export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

export const PRIORITIES = [1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The default policy's matrix and rating, under the names the rest of the domain uses. */
export const DEFAULT_PRIORITY_MATRIX = DEFAULT_POLICY.matrix as readonly (readonly Priority[])[];

export function priorityFor(impact: Level, urgency: Level): Priority {
  return policyPriority(DEFAULT_POLICY, impact, urgency) as Priority;
}

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const TICKET_EVENT_TYPES = [
  'created',
  'status_changed',
  'assigned',
  'note_added',
  'priority_changed',
  'priority_overridden',
  'sla_at_risk',
  'sla_breached',
  'fields_changed',
  'answers_recorded',
  'linked',
  'unlinked',
  'split',
  'merged_into',
  'merged',
  'resolved',
  'reopened',
  'contact_logged',
  'escalated',
  'escalation_accepted',
  'escalation_returned',
  'supervisors_alerted',
  'conflict',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/**
 * How two tickets relate, read from the first: `duplicate_of` and `split_from` point at the
 * original, `parent_of` at a child. Links are stored once and shown from both ends.
 */
export const LINK_KINDS = ['related', 'duplicate_of', 'parent_of', 'split_from'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** The kinds an analyst sets by hand; split and merge set the others. */
export const MANUAL_LINK_KINDS = ['related', 'duplicate_of', 'parent_of', 'child_of'] as const;
export type ManualLinkKind = (typeof MANUAL_LINK_KINDS)[number];
/** A link as seen from its other end. */
export const LINK_KIND_SEEN_FROM_TARGET = {
  related: 'related',
  duplicate_of: 'duplicated_by',
  parent_of: 'child_of',
  split_from: 'split_into',
} as const;
export type LinkRole = LinkKind | (typeof LINK_KIND_SEEN_FROM_TARGET)[LinkKind];

/** Root-cause categories a resolution is filed under; `duplicate` is set by a merge only. */
export const ROOT_CAUSES = [
  'user_error',
  'configuration',
  'software_defect',
  'hardware_fault',
  'network',
  'third_party',
  'capacity',
  'security',
  'unknown',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number] | 'duplicate';

/** Kinds of SOP script question: a line, a paragraph, or yes / no. */
export const QUESTION_KINDS = ['text', 'long_text', 'yes_no'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** How a contact with the customer went: the communication log's vocabulary. */
export const CONTACT_DIRECTIONS = CALL_DIRECTIONS;
export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'on_site'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_OUTCOMES = [
  'reached',
  'voicemail',
  'no_answer',
  'wrong_number',
  'email_sent',
  'sms_sent',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/**
 * The outcomes each channel can have when we make the contact. A contact the customer made
 * (inbound) always reached us: its outcome is `reached`.
 */
export const OUTBOUND_OUTCOMES: Record<ContactChannel, readonly ContactOutcome[]> = {
  phone: ['reached', 'voicemail', 'no_answer', 'wrong_number'],
  email: ['email_sent'],
  sms: ['sms_sent'],
  on_site: ['reached', 'no_answer'],
};

export function outcomesFor(
  direction: CallDirection,
  channel: ContactChannel,
): readonly ContactOutcome[] {
  return direction === 'inbound' ? ['reached'] : OUTBOUND_OUTCOMES[channel];
}

/**
 * Outcomes that gave the customer their update: the update clock restarts from them. The others
 * (a message on a machine, nobody there, a wrong number) schedule a retry instead.
 */
export const UPDATE_GIVEN: readonly ContactOutcome[] = ['reached', 'email_sent', 'sms_sent'];

/** Channels where a contact lasts a while (calls and visits): only they carry a duration. */
export const TIMED_CHANNELS: readonly ContactChannel[] = ['phone', 'on_site'];

/** Why the next call-back is when it is. */
export const CALLBACK_KINDS = ['update', 'retry', 'set'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** The automatic escalation rules, as history and alerts name them. */
export const ESCALATION_RULES = ['breach', 'tier_time', 'reopened', 'priority1'] as const;
export type EscalationRule = (typeof ESCALATION_RULES)[number];
