import type { ImportPhase } from './imports.ts';
import type { BackupList, SyncStatus } from './views.ts';

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
      | 'reopened'
      | 'contacted'
      | 'escalated'
      | 'accepted'
      | 'returned'
      /** Changes from another workstation of the desk, pulled from the hub. */
      | 'synced';
  };
  /** A rule wants the supervisors to look now (a Business failure, a breach at the top tier). */
  'supervisors.alerted': { ticketId: string; key: string; title: string; rule: string };
  /** These users' call-back lists changed (a contact logged, a ticket reassigned, re-rated, resolved). */
  'callbacks.changed': { ownerIds: string[] };
  /** Call-backs whose time has come, each told once: their owners get a notification. */
  'callbacks.due': { items: { ticketId: string; key: string; ownerId: string; dueAt: number }[] };
  /** A category's SOP script has a new version. */
  'scripts.changed': { categoryId: string; version: number };
  /** A ticket's SLA clock crossed a threshold or was recomputed. */
  'sla.changed': { ids: string[]; state: 'on_track' | 'at_risk' | 'breached' };
  /** The priority policy or the desk calendar changed. */
  'policy.changed': { version: number };
  /** An admin changed a queue, a category, a person or a tier (`type`: the desk history event's). */
  'desk.changed': { type: string };
  /** This workstation's sync with its desk's hub changed state (the header's indicator). */
  'sync.changed': SyncStatus;
  /** A backup of this workstation's store started, moved on or ended (the admin's progress bar). */
  'backups.changed': { running: BackupList['running'] };
  /** An import moved on (the admin's progress bar): `done` of `total` bytes, rows or callers. */
  'imports.progress': { importId: string; phase: ImportPhase; done: number; total: number };
  /** An export is being written: `done` of `total` rows. */
  'exports.progress': { exportId: string; done: number; total: number };
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = [
  'tickets.changed',
  'sla.changed',
  'policy.changed',
  'desk.changed',
  'scripts.changed',
  'callbacks.changed',
  'callbacks.due',
  'supervisors.alerted',
  'sync.changed',
  'backups.changed',
  'imports.progress',
  'exports.progress',
];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name);
}

export interface PushEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayloads[E];
}
