import type { ScryptCost } from '../../src/core/access/password.ts';

/**
 * Real scrypt, at a cost a test can pay hundreds of times: production's (2^17) takes a third of a
 * second a hash on a quiet machine and seconds on a busy one, and every sign-in pays it.
 */
export const TEST_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };
