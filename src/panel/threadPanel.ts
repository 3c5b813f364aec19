// One thread in a webview panel. The store holds the thread and its messages; the panel asks it to
// load, follows its changes, and sends the page what it needs: the thread's header and a window
// of messages around where the reader is, then the ranges the page asks for as it scrolls (the
// page is rebuilt whenever the panel is hidden and shown again, since context is not retained).
// A preview panel shows one thread after another in the same webview (`show`). What the page
// sends back is validated before anything is done with it.
import * as vscode from 'vscode';
import type { MessageItem, Thread } from '../domain/model';
import { targetKey, type ThreadTarget } from '../domain/target';
import { describeError, isAbortError } from '../http/errors';
import { fetchImageAsDataUri } from '../http/images';
import type { Instrumentation } from '../instrumentation';
import type { Logger } from '../logger';
import { serviceDescriptor } from '../providers/registry';
import type { Subscription } from '../store/emitter';
import type { StoreChange, ThreadStore, ThreadView as StoredThread } from '../store/threadStore';
import { fixForError } from '../accounts/fixes';
import { proxySettings } from '../accounts/providerRegistry';
import { logLine } from '../sinks/logLine';
import { openWebLink, type ExternalOpener } from '../ui/links';
import { createNonce, renderPanelHtml } from './html';
import { pageMessageSchema, type FixAction, type HostMessage, type PageMessage, type Position, type ThreadView } from './protocol';

export const PANEL_VIEW_TYPE = 'threadline.thread';

/** Messages sent with a thread or a range at most: the page asks for more as the reader scrolls. */
const WINDOW = 100;
const MAX_RANGE = 300;
/** Messages forwarded as they arrive at most; past that (a whole thread fetched) the page asks by range. */
const MAX_FORWARD = 500;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The command behind each of the page's fix buttons. */
const FIX_COMMANDS: Record<FixAction, string> = {
  setApiKey: 'threadline.setApiKey',
  signIn: 'threadline.signInTybrite',
  confirmKey: 'threadline.confirmKeyOrigin',
  editAccount: 'threadline.editAccount',
};

/** Where a thread opens: at its first unread message (or the latest), or at the oldest. */
export type OpenAt = 'unreadOrLatest' | 'oldest';

/** A message to show (0 = the first) and the words to highlight in the thread. */
export interface MessageAt {
  index: number;
  highlight?: string;
}

export interface PanelDeps {
  store: ThreadStore;
  extensionUri: vscode.Uri;
  log: Logger;
  /** A link that opens this thread (and message) in Threadline. */
  linkTo: (target: ThreadTarget, messageId?: string) => Promise<string>;
  /** vscode.env.openExternal (a recorder in test runs). */
  openExternal: ExternalOpener;
  instrumentation: Instrumentation;
  /** The `threadline.openAt` setting, read when a thread is shown. */
  openAt: () => OpenAt;
  /** The reader kept a preview open (scrolled, searched, Keep Open). */
  keepOpen: (panel: ThreadPanel) => void;
  /** The thread's title or the panel's target changed: the manager titles every tab again. */
  titleChanged: () => void;
  /** The extension's clock (how old a cached copy is). */
  now: () => number;
}

