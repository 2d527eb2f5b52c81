import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's work factors: CPU/memory cost N (a power of two), block size r, parallelism p. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's password storage guidance (2025) for scrypt: N=2^17, r=8, p=1, which takes 128 MiB
 * and roughly a tenth of a second per hash. Desks may be opened with another cost (tests hash
 * many times), never a lower default.
 */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEYLEN = 32;
/** What a stored hash may ask for before it is refused unread: 1 GiB of memory, 16 lanes. */
const MAX = { N: 2 ** 20, r: 16, p: 16 };

/** scrypt needs 128·r·(N + p) bytes and a little more; Node refuses above `maxmem` (32 MiB by default). */
const maxmem = ({ N, r, p }: ScryptCost): number => 128 * r * (N + p) + 1024 * 1024;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEYLEN,
      { ...cost, maxmem: maxmem(cost) },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

interface Parsed {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const whole = (s: string | undefined): number =>
  s !== undefined && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : NaN;

/** `scrypt$N$r$p$salt$hash`, read strictly: anything else (or beyond MAX) is null. */
function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [whole(parts[1]), whole(parts[2]), whole(parts[3])];
  const [salt, key] = [parts[4]!, parts[5]!];
  if (!(N >= 2 && N <= MAX.N && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= MAX.r && p >= 1 && p <= MAX.p)) return null;
  if (!BASE64.test(salt) || !BASE64.test(key)) return null;
  return { cost: { N, r, p }, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = PASSWORD_COST,
  salt: Buffer = randomBytes(16),
): Promise<string> {
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

/** Whether `password` is the one `stored` was made from; a hash it cannot read matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.key.length !== KEYLEN) return false;
  const key = await derive(password, h.salt, h.cost);
  return timingSafeEqual(key, h.key);
}

/** The cost a stored hash was made at, or null when it is not one of ours. */
export function hashCost(stored: string): ScryptCost | null {
  const h = parse(stored);
  return h && h.key.length === KEYLEN ? h.cost : null;
}

/** True when `stored` was made at another cost than the desk's: redo it at the next sign-in. */
export function needsRehash(stored: string, cost: ScryptCost): boolean {
  const c = hashCost(stored);
  return !c || c.N !== cost.N || c.r !== cost.r || c.p !== cost.p;
}

/** A hash nobody can match: verifying against it costs the same as a real one (no user enumeration by timing). */
export const dummyHash = ({ N, r, p }: ScryptCost): string =>
  `scrypt$${N}$${r}$${p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
