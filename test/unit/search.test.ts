import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/core/kernel/context.ts';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';

describe('search everywhere', () => {
  let t: TestDesk;
  let a: Connection;
  const keys = new Map<string, string>();
  const written: [string, string, string][] = [
    [
      'fr',
      'Imprimante du café',
      "Depuis ce matin l'imprimante du café déchire chaque feuille au démarrage.",
    ],
    ['el', 'Πρόβλημα δικτύου', 'Από το πρωί η σύνδεση στο λογιστήριο πέφτει κάθε δέκα λεπτά.'],
    ['ar', 'مشكلة في الطابعة', 'منذ الصباح الطابعة في قسم المحاسبة تطبع صفحات فارغة دائما.'],
    ['hi', 'ईमेल की समस्या', 'आज सुबह से लेखा विभाग में ईमेल सिंक नहीं हो रहा है।'],
    ['ar2', 'المطبعة بالطابق الثاني', 'أُعيدت الطّابعة إلى المخزن، والمكتبة تنتظر.'],
    ['hi2', 'काग़ज़ फँसा है', 'ट्रे दो में काग़ज़ बार-बार फँसता है।'],
  ];
  beforeAll(async () => {
    t = await demoDesk();
    a = await t.as('analyst');
    let i = 0;
    for (const [lang, title, description] of written) {
      const input = await validIntake(t, a, 1);
      input.accountNumber = `SRCH-${i++}`;
      input.problems[0] = { ...input.problems[0]!, title, description };
      const r = await t.ok(a, 'intake.submit', input);
      keys.set(lang, r.tickets[0]!.key);
    }
  });
  afterAll(() => t.close());
  const find = async (query: string) => t.ok(a, 'search.everywhere', { query });

  it.each([
    ['fr', 'déchire'],
    ['el', 'λογιστήριο'],
    ['ar', 'المحاسبة'],
    ['hi', 'विभाग'],
  ])(
    'a word from the middle of the %s description finds its ticket, marked',
    async (lang, word) => {
      const hits = await find(word);
      const hit = hits.find((h) => h.kind === 'ticket' && h.title.startsWith(keys.get(lang)!));
      expect(hit, `${lang}: ${word}`).toBeDefined();
      expect(hit!.detailMarks.map(([s, e]) => hit!.detail.slice(s, e))).toContain(word);
    },
  );

  it.each([
    ['fr', 'cafe', 'café'],
    ['fr', 'DECHIRE', 'déchire'],
    ['el', 'λογιστηριο', 'λογιστήριο'],
    ['el', 'ΔΙΚΤΥΟΥ', 'δικτύου'],
  ])(
    'accents and case do not matter in Latin and Greek: %s "%s" marks "%s"',
    async (lang, query, shown) => {
      const hits = await find(query);
      const hit = hits.find((h) => h.title.startsWith(keys.get(lang)!))!;
      expect(hit).toBeDefined();
      const marked = [
        ...hit.titleMarks.map(([s, e]) => hit.title.slice(s, e)),
        ...hit.detailMarks.map(([s, e]) => hit.detail.slice(s, e)),
      ];
      expect(marked).toContain(shown);
    },
  );

  it.each([
    ['ar2', 'مطبعة', 'المطبعة'],
    ['ar2', 'طابق', 'بالطابق'],
    ['ar2', 'الطابعه', 'الطّابعة'],
    ['ar2', 'اعيدت', 'أُعيدت'],
    ['ar2', 'الي', 'إلى'],
    ['ar2', 'مكتبة', 'والمكتبة'],
    ['hi2', 'कागज', 'काग़ज़'],
    ['hi2', 'फंसा', 'फँसा'],
  ])(
    'Arabic and Hindi are found as their readers write them: %s "%s" marks "%s"',
    async (lang, query, shown) => {
      const hits = await find(query);
      const hit = hits.find((h) => h.title.startsWith(keys.get(lang)!));
      expect(hit, `${query} finds ${lang}`).toBeDefined();
      const marked = [
        ...hit!.titleMarks.map(([s, e]) => hit!.title.slice(s, e)),
        ...hit!.detailMarks.map(([s, e]) => hit!.detail.slice(s, e)),
      ];
      expect(marked).toContain(shown);
    },
  );

  it('finds callers too, in their own script', async () => {
    const hits = await find('Παπαδοπ');
    expect(hits.filter((h) => h.kind === 'customer').map((h) => h.title)).toEqual([
      'Ελένη Παπαδοπούλου',
    ]);
  });

  it('search syntax is just text', async () => {
    for (const q of ['"', 'NEAR(', '*', 'a OR b)', '^x'])
      expect((await t.desk.call(a, 'search.everywhere', { query: q })).ok).toBe(true);
  });
});
