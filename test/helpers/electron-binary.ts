/**
 * Where the Electron binary is, or null where it has not been downloaded (Electron 45 fetches
 * it on first use, not at install: `npm start` fetches it through scripts/ensure-electron.ts).
 * Read without requiring `electron`, which would start that download on an offline machine.
 */
export { electronBinary } from '../../scripts/electron-binary.ts';
