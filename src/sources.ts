// One adapter per account, built with its own dispatcher (direct or through the proxy) and
// rebuilt when the account or the proxy settings change.
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from './clock';
import type { Account } from './domain/model';
import type { Logger } from './http/client';
import { ConcurrencyLimiter } from './http/limiter';
import { DEFAULT_TIMEOUTS, createDispatcher, type ProxySettings } from './http/proxy';
import { serviceDescriptor } from './providers/registry';
import type { ThreadSource } from './providers/types';
import type { AccountStore } from './accounts/accountStore';

/** Requests in flight at once across every account. */
export const MAX_CONCURRENT_REQUESTS = 8;

interface Entry {
  fingerprint: string;
  source: ThreadSource;
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

export class SourceRegistry implements vscode.Disposable {
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
   * The account's adapter; called for every tree load and panel, so it only compares the
   * account. Proxy and timeout settings are read when an adapter is built: a change to them
   * drops every adapter (see the constructor).
   */
  get(account: Account): ThreadSource {
    const fingerprint = JSON.stringify(account);
    const existing = this.entries.get(account.id);
    if (existing?.fingerprint === fingerprint) return existing.source;
    if (existing) void existing.dispatcher.close().catch(() => undefined);
    const timeouts = this.timeouts();
    const dispatcher = createDispatcher(account.baseUrl, proxySettings(), process.env, timeouts);
    const source = serviceDescriptor(account.service).create({
      account,
      credentials: this.accounts.secrets.credentialStore(account),
      dispatcher,
      limiter: this.limiter,
      log: this.log,
      clock: this.clock,
      answerTimeoutMs: timeouts.headersMs,
    });
    this.entries.set(account.id, { fingerprint, source, dispatcher });
    return source;
  }

  /** Drops the adapter of an account (removed, or its definition changed). */
  forget(accountId: string): void {
    const entry = this.entries.get(accountId);
    if (!entry) return;
    this.entries.delete(accountId);
    void entry.dispatcher.close().catch(() => undefined);
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
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
