import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_TOASTS,
  useToasts,
  withToast,
  type Toast,
  type ToastTone,
} from '../../src/renderer/src/ui/toastStore.ts';

let id = 0;
const toast = (text: string, tone: ToastTone = 'ok'): Toast => ({ id: ++id, text, tone });
const shown = (list: Toast[]) => list.map((t) => `${t.tone}: ${t.text}`);

describe('which toasts stand', () => {
  it('a success clears a standing error, and leaves earlier successes', () => {
    let list = withToast([], toast('Call saved: LON-000001'));
    list = withToast(list, toast('Fix 2 fields', 'error'));
    list = withToast(list, toast('Call saved: LON-000002'));
    expect(shown(list)).toEqual(['ok: Call saved: LON-000001', 'ok: Call saved: LON-000002']);
  });

  it('errors do not pile up: the newest one stands alone, the same one repeated stands once', () => {
    let list: Toast[] = [];
    for (let i = 0; i < 5; i++) list = withToast(list, toast('Fix 2 fields', 'error'));
    expect(shown(list)).toEqual(['error: Fix 2 fields']);
    list = withToast(list, toast('Someone else changed it first', 'error'));
    expect(shown(list)).toEqual(['error: Someone else changed it first']);
  });

  it('a repeated toast moves to the end as a new one (announced again), not a second copy', () => {
    const first = toast('Contact logged on LON-000001');
    const again = toast('Contact logged on LON-000001');
    const list = withToast(withToast(withToast([], first), toast('LON-000001 resolved')), again);
    expect(list.map((t) => t.id)).toEqual([list[0]!.id, again.id]);
    expect(shown(list)).toEqual(['ok: LON-000001 resolved', 'ok: Contact logged on LON-000001']);
  });

  it('desk alerts are not answers to the user: a success or an error leaves them standing', () => {
    let list = withToast([], toast('Business failure: LON-000007', 'alert'));
    list = withToast(list, toast('Fix 1 field', 'error'));
    list = withToast(list, toast('Call saved: LON-000008'));
    list = withToast(list, toast('Business failure: LON-000007', 'alert'));
    expect(shown(list)).toEqual([
      'ok: Call saved: LON-000008',
      'alert: Business failure: LON-000007',
    ]);
  });

  it(`at most ${MAX_TOASTS} stand, the oldest going first`, () => {
    let list: Toast[] = [];
    for (let n = 1; n <= 6; n++) list = withToast(list, toast(`LON-00000${n} resolved`));
    expect(shown(list)).toEqual([
      'ok: LON-000004 resolved',
      'ok: LON-000005 resolved',
      'ok: LON-000006 resolved',
    ]);
  });
});

describe('the toast store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useToasts.setState({ toasts: [] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows the rules and lets each toast go after its time, not a replacement’s', () => {
    const { show } = useToasts.getState();
    show('Fix 2 fields', 'error'); // an error stands 8 s
    vi.advanceTimersByTime(7000);
    show('Fix 2 fields', 'error');
    expect(shown(useToasts.getState().toasts)).toEqual(['error: Fix 2 fields']);
    // The first one's time has run out: the repeat, shown later, still stands.
    vi.advanceTimersByTime(2000);
    expect(shown(useToasts.getState().toasts)).toEqual(['error: Fix 2 fields']);
    show('Call saved: LON-000001');
    expect(shown(useToasts.getState().toasts)).toEqual(['ok: Call saved: LON-000001']);
    vi.runAllTimers();
    expect(useToasts.getState().toasts).toEqual([]);
  });
});
