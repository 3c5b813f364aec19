// Tybrite's `x-external-auth` assertion (docs: sdk/customers-and-auth.mdx, "Customer-self endpoints in
// Path B"): `<base64url(JSON)>.<base64url(HMAC-SHA256(JSON))>` over the claim
// `{"external_id", "iat", "exp"}` (Unix seconds, exp − iat ≤ 300), keyed on the store's
// `hmac_secret`. It is a per-request statement, so Threadline signs a fresh one for every request
// and every socket it opens, and never keeps one.
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

/** A claim for `externalId` valid from now (ms) for `lifetimeSeconds` (clamped to 1…300). */
export function freshClaim(externalId: string, nowMs: number, lifetimeSeconds: number): ExternalClaim {
  const iat = Math.floor(nowMs / 1000);
  const lifetime = Math.max(1, Math.min(MAX_CLAIM_LIFETIME_SECONDS, Math.floor(lifetimeSeconds)));
  return { external_id: externalId, iat, exp: iat + lifetime };
}
