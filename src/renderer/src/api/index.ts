import type { Api, BridgeApi } from '../../../shared/api.ts';
import { bridgeApi } from './bridge.ts';
import { browserApi } from './browser.ts';

declare global {
  interface Window {
    switchboard?: BridgeApi;
  }
}

const transport: Api = window.switchboard ? bridgeApi(window.switchboard) : browserApi();
const lost = new Set<() => void>();

/**
 * The renderer's one API: the preload bridge inside Electron, HTTP + WebSocket in a browser.
 * A call refused as UNAUTHENTICATED (other than a sign-in's own refusal) means the session ended
 * elsewhere (signed out, disabled, a password reset): whoever listens takes the user back.
 */
export const api: Api = {
  shell: transport.shell,
  on: (event, listener) => transport.on(event, listener),
  onLink: (listener) => transport.onLink(listener),
  async invoke(method, input) {
    const r = await transport.invoke(method, input);
    if (!r.ok && r.error.code === 'UNAUTHENTICATED' && method !== 'auth.signIn')
      for (const l of lost) l();
    return r;
  },
};

export function onSessionLost(listener: () => void): () => void {
  lost.add(listener);
  return () => lost.delete(listener);
}
