/**
 * The desk's time as the renderer shows it: the workstation's clock, set right by the desk's own
 * whenever a reply carries it (a skewed workstation, or a test that moves the desk's clock).
 */
let offset = 0;

export function deskNow(): number {
  return Date.now() + offset;
}

/** A reply said the desk's clock read `asOf` just now. */
export function syncDeskClock(asOf: number): void {
  offset = asOf - Date.now();
}
