// Waiting for a condition: the one way tests wait for something to happen in real time. It asks
// again every `intervalMs` until the check returns something truthy, and fails with what it
// waited for (and the check's last error) once the generous deadline passes. Never a fixed
// sleep: a fast machine moves on at once, a busy one gets the whole deadline.
import * as assert from 'node:assert/strict';

/** Deadline for a wait unless the caller knows better: generous, for a busy 2-core machine. */
export const DEFAULT_WAIT_MS = 30_000;

export async function waitUntil<T>(
  check: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  what: string | (() => string),
  { timeoutMs = DEFAULT_WAIT_MS, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
