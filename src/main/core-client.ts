import { utilityProcess, type UtilityProcess } from 'electron';
import { join } from 'node:path';
import { remoteEndpoint } from '../core/kernel/rpc.ts';
import type { DeskEndpoint } from '../core/kernel/endpoint.ts';

export interface CoreProcess {
  endpoint: DeskEndpoint;
  /** Resolves once the desk is open in the child. */
  ready: Promise<void>;
  onExit(listener: (code: number) => void): void;
  shutdown(): Promise<void>;
}

/** Forks the desk into a utility process and speaks the endpoint protocol to it. */
export function startCore(args: string[]): CoreProcess {
  const child: UtilityProcess = utilityProcess.fork(join(import.meta.dirname, 'core.js'), args, {
    serviceName: 'Switchboard desk',
    stdio: 'inherit',
  });
  const listeners = new Set<(m: unknown) => void>();
  child.on('message', (m: unknown) => {
    for (const l of listeners) l(m);
  });
  const endpoint = remoteEndpoint({
    postMessage: (m) => child.postMessage(m),
    onMessage: (l) => void listeners.add(l),
  });
  const ready = new Promise<void>((resolve, reject) => {
    listeners.add((m) => {
      if ((m as { ready?: unknown } | null)?.ready === true) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the desk process exited (${code}) while opening the desk`)),
    );
  });
  return {
    endpoint,
    ready,
    onExit(listener) {
      child.on('exit', (code) => {
        const failed = endpoint.failAll('The desk process stopped; reload to reconnect');
        // The desk's own log died with it: its end and the calls it left are said here.
        console.error(
          `[switchboard] INTERNAL: the desk process exited with code ${code}; ${failed} waiting call(s) answered INTERNAL`,
        );
        listener(code);
      });
    },
    shutdown: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.postMessage({ op: 'shutdown' });
      }),
  };
}
