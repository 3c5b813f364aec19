// One thread in a webview panel. The host loads the thread, keeps what it has loaded (the page
// is rebuilt whenever the panel is hidden and shown again, since context is not retained) and
// answers the page's requests after validating them.
import * as vscode from 'vscode';
import type { Clock } from '../clock';
import { SERVICE_NAMES, type MessageItem, type Thread } from '../domain/model';
import { MissingCredentialError, UnauthorizedError, describeError, isAbortError, type MissingCredential } from '../http/errors';
import { fetchImageAsDataUri } from '../http/images';
import { createDispatcher } from '../http/proxy';
import type { Logger } from '../http/client';
import { THRED_PROCESSING_POLL } from '../providers/thred/client';
import { proxySettings } from '../sources';
import type { LoadedThread, ThreadLoader } from '../threads/threadLoader';
import { refOf } from '../threads/threadTarget';
import { openWebLink, type ExternalOpener } from '../tree/treeCommands';
import { createNonce, renderPanelHtml } from './html';
import { pageMessageSchema, type FixAction, type HostMessage, type PageMessage, type PanelTarget, type ThreadView } from './protocol';

export const PANEL_VIEW_TYPE = 'threadline.thread';


export function panelKey(target: PanelTarget): string {
  return `${target.accountId}\u0000${target.threadId}`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The page's button for each missing credential, and the command behind each button. */
const FIX_FOR_MISSING: Record<MissingCredential, FixAction> = { key: 'setApiKey', originChanged: 'confirmKey', session: 'signIn', customerId: 'editAccount' };
const FIX_COMMANDS: Record<FixAction, string> = {
  setApiKey: 'threadline.setApiKey',
  signIn: 'threadline.signInTybrite',
  confirmKey: 'threadline.confirmKeyOrigin',
  editAccount: 'threadline.editAccount',
};

export interface PanelDeps {
  loader: ThreadLoader;
  extensionUri: vscode.Uri;
  log: Logger;
  /** A link that opens this thread (and message) in Threadline. */
  linkTo: (target: PanelTarget, messageId?: string) => Promise<string>;
  /** vscode.env.openExternal (a recorder in test runs). */
  openExternal: ExternalOpener;
  /** A thread was shown (the lookup index learns who is on it). */
  threadSeen: (accountId: string, thread: Thread) => void;
  /** Test runs only: sees every HTML document and message handed to the page (secrets audit). */
  inspectOutgoing?: (text: string) => void;
  /** Paces the polling of a Thred customer still being processed. */
  clock: Clock;
}

export interface PaintReport {
  messages: number;
  elements: number;
  ms: number;
  scriptMs: number;
  at: number;
}

export class ThreadPanel implements vscode.Disposable {
  private loaded: (LoadedThread & { view: ThreadView; next: string | undefined }) | undefined;
  private failure: { message: string; action?: FixAction } | undefined;
  private ready = false;
  private loadingMore = false;
  private controller = new AbortController();
  private pollWait: AbortController | undefined;
  private pollDelay: number = THRED_PROCESSING_POLL.firstMs;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** What the page last reported painting (tests, benchmarks). */
  lastPaint: PaintReport | undefined;
  private readonly paintEmitter = new vscode.EventEmitter<PaintReport>();
  readonly onDidPaint = this.paintEmitter.event;
  /** When the panel was created, and when the host had the thread ready for the page (benchmarks). */
  readonly createdAt = Date.now();
  dataReadyAt: number | undefined;
  /** Every message the page sent and whether it was accepted (tests). */
  readonly received: { accepted: boolean; type: string }[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: PanelTarget,
    private readonly deps: PanelDeps,
  ) {
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'threadline.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
      this.disposeEmitter,
      this.paintEmitter,
    );
    this.render();
    void this.load();
  }

  get view(): ThreadView | undefined {
    return this.loaded?.view;
  }

  /** Why the thread could not be shown, while it cannot. */
  get failureMessage(): string | undefined {
    return this.failure?.message;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Loads the thread again and rebuilds the page (with a new nonce). */
  reload(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.stopPolling();
    this.loaded = undefined;
    this.failure = undefined;
    this.render();
    void this.load();
  }

  dispose(): void {
    this.controller.abort();
    this.stopPolling();
    this.disposeEmitter.fire();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }

  private render(): void {
    this.ready = false;
    const webview = this.panel.webview;
    const html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview.css')).toString(),
      title: this.panel.title,
    });
    this.deps.inspectOutgoing?.(html);
    webview.html = html;
  }

  private async load(): Promise<void> {
    const signal = this.controller.signal;
    this.post({ type: 'loading', target: this.target });
    try {
      const loaded = await this.deps.loader.open(this.target, signal);
      if (signal.aborted) return;
      this.accept(loaded);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      this.fail(error);
    }
  }

  /** The account's key or session changed: a panel that failed for lack of it tries again. */
  retryIfFailed(): void {
    if (this.failure?.action) this.reload();
  }

  private fail(error: unknown): void {
    const action: FixAction | undefined =
      error instanceof MissingCredentialError ? FIX_FOR_MISSING[error.missing] : error instanceof UnauthorizedError ? 'setApiKey' : undefined;
    this.failure = { message: describeError(error), ...(action ? { action } : {}) };
    this.deps.log.warn(`Couldn't open thread ${this.target.threadId}: ${this.failure.message}`);
    this.post({ type: 'failed', target: this.target, ...this.failure });
  }

  private accept(loaded: LoadedThread): void {
    const { account, thread, firstPage } = loaded;
    const containerLabel = this.labelOfContainer(thread.containerId);
    const view: ThreadView = {
      service: account.service,
      serviceName: SERVICE_NAMES[account.service],
      accountLabel: account.label,
      ...(containerLabel ? { containerLabel } : {}),
      thread,
      messages: firstPage.items,
      hasMore: firstPage.next !== undefined,
      ...(firstPage.total !== undefined ? { total: firstPage.total } : {}),
    };
    this.loaded = { ...loaded, view, next: firstPage.next };
    this.dataReadyAt ??= Date.now();
    this.failure = undefined;
    this.panel.title = thread.title.length > 50 ? `${thread.title.slice(0, 49)}…` : thread.title;
    this.deps.threadSeen(this.target.accountId, thread);
    this.post({ type: 'thread', target: this.target, view });
    if (thread.facts.service === 'thred' && thread.facts.processing) this.schedulePoll();
    else this.stopPolling();
  }

  private labelOfContainer(containerId: string | undefined): string | undefined {
    return this.deps.loader.containerLabel(this.target.accountId, containerId ?? this.target.containerId);
  }

  /** Thred is still processing: ask again, backing off, until it is completed. */
  private schedulePoll(): void {
    this.stopPolling();
    const wait = (this.pollWait = new AbortController());
    void this.deps.clock.sleep(this.pollDelay, wait.signal).then(() => {
      const signal = this.controller.signal;
      this.deps.loader.open(this.target, signal).then(
        (loaded) => {
          if (signal.aborted) return;
          this.pollDelay = Math.min(THRED_PROCESSING_POLL.maxMs, Math.round(this.pollDelay * THRED_PROCESSING_POLL.factor));
          this.accept(loaded);
        },
        (error: unknown) => {
          if (isAbortError(error) || signal.aborted) return;
          this.fail(error);
        },
      );
    }, () => undefined /* stopped */);
  }

  private stopPolling(): void {
    this.pollWait?.abort();
    this.pollWait = undefined;
  }

  private receive(raw: unknown): void {
    const parsed = pageMessageSchema.safeParse(raw);
    this.received.push({ accepted: parsed.success, type: typeof (raw as { type?: unknown })?.type === 'string' ? String((raw as { type: string }).type) : typeof raw });
    if (!parsed.success) {
      this.deps.log.warn('Ignored a message from the thread page that does not match the protocol');
      return;
    }
    void this.handle(parsed.data).catch((error: unknown) => this.deps.log.warn(`Thread page request failed: ${describeError(error)}`));
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.loaded) this.post({ type: 'thread', target: this.target, view: this.loaded.view });
        else if (this.failure) this.post({ type: 'failed', target: this.target, ...this.failure });
        else this.post({ type: 'loading', target: this.target });
        return;
      case 'loadMore':
        return this.loadMore();
      case 'reload':
        return this.reload();
      case 'fixAccount': {
        await vscode.commands.executeCommand(FIX_COMMANDS[this.failure?.action ?? 'setApiKey'], { accountId: this.target.accountId });
        return;
      }
      case 'openLink':
        await openWebLink(message.href, this.deps.log, true, this.deps.openExternal);
        return;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('Copied the message', 3000);
        return;
      case 'copyLink':
        await vscode.env.clipboard.writeText(await this.deps.linkTo(this.target, message.messageId));
        vscode.window.setStatusBarMessage('Copied a link to the message', 3000);
        return;
      case 'loadImage':
        return this.loadImage(message.requestId, message.url);
      case 'painted':
        this.lastPaint = { messages: message.messages, elements: message.elements, ms: message.ms, scriptMs: message.scriptMs, at: Date.now() };
        this.paintEmitter.fire(this.lastPaint);
        return;
    }
  }

  private async loadMore(): Promise<void> {
    const loaded = this.loaded;
    if (!loaded?.next || this.loadingMore) return;
    this.loadingMore = true;
    const signal = this.controller.signal;
    try {
      const page = await loaded.source.listMessages(refOf(this.target), loaded.next, signal);
      if (signal.aborted || this.loaded !== loaded) return;
      const known = new Set(loaded.view.messages.map((item: MessageItem) => item.id));
      const fresh = page.items.filter((item) => item.id === undefined || !known.has(item.id));
      loaded.view.messages.push(...fresh);
      loaded.next = fresh.length > 0 ? page.next : undefined;
      loaded.view.hasMore = loaded.next !== undefined;
      this.post({ type: 'append', messages: fresh, hasMore: loaded.view.hasMore });
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      this.post({ type: 'moreFailed', message: describeError(error) });
    } finally {
      this.loadingMore = false;
    }
  }

  private async loadImage(requestId: number, url: string): Promise<void> {
    if (!URL.canParse(url)) {
      this.post({ type: 'image', requestId, error: 'Not a valid image address' });
      return;
    }
    const dispatcher = createDispatcher(url, proxySettings(), process.env);
    try {
      const dataUri = await fetchImageAsDataUri(url, dispatcher, this.controller.signal);
      this.post({ type: 'image', requestId, dataUri });
    } catch (error) {
      this.post({ type: 'image', requestId, error: error instanceof Error ? error.message : 'The image could not be loaded' });
    } finally {
      void dispatcher.close().catch(() => undefined);
    }
  }

  private post(message: HostMessage): void {
    // Until the page says it is ready it would drop messages; on 'ready' it gets the current state.
    if (!this.ready) return;
    this.deps.inspectOutgoing?.(JSON.stringify(message));
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }
}
