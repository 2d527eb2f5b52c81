import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from './clock.ts';

/**
 * UUIDv7 (RFC 9562): 48-bit millisecond time, then randomness. Ids sort by creation time and
 * never collide across offline workstations. Within one millisecond the 12-bit rand_a field is
 * used as a counter (method 1 of RFC 9562 §6.2) so ids from one generator are strictly increasing.
 */
export function idGenerator(clock: Clock): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.max(clock.now(), lastMs);
    if (ms === lastMs) {
      counter++;
      if (counter > 0xfff) {
        ms = lastMs + 1;
        counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
      }
    } else {
      // Start low so a burst within one millisecond rarely overflows.
      counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
    }
    lastMs = ms;
    const b = randomBytes(16);
    b.writeUIntBE(ms, 0, 6);
    b[6] = 0x70 | ((counter >> 8) & 0x0f);
    b[7] = counter & 0xff;
    b[8] = 0x80 | (b[8]! & 0x3f);
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/**
 * The id of a fact every workstation of a desk may find for itself (a clock crossing, a sync
 * conflict): the same parts give the same id everywhere, so the fact is stored once per desk.
 * A UUID's shape (version 8, custom), so it travels and is checked like every other id.
 */
export function idFrom(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
