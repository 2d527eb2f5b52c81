/**
 * The update policy the desktop app follows: off by default; an admin names the desk's own
 * https server, or clears it; anything else is refused with a reason and changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoDesk, fingerprint, type TestDesk } from '../helpers/desk.ts';

let t: TestDesk | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('updates', () => {
  it('off by default, set by an admin to an https server, kept in the history, cleared again', async () => {
    t = await demoDesk();
    const anyone = t.desk.connect();
    expect(await t.ok(anyone, 'updates.get', {})).toEqual({ url: null });
    const analyst = await t.as('analyst');
    const refused = await t.desk.call(analyst, 'updates.set', { url: 'https://u.example.org/' });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const admin = await t.as('admin');
    const before = fingerprint(t.desk);
    for (const url of [
      'http://u.example.org/',
      'ftp://x',
      'https://',
      'updates.example.org',
      'https://a b',
    ]) {
      const r = await t.desk.call(admin, 'updates.set', { url });
      expect(!r.ok && r.error.issues[0], url).toMatchObject({ path: 'url', rule: 'https_url' });
    }
    expect(fingerprint(t.desk)).toBe(before);
    const url = 'https://updates.example.org/switchboard/';
    expect(await t.ok(admin, 'updates.set', { url })).toEqual({ url });
    expect(await t.ok(anyone, 'updates.get', {})).toEqual({ url });
    expect(await t.ok(admin, 'updates.set', { url: ' ' })).toEqual({ url: null });
    expect(await t.ok(anyone, 'updates.get', {})).toEqual({ url: null });
    expect(
      t.desk.db
        .prepare("SELECT count(*) FROM desk_events WHERE type = 'updates.set'")
        .pluck()
        .get(),
    ).toBe(2);
  });
});
