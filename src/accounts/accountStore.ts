// The accounts the user connected: definitions from user settings, secrets from SecretStorage.
// Follows changes made elsewhere (settings edited by hand, another window saving a key).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Account, OptionValue, ServiceId } from '../domain/model';
import { baseUrlProblem, originOf } from '../http/origin';
import type { Logger } from '../logger';
import { serviceDescriptor } from '../providers/registry';
import { AccountSecrets, isThreadlineSecretKey } from './accountSecrets';
import { ACCOUNTS_SETTING, readAccounts, writeAccounts } from './accountSettings';
import { sameConnection } from './identity';

export interface NewAccount {
  service: ServiceId;
  label?: string;
  baseUrl?: string;
  apiKey?: string;
  options?: Record<string, OptionValue>;
  /** Tybrite: a customer session to save with the account (scripted set-up). */
  session?: { accessToken: string; refreshToken?: string; expiresAt?: number };
  /** A pasted customer credential (HMAC secret, IdP token), stored as the descriptor's input encodes it. */
  customerCredential?: string;
}

export interface AccountChange {
  /** Accounts whose definition or secrets changed; undefined when the whole list may have. */
  accountIds?: string[];
  /** Set when a secret changed: which one ('apiKey' or 'session'). */
  secret?: string;
}

export class AccountStore implements vscode.Disposable {
  readonly secrets: AccountSecrets;
  private accounts: Account[] = [];
  private readonly emitter = new vscode.EventEmitter<AccountChange>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private warnedAboutWorkspace = false;

  constructor(
    secretStorage: vscode.SecretStorage,
    private readonly log: Logger,
  ) {
    this.secrets = new AccountSecrets(secretStorage);
    this.reload();
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`threadline.${ACCOUNTS_SETTING}`)) {
          this.reload();
          this.emitter.fire({});
        }
      }),
      secretStorage.onDidChange((event) => {
        const owner = isThreadlineSecretKey(event.key);
        if (owner) this.emitter.fire({ accountIds: [owner.accountId], secret: owner.name });
      }),
    );
  }

  list(): readonly Account[] {
    return this.accounts;
  }

  get(id: string): Account | undefined {
    return this.accounts.find((account) => account.id === id);
  }

  /** Checks a new account; returns why it cannot be saved, or undefined. */
  problemWith(input: NewAccount): string | undefined {
    const descriptor = serviceDescriptor(input.service);
    if (!descriptor) return vscode.l10n.t('Unknown service {0}', String(input.service));
    const baseUrl = input.baseUrl ?? descriptor.defaultBaseUrl;
    const urlProblem = baseUrlProblem(baseUrl);
    if (urlProblem) return vscode.l10n.t('Base URL: {0}', urlProblem);
    if (input.apiKey !== undefined) {
      const keyProblem = descriptor.keyProblem(input.apiKey);
      if (keyProblem) return `${descriptor.keyLabel}: ${keyProblem}`;
    }
    for (const option of descriptor.options) {
      const value = input.options?.[option.key] ?? option.defaultValue;
      if (option.onlyWhen) {
        const other = descriptor.options.find((candidate) => candidate.key === option.onlyWhen?.key);
        if (String(input.options?.[option.onlyWhen.key] ?? other?.defaultValue ?? '') !== option.onlyWhen.value) continue;
      }
      if (option.required && (value === undefined || value === '')) return vscode.l10n.t('{0} is required', option.label);
      if (typeof value === 'string' && value && option.problem?.(value)) return `${option.label}: ${option.problem(value)}`;
      if (option.kind === 'choice' && value !== undefined && !option.choices?.includes(String(value))) {
        return vscode.l10n.t('{0} must be one of {1}', option.label, option.choices?.join(', ') ?? '');
      }
    }
    return undefined;
  }

  /**
   * An account that already reads what `candidate` would, with the same key: the same service,
   * base URL and service options (sameConnection) and the same saved key. Undefined if none.
   */
  async duplicateOf(candidate: Pick<Account, 'service' | 'baseUrl' | 'options'> & { apiKey: string }): Promise<Account | undefined> {
    for (const account of this.accounts) {
      if (!sameConnection(account, candidate)) continue;
      const saved = await this.secrets.state(account, 'apiKey');
      if (saved.status === 'ok' && saved.value === candidate.apiKey.trim()) return account;
    }
    return undefined;
  }

  async add(input: NewAccount): Promise<Account> {
    const problem = this.problemWith(input);
    if (problem) throw new Error(problem);
    const descriptor = serviceDescriptor(input.service);
    const options: Record<string, OptionValue> = {};
    for (const option of descriptor.options) {
      const value = input.options?.[option.key] ?? option.defaultValue;
      if (value !== undefined && value !== '') options[option.key] = value;
    }
    for (const [key, value] of Object.entries(input.options ?? {})) options[key] ??= value;
    const account: Account = {
      id: `${input.service}-${randomBytes(4).toString('hex')}`,
      service: input.service,
      label: input.label?.trim() || descriptor.name,
      baseUrl: (input.baseUrl ?? descriptor.defaultBaseUrl).trim(),
      options,
    };
    // Secrets first: an account row must never appear before its key can be read.
    if (input.apiKey) await this.secrets.save(account, 'apiKey', input.apiKey.trim());
    if (input.session) await this.secrets.save(account, 'session', JSON.stringify(input.session));
    if (input.customerCredential !== undefined) {
      const credentialInput = descriptor.capabilities.customerCredential?.input?.(account.options);
      if (!credentialInput) throw new Error(`${descriptor.name} accounts with these options sign in instead`);
      await this.secrets.save(account, 'session', credentialInput.encode(input.customerCredential));
    }
    await writeAccounts([...this.accounts, account]);
    this.reload();
    this.log.info(`Added ${descriptor.name} account "${account.label}" (${account.id}) for ${originOf(account.baseUrl)}`);
    return account;
  }

  async update(id: string, changes: Partial<Pick<Account, 'label' | 'baseUrl' | 'options'>>): Promise<Account> {
    const current = this.get(id);
    if (!current) throw new Error(`No account ${id}`);
    const next: Account = { ...current, ...changes, options: { ...current.options, ...(changes.options ?? {}) } };
    const urlProblem = baseUrlProblem(next.baseUrl);
    if (urlProblem) throw new Error(`Base URL: ${urlProblem}`);
    await writeAccounts(this.accounts.map((account) => (account.id === id ? next : account)));
    this.reload();
    this.log.info(`Updated account ${id}`);
    return next;
  }

  async remove(id: string): Promise<void> {
    await this.secrets.deleteAll(id);
    await writeAccounts(this.accounts.filter((account) => account.id !== id));
    this.reload();
    this.log.info(`Removed account ${id} and its secrets`);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private reload(): void {
    const { accounts, problems, workspaceValueIgnored } = readAccounts();
    this.accounts = accounts;
    for (const problem of problems) this.log.warn(problem);
    if (workspaceValueIgnored && !this.warnedAboutWorkspace) {
      this.warnedAboutWorkspace = true;
      this.log.warn('A workspace sets threadline.accounts; Threadline reads accounts from user settings only and ignores it.');
    }
  }
}
