// One thread in a webview panel. The store holds the thread and its messages; the panel asks it to
// load, follows its changes, and sends the page what it needs (the page is rebuilt whenever the
// panel is hidden and shown again, since context is not retained). What the page sends back is
// validated before anything is done with it.
import * as vscode from 'vscode';
import type { Thread } from '../domain/model';
import type { ThreadTarget } from '../domain/target';
import { MissingCredentialError, UnauthorizedError, describeError, type MissingCredential } from '../http/errors';
import { fetchImageAsDataUri } from '../http/images';
import type { Instrumentation } from '../instrumentation';
import type { Logger } from '../logger';
import { serviceDescriptor } from '../providers/registry';
import type { Subscription } from '../store/emitter';
import type { StoreChange, ThreadStore } from '../store/threadStore';
import { proxySettings } from '../accounts/providerRegistry';
import { panelTitle } from '../sinks/title';
import { openWebLink, type ExternalOpener } from '../ui/links';
import { createNonce, renderPanelHtml } from './html';
import { pageMessageSchema, type FixAction, type HostMessage, type PageMessage, type ThreadView } from './protocol';

export const PANEL_VIEW_TYPE = 'threadline.thread';

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
  store: ThreadStore;
  extensionUri: vscode.Uri;
  log: Logger;
  /** A link that opens this thread (and message) in Threadline. */
  linkTo: (target: ThreadTarget, messageId?: string) => Promise<string>;
  /** vscode.env.openExternal (a recorder in test runs). */
  openExternal: ExternalOpener;
  instrumentation: Instrumentation;
}

