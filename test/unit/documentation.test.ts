import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import {
  answerRequired,
  closingCall,
  demoDesk,
  fingerprint,
  resolve,
  validIntake,
  type TestDesk,
} from '../helpers/desk.ts';
import { questionIn } from '../../src/shared/sop.ts';

let t: TestDesk;
let a: Connection;
let s: Connection;
let account = 0;
beforeEach(async () => {
  t = await demoDesk();
  a = await t.as('analyst');
  s = await t.as('supervisor');
});
afterEach(() => t.close());

async function open(n = 1, title?: string, description?: string) {
  const input = await validIntake(t, a, n);
  input.accountNumber = `DOC-${account++}`;
  if (title) input.problems[0] = { ...input.problems[0]!, title, description: description ?? '' };
  return (await t.ok(a, 'intake.submit', input)).tickets;
}
const get = (id: string) => t.ok(a, 'tickets.get', { id });
const refused = async (p: Promise<unknown>, code: string) =>
  expect(await p).toMatchObject({ ok: false, error: { code } });

describe('SOP scripts', () => {
  it('the demo desk ships a script per category; supervisors edit it as a new version', async () => {
    const info = await t.ok(a, 'desk.info', {});
    for (const c of info.categories) {
      const sc = await t.ok(a, 'scripts.get', { categoryId: c.id });
      expect(sc.version, c.code).toBe(1);
      expect(
        sc.questions.some((q) => q.required),
        c.code,
      ).toBe(true);
    }
    const net = info.categories.find((c) => c.code === 'NETWORK')!;
    const before = await t.ok(a, 'scripts.get', { categoryId: net.id });
    const questions = [
      ...before.questions,
      { id: 'patch', text: 'Patch panel port', kind: 'text' as const, required: true, help: '' },
    ];
    await refused(
      t.desk.call(a, 'scripts.update', { categoryId: net.id, expectedVersion: 1, questions }),
      'FORBIDDEN',
    );
    const after = await t.ok(s, 'scripts.update', {
      categoryId: net.id,
      expectedVersion: 1,
      questions,
    });
    expect(after).toMatchObject({ version: 2, updatedBy: 'Sophie Laurent' });
    expect(t.events.some((e) => e.name === 'scripts.changed')).toBe(true);
    // A stale editor and duplicate ids change nothing.
    const snapshot = fingerprint(t.desk);
    await refused(
      t.desk.call(s, 'scripts.update', { categoryId: net.id, expectedVersion: 1, questions }),
      'CONFLICT',
    );
    expect(
      await t.desk.call(s, 'scripts.update', {
        categoryId: net.id,
        expectedVersion: 2,
        questions: [questions[0]!, questions[0]!],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'questions.1.id' }] },
    });
    expect(fingerprint(t.desk)).toBe(snapshot);
  });

  it('a question has a version per language: each analyst reads theirs, else the desk’s', async () => {
    const info = await t.ok(a, 'desk.info', {});
    const vpn = info.categories.find((c) => c.code === 'VPN')!;
    const shipped = await t.ok(a, 'scripts.get', { categoryId: vpn.id });
    // The demo desk's questions come in all five languages.
    for (const q of shipped.questions)
      for (const l of ['fr', 'el', 'hi', 'ar'] as const) {
        expect(q.translations[l]?.text, `${q.id} ${l}`).toMatch(/\S{3}/);
        expect(questionIn(q, l).text).not.toBe(q.text);
      }
    const patch = {
      id: 'patch',
      text: 'Patch panel port',
      kind: 'text' as const,
      required: true,
      help: 'On the label of the wall socket',
      translations: { fr: { text: 'Port du panneau de brassage', help: '' } },
    };
    const saved = await t.ok(s, 'scripts.update', {
      categoryId: vpn.id,
      expectedVersion: 1,
      questions: [...shipped.questions, patch],
    });
    const kept = saved.questions.find((q) => q.id === 'patch')!;
    expect(questionIn(kept, 'fr')).toEqual({
      text: 'Port du panneau de brassage',
      help: 'On the label of the wall socket',
    });
    // Greek has no version of it: the desk's own words.
    expect(questionIn(kept, 'el').text).toBe('Patch panel port');
    // A language the desk does not speak, or a version too short, changes nothing.
    const snapshot = fingerprint(t.desk);
    for (const [translations, path] of [
      [{ xx: { text: 'Whatever it is', help: '' } }, 'questions.0.translations'],
      [{ ar: { text: 'لا', help: '' } }, 'questions.0.translations.ar.text'],
    ] as const) {
      const r = await t.desk.call(s, 'scripts.update', {
        categoryId: vpn.id,
        expectedVersion: 2,
        // A wrong shape on purpose: what a stale or hostile client could send.
        questions: [
          { ...patch, translations: translations as unknown as typeof patch.translations },
        ],
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(r), path).toContain(path);
    }
    expect(fingerprint(t.desk)).toBe(snapshot);
    // A version written before questions had translations reads as having none.
    t.desk.db
      .prepare(
        'INSERT INTO sop_scripts (category_id, version, questions, created_at, created_by) VALUES (?, 3, ?, 0, NULL)',
      )
      .run(
        vpn.id,
        JSON.stringify([
          { id: 'old', text: 'An old question', kind: 'text', required: false, help: '' },
        ]),
      );
    const old = await t.ok(a, 'scripts.get', { categoryId: vpn.id });
    expect(old.questions).toEqual([expect.objectContaining({ id: 'old', translations: {} })]);
  });

  it('answers are saved, shown from → to in one event, and only changes are written', async () => {
    const [tk] = await open();
    const { script } = await get(tk!.id);
    const want = script.questions.find((q) => q.id === 'want')!;
    const reproduce = script.questions.find((q) => q.kind === 'yes_no')!;
    await t.ok(a, 'tickets.answer', {
      id: tk!.id,
      answers: [
        { questionId: want.id, answer: 'Reach the ledger server' },
        { questionId: reproduce.id, answer: 'yes' },
      ],
    });
    t.clock.advance(1000);
    await t.ok(s, 'tickets.answer', {
      id: tk!.id,
      answers: [
        { questionId: want.id, answer: 'Reach the ledger server' },
        { questionId: reproduce.id, answer: 'no' },
      ],
    });
    const d = await get(tk!.id);
    const recorded = d.events.filter((e) => e.type === 'answers_recorded');
    expect(recorded.map((e) => [e.actor.displayName, e.data['answers']])).toEqual([
      [
        'Amira Haddad',
        [
          expect.objectContaining({ questionId: 'want', from: '', to: 'Reach the ledger server' }),
          expect.objectContaining({ questionId: reproduce.id, from: '', to: 'yes' }),
        ],
      ],
      [
        'Sophie Laurent',
        [expect.objectContaining({ questionId: reproduce.id, from: 'yes', to: 'no' })],
      ],
    ]);
    expect(d.answers.find((x) => x.questionId === reproduce.id)).toMatchObject({
      answer: 'no',
      by: { displayName: 'Sophie Laurent' },
    });
    const snapshot = fingerprint(t.desk);
    expect(
      await t.desk.call(a, 'tickets.answer', {
        id: tk!.id,
        answers: [
          { questionId: 'nosuch', answer: 'x' },
          { questionId: reproduce.id, answer: 'maybe' },
        ],
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'answers.0.questionId' }, { path: 'answers.1.answer', rule: 'yes_no' }],
      },
    });
    expect(fingerprint(t.desk)).toBe(snapshot);
  });
});

