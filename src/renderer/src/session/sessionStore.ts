import { create } from 'zustand';
import type { ApiError } from '../../../shared/errors.ts';
import type { DeskInfo, UserInfo } from '../../../shared/views.ts';
import { api, onSessionLost } from '../api/index.ts';
import { useView } from '../app/viewStore.ts';
import {
  isLocale,
  type Locale,
  type Numbering,
  type TextSize,
} from '../../../shared/i18n/locales.ts';
import type { UiLocale } from '../../../shared/i18n/index.ts';
import { pickedHere, useLocale } from '../i18n/index.ts';

/**
 * The language to speak: the signed-in person's own, else the desk's; before anyone signs in,
 * what was picked on this workstation's sign-in screen, else the desk's. The wall-board display
 * speaks the desk's. Applied at once: nothing on screen is lost.
 */
function speak(desk: UiLocale, user?: UserInfo | null): void {
  const here = pickedHere();
  const locale: UiLocale =
    user?.role === 'wallboard'
      ? desk
      : (user?.language ??
        (user ? desk : here && (isLocale(here) || here === 'en-XA') ? here : desk));
  const l = useLocale.getState();
  // Digits before language: one new translator, not two.
  l.setNumbering(user?.numbering ?? null);
  if (l.tr.locale !== locale) useLocale.getState().setLocale(locale);
  l.setTextSize(user?.textSize ?? 'standard');
}

/**
 * `wallboard`: a display signed in with the wall-board role: it shows the wall-board only.
 * `changePassword`: signed in with a password an admin set: choosing one's own comes first.
 */
type Phase =
  'loading' | 'signedOut' | 'setup' | 'ready' | 'wallboard' | 'unreachable' | 'changePassword';

interface SessionState {
  phase: Phase;
  user: UserInfo | null;
  desk: DeskInfo | null;
  /** The desk's language, as the session last said it. */
  deskLanguage: Locale;
  /** The signed-in person's own language changed (null: the desk's). */
  setLanguage(language: Locale | null): Promise<void>;
  /** The signed-in person's digits and text size changed. */
  setDisplay(change: {
    numbering?: Numbering | null;
    textSize?: TextSize;
  }): Promise<ApiError | null>;
  load(): Promise<void>;
  signIn(username: string, password: string): Promise<ApiError | null>;
  setup(input: Parameters<typeof api.invoke<'desk.setup'>>[1]): Promise<ApiError | null>;
  signOut(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<ApiError | null>;
  /** Called when any call answers UNAUTHENTICATED: the session ended elsewhere. */
  expired(): void;
}

let displaySaves = 0;

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  user: null,
  desk: null,
  deskLanguage: 'en',
  async setLanguage(language) {
    const r = await api.invoke('auth.setLanguage', { language });
    if (r.ok) set({ user: r.value.user });
    speak(get().deskLanguage, r.ok ? r.value.user : get().user);
  },
  async setDisplay(change) {
    // Shown at once; kept after. Choices made quickly one after another each send the whole
    // display as it is now, and only the last answer is applied: an earlier one never undoes a later.
    const l = useLocale.getState();
    const display = { numbering: l.numbering, textSize: l.textSize, ...change };
    l.setNumbering(display.numbering);
    l.setTextSize(display.textSize);
    const mine = ++displaySaves;
    const r = await api.invoke('auth.setDisplay', display);
    if (mine !== displaySaves) return r.ok ? null : r.error;
    if (r.ok) set({ user: r.value.user });
    // Refused: the screen goes back to what is kept.
    speak(get().deskLanguage, r.ok ? r.value.user : get().user);
    return r.ok ? null : r.error;
  },
  async load() {
    const s = await api.invoke('session.get', {});
    if (!s.ok) return set({ phase: 'unreachable' });
    set({ deskLanguage: s.value.language });
    useLocale.getState().setRegion(s.value.region);
    speak(s.value.language, s.value.user);
    if (s.value.needsSetup) return set({ phase: 'setup', user: null });
    if (!s.value.user) return set({ phase: 'signedOut', user: null, desk: null });
    if (s.value.mustChangePassword) return set({ phase: 'changePassword', user: s.value.user });
    if (s.value.user.role === 'wallboard') return set({ phase: 'wallboard', user: s.value.user });
    const desk = await api.invoke('desk.info', {});
    if (!desk.ok) return set({ phase: 'signedOut', user: null });
    set({ phase: 'ready', user: s.value.user, desk: desk.value });
  },
  async signIn(username, password) {
    const r = await api.invoke('auth.signIn', { username, password });
    if (!r.ok) return r.error;
    // Who picked a language on the sign-in screen and has none of their own keeps it.
    const picked = pickedHere();
    if (r.value.user.language === null && isLocale(picked) && picked !== get().deskLanguage)
      await api.invoke('auth.setLanguage', { language: picked });
    // Whoever signs in starts at a new call, not on the screen the last person left open.
    useView.getState().go('intake');
    await get().load();
    return null;
  },
  async setup(input) {
    const r = await api.invoke('desk.setup', input);
    if (!r.ok) return r.error;
    await get().load();
    return null;
  },
  async changePassword(currentPassword, newPassword) {
    const r = await api.invoke('auth.changePassword', { currentPassword, newPassword });
    if (!r.ok) return r.error;
    await get().load();
    return null;
  },
  async signOut() {
    await api.invoke('auth.signOut', {});
    set({ phase: 'signedOut', user: null, desk: null });
  },
  expired() {
    set({ phase: 'signedOut', user: null, desk: null });
  },
}));

// A session that ended elsewhere (disabled, a password reset, signed out) shows what is next:
// the sign-in, or the new-password step. Several refused calls at once ask once.
let asking = false;
onSessionLost(() => {
  if (asking) return;
  asking = true;
  void useSession
    .getState()
    .load()
    .finally(() => (asking = false));
});
