/**
 * The desk's time as the renderer shows it: the workstation's clock, set right by the desk's own
 * whenever a reply carries it (a skewed workstation, or a test that moves the desk's clock).
 */
let offset = 0;
const listeners = new Set<() => void>();

export function deskNow(): number {
  return Date.now() + offset;
}

/** A reply said the desk's clock read `asOf` just now. */
export function syncDeskClock(asOf: number): void {
  const next = asOf - Date.now();
  // Network time jitters by milliseconds; only a real correction re-renders the clocks shown.
  if (Math.abs(next - offset) < 1000) return;
  offset = next;
  for (const l of listeners) l();
}

/** Told when the desk's clock was set right. */
export function onDeskClock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
