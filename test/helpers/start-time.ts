/** The injected clock's start for unit tests: Monday 23 November 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
