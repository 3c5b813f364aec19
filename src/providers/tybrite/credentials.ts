// The customer credential of a Tybrite account, one of three kinds (providers.md §4): a Galactic
// Core session (`x-auth-token`), the store's HMAC secret to sign `x-external-auth` claims with, or a
// token from the store's identity provider (`x-idp-token`). Whichever it is, it is kept as the
// account's `session` secret, tagged with its kind, so a value saved for another kind reads as
// missing rather than being sent in the wrong header.
import { t } from '../../l10n';
import type { OptionValue } from '../../domain/model';
import type { CredentialInput } from '../types';
import { parseStoredSession, type TybriteSession } from './mapping';
import { CREDENTIAL_HEADERS, type CredentialHeader } from './schema';

export type StoredCredential =
  | { kind: 'x-auth-token'; session: TybriteSession }
  | { kind: 'x-external-auth'; hmacSecret: string }
  | { kind: 'x-idp-token'; idpToken: string };

export const CREDENTIAL_LABELS: Readonly<Record<CredentialHeader, string>> = {
  'x-auth-token': 'session (sign in)',
  'x-external-auth': 'signed external id (store HMAC secret + external id)',
  'x-idp-token': 'IdP token',
};

export function credentialHeaderOf(options: Readonly<Record<string, OptionValue>>): CredentialHeader {
  return CREDENTIAL_HEADERS.find((header) => header === options['credentialHeader']) ?? 'x-auth-token';
}

export function encodeHmacSecret(secret: string): string {
  return JSON.stringify({ hmacSecret: secret.trim() });
}

export function encodeIdpToken(token: string): string {
  return JSON.stringify({ idpToken: token.trim() });
}

/** The stored credential for the chosen header, or undefined when none of that kind is saved. */
export function readCredential(header: CredentialHeader, raw: string | undefined): StoredCredential | undefined {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  if (header === 'x-external-auth') {
    const secret = record?.['hmacSecret'];
    return typeof secret === 'string' && secret ? { kind: header, hmacSecret: secret } : undefined;
  }
  if (header === 'x-idp-token') {
    const token = record?.['idpToken'];
    return typeof token === 'string' && token ? { kind: header, idpToken: token } : undefined;
  }
  const session = parseStoredSession(raw);
  return session ? { kind: header, session } : undefined;
}

/** What "Sign In" asks for when the account's credential is pasted rather than signed in. */
export function credentialInput(options: Readonly<Record<string, OptionValue>>): CredentialInput | undefined {
  switch (credentialHeaderOf(options)) {
    case 'x-external-auth':
      return {
        label: t('Set HMAC Secret'),
        prompt: t('The store\'s hmac_secret (Tybrite dashboard › Integrations › API Keys). Threadline signs a short claim with it for every request; the secret itself is never sent.'),
        problem: (value) => (value.trim().length >= 16 ? undefined : 'That is too short to be the store’s HMAC secret'),
        encode: encodeHmacSecret,
      };
    case 'x-idp-token':
      return {
        label: t('Enter IdP Token'),
        prompt: t('A token from the store\'s identity provider for this customer (Tybrite\'s verifier checks it on every request)'),
        problem: (value) => (value.trim() && !/\s/.test(value.trim()) ? undefined : 'Paste the token (no spaces)'),
        encode: encodeIdpToken,
      };
    case 'x-auth-token':
      return undefined;
  }
}
