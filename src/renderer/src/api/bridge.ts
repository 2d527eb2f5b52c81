import type { Api, BridgeApi } from '../../../shared/api.ts';

/** The Electron implementation: the preload's narrow bridge, typed by the contract. */
export function bridgeApi(bridge: BridgeApi): Api {
  return {
    shell: 'electron',
    invoke: (method, input) => bridge.invoke(method, input) as never,
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
    onLink(listener) {
      listener(true);
      return () => undefined;
    },
  };
}
