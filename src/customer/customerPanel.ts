// Show Customer: one person's conversations across every account, on one timeline grouped by
// day, in a webview (the thread panel's shell: strict CSP, a fresh nonce per render, no network).
// The page gets text and entry numbers only (src/customer/protocol.ts, validated on both sides);
// choosing an entry opens its thread. Each account says whether it was asked, and if not, why.
import * as vscode from 'vscode';
import { absoluteTime } from '../domain/format';
import type { ThreadTarget } from '../domain/target';
import { describeError, isAbortError } from '../http/errors';
import type { Instrumentation } from '../instrumentation';
import type { Logger } from '../logger';
import type { ServiceRegistry } from '../providers/registry';
import { customerHistory, type CustomerEntry, type CustomerHistory } from '../store/customerHistory';
import type { ThreadStore } from '../store/threadStore';
import { customerPageMessageSchema, type CustomerAccountView, type CustomerEntryView, type CustomerHostMessage } from './protocol';

export const CUSTOMER_VIEW_TYPE = 'threadline.customer';

export interface CustomerPanelDeps {
  store: ThreadStore;
  services: ServiceRegistry;
  accounts: () => readonly import('../domain/model').Account[];
  extensionUri: vscode.Uri;
  log: Logger;
  instrumentation: Instrumentation;
  openThread: (target: ThreadTarget) => void;
  /** The thread panel's HTML shell (strict CSP, the script by nonce) and a fresh nonce, handed in by extension.ts. */
  shell: {
    render(options: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; highlighterUri: string; title: string; l10n?: Readonly<Record<string, string>>; language?: string; loading?: string }): string;
    nonce(): string;
  };
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The history as the page shows it: entries grouped by day (newest first), and each account's outcome. */
export function historyView(history: CustomerHistory, store: ThreadStore, services: ServiceRegistry): Extract<CustomerHostMessage, { type: 'history' }> {
  const days: { day: string; entries: CustomerEntryView[] }[] = [];
  history.entries.forEach((entry, index) => {
    const time = entry.at ? Date.parse(entry.at) : Number.NaN;
    const day = Number.isFinite(time) ? dayFormat.format(time) : vscode.l10n.t('Date unknown');
    let group = days.at(-1);
    if (group?.day !== day) days.push((group = { day, entries: [] }));
    const account = store.account(entry.accountId);
    const when = absoluteTime(entry.at);
    group.entries.push({
      entry: index,
      serviceName: services.get(account.service).name,
      accountLabel: account.label,
      title: entry.title,
      ...(Number.isFinite(time) ? { time: timeFormat.format(time) } : {}),
      ...(when ? { when } : {}),
      ...(entry.status ? { status: entry.status } : {}),
      source: entry.source,
    });
  });
  const accounts: CustomerAccountView[] = history.accounts.map((outcome) => {
    const account = store.account(outcome.accountId);
    return {
      serviceName: services.get(account.service).name,
      accountLabel: account.label,
      kind: outcome.kind,
      found: outcome.found,
      ...(outcome.kind !== 'asked' ? { why: outcome.why } : {}),
    };
  });
  return { type: 'history', email: history.email, days, accounts };
}

export class CustomerPanel implements vscode.Disposable {
  private entries: CustomerEntry[] = [];
  private last: CustomerHostMessage | undefined;
  private task: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly email: string,
    private readonly deps: CustomerPanelDeps,
  ) {
    const disposing = new vscode.EventEmitter<void>();
    this.onDidDispose = disposing.event;
    panel.webview.options = { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media')] };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'threadline.svg');
    this.disposables.push(
      disposing,
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => {
        disposing.fire();
        this.dispose();
      }),
    );
    this.render();
    void this.load();
  }

  /** The history as last sent to the page (tests read it). */
  get shown(): CustomerHostMessage | undefined {
    return this.last;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.task?.abort();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }

  private render(): void {
    const webview = this.panel.webview;
    const html = this.deps.shell.render({
      cspSource: webview.cspSource,
      nonce: this.deps.shell.nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'customer.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'customer.css')).toString(),
      highlighterUri: '',
      title: vscode.l10n.t('Customer'),
      ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
      language: vscode.env.language,
      loading: vscode.l10n.t('Loading…'),
    });
    this.deps.instrumentation.toWebview(html);
    webview.html = html;
  }

  private async load(): Promise<void> {
    this.task?.abort();
    const controller = new AbortController();
    this.task = controller;
    this.post({ type: 'loading', email: this.email });
    try {
      const history = await customerHistory(this.deps.store, this.deps.services, this.deps.accounts(), this.email, controller.signal);
      if (controller.signal.aborted) return;
      this.entries = history.entries;
      this.post(historyView(history, this.deps.store, this.deps.services));
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.deps.log.warn(`Show Customer failed: ${describeError(error)}`);
      this.post({ type: 'failed', email: this.email, message: describeError(error) });
    }
  }

  private post(message: CustomerHostMessage): void {
    this.last = message;
    this.deps.instrumentation.toWebview(JSON.stringify(message));
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = customerPageMessageSchema.safeParse(raw);
    this.deps.instrumentation.fromWebview(typeof (raw as { type?: unknown })?.type === 'string' ? String((raw as { type: string }).type) : typeof raw, parsed.success);
    if (!parsed.success) {
      this.deps.log.warn('Ignored a message from the customer page that does not match the protocol');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        // The page was (re)built: it gets what it shows again.
        if (this.last) void this.panel.webview.postMessage(this.last);
        return;
      case 'refresh':
        void this.load();
        return;
      case 'open': {
        const entry = this.entries[message.entry];
        if (!entry || !this.deps.store.hasAccount(entry.accountId)) return;
        this.deps.openThread({ accountId: entry.accountId, threadId: entry.threadId, ...(entry.containerId ? { containerId: entry.containerId } : {}) });
        return;
      }
    }
  }
}
