// The one policy for live threads (a service that pushes new messages): while someone watches,
// keep one connection; when it drops or cannot open, try again after 1 s, doubling up to 30 s;
// after 20 attempts in a row that never opened, stop and say so (Reload starts again).

export const LIVE_POLICY = {
  firstMs: 1_000,
  factor: 2,
  maxMs: 30_000,
  maxFailedOpens: 20,
} as const;

export type LivePolicy = { readonly firstMs: number; readonly factor: number; readonly maxMs: number; readonly maxFailedOpens: number };

/** How a watched live thread's connection stands, as the panel header shows it. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The wait before reconnect attempt `failures` (0 after a connection that was up and dropped). */
export function reconnectDelay(failures: number, policy: LivePolicy = LIVE_POLICY): number {
  return Math.min(policy.maxMs, policy.firstMs * policy.factor ** Math.max(0, failures));
}