export class ThreadPanel implements vscode.Disposable {
  private ready = false;
  /** What the page was last sent, so a change is posted only when it changes what the page shows. */
  private shown: string | undefined;
  private watching: Subscription | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private disposed = false;
  private currentTarget: ThreadTarget;
  private previewing: boolean;
  /** Where the reader should land once the thread is loaded; undefined once placed. */
  private pendingPosition: Position | 'openAt' | undefined = 'openAt';
  /** The generation of the thread the pending position was prepared for. */
  private arriving: number | undefined;
  /** Around which message the page reads (the last range it asked for), for the window sent with a thread. */
  private readingAt = 0;
  private loadTask: AbortController | undefined;
  private searchTask: AbortController | undefined;
  private containersAsked = new Set<string>();
  /** The tab's title as the manager decided (the thread's title, with its service when titles collide). */
  private tabTitle: string | undefined;
  /** Words to highlight when the thread is next shown at a position. */
  private pendingHighlight: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    target: ThreadTarget,
    private readonly deps: PanelDeps,
    options: { preview?: boolean; position?: Position; at?: MessageAt } = {},
  ) {
    this.currentTarget = target;
    this.previewing = options.preview ?? false;
    if (options.position) this.pendingPosition = options.position;
    if (options.at) this.setAt(options.at);
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
    void deps.store.openThread(target, this.refreshOptions());
  }

  /** Loading the thread afresh, with where the reader will likely land if the thread is held already. */
  private refreshOptions(): { force: true; landingAt?: number } {
    const landingAt = this.landingGuess();
    return landingAt === undefined ? { force: true } : { force: true, landingAt };
  }

  /**
   * Where the reader lands, as far as the thread held now tells (arrive() decides for certain once
   * the fresh thread is in): a place asked for, else the first unread message, else the latest.
   */
  private landingGuess(): number | undefined {
    const pending = this.pendingPosition;
    if (pending === undefined) return undefined;
    if (pending !== 'openAt') return 'index' in pending ? pending.index : undefined;
    const record = this.record();
    if (record?.state !== 'loaded' || !record.thread || this.deps.openAt() === 'oldest') return undefined;
    const count = Math.max(record.total ?? 0, record.messages.length);
    const unread = record.thread.unread ?? 0;
    return unread > 0 && unread <= count ? count - unread : count - 1;
  }

  get target(): ThreadTarget {
    return this.currentTarget;
  }

  /** A preview panel shows whichever thread was clicked last; a kept one its own thread. */
  get preview(): boolean {
    return this.previewing;
  }

  /** The thread's title as the service gave it (before the manager adds a service to tell tabs apart). */
  get threadTitle(): string | undefined {
    return this.deps.store.thread(this.target.accountId, this.target.threadId)?.thread?.title ?? this.deps.store.titleOf(this.target.accountId, this.target.threadId);
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

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** The preview shows another thread: same webview, new content (the page drops the old thread). */
  show(target: ThreadTarget): void {
    if (targetKey(target) === targetKey(this.currentTarget)) return;
    this.cancelTasks();
    this.watching?.dispose();
    this.watching = undefined;
    this.currentTarget = target;
    this.pendingPosition = 'openAt';
    this.pendingHighlight = undefined;
    this.arriving = undefined;
    this.readingAt = 0;
    this.shown = undefined;
    this.updateWatch();
    this.deps.titleChanged();
    this.post({ type: 'loading', target, preview: this.previewing });
    void this.deps.store.openThread(target, this.refreshOptions());
  }

  /** Shows the message at `at.index`, with its words highlighted (loading the page that holds it). */
  goTo(at: MessageAt): void {
    this.setAt(at);
    this.arriving = undefined;
    const record = this.record();
    if (record?.state === 'loaded' && this.ready) void this.arrive(record);
  }

  private setAt(at: MessageAt): void {
    this.pendingPosition = { index: at.index, align: 'start' };
    this.pendingHighlight = at.highlight;
  }

  /** Kept open: no longer the preview. */
  keep(): void {
    if (!this.previewing) return;
    this.previewing = false;
    this.post({ type: 'preview', preview: false });
    this.deps.titleChanged();
  }

  /** Called by the manager: the tab's title, with the service where titles collide. */
  setTabTitle(title: string): void {
    this.tabTitle = title;
    const shown = this.previewing ? vscode.l10n.t('{0} (preview)', title) : title;
    if (this.panel.title !== shown) this.panel.title = shown;
  }

  /** Loads the thread again and rebuilds the page (with a new nonce); the page keeps its place. */
  reload(): void {
    this.cancelTasks();
    this.render();
    this.deps.store.retryFollow(this.target);
    void this.deps.store.openThread(this.target, { force: true });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelTasks();
    this.watching?.dispose();
    this.disposeEmitter.fire();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }

  private cancelTasks(): void {
    this.loadTask?.abort();
    this.loadTask = undefined;
    this.searchTask?.abort();
    this.searchTask = undefined;
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
      highlighterUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'highlight.js')).toString(),
      title: this.tabTitle ?? vscode.l10n.t('Thread'),
      ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
      language: vscode.env.language,
      loading: vscode.l10n.t('Loading…'),
    });
    this.deps.instrumentation.toWebview(html);
    webview.html = html;
  }

  private record(): StoredThread | undefined {
    return this.deps.store.thread(this.target.accountId, this.target.threadId);
  }

  private storeChanged(change: StoreChange): void {
    if (change.kind === 'accountRemoved' && change.accountId === this.target.accountId) return; // the manager closes the panel
    if (change.kind === 'containers' && change.accountId === this.target.accountId) {
      this.postCurrent();
      return;
    }
    if ((change.kind !== 'thread' && change.kind !== 'messages') || change.accountId !== this.target.accountId || change.threadId !== this.target.threadId) return;
    const record = this.record();
    // A credential was fixed (a key set, a sign-in) after this thread failed for want of it.
    if (record?.state === 'stale') void this.deps.store.openThread(this.target);
    if (change.kind === 'messages' && this.shown && record?.state === 'loaded') {
      if (record.moreError !== undefined && !change.range && change.appended?.length === 0) {
        this.post({ type: 'moreFailed', message: describeError(record.moreError) });
        return;
      }
      const offset = change.range ? change.range.offset : (change.from ?? record.messages.length - (change.appended?.length ?? 0));
      const items = change.range
        ? definedRun(this.deps.store.messagesIn(this.target, change.range.offset, change.range.offset + change.range.count))
        : (change.appended ?? []).length <= MAX_FORWARD
          ? [...(change.appended ?? [])]
          : []; // a whole thread arrived: the page asks for what it shows
      this.post({ type: 'messages', offset, messages: items, ...this.counts(record) });
      return;
    }
    if (record?.state === 'loaded' && this.ready) void this.arrive(record);
    this.postCurrent();
  }

  private counts(record: StoredThread): { held: number; hasMore: boolean; total?: number; generation: number; stopped?: string } {
    return {
      held: record.messages.length,
      hasMore: record.hasMore,
      ...(record.total !== undefined ? { total: record.total } : {}),
      generation: record.generation,
      // Paging that stopped on a later page says why, under the header like a first page's stop.
      ...(record.stopped !== undefined ? { stopped: record.stopped } : {}),
    };
  }

  private canJump(): boolean {
    const account = this.deps.store.account(this.target.accountId);
    return serviceDescriptor(account.service).capabilities.messagePaging === 'offset' && this.record()?.total !== undefined;
  }

  /**
   * A thread just loaded: works out where the reader lands (a saved place, the first unread
   * message, the latest, or the top), loads the page that holds it, then shows the thread there.
   */
  private async arrive(record: StoredThread): Promise<void> {
    if (this.pendingPosition === undefined || this.arriving === record.generation) return;
    this.arriving = record.generation;
    const target = this.target;
    let position: Position | undefined = this.pendingPosition === 'openAt' ? undefined : this.pendingPosition;
    const thread = record.thread;
    const count = () => Math.max(this.record()?.total ?? 0, this.record()?.messages.length ?? 0);
    if (!position) {
      if (!thread || thread.messagesUnavailable || record.messages.length === 0 || this.deps.openAt() === 'oldest') position = { at: 'top' };
      else {
        if (record.hasMore && !this.canJump()) await this.loadToEnd(); // a cursor service: forward to the end first
        const unread = thread.unread ?? 0;
        const known = count();
        position = unread > 0 && unread <= known ? { index: known - unread, align: 'start' } : { at: 'end' };
      }
    }
    const index = 'index' in position ? position.index : position.at === 'end' ? count() - 1 : 0;
    if (targetKey(target) !== targetKey(this.target)) return;
    try {
      if (this.canJump()) await this.deps.store.loadMessagesAt(target, index);
      else if (index >= (this.record()?.messages.length ?? 0) && this.record()?.hasMore) await this.deps.store.loadMessagesUntil(target, index + 1);
    } catch (error) {
      this.deps.log.warn(`Couldn't load the messages around where the reader was: ${describeError(error)}`);
    }
    if (targetKey(target) !== targetKey(this.target) || this.pendingPosition === undefined) return;
    this.readingAt = Math.max(0, index);
    this.pendingPosition = undefined;
    this.shown = undefined;
    this.postCurrent(position);
    // Shown to the reader: the thread counts as read here (the tree's marker and the badge follow).
    this.deps.store.markRead(target.accountId, target.threadId);
  }

  /** The thread as the page shows it, from the store's record, with the window around `center`. */
  private viewOf(center = this.readingAt): ThreadView | undefined {
    const record = this.record();
    if (!record?.thread || (record.state !== 'loaded' && record.state !== 'stale')) return undefined;
    const account = this.deps.store.account(this.target.accountId);
    const thread: Thread = record.thread;
    const containerId = thread.containerId ?? this.target.containerId;
    const containerLabel = this.deps.store.containerLabel(account.id, containerId);
    if (!containerLabel && containerId && !this.containersAsked.has(account.id)) {
      // After a reload nothing has listed the account's containers yet: the breadcrumb needs them.
      this.containersAsked.add(account.id);
      void this.deps.store.ensureContainers(account.id).catch(() => undefined);
    }
    const count = Math.max(record.total ?? 0, record.messages.length);
    const from = Math.max(0, Math.min(center - WINDOW / 2, count - WINDOW));
    const window = this.deps.store.messagesIn(this.target, from, from + WINDOW);
    const start = window.findIndex((item) => item !== undefined);
    const messages = start === -1 ? [] : definedRun(window.slice(start));
    return {
      service: account.service,
      serviceName: serviceDescriptor(account.service).name,
      accountLabel: account.label,
      ...(containerLabel ? { containerLabel } : {}),
      thread,
      messages,
      offset: start === -1 ? 0 : from + start,
      held: record.messages.length,
      hasMore: record.hasMore,
      ...(record.total !== undefined ? { total: record.total } : {}),
      canJump: this.canJump(),
      generation: record.generation,
      ...(record.stopped ? { stopped: record.stopped } : {}),
      ...(record.follow === 'gaveUp' ? { followGaveUp: true } : {}),
      ...(record.live ? { live: record.live } : {}),
      ...(record.cached ? { cached: cachedOf(record.cached, this.deps.now()) } : {}),
    };
  }

  /** Sends the page the thread as it stands now: loading, failed, or shown (at `position`, if given). */
  private postCurrent(position?: Position): void {
    if (!this.deps.store.hasAccount(this.target.accountId)) return;
    const record = this.record();
    if (record?.state === 'failed') {
      const error = record.error;
      // The same fix the tree and the connection test offer (a 404 here is this thread's, not the base URL's).
      const action: FixAction | undefined = fixForError(error, this.deps.store.account(this.target.accountId), 'item');
      const message = describeError(error);
      this.deps.log.warn(`Couldn't open thread ${this.target.threadId}: ${message}`);
      this.shown = undefined;
      this.post({ type: 'failed', target: this.target, message, ...(action ? { action } : {}) });
      return;
    }
    const view = this.viewOf();
    // Until the reader's place is ready, the page says it is loading (rather than showing the top, then jumping).
    if (!view || this.pendingPosition !== undefined) {
      this.post({ type: 'loading', target: this.target, preview: this.previewing });
      return;
    }
    this.deps.titleChanged();
    const json = JSON.stringify({ ...view, messages: undefined, offset: undefined, preview: this.previewing });
    if (!position && this.shown === json) return;
    this.shown = json;
    const highlight = position ? this.pendingHighlight : undefined;
    if (position) this.pendingHighlight = undefined;
    this.post({ type: 'thread', target: this.target, view, preview: this.previewing, ...(position ? { position } : {}), ...(highlight ? { highlight } : {}) });
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
      case 'ready': {
        this.ready = true;
        this.shown = undefined;
        // The page was rebuilt (tab shown again, Reload, window reload): back to where it was.
        if (message.anchor && targetKey(message.anchor.target) === targetKey(this.target)) {
          this.pendingPosition = { index: message.anchor.index, ...(message.anchor.offset !== undefined ? { offset: message.anchor.offset } : {}) };
          this.arriving = undefined;
        } else if (this.pendingPosition === undefined) {
          this.pendingPosition = { at: 'top' };
          this.arriving = undefined;
        }
        const record = this.record();
        if (record?.state === 'loaded') void this.arrive(record);
        this.postCurrent();
        return;
      }
      case 'loadMore':
        return this.deps.store.loadMoreMessages(this.target);
      case 'loadRange':
        return this.loadRange(message.from, message.to);
      case 'loadToEnd':
        return this.loadToEnd();
      case 'cancelLoad':
        this.loadTask?.abort();
        return;
      case 'searchAll':
        return this.searchAll(message.query);
      case 'cancelSearch':
        this.searchTask?.abort();
        return;
      case 'keepOpen':
        if (this.previewing) this.deps.keepOpen(this);
        return;
      case 'reload':
        return this.reload();
      case 'fixAccount': {
        const action = fixForError(this.record()?.error, this.deps.store.account(this.target.accountId), 'item') ?? 'setApiKey';
        await vscode.commands.executeCommand(FIX_COMMANDS[action], { accountId: this.target.accountId });
        return;
      }
      case 'openLink':
        await openWebLink(message.href, this.deps.log, true, this.deps.openExternal);
        return;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the message'), 3000);
        return;
      case 'copyLink':
        await vscode.env.clipboard.writeText(await this.deps.linkTo(this.target, message.messageId));
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a link to the message'), 3000);
        return;
      case 'loadImage':
        return this.loadImage(message.requestId, message.url);
    }
  }

  /** Sends what is held of `from`…`to`, and asks the service for the pages that are not. */
  private async loadRange(from: number, to: number): Promise<void> {
    const record = this.record();
    if (!record || record.state !== 'loaded') return;
    const end = Math.min(to, from + MAX_RANGE);
    this.readingAt = Math.floor((from + end) / 2);
    const held = this.deps.store.messagesIn(this.target, from, end);
    for (const run of runsOf(held, from)) this.post({ type: 'messages', offset: run.offset, messages: run.items, ...this.counts(record) });
    const missingIn = (items: readonly (MessageItem | undefined)[]) => items.map((item, position) => (item ? -1 : from + position)).filter((index) => index >= 0);
    let missing = missingIn(held);
    const target = this.target;
    try {
      if (this.canJump()) {
        // Page by page (the store asks for each page once); each arrives through storeChanged.
        while (missing.length > 0 && targetKey(target) === targetKey(this.target)) {
          const first = missing[0] as number;
          await this.deps.store.loadMessagesAt(target, first);
          const still = missingIn(this.deps.store.messagesIn(target, from, end));
          if (still[0] === first) break; // the service had nothing there
          missing = still;
        }
      } else if ((missing[0] ?? 0) >= record.messages.length) await this.deps.store.loadMoreMessages(target);
    } catch (error) {
      this.post({ type: 'rangeFailed', offset: missing[0] ?? from, message: describeError(error) });
    }
  }

  /** End / Jump to latest: the last page directly (offset paging), or page after page with progress. */
  private async loadToEnd(): Promise<void> {
    const record = this.record();
    if (!record || record.state !== 'loaded') return;
    const target = this.target;
    if (this.canJump()) {
      const last = Math.max(0, (record.total ?? record.messages.length) - 1);
      this.readingAt = last;
      try {
        await this.deps.store.loadMessagesAt(target, last);
        const items = this.deps.store.messagesIn(target, Math.max(0, last - WINDOW + 1), last + 1);
        const after = this.record();
        for (const run of runsOf(items, Math.max(0, last - WINDOW + 1))) if (after) this.post({ type: 'messages', offset: run.offset, messages: run.items, ...this.counts(after) });
      } catch (error) {
        this.post({ type: 'rangeFailed', offset: last, message: describeError(error) });
      }
      return;
    }
    if (!record.hasMore) return;
    this.loadTask?.abort();
    const controller = new AbortController();
    this.loadTask = controller;
    const progress = (loaded: number, total: number | undefined, extra: { done?: boolean; error?: string } = {}) =>
      this.post({ type: 'progress', task: 'load', loaded, ...(total !== undefined ? { total } : {}), ...extra });
    progress(record.messages.length, record.total);
    try {
      await this.deps.store.loadMessagesUntil(target, undefined, { signal: controller.signal, onProgress: (loaded, total) => progress(loaded, total) });
      const after = this.record();
      progress(after?.messages.length ?? 0, after?.total, { done: true });
    } catch (error) {
      const after = this.record();
      progress(after?.messages.length ?? 0, after?.total, { done: true, ...(isAbortError(error) || controller.signal.aborted ? {} : { error: describeError(error) }) });
    } finally {
      if (this.loadTask === controller) this.loadTask = undefined;
    }
  }

  /** Searches every message of the thread on the host, fetching the pages not held, with progress. */
  private async searchAll(query: string): Promise<void> {
    this.searchTask?.abort();
    const controller = new AbortController();
    this.searchTask = controller;
    const target = this.target;
    try {
      const found = await this.deps.store.searchMessages(target, query, {
        signal: controller.signal,
        onProgress: (loaded, total) => this.post({ type: 'progress', task: 'search', loaded, ...(total !== undefined ? { total } : {}) }),
      });
      if (controller.signal.aborted || targetKey(target) !== targetKey(this.target)) return;
      this.post({
        type: 'searchResult',
        query: query.slice(0, 1_000),
        matches: found.matches.map((match) => ({ index: match.index, count: match.count })),
        count: found.count,
        searched: found.searched,
        total: found.total,
        ...(found.stopped ? { stopped: found.stopped } : {}),
      });
    } catch (error) {
      const record = this.record();
      this.post({ type: 'progress', task: 'search', loaded: record?.messages.length ?? 0, done: true, ...(isAbortError(error) || controller.signal.aborted ? {} : { error: describeError(error) }) });
    } finally {
      if (this.searchTask === controller) this.searchTask = undefined;
    }
  }

  private async loadImage(requestId: number, url: string): Promise<void> {
    const controller = new AbortController();
    const stop = this.onDidDispose(() => controller.abort());
    try {
      const dataUri = await fetchImageAsDataUri(url, { signal: controller.signal, proxy: proxySettings(), env: process.env });
      this.post({ type: 'image', requestId, dataUri });
    } catch (error) {
      this.deps.log.info(logLine(vscode.l10n.t('An image could not be loaded from {0}: {1}', URL.canParse(url) ? new URL(url).host : 'an address that does not parse', error instanceof Error ? error.message : String(error))));
      this.post({ type: 'image', requestId, error: 'failed' });
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

/** A copy from the disk cache as the page shows it: its age, and the refresh's state in words. */
function cachedOf(cached: NonNullable<StoredThread['cached']>, now: number): NonNullable<ThreadView['cached']> {
  return {
    ageMs: Math.max(0, now - cached.savedAt),
    refreshing: cached.refreshing,
    ...(cached.error !== undefined ? { problem: describeError(cached.error).slice(0, 10_000) } : {}),
  };
}

/** The leading run of held messages. */
function definedRun(items: readonly (MessageItem | undefined)[]): MessageItem[] {
  const out: MessageItem[] = [];
  for (const item of items) {
    if (!item) break;
    out.push(item);
  }
  return out;
}

/** Each run of held messages, with where it starts. */
function runsOf(items: readonly (MessageItem | undefined)[], from: number): { offset: number; items: MessageItem[] }[] {
  const runs: { offset: number; items: MessageItem[] }[] = [];
  let current: { offset: number; items: MessageItem[] } | undefined;
  items.forEach((item, position) => {
    if (!item) {
      current = undefined;
      return;
    }
    if (!current) runs.push((current = { offset: from + position, items: [] }));
    current.items.push(item);
  });
  return runs;
}
