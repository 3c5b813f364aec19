// Moving the extension's clock (src/clock.ts AdvanceableClock, used in test runs) so that waits
// end when the test says rather than after real seconds: a request that will never be answered
// reaches its deadline, a polling or retry wait is over. Everything else runs in real time.
import { waitUntil } from '../../support/wait';
import { threadline } from './threadline';

/** `threadline.requestTimeoutSeconds` by default: how long a request may wait for its answer. */
export const ANSWER_TIMEOUT_MS = 30_000;

/**
 * Ends the extension's soonest wait if it is shorter than `limitMs` — a retry or polling wait,
 * never an answer deadline (those are longer) — and returns how far time moved (0 if none).
 */
export async function skipShortWait(limitMs = ANSWER_TIMEOUT_MS / 2): Promise<number> {
  const { clock } = await threadline();
  const soonest = clock.pending()[0];
  if (soonest === undefined || soonest >= limitMs) return 0;
  clock.advance(Math.max(0, soonest));
  return soonest;
}

/**
 * Waits for `check`, ending every short wait of the extension (retries, polling) as soon as it
 * starts: what would take real seconds of backing off happens at once.
 */
export async function untilWithWaitsSkipped<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string): Promise<T> {
  return waitUntil(async () => {
    const value = await check();
    if (value) return value;
    await skipShortWait();
    return undefined;
  }, what);
}

/** Makes every request in flight reach its answer deadline now (for a server that hangs). */
export async function passAnswerDeadline(): Promise<void> {
  (await threadline()).clock.advance(ANSWER_TIMEOUT_MS);
}
