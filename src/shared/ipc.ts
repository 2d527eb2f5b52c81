/** Electron IPC channel names, shared by main and preload. */
export const CHANNEL_INVOKE = 'switchboard:invoke';
export const CHANNEL_EVENT = 'switchboard:event';

/** The custom scheme the UI is served from (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
