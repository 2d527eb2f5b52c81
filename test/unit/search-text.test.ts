/**
 * Whatever text is typed (or pasted) into a search box is searched as words: control characters,
 * NUL, zero-width spaces and FTS5's own syntax separate words like spaces do, and never reach the
 * index as syntax. No search method ends in INTERNAL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { contract, type Input, type MethodName } from '../../src/shared/contract.ts';
import { demoDesk, fingerprint, validIntake, type TestDesk } from '../helpers/desk.ts';

/** Every method that takes search text, with that text in the place it goes. */
const SEARCHES = {
  'customers.lookup': (text: string): Input<'customers.lookup'> => ({ query: text }),
  'search.everywhere': (text: string): Input<'search.everywhere'> => ({ query: text }),
  'tickets.search': (text: string): Input<'tickets.search'> => ({ text }),
  'tickets.board': (text: string): Input<'tickets.board'> => ({ filters: { text } }),
  'tickets.page': (text: string): Input<'tickets.page'> => ({
    status: 'resolved',
    filters: { text },
  }),
} satisfies { [M in MethodName]?: (text: string) => Input<M> };
type SearchMethod = keyof typeof SEARCHES;
const METHODS = Object.keys(SEARCHES) as SearchMethod[];

const NASTY = [
  '\u0000',
  'a\u0000b',
  'printer\u0000',
  '\u0001',
  '\u0007\u0008\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u2028',
  '\ud800',
  'x\udfff',
  '\u0301',
  '"',
  '""',
  "'",
  '`',
  '*',
  '**',
  'NEAR(',
  'NEAR(a b, 2)',
  'AND OR',
  'a OR b)',
  'NOT',
  '-',
  '-x',
  '^',
  '^x',
  '+',
  ':',
  'title:',
  '{title}: x',
  '(',
  ')',
  '\\',
  '%',
  '%00',
  '\u0000"\u0000*',
];

/** Any code point at all (control characters, surrogate halves, unassigned) and the syntax above. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...NASTY),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  ),
  minLength: 1,
  maxLength: 40,
});

describe('search text is only ever words', () => {
  let t: TestDesk;
  let a: Connection;
  let ticketId: string;
  beforeAll(async () => {
    t = await demoDesk();
    a = await t.as('analyst');
    const input = await validIntake(t, a, 1);
    input.problems[0] = {
      ...input.problems[0]!,
      title: 'Imprimante du café',
      // Stored text with control characters in it is indexed and offered as similar, harmlessly.
      description: 'Paper\u0000jam\u0001 on the third\u200bfloor "printer" NEAR( the lifts',
    };
    ticketId = (await t.ok(a, 'intake.submit', input)).tickets[0]!.id;
  });
  afterAll(() => t.close());

  /** The answer must be the schema's refusal, or a result; never INTERNAL, never a write. */
  async function search(method: SearchMethod, text: string) {
    const input = SEARCHES[method](text);
    const before = fingerprint(t.desk);
    const r = await t.desk.dispatch(a, method, input);
    const accepted = contract[method].input.safeParse(input).success;
    expect(
      r.ok ? 'ok' : r.error.code,
      `${method} ${JSON.stringify(text)}: ${JSON.stringify(r)}`,
    ).toBe(accepted ? 'ok' : 'VALIDATION');
    expect(fingerprint(t.desk)).toBe(before);
    return r;
  }

  it.each(METHODS)(
    '%s: NUL, control characters and FTS5 syntax are searched harmlessly',
    async (method) => {
      for (const text of NASTY) await search(method, text);
    },
  );

  it('a NUL or a control character between words separates them like a space', async () => {
    for (const text of [
      'Imprimante\u0000café',
      'imprimante\u0001cafe',
      'café\u200b',
      '\u0000café',
    ]) {
      const r = await t.ok(a, 'tickets.search', { text });
      expect(
        r.items.map((c) => c.id),
        JSON.stringify(text),
      ).toEqual([ticketId]);
      const hits = await t.ok(a, 'search.everywhere', { query: text });
      expect(hits.map((h) => h.id)).toContain(ticketId);
    }
    const board = await t.ok(a, 'tickets.board', { filters: { text: 'third\u0000floor' } });
    expect(board.columns.flatMap((c) => c.items.map((i) => i.id))).toEqual([ticketId]);
  });

  it('similar tickets of a ticket whose text holds control characters', async () => {
    expect((await t.desk.call(a, 'tickets.similar', { id: ticketId })).ok).toBe(true);
  });

  it.each(METHODS)('%s: any text at all (fast-check, full unicode)', async (method) => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        await search(method, text);
      }),
      { numRuns: 60, seed: 13_002 },
    );
  });
});
