// One provider per account, built with its own dispatcher (direct or through the proxy) and
// rebuilt when the account or the proxy settings change.
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from '../clock';
import type { Account } from '../domain/model';
import type { Logger } from '../logger';
import { ConcurrencyLimiter } from '../http/limiter';
import { DEFAULT_TIMEOUTS, createDispatcher, type ProxySettings } from '../http/proxy';
import { serviceDescriptor } from '../providers/registry';
import type { ServiceProvider } from '../providers/types';
import type { AccountStore } from './accountStore';

/** Requests in flight at once across every account. */
export const MAX_CONCURRENT_REQUESTS = 8;

interface Entry {
  fingerprint: string;
  provider: ServiceProvider;
  dispatcher: Dispatcher;
}

export function proxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy');
  const noProxy = http.get<string[]>('noProxy');
  const proxyAuthorization = http.get<string | null>('proxyAuthorization');
  return {
    ...(proxy ? { proxy } : {}),
    ...(noProxy?.length ? { noProxy } : {}),
    strictSSL: http.get<boolean>('proxyStrictSSL') !== false,
    ...(proxyAuthorization ? { proxyAuthorization } : {}),
  };
}

export class ProviderRegistry implements vscode.Disposable {
  readonly limiter = new ConcurrencyLimiter(MAX_CONCURRENT_REQUESTS);
  private readonly entries = new Map<string, Entry>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly accounts: AccountStore,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('http') || event.affectsConfiguration('threadline.requestTimeoutSeconds')) this.clear();
      }),
    );
  }

  /**
   * The account's provider; called for every load, so it only compares the account. Proxy and
   * timeout settings are read when a provider is built: a change to them drops every provider
   * (see the constructor).
   */
  get(account: Account): ServiceProvider {
    const fingerprint = JSON.stringify(account);
    const existing = this.entries.get(account.id);
    if (existing?.fingerprint === fingerprint) return existing.provider;
    // A replaced provider's dispatcher is left open: a load that started with it may still ask
    // for its next page, and a closed dispatcher would fail that as a network error. Its idle
    // connections close on undici's keep-alive timeout, and it goes with the last load using it.
    const timeouts = this.timeouts();
    const dispatcher = createDispatcher(account.baseUrl, proxySettings(), process.env, timeouts);
    const provider = serviceDescriptor(account.service).create({
      account,
      credentials: this.accounts.secrets.credentialStore(account),
      dispatcher,
      limiter: this.limiter,
      log: this.log,
      clock: this.clock,
      // The whole answer within the same time as the first byte: a trickle does not keep it open.
      answerDeadlineMs: timeouts.headersMs,
    });
    this.entries.set(account.id, { fingerprint, provider, dispatcher });
    return provider;
  }

  /** Drops the provider of an account (removed, or its definition changed). */
  forget(accountId: string): void {
    const entry = this.entries.get(accountId);
    if (!entry) return;
    this.entries.delete(accountId);
    void entry.dispatcher.close().catch(() => undefined);
  }

  /** Accounts that have a provider now. */
  accountIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Proxy or timeout settings changed: later loads get new providers (see `get` on the old). */
  clear(): void {
    this.entries.clear();
  }

  dispose(): void {
    this.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private timeouts() {
    const seconds = vscode.workspace.getConfiguration('threadline').get<number>('requestTimeoutSeconds') ?? 30;
    const ms = Math.max(1, seconds) * 1000;
    return { ...DEFAULT_TIMEOUTS, headersMs: ms, bodyMs: ms };
  }
}
