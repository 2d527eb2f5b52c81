// The hub as a process: shared with the sync bench (src/tools/hub/hub-process.ts).
export { startHubProcess, type HubProcess } from '../../src/tools/hub/hub-process.ts';
