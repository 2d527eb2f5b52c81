import { useEffect, useState } from 'react';
import { deskNow, onDeskClock } from '../app/deskClock.ts';

/** The desk's current time, re-read every `everyMs`: ages on cards stay true without a reload. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(deskNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(deskNow()), everyMs);
    const off = onDeskClock(() => setNow(deskNow()));
    return () => {
      clearInterval(timer);
      off();
    };
  }, [everyMs]);
  return now;
}
