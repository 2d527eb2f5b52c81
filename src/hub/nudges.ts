/**
 * Long-polls woken by NOTIFY: a workstation waiting for news of its desk is answered as soon as a
 * push to that desk commits (on any instance: the NOTIFY reaches every instance's LISTEN), or
 * when its wait runs out. A nudge carries no data; the workstation pulls.
 */
export class Nudges {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Called for each NOTIFY: its payload names the desk. */
  notify(deskId: string): void {
    const set = this.waiting.get(deskId);
    if (!set) return;
    this.waiting.delete(deskId);
    for (const wake of set) wake();
  }

  /**
   * Starts waiting at once (so a push that commits while the caller still checks is not missed);
   * the promise says whether a nudge came before `ms` ran out.
   */
  waiter(deskId: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let set = this.waiting.get(deskId);
      if (!set) this.waiting.set(deskId, (set = new Set()));
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        set.delete(wake);
        if (set.size === 0 && this.waiting.get(deskId) === set) this.waiting.delete(deskId);
        resolve(false);
      }, ms);
      set.add(wake);
    });
  }

  /** Ends every wait (the instance is stopping). */
  releaseAll(): void {
    for (const deskId of [...this.waiting.keys()]) this.notify(deskId);
  }
}
