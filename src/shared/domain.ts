/** The help desk's vocabulary, shared by every process. */
import { DEFAULT_POLICY, policyPriority } from './policy.ts';

export const ROLES = ['analyst', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A role's rank: a method that needs `supervisor` is open to `admin` too. */
export const ROLE_RANK: Record<Role, number> = { analyst: 1, supervisor: 2, admin: 3 };

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
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];
