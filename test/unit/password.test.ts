import { describe, expect, it } from 'vitest';
import {
  PASSWORD_COST,
  dummyHash,
  hashCost,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../src/core/access/password.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('costs what current guidance asks by default (OWASP: scrypt N=2^17, r=8, p=1), and verifies', async () => {
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('carries its parameters, so a hash made at another cost is known for one to redo', async () => {
    const stored = await hashPassword('pw', CHEAP);
    expect(hashCost(stored)).toEqual(CHEAP);
    expect(await verifyPassword('pw', stored)).toBe(true);
    expect(await verifyPassword('pW', stored)).toBe(false);
    expect(needsRehash(stored, CHEAP)).toBe(false);
    expect(needsRehash(stored, PASSWORD_COST)).toBe(true);
    expect(needsRehash(stored, { ...CHEAP, p: 2 })).toBe(true);
  });

  it('the dummy hash for unknown users costs what a real one does', () => {
    expect(hashCost(dummyHash(PASSWORD_COST))).toEqual(PASSWORD_COST);
    expect(hashCost(dummyHash(CHEAP))).toEqual(CHEAP);
  });

  it('a malformed or absurd stored hash never matches, and never throws', async () => {
    const good = await hashPassword('pw', CHEAP);
    const [, , , , salt, key] = good.split('$');
    for (const stored of [
      '',
      'bcrypt$10$x',
      `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 30}$8$1$${salt}$${key}`, // 128 GiB: refused, not attempted
      `scrypt$1024$0$1$${salt}$${key}`,
      `scrypt$1024$8$x$${salt}$${key}`,
      `scrypt$1024$8$1$${salt}$`,
      `scrypt$1024$8$1$$${key}`,
      `scrypt$1024$8$1$${salt}$${key}$extra`,
    ]) {
      expect(await verifyPassword('pw', stored), stored).toBe(false);
      expect(hashCost(stored), stored).toBeNull();
    }
  });
});