describe('resolution', () => {
  it('is refused while a required answer is missing, naming each; then records who, when and what', async () => {
    const [tk] = await open();
    const input = {
      id: tk!.id,
      version: 1,
      solution: 'Replaced the router.',
      rootCause: 'hardware_fault' as const,
      reproductionSteps: 'Unplug the uplink; the router goes amber.',
    };
    const snapshot = fingerprint(t.desk);
    const r = await t.desk.call(a, 'tickets.resolve', input);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const paths = !r.ok ? r.error.issues.map((i) => i.path) : [];
    const required = (await get(tk!.id)).script.questions.filter((q) => q.required);
    // Each unanswered question, and the closing contact the customer has not had yet.
    expect(paths).toEqual([...required.map((q) => `answers.${q.id}`), 'noContactReason']);
    expect(!r.ok && r.error.issues[0]!.message).toContain(required[0]!.text);
    expect(fingerprint(t.desk)).toBe(snapshot);

    await answerRequired(t, a, tk!.id);
    await closingCall(t, a, tk!.id);
    t.clock.advance(60_000);
    const done = await t.ok(a, 'tickets.resolve', input);
    expect(done.status).toBe('resolved');
    const d = await get(tk!.id);
    expect(d.resolution).toEqual({
      solution: 'Replaced the router.',
      rootCause: 'hardware_fault',
      reproductionSteps: 'Unplug the uplink; the router goes amber.',
      resolvedAt: t.clock.now(),
      resolvedBy: { id: a.user!.id, displayName: 'Amira Haddad' },
      noContactReason: '',
    });
    expect(d.sla.timeline.at(-1)).toMatchObject({ kind: 'resolved', at: t.clock.now() });
  });

  it('moving to or out of resolved goes through resolve and reopen; a resolved ticket is read-only', async () => {
    const [tk] = await open();
    await refused(
      t.desk.call(a, 'tickets.move', { id: tk!.id, to: 'resolved', version: 1 }),
      'VALIDATION',
    );
    const done = await resolve(t, a, tk!.id, 1);
    const snapshot = fingerprint(t.desk);
    await refused(
      t.desk.call(a, 'tickets.move', { id: tk!.id, to: 'open', version: done.version }),
      'VALIDATION',
    );
    await refused(
      t.desk.call(a, 'tickets.update', {
        id: tk!.id,
        version: done.version,
        changes: { title: 'New title' },
      }),
      'VALIDATION',
    );
    await refused(
      t.desk.call(a, 'tickets.reopen', { id: tk!.id, version: done.version, reason: '' }),
      'VALIDATION',
    );
    expect(fingerprint(t.desk)).toBe(snapshot);
  });

  it('reopening keeps the earlier resolution in the history and counts the reopen', async () => {
    const [tk] = await open();
    const done = await resolve(t, a, tk!.id, 1, 'Power-cycled the router.');
    t.clock.advance(3_600_000);
    const back = await t.ok(s, 'tickets.reopen', {
      id: tk!.id,
      version: done.version,
      reason: 'Down again',
    });
    expect(back.status).toBe('open');
    const d = await get(tk!.id);
    expect(d.resolution).toBeNull();
    expect(d.reopenCount).toBe(1);
    const ev = d.events.at(-1)!;
    expect(ev).toMatchObject({ type: 'reopened', actor: { displayName: 'Sophie Laurent' } });
    expect(ev.data).toMatchObject({
      reason: 'Down again',
      previous: {
        solution: 'Power-cycled the router.',
        resolvedBy: { displayName: 'Amira Haddad' },
      },
    });
    // The resolution event itself is still there, unchanged.
    expect(d.events.find((e) => e.type === 'resolved')!.data['solution']).toBe(
      'Power-cycled the router.',
    );
    const again = await t.ok(a, 'tickets.resolve', {
      id: tk!.id,
      version: back.version,
      solution: 'Replaced the router.',
      rootCause: 'hardware_fault',
      // The closing call before the reopen closed the earlier resolution, not this one.
      noContactReason: 'Customer on leave; their manager confirmed by e-mail',
    });
    expect((await get(tk!.id)).resolution).toMatchObject({
      solution: 'Replaced the router.',
      noContactReason: 'Customer on leave; their manager confirmed by e-mail',
    });
    expect(again.status).toBe('resolved');
  });
});

