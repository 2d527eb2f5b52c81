import type { Api, BridgeApi } from '../../../shared/api.ts';
import { bridgeApi } from './bridge.ts';
import { browserApi } from './browser.ts';

declare global {
  interface Window {
    switchboard?: BridgeApi;
  }
}

/** The renderer's one API: the preload bridge inside Electron, HTTP + WebSocket in a browser. */
export const api: Api = window.switchboard ? bridgeApi(window.switchboard) : browserApi();
