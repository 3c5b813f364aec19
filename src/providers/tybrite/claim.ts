// Tybrite's `x-external-auth` assertion (docs: sdk/customers-and-auth.mdx, "Customer-self endpoints in
// Path B"): `<base64url(JSON)>.<base64url(HMAC-SHA256(JSON))>` over the claim
// `{"external_id", "iat", "exp"}` (Unix seconds, exp − iat ≤ 300), keyed on the store's
// `hmac_secret`. It is a per-request statement ("replaying one value fails"), so Threadline signs a
// different one for every request and every socket it opens, and never keeps one.
import { createHmac } from 'node:crypto';

/** The most the docs allow between iat and exp. */
export const MAX_CLAIM_LIFETIME_SECONDS = 300;
/** What Threadline asks for unless the account says otherwise (the docs' own example: 4 minutes). */
export const DEFAULT_CLAIM_LIFETIME_SECONDS = 240;

export interface ExternalClaim {
  external_id: string;
  iat: number;
  exp: number;
}

/** The claim JSON exactly as the docs' signing example builds it (key order external_id, iat, exp). */
export function claimJson(claim: ExternalClaim): string {
  return JSON.stringify({ external_id: claim.external_id, iat: claim.iat, exp: claim.exp });
}

export function signClaim(claim: ExternalClaim, hmacSecret: string): string {
  const json = claimJson(claim);
  const signature = createHmac('sha256', hmacSecret).update(json).digest();
  return `${Buffer.from(json).toString('base64url')}.${signature.toString('base64url')}`;
}

/** `lifetimeSeconds` as a claim may have it: a whole number from 1 to the documented 300. */
function claimLifetime(lifetimeSeconds: number): number {
  return Math.max(1, Math.min(MAX_CLAIM_LIFETIME_SECONDS, Math.floor(lifetimeSeconds) || 1));
}

/** A claim for `externalId` valid from now (ms) for `lifetimeSeconds` (clamped to 1…300). */
export function freshClaim(externalId: string, nowMs: number, lifetimeSeconds: number): ExternalClaim {
  const iat = Math.floor(nowMs / 1000);
  return { external_id: externalId, iat, exp: iat + claimLifetime(lifetimeSeconds) };
}

/**
 * Gives every request a claim of its own. A claim is whole seconds and nothing else, so requests
 * signed in the same second (a thread's details, its messages and its live feed go out together)
 * would carry one assertion, and Tybrite refuses the second sight of one. So within a second each
 * further claim ends a second earlier, down to one that is still good for more than a second; past
 * that, the claim is for the next second and the request waits for it (`iat` in the future by at
 * most the queue ahead of it). One sequence per account.
 */
export class ClaimSequence {
  private second = Number.NEGATIVE_INFINITY;
  private usedInSecond = 0;
  private lastNowMs = Number.NEGATIVE_INFINITY;

  /** The next claim's `iat` and `exp` for a request made at `nowMs` (ms): wait until `iat` before sending. */
  next(nowMs: number, lifetimeSeconds: number): { iat: number; exp: number } {
    const lifetime = claimLifetime(lifetimeSeconds);
    // exp − iat from `lifetime` down to 2: each still valid for over a second once its second starts.
    const perSecond = Math.max(1, lifetime - 1);
    const now = Math.floor(nowMs / 1000);
    // A clock set back (a test's clock swapped for the real one) starts afresh rather than waiting it out.
    const setBack = nowMs < this.lastNowMs - 1_000;
    this.lastNowMs = nowMs;
    if (now > this.second || setBack) {
      this.second = now;
      this.usedInSecond = 0;
    } else if (this.usedInSecond >= perSecond) {
      this.second += 1;
      this.usedInSecond = 0;
    }
    const iat = this.second;
    const exp = iat + lifetime - this.usedInSecond;
    this.usedInSecond += 1;
    return { iat, exp };
  }
}
