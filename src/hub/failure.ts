import type { SyncErrorCode } from '../shared/sync.ts';

/** A refusal the hub answers with (a value on the wire); anything else is the hub's own fault. */
export class HubError extends Error {
  readonly code: SyncErrorCode;
  readonly path: string | undefined;
  constructor(code: SyncErrorCode, message: string, path?: string) {
    super(message);
    this.code = code;
    this.path = path;
  }
}
