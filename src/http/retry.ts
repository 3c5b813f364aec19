// The retry rules, kept apart from the HTTP client so they can be tested on their own.
// Why not undici's RetryAgent: it caps Retry-After at its own max timeout and does not stop
// waiting when the request is aborted.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the n-th retry is drawn from [0, min(maxDelayMs, baseDelayMs * 2^n)) — "full jitter". */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry may end later than this long after the first attempt started. */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 8_000,
  deadlineMs: 30_000,
};

/** Statuses worth another try for an idempotent GET. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Socket errors that mean the connection was cut, not that the server is absent or slow. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Milliseconds to wait according to a Retry-After header, which is either delta-seconds or an
 * HTTP date. Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Full-jitter backoff before retry number `retry` (0 for the first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before the next attempt: the jittered backoff, or — when the server said how
 * long — exactly that plus a small spread (up to 10 %, at most 1 s) so that clients told the same
 * moment do not all return at once. A Retry-After is never shortened.
 */
export function nextDelay(retry: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
  if (retryAfterMs === undefined) return backoffDelay(retry, policy, random);
  const spread = Math.min(1000, retryAfterMs * 0.1);
  return retryAfterMs + Math.floor(random() * spread);
}
