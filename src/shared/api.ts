/**
 * The one API type the renderer programs against. The Electron preload and the browser client
 * are two implementations of it; the renderer never knows which it has.
 */
import type { Result } from './errors.ts';
import type { Input, MethodName, Output } from './contract.ts';
import type { EventName, EventPayloads } from './events.ts';

export interface Api {
  invoke<M extends MethodName>(method: M, input: Input<M>): Promise<Result<Output<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** Which shell carries this API: only for display ("Desktop" / "Browser"). */
  readonly shell: 'electron' | 'browser';
  /**
   * Whether the desk is reachable: told at once, then on every change (the host going away and
   * coming back). Electron's desk is in-process: always reachable.
   */
  onLink(listener: (up: boolean) => void): () => void;
}

/** The narrow surface the preload exposes on `window.switchboard`. */
export interface BridgeApi {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