describe('the ticket workspace', () => {
  it('editing fields leaves one event with each field from → to; bad references change nothing', async () => {
    const [tk] = await open();
    const info = await t.ok(a, 'desk.info', {});
    const before = await get(tk!.id);
    const vpn = info.categories.find((c) => c.code === 'VPN')!;
    const app = info.queues.find((q) => q.code === 'APP')!;
    const out = await t.ok(a, 'tickets.update', {
      id: tk!.id,
      version: 1,
      changes: {
        title: 'VPN drops every ten minutes',
        categoryId: vpn.id,
        queueId: app.id,
        assetId: null,
      },
    });
    expect(out).toMatchObject({
      version: 2,
      queueId: app.id,
      title: 'VPN drops every ten minutes',
    });
    const ev = (await get(tk!.id)).events.at(-1)!;
    expect(ev.type).toBe('fields_changed');
    if (ev.type !== 'fields_changed') throw new Error('narrows the event for the typecheck');
    expect(ev.data['changes']).toEqual([
      { field: 'title', from: before.title, to: 'VPN drops every ten minutes' },
      { field: 'categoryId', from: before.categoryId, to: vpn.id },
      { field: 'queueId', from: before.queueId, to: app.id },
      { field: 'assetId', from: before.asset!.id, to: null },
    ]);
    // The board's queue filter follows the edit.
    const board = await t.ok(a, 'tickets.board', { filters: { queueId: app.id } });
    expect(board.columns[0]!.items.map((c) => c.id)).toEqual([tk!.id]);
    const snapshot = fingerprint(t.desk);
    const [otherCustomers] = await open();
    const otherAsset = (await get(otherCustomers!.id)).asset;
    expect(otherAsset).not.toBeNull();
    const snapshot2 = fingerprint(t.desk);
    expect(snapshot2).not.toBe(snapshot);
    expect(
      await t.desk.call(a, 'tickets.update', {
        id: tk!.id,
        version: 2,
        changes: { queueId: '01900000-0000-7000-8000-000000000000', title: 'ok title' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'changes.queueId' }] },
    });
    await refused(
      t.desk.call(a, 'tickets.update', { id: tk!.id, version: 2, changes: {} }),
      'VALIDATION',
    );
    await refused(
      t.desk.call(a, 'tickets.update', {
        id: tk!.id,
        version: 1,
        changes: { title: 'stale edit' },
      }),
      'CONFLICT',
    );
    expect(fingerprint(t.desk)).toBe(snapshot2);
  });

  it('links read from both ends; self, repeated and unknown links are refused', async () => {
    const [x, y] = await open(2);
    const link = await t.ok(a, 'tickets.link', {
      id: x!.id,
      target: y!.key.toLowerCase(),
      kind: 'child_of',
    });
    expect(link).toMatchObject({ role: 'child_of', ticket: { key: y!.key } });
    expect((await get(y!.id)).links).toMatchObject([
      { role: 'parent_of', ticket: { key: x!.key } },
    ]);
    const snapshot = fingerprint(t.desk);
    for (const [target, rule] of [
      [x!.key, 'self'],
      [y!.key, 'linked'],
      ['LON-999999', 'no_ticket'],
    ] as const) {
      expect(
        await t.desk.call(a, 'tickets.link', { id: x!.id, target, kind: 'related' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: 'target', rule }] },
      });
    }
    expect(fingerprint(t.desk)).toBe(snapshot);
    await t.ok(a, 'tickets.unlink', { id: y!.id, linkId: link.id });
    expect((await get(x!.id)).links).toEqual([]);
  });
});

