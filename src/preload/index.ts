import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi } from '../shared/api.ts';
import { CHANNEL_EVENT, CHANNEL_INVOKE } from '../shared/ipc.ts';

/**
 * The whole surface the page gets: invoke a contract method, listen to a push event.
 * Never ipcRenderer itself; the main process validates everything that arrives.
 */
const bridge: BridgeApi = {
  invoke: (method, input) => ipcRenderer.invoke(CHANNEL_INVOKE, method, input),
  on(event, listener) {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(CHANNEL_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(CHANNEL_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('switchboard', bridge);
