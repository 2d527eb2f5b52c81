import { useEffect } from 'react';
import type { EventName } from '../../../shared/events.ts';
import { api } from '../api/index.ts';

/**
 * Loads now, then again whenever the desk pushes one of `events` (a burst read once, `delayMs`
 * after its first event). `extra` may add listeners of its own, given the same "read soon".
 */
export function useLiveReload(
  load: () => Promise<void>,
  events: readonly EventName[],
  delayMs = 250,
  extra?: (soon: () => void) => (() => void)[],
): void {
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, delayMs);
    };
    const offs = [...events.map((e) => api.on(e, soon)), ...(extra?.(soon) ?? [])];
    return () => {
      if (timer) clearTimeout(timer);
      offs.forEach((off) => off());
    };
    // The event list is a constant per caller; `extra` is read once per load change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, delayMs]);
}