describe('split and merge', () => {
  it('a split keeps every event, cross-references both tickets, and the board shows the new one', async () => {
    const [tk] = await open(1, 'Router down and printer offline', 'Both since this morning.');
    await t.ok(a, 'tickets.addNote', { id: tk!.id, text: 'Two problems in one call.' });
    const beforeEvents = (await get(tk!.id)).events;
    const info = await t.ok(a, 'desk.info', {});
    const printer = info.categories.find((c) => c.code === 'PRINTER')!;
    t.clock.advance(5 * 60_000);
    const { original, created } = await t.ok(a, 'tickets.split', {
      id: tk!.id,
      version: 1,
      title: 'Printer offline',
      description: 'Third-floor printer shows offline.',
      categoryId: printer.id,
      queueId: printer.defaultQueueId,
      impact: 3,
      urgency: 2,
    });
    const o = await get(original.id);
    const n = await get(created.id);
    expect(o.events.slice(0, beforeEvents.length)).toEqual(beforeEvents);
    expect(o.events.at(-1)).toMatchObject({
      type: 'split',
      data: { into: { id: n.id, key: n.key } },
    });
    expect(n.events[0]).toMatchObject({
      type: 'created',
      data: { splitFrom: { id: o.id, key: o.key } },
    });
    expect(o.links).toMatchObject([{ role: 'split_into', ticket: { id: n.id } }]);
    expect(n.links).toMatchObject([{ role: 'split_from', ticket: { id: o.id } }]);
    // Same caller, call and equipment; its clock runs from when the caller reported it.
    expect(n).toMatchObject({
      callId: o.callId,
      customer: { id: o.customer.id },
      asset: o.asset,
      createdAt: o.createdAt,
    });
    const board = await t.ok(a, 'tickets.board', {});
    expect(board.columns.find((c) => c.status === 'new')!.items.map((c) => c.key)).toEqual(
      expect.arrayContaining([o.key, n.key]),
    );
    expect(
      (await t.ok(a, 'tickets.search', { text: 'printer offline' })).items.map((c) => c.id),
    ).toContain(n.id);
  });

  it('a split off a ticket whose first response is already overdue is saved, its new ticket moved up a tier and found there', async () => {
    const [tk] = await open(1, 'Router down and printer offline', 'Both since this morning.');
    const info = await t.ok(a, 'desk.info', {});
    const printer = info.categories.find((c) => c.code === 'PRINTER')!;
    // The new ticket's clocks run from the original's creation: its first response is missed.
    t.clock.advance(2 * 3_600_000);
    t.desk.tickSla();
    const version = (await get(tk!.id)).version;
    const r = await t.desk.call(a, 'tickets.split', {
      id: tk!.id,
      version,
      title: 'Printer offline',
      categoryId: printer.id,
      queueId: printer.defaultQueueId,
      impact: 1,
      urgency: 1,
    });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    const n = await get(r.value.created.id);
    expect(n).toMatchObject({ status: 'escalated', tier: 2 });
    const found = await t.ok(a, 'tickets.search', {
      text: 'printer offline',
      status: 'escalated',
      queueId: n.queueId,
    });
    expect(found.items.map((c) => c.id)).toEqual([n.id]);
  });

  it('a merge resolves the duplicate into its original; both histories are kept and name each other', async () => {
    const [orig] = await open(1, 'Ledger server unreachable');
    const [dup] = await open(1, 'Cannot reach the ledger');
    await t.ok(a, 'tickets.addNote', { id: dup!.id, text: 'Caller rang again about the ledger.' });
    const dupEvents = (await get(dup!.id)).events;
    const origEvents = (await get(orig!.id)).events;
    const snapshot = fingerprint(t.desk);
    await refused(
      t.desk.call(a, 'tickets.merge', { id: dup!.id, version: 1, into: dup!.key }),
      'VALIDATION',
    );
    await refused(
      t.desk.call(a, 'tickets.merge', { id: dup!.id, version: 9, into: orig!.key }),
      'CONFLICT',
    );
    expect(fingerprint(t.desk)).toBe(snapshot);
    await t.ok(s, 'tickets.merge', {
      id: dup!.id,
      version: 1,
      into: orig!.key,
      note: 'Same outage',
    });
    const d = await get(dup!.id);
    const o = await get(orig!.id);
    expect(d.events.slice(0, dupEvents.length)).toEqual(dupEvents);
    expect(o.events.slice(0, origEvents.length)).toEqual(origEvents);
    expect(d.events.at(-1)).toMatchObject({
      type: 'merged_into',
      data: { into: { key: o.key }, note: 'Same outage' },
    });
    expect(o.events.at(-1)).toMatchObject({ type: 'merged', data: { from: { key: d.key } } });
    expect(d).toMatchObject({ status: 'resolved', resolution: { rootCause: 'duplicate' } });
    expect(d.links).toMatchObject([{ role: 'duplicate_of', ticket: { key: o.key } }]);
    expect(o.links).toMatchObject([{ role: 'duplicated_by', ticket: { key: d.key } }]);
    const board = await t.ok(a, 'tickets.board', {});
    expect(board.columns.find((c) => c.status === 'resolved')!.items.map((c) => c.id)).toEqual([
      d.id,
    ]);
    expect(board.columns.find((c) => c.status === 'new')!.items.map((c) => c.id)).not.toContain(
      d.id,
    );
    // A merge is permanent: its link cannot be taken back.
    await refused(
      t.desk.call(a, 'tickets.unlink', { id: o.id, linkId: o.links[0]!.id }),
      'VALIDATION',
    );
  });
});

