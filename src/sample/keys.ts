import type { SampleKeys } from './types';

/** Fixed sample credentials: obviously fake, unique enough to grep for. Override via `startSampleServer({ keys })`. */
export const DEFAULT_SAMPLE_KEYS: SampleKeys = {
  agentsend: 'as_sample_7f3c9e2a41d8b6e0',
  // v0 keys have no documented format; v2 tokens start with sgpt_, which is how Add Account tells them apart.
  sitegpt: 'sitegpt_v0_sample_5b1e8d7c3a9f2046',
  sitegptV2: 'sgpt_sample_v2_7c1d9e4b2a6f3058',
  tybrite: 'tybrite_sk_test_sample9c4f1a7e2b6d8035',
  tybritePublishable: 'tybrite_pk_test_sample3e8a6c1f9d2b7044',
  tybriteSession: 'tybrite_session_sample_sarah_6a2f9e4c8b1d3570',
  tybriteLogin: { email: 'sarah.johnson@techcorp.example', password: 'sample-Passw0rd!' },
  tybriteHmacSecret: 'sample_hmac_secret_4e9b1c7a2d8f6053',
  tybriteIdpToken: 'sample_idp_token_sarah_8c3f1a9e7b2d',
  thred: 'thred_sample_2d7b4f9a6e1c8053',
  cattix: 'cattix_sample_8e5a2c7f4b9d1036',
};

export function resolveKeys(overrides: Partial<SampleKeys> | undefined): SampleKeys {
  return {
    ...DEFAULT_SAMPLE_KEYS,
    ...overrides,
    tybriteLogin: { ...DEFAULT_SAMPLE_KEYS.tybriteLogin, ...overrides?.tybriteLogin },
  };
}

/** The bearer token of an `Authorization: Bearer …` header (scheme case-insensitive), or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

/** A single header value (first of repeated ones), or undefined. */
export function headerValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** Constant-time-ish comparison is not needed for a sample server; plain equality keeps it simple. */
export function sameKey(given: string | undefined, expected: string): boolean {
  return given !== undefined && given === expected;
}
