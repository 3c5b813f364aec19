// Time as Threadline's own code sees it. Production code gets the system clock; tests hand in a
// virtual one, so Retry-After, backoff, polling and auto-refresh run in virtual time.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's AbortError when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

/** The error a sleep rejects with when its signal aborts (the same kind timers/promises uses). */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('The operation was aborted', { cause: reason });
  error.name = 'AbortError';
  return error;
}

/**
 * Runs `action` every `everyMs` until the signal aborts; the first run is one interval away.
 * Resolves (never rejects) once stopped.
 */
export async function repeatEvery(clock: Clock, everyMs: number, action: () => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await clock.sleep(everyMs, signal);
    } catch {
      return; // aborted
    }
    action();
  }
}

/**
 * The system clock, plus a way for a test run to move time forward: `advance(ms)` makes now()
 * jump and ends at once every sleep that the jump takes past its end. Everything else runs in
 * real time. The extension uses it only in ExtensionMode.Test, so the integration suite can end
 * a request timeout or a polling wait without waiting for it.
 */
export class AdvanceableClock implements Clock {
  private offset = 0;
  private readonly sleepers = new Set<{ until: number; wake: () => void }>();

  now(): number {
    return Date.now() + this.offset;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const early = new AbortController();
    const sleeper = { until: this.now() + ms, wake: () => early.abort() };
    this.sleepers.add(sleeper);
    const onAbort = () => early.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    return delay(ms, undefined, { signal: early.signal }).then(
      () => undefined,
      (error: unknown) => {
        // Woken by advance(): the sleep is over. Aborted by the caller: pass that on.
        if (signal?.aborted) throw abortError(signal);
        if (!early.signal.aborted) throw error;
      },
    ).finally(() => {
      this.sleepers.delete(sleeper);
      signal?.removeEventListener('abort', onAbort);
    });
  }

  /** Moves time forward; returns how many sleeps that ended. */
  advance(ms: number): number {
    this.offset += ms;
    const now = this.now();
    let woken = 0;
    for (const sleeper of [...this.sleepers].sort((a, b) => a.until - b.until)) {
      if (sleeper.until > now) break;
      this.sleepers.delete(sleeper);
      sleeper.wake();
      woken++;
    }
    return woken;
  }

  /** How long each waiting sleep has left, soonest first. */
  pending(): number[] {
    const now = this.now();
    return [...this.sleepers].map((sleeper) => sleeper.until - now).sort((a, b) => a - b);
  }
}
