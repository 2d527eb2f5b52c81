import { useEffect, useState } from 'react';
import { deskNow } from '../app/deskClock.ts';

/** The desk's current time, re-read every `everyMs`: ages on cards stay true without a reload. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(deskNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(deskNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
