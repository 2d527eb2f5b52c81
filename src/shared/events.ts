/** Push events: core -> every open window and browser. Written once, like the methods. */

export interface EventPayloads {
  'tickets.changed': { ids: string[]; reason: 'created' | 'moved' | 'assigned' };
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = ['tickets.changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name);
}

export interface PushEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayloads[E];
}
