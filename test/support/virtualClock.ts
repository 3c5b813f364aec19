// A clock for tests: time stands still until the test moves it. Code under test gets it as its
// Clock (src/clock.ts); its sleeps end only when `advance` takes virtual time past their end, in
// the order they are due, so Retry-After, backoff, timeouts and polling run in microseconds of
// real time and a test can say exactly how long something waited.
import { abortError, type Clock } from '../../src/clock';

interface Sleeper {
  readonly started: number;
  readonly until: number;
  readonly resolve: () => void;
}

export class VirtualClock implements Clock {
  private time: number;
  private readonly sleepers: Sleeper[] = [];
  private readonly watchers = new Set<() => void>();

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.remove(sleeper);
        reject(abortError(signal as AbortSignal));
      };
      const sleeper: Sleeper = {
        started: this.time,
        until: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Kept in the order they are due; equal ends keep the order they were asked for.
      const at = this.sleepers.findIndex((other) => other.until > sleeper.until);
      this.sleepers.splice(at === -1 ? this.sleepers.length : at, 0, sleeper);
      for (const watcher of [...this.watchers]) watcher();
    });
  }

  /**
   * Moves virtual time forward by `ms`, ending each sleep that falls due on the way, one at a
   * time and in order; after each, the woken code runs until it waits again (on I/O or on
   * another sleep — which, when it falls due within the same advance, ends in turn).
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = this.sleepers[0];
      if (!next || next.until > target) break;
      this.sleepers.shift();
      this.time = next.until;
      next.resolve();
    }
    this.time = target;
    await settle();
  }

  /** Moves time to the end of the soonest sleep and ends it; returns how long that was. */
  async advanceToNext(): Promise<number> {
    const next = this.sleepers[0];
    if (!next) throw new Error('nothing is sleeping');
    const step = next.until - this.time;
    await this.advance(step);
    return step;
  }

  /** The sleeps waiting now, soonest first: how long each asked for, and how much is left. */
  pending(): { ms: number; remaining: number }[] {
    return this.sleepers.map((sleeper) => ({ ms: sleeper.until - sleeper.started, remaining: sleeper.until - this.time }));
  }

  /**
   * Resolves once a sleep matching `which` (any, by default) is waiting — already, or as soon as
   * the code under test starts one — with how long it asked for. This is how a test knows the
   * code has reached its wait, without sleeping itself.
   */
  whenSleeping(which: (ms: number) => boolean = () => true): Promise<number> {
    const find = () => this.pending().find((sleeper) => which(sleeper.ms))?.ms;
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => {
      const watcher = () => {
        const ms = find();
        if (ms === undefined) return;
        this.watchers.delete(watcher);
        resolve(ms);
      };
      this.watchers.add(watcher);
    });
  }

  private remove(sleeper: Sleeper): void {
    const index = this.sleepers.indexOf(sleeper);
    if (index !== -1) this.sleepers.splice(index, 1);
  }
}

/** Lets every callback already queued run (promise jobs and the I/O and timer phases that follow). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