export class ThreadPanel implements vscode.Disposable {
  private ready = false;
  /** What the page was last sent, so a change is posted only when it changes what the page shows. */
  private shown: { messages: number; json: string } | undefined;
  private watching: Subscription | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: ThreadTarget,
    private readonly deps: PanelDeps,
  ) {
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'threadline.svg');
    const changes = deps.store.onDidChange((change) => this.storeChanged(change));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
      // A thread that is still processing is followed only while someone can see it.
      panel.onDidChangeViewState(() => this.updateWatch()),
      { dispose: () => changes.dispose() },
      this.disposeEmitter,
    );
    this.render();
    this.updateWatch();
    // A panel opened now shows the thread as it is now, whatever an earlier panel loaded.
    void deps.store.openThread(target, { force: true });
  }

  /** What the page shows now (or would, once ready). */
  get view(): ThreadView | undefined {
    return this.viewOf();
  }

  /** Why the thread could not be shown, while it cannot. */
  get failureMessage(): string | undefined {
    const record = this.deps.store.thread(this.target.accountId, this.target.threadId);
    return record?.state === 'failed' ? describeError(record.error) : undefined;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Loads the thread again and rebuilds the page (with a new nonce). */
  reload(): void {
    this.render();
    this.deps.store.retryFollow(this.target);
    void this.deps.store.openThread(this.target, { force: true });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watching?.dispose();
    this.disposeEmitter.fire();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }

  private updateWatch(): void {
    if (this.panel.visible && !this.watching) this.watching = this.deps.store.watch(this.target);
    else if (!this.panel.visible && this.watching) {
      this.watching.dispose();
      this.watching = undefined;
    }
  }

  private render(): void {
    this.ready = false;
    this.shown = undefined;
    const webview = this.panel.webview;
    const html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview.css')).toString(),
      title: this.panel.title,
    });
    this.deps.instrumentation.toWebview(html);
    webview.html = html;
  }

  private storeChanged(change: StoreChange): void {
    if (change.kind === 'accountRemoved' && change.accountId === this.target.accountId) {
      this.post({ type: 'failed', target: this.target, message: 'This account was removed from Threadline.' });
      return;
    }
    if ((change.kind !== 'thread' && change.kind !== 'messages') || change.accountId !== this.target.accountId || change.threadId !== this.target.threadId) return;
    const record = this.deps.store.thread(this.target.accountId, this.target.threadId);
    // A credential was fixed (a key set, a sign-in) after this thread failed for want of it.
    if (record?.state === 'stale') void this.deps.store.openThread(this.target);
    if (change.kind === 'messages' && change.appended && this.shown && record?.state === 'loaded') {
      // Paging that stopped with a message falls through: the page shows the note with the thread.
      if ((change.appended.length > 0 && record.stopped === undefined) || record.moreError !== undefined) {
        this.shown.messages += change.appended.length;
        if (record.moreError !== undefined) this.post({ type: 'moreFailed', message: describeError(record.moreError) });
        else this.post({ type: 'append', messages: [...change.appended], hasMore: record.hasMore });
        return;
      }
    }
    this.postCurrent();
  }

  /** The thread as the page shows it, from the store's record. */
  private viewOf(): ThreadView | undefined {
    const record = this.deps.store.thread(this.target.accountId, this.target.threadId);
    if (!record?.thread || (record.state !== 'loaded' && record.state !== 'stale')) return undefined;
    const account = this.deps.store.account(this.target.accountId);
    const thread: Thread = record.thread;
    const containerLabel = this.deps.store.containerLabel(account.id, thread.containerId ?? this.target.containerId);
    return {
      service: account.service,
      serviceName: serviceDescriptor(account.service).name,
      accountLabel: account.label,
      ...(containerLabel ? { containerLabel } : {}),
      thread,
      messages: [...record.messages],
      hasMore: record.hasMore,
      ...(record.total !== undefined ? { total: record.total } : {}),
      ...(record.stopped ? { stopped: record.stopped } : {}),
      ...(record.follow === 'gaveUp' ? { followGaveUp: true } : {}),
    };
  }

  /** Sends the page the thread as it stands now: loading, failed, or shown. */
  private postCurrent(): void {
    if (!this.deps.store.hasAccount(this.target.accountId)) return;
    const record = this.deps.store.thread(this.target.accountId, this.target.threadId);
    if (record?.state === 'failed') {
      const error = record.error;
      const customerCredential = serviceDescriptor(this.deps.store.account(this.target.accountId).service).capabilities.customerCredential;
      const action: FixAction | undefined =
        error instanceof MissingCredentialError
          ? FIX_FOR_MISSING[error.missing]
          : error instanceof UnauthorizedError
            ? customerCredential?.rejected(error.serviceMessage)
              ? 'signIn'
              : 'setApiKey'
            : undefined;
      const message = describeError(error);
      this.deps.log.warn(`Couldn't open thread ${this.target.threadId}: ${message}`);
      this.shown = undefined;
      this.post({ type: 'failed', target: this.target, message, ...(action ? { action } : {}) });
      return;
    }
    const view = this.viewOf();
    if (!view) {
      this.post({ type: 'loading', target: this.target });
      return;
    }
    this.panel.title = panelTitle(view.thread.title);
    const json = JSON.stringify({ ...view, messages: view.messages.length });
    if (this.shown?.json === json && this.shown.messages === view.messages.length) return;
    this.shown = { json, messages: view.messages.length };
    this.post({ type: 'thread', target: this.target, view });
  }

  private receive(raw: unknown): void {
    const parsed = pageMessageSchema.safeParse(raw);
    this.deps.instrumentation.fromWebview(typeof (raw as { type?: unknown })?.type === 'string' ? String((raw as { type: string }).type) : typeof raw, parsed.success);
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
        this.shown = undefined;
        this.postCurrent();
        return;
      case 'loadMore':
        return this.deps.store.loadMoreMessages(this.target);
      case 'reload':
        return this.reload();
      case 'fixAccount': {
        const record = this.deps.store.thread(this.target.accountId, this.target.threadId);
        const error = record?.error;
        const action = error instanceof MissingCredentialError ? FIX_FOR_MISSING[error.missing] : 'setApiKey';
        await vscode.commands.executeCommand(FIX_COMMANDS[action], { accountId: this.target.accountId });
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
    }
  }

  private async loadImage(requestId: number, url: string): Promise<void> {
    const controller = new AbortController();
    const stop = this.onDidDispose(() => controller.abort());
    try {
      const dataUri = await fetchImageAsDataUri(url, { signal: controller.signal, proxy: proxySettings(), env: process.env });
      this.post({ type: 'image', requestId, dataUri });
    } catch (error) {
      this.post({ type: 'image', requestId, error: error instanceof Error ? error.message : 'The image could not be loaded' });
    } finally {
      stop.dispose();
    }
  }

  private post(message: HostMessage): void {
    // Until the page says it is ready it would drop messages; on 'ready' it gets the current state.
    if (!this.ready || this.disposed) return;
    this.deps.instrumentation.toWebview(JSON.stringify(message));
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }
}
