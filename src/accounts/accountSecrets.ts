// Keys and tokens live in SecretStorage only, one entry per account and kind, each bound to the
// origin it was saved for. If an account's base URL moves to another origin, the saved value is
// not handed out until the user confirms it for the new origin or enters a new one.
import { t } from '../l10n';
import type * as vscode from 'vscode';
import type { Account } from '../domain/model';
import { MissingCredentialError } from '../http/errors';
import { originOf } from '../http/origin';
import { serviceDescriptor } from '../providers/registry';
import type { CredentialName, CredentialStore } from '../providers/types';

const PREFIX = 'threadline.secret';

export const secretKey = (accountId: string, name: CredentialName): string => `${PREFIX}/${accountId}/${name}`;

interface StoredSecret {
  origin: string;
  value: string;
}

export type SecretState =
  | { status: 'ok'; value: string }
  | { status: 'missing' }
  | { status: 'originChanged'; savedFor: string };

function parse(raw: string | undefined): StoredSecret | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredSecret>;
    return typeof value.origin === 'string' && typeof value.value === 'string' ? { origin: value.origin, value: value.value } : undefined;
  } catch {
    return undefined;
  }
}

export class AccountSecrets {
  /** Secret values seen in this session, so logs and messages can scrub them. */
  private readonly known = new Set<string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  knownValues(): Iterable<string> {
    return this.known;
  }

  /**
   * Remembers a secret value for scrubbing, and the strings inside it when it is a JSON record
   * (a session's tokens, an HMAC secret or IdP token kept with its kind): those are what could
   * appear in a line on their own.
   */
  private remember(value: string): void {
    this.known.add(value);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    for (const inner of Object.values(parsed)) if (typeof inner === 'string' && inner.length >= 8) this.known.add(inner);
  }

  async state(account: Account, name: CredentialName): Promise<SecretState> {
    const stored = parse(await this.storage.get(secretKey(account.id, name)));
    if (!stored) return { status: 'missing' };
    this.remember(stored.value);
    if (stored.origin !== originOf(account.baseUrl)) return { status: 'originChanged', savedFor: stored.origin };
    return { status: 'ok', value: stored.value };
  }

  async save(account: Account, name: CredentialName, value: string): Promise<void> {
    this.remember(value);
    const stored: StoredSecret = { origin: originOf(account.baseUrl), value };
    await this.storage.store(secretKey(account.id, name), JSON.stringify(stored));
  }

  /** Binds the saved values to the account's current origin, after the user agreed. */
  async rebind(account: Account): Promise<boolean> {
    let changed = false;
    for (const name of ['apiKey', 'session'] as const) {
      const stored = parse(await this.storage.get(secretKey(account.id, name)));
      if (stored && stored.origin !== originOf(account.baseUrl)) {
        await this.save(account, name, stored.value);
        changed = true;
      }
    }
    return changed;
  }

  async deleteAll(accountId: string): Promise<void> {
    for (const name of ['apiKey', 'session'] as const) await this.storage.delete(secretKey(accountId, name));
  }

  /**
   * What stops the account from making requests before anything is sent: no key, a key saved
   * for another origin, or (where the service reads threads with the customer's own
   * credential) no customer session.
   */
  async problem(account: Account): Promise<MissingCredentialError | undefined> {
    const descriptor = serviceDescriptor(account.service);
    const key = await this.state(account, 'apiKey');
    if (key.status === 'missing') return new MissingCredentialError({ service: descriptor.name, missing: 'key' });
    if (key.status === 'originChanged') {
      return new MissingCredentialError({
        service: descriptor.name,
        missing: 'originChanged',
        detail: t('The saved key is for {0}. Threadline will not send it to {1} until you confirm it or enter a new one.', key.savedFor, originOf(account.baseUrl)),
      });
    }
    if (descriptor.capabilities.customerCredential && (await this.state(account, 'session')).status !== 'ok') {
      return new MissingCredentialError({ service: descriptor.name, missing: 'session' });
    }
    return undefined;
  }

  /** What a provider gets: values only for the account's own origin, else a clear error. */
  credentialStore(account: Account): CredentialStore {
    const service = serviceDescriptor(account.service).name;
    return {
      get: async (name) => {
        const state = await this.state(account, name);
        if (state.status === 'originChanged') {
          throw new MissingCredentialError({
            service,
            missing: 'originChanged',
            detail: t('The saved key is for {0}, not {1}: confirm it for the new address or enter a new one', state.savedFor, originOf(account.baseUrl)),
          });
        }
        return state.status === 'ok' ? state.value : undefined;
      },
      set: (name, value) => this.save(account, name, value),
    };
  }
}

export function isThreadlineSecretKey(key: string): { accountId: string; name: string } | undefined {
  if (!key.startsWith(`${PREFIX}/`)) return undefined;
  const [, accountId, name = ''] = key.split('/');
  return accountId ? { accountId, name } : undefined;
}
