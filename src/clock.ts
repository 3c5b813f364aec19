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
