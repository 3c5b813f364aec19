// @ts-check
// How the launcher waits: for something to happen, never for a fixed time. A deadline bounds a
// wait (a process that must start, exit, or answer); a poll asks again until a condition holds.

/**
 * The promise's value, or undefined once `ms` have passed without it.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T | undefined>}
 */
export function withDeadline(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  return Promise.race([promise, new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Asks `check` every `intervalMs` until it returns something truthy (its value), or undefined
 * once `timeoutMs` have passed.
 * @template T
 * @param {() => Promise<T | undefined | null | false>} check
 * @param {{ intervalMs: number, timeoutMs: number }} options
 * @returns {Promise<T | undefined>}
 */
export async function pollUntil(check, { intervalMs, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return undefined;
}