describe('similar resolved tickets and search', () => {
  it('offers resolved tickets sharing telling words, with their solutions; never open ones or itself', async () => {
    const solved = [
      ['Outlook profile corrupt after migration', 'Rebuilt the Outlook profile; mailbox syncs.'],
      [
        'Outlook keeps asking for the password',
        'Cleared cached credentials in Credential Manager.',
      ],
      ['Badge reader at reception is dead', 'Replaced the badge reader fuse.'],
    ];
    for (const [title, solution] of solved) {
      const [tk] = await open(1, title!);
      await resolve(t, a, tk!.id, 1, solution);
    }
    const [stillOpen] = await open(1, 'Outlook profile slow to open');
    const [mine] = await open(1, 'Outlook profile broken after migration');
    const similar = await t.ok(a, 'tickets.similar', { id: mine!.id });
    expect(similar.map((x) => x.title)).toEqual([
      'Outlook profile corrupt after migration',
      'Outlook keeps asking for the password',
    ]);
    expect(similar[0]).toMatchObject({
      solution: 'Rebuilt the Outlook profile; mailbox syncs.',
      rootCause: 'hardware_fault',
      status: 'resolved',
    });
    expect(similar[0]!.shared).toEqual(expect.arrayContaining(['migration', 'profile']));
    expect(similar.map((x) => x.id)).not.toContain(stillOpen!.id);
  });

  it('search everywhere finds a ticket by its solution, a caller by equipment, a ticket by a note', async () => {
    const [tk] = await open();
    await resolve(t, a, tk!.id, 1, 'Swapped the SFP transceiver on the uplink.');
    const [noted] = await open();
    await t.ok(a, 'tickets.addNote', { id: noted!.id, text: 'Engineer Zoë booked for Thursday.' });
    const find = (query: string) => t.ok(a, 'search.everywhere', { query });
    expect(await find('transceiver')).toContainEqual(
      expect.objectContaining({
        kind: 'ticket',
        id: tk!.id,
        detail: expect.stringContaining('transceiver'),
      }),
    );
    expect(await find('Q2KN')).toContainEqual(
      expect.objectContaining({
        kind: 'asset',
        caller: 'Kofi Mensah',
        title: 'Meraki MX68 · Q2KN-1234',
      }),
    );
    const hit = (await find('zoe')).find((h) => h.kind === 'note')!;
    expect(hit).toMatchObject({ id: noted!.id });
    expect(hit.detailMarks.map(([x, y]) => hit.detail.slice(x, y))).toEqual(['Zoë']);
  });
});
