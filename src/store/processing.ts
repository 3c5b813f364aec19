// The one policy for waiting on a service that is still working (Thred enriching a customer):
// ask again after 1 s, then 1.5× longer each time up to 8 s, and give up after five minutes
// with a "still processing — Retry" state. Used by every caller through the store.

export const PROCESSING_POLICY = {
  firstMs: 1_000,
  factor: 1.5,
  maxMs: 8_000,
  giveUpAfterMs: 5 * 60_000,
} as const;

export type ProcessingPolicy = { readonly firstMs: number; readonly factor: number; readonly maxMs: number; readonly giveUpAfterMs: number };

/** The wait after `previous` (undefined for the first). */
export function nextPollDelay(previous: number | undefined, policy: ProcessingPolicy = PROCESSING_POLICY): number {
  return previous === undefined ? policy.firstMs : Math.min(policy.maxMs, Math.round(previous * policy.factor));
}
