/**
 * Each person's language and the desk's: kept with the person (their own change, so it follows
 * them to every workstation and the hub takes it from them), the desk's set by an admin, and the
 * session says both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWN_USER_FIELDS } from '../../src/shared/sync.ts';
import { demoDesk, validIntake, type TestDesk } from '../helpers/desk.ts';
import { createTranslator } from '../../src/shared/i18n/index.ts';
import { errorText } from '../../src/renderer/src/ui/errors.ts';

describe('languages', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk();
  });
  afterAll(() => t.close());

  it('a person picks theirs; null goes back to the desk’s; the session says both', async () => {
    const a = await t.as('analyst');
    expect((await t.ok(a, 'session.get', {})).user?.language).toBeNull();
    const r = await t.ok(a, 'auth.setLanguage', { language: 'ar' });
    expect(r.user.language).toBe('ar');
    // A new session of the same person, on any connection, speaks it.
    const again = await t.as('analyst');
    expect((await t.ok(again, 'session.get', {})).user?.language).toBe('ar');
    const bad = await t.desk.call(a, 'auth.setLanguage', { language: 'de' as 'en' });
    expect(bad.ok || bad.error.code).toBe('VALIDATION');
    await t.ok(a, 'auth.setLanguage', { language: null });
    expect((await t.ok(a, 'session.get', {})).user?.language).toBeNull();
  });

  it('the desk’s is an admin’s, and the sign-in screen and wall-board take it', async () => {
    const a = await t.as('analyst');
    const no = await t.desk.call(a, 'desk.setLanguage', { language: 'el' });
    expect(no.ok || no.error.code).toBe('FORBIDDEN');
    const admin = await t.as('admin');
    expect((await t.ok(admin, 'desk.setLanguage', { language: 'el' })).language).toBe('el');
    expect((await t.ok(t.desk.connect(), 'session.get', {})).language).toBe('el');
  });

  it('a person’s language, digits and text size are theirs to send: the hub takes them from them', () => {
    expect(OWN_USER_FIELDS).toEqual(expect.arrayContaining(['language', 'numbering', 'text_size']));
  });

  it('digits and text size: kept with the person, a bad choice refused and nothing changed', async () => {
    const a = await t.as('tech2');
    const before = (await t.ok(a, 'session.get', {})).user!;
    expect([before.numbering, before.textSize]).toEqual([null, 'standard']);
    await t.ok(a, 'auth.setDisplay', { numbering: 'arab', textSize: 'larger' });
    const again = await t.as('tech2');
    const after = (await t.ok(again, 'session.get', {})).user!;
    expect([after.numbering, after.textSize]).toEqual(['arab', 'larger']);
    for (const bad of [
      { numbering: 'thai', textSize: 'large' },
      { numbering: null, textSize: 'huge' },
      { numbering: null },
      { numbering: 'latn', textSize: 'large', extra: 1 },
    ]) {
      const r = await t.desk.call(a, 'auth.setDisplay', bad as never);
      expect(r.ok || r.error.code).toBe('VALIDATION');
    }
    expect((await t.ok(a, 'session.get', {})).user).toMatchObject({
      numbering: 'arab',
      textSize: 'larger',
    });
    const wallboard = await t.as('wallboard');
    const no = await t.desk.call(wallboard, 'auth.setDisplay', {
      numbering: null,
      textSize: 'large',
    });
    expect(no.ok || no.error.code).toBe('FORBIDDEN');
  });

  it('numbers in a sentence are written in the reader’s digits', async () => {
    const { createTranslator } = await import('../../src/shared/i18n/index.ts');
    const key = 'display.example' as const;
    const time = '14:05';
    expect(createTranslator('en').t(key, { count: 1234, time })).toBe(
      'Example: 1,234 open, due 14:05',
    );
    expect(createTranslator('ar', { numbering: 'arab' }).t(key, { count: 1234, time })).toContain(
      '١٬٢٣٤',
    );
    expect(
      createTranslator('hi', { numbering: 'deva' }).plural('nav.callbacks.badge', 3),
    ).toContain('३');
  });
});

describe('refusals in the reader’s words', () => {
  let t: TestDesk;
  beforeAll(async () => {
    t = await demoDesk();
  });
  afterAll(() => t.close());

  it('a conflict carries its rule and parameters; the renderer words it in each language', async () => {
    const a = await t.as('analyst');
    const [tk] = (await t.ok(a, 'intake.submit', await validIntake(t, a))).tickets;
    const { version } = await t.ok(a, 'tickets.get', { id: tk!.id });
    await t.ok(a, 'tickets.move', { id: tk!.id, to: 'open', version });
    const stale = await t.desk.call(a, 'tickets.move', {
      id: tk!.id,
      to: 'waiting_customer',
      version,
    });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        issues: [{ path: '', rule: 'stale_ticket', params: { key: tk!.key } }],
      },
    });
    if (stale.ok) return;
    const words = (l: 'en' | 'fr' | 'ar') => errorText(createTranslator(l), stale.error);
    expect(words('en')).toBe(
      `${tk!.key} was changed by someone else since you opened it; it has been refreshed`,
    );
    expect(words('fr')).toContain(tk!.key);
    expect(words('fr')).toMatch(/modifié par quelqu’un d’autre/);
    expect(words('ar')).toMatch(/غيّر شخص آخر/);
    // A refusal no rule words still reads in the reader's language (its general words).
    expect(errorText(createTranslator('el'), { code: 'CONFLICT', message: 'x', issues: [] })).toBe(
      createTranslator('el').t('error.CONFLICT'),
    );
  });
});

describe('dates, times and numbers', () => {
  it('are written in the language at the desk’s region: day before month, 24 hours in London', async () => {
    const { createTranslator, formatLocale } = await import('../../src/shared/i18n/index.ts');
    expect(formatLocale('en', 'GB')).toBe('en-GB-u-hc-h23');
    expect(formatLocale('ar', 'GB', 'latn')).toBe('ar-GB-u-hc-h23-nu-latn');
    expect(formatLocale('hi', null, 'deva')).toBe('hi-u-nu-deva');
    expect(formatLocale('en', 'US')).toBe('en-US-u-hc-h12');
    const greekInLondon = new Intl.DateTimeFormat(formatLocale('el', 'GB'), {
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(Date.UTC(2026, 11, 2, 17, 30));
    expect(greekInLondon).toBe('17:30');
    const at = Date.UTC(2026, 11, 2, 17, 30);
    const written = new Intl.DateTimeFormat(createTranslator('en', { region: 'GB' }).formats, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(at);
    expect(written).toBe('2 Dec 2026, 17:30');
  });
});
