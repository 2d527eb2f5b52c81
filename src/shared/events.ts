/** Push events: core -> every open window and browser. Written once, like the methods. */

export interface EventPayloads {
  'tickets.changed': {
    ids: string[];
    reason:
      | 'created'
      | 'moved'
      | 'assigned'
      | 'noted'
      | 'updated'
      | 'answered'
      | 'linked'
      | 'split'
      | 'merged'
      | 'resolved'
      | 'reopened';
  };
  /** A category's SOP script has a new version. */
  'scripts.changed': { categoryId: string; version: number };
  /** A ticket's SLA clock crossed a threshold or was recomputed. */
  'sla.changed': { ids: string[]; state: 'on_track' | 'at_risk' | 'breached' };
  /** The priority policy or the desk calendar changed. */
  'policy.changed': { version: number };
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = [
  'tickets.changed',
  'sla.changed',
  'policy.changed',
  'scripts.changed',
];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name);
}

export interface PushEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayloads[E];
}
