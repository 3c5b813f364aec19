// A container (inbox, chatbot, company, customer, recent list) and the threads loaded into it,
// page by page. "Load more…" appends the next page and redraws only this node.
import * as vscode from 'vscode';
import { SERVICE_NAMES, type Account, type Container, type ContainerKind, type ThreadFilter, type ThreadSummary } from '../domain/model';
import { describeFilter, plural } from '../domain/format';
import { InvalidResponseError, isAbortError } from '../http/errors';
import { treeDescription, treeLabel, treeTooltipText } from '../sinks/treeLabel';
import { matchesLocally, serverFilter } from './filters';
import { rowsForError } from './problemRows';
import { ErrorNode, NoteNode, PagerNode } from './rows';
import { ThreadNode } from './threadNode';
import { TreeNode, type TreeContext } from './treeNode';

const ICONS: Record<ContainerKind, string> = {
  inbox: 'inbox',
  chatbot: 'hubot',
  company: 'organization',
  customer: 'person',
  recent: 'history',
};

export class ContainerNode extends TreeNode {
  readonly id: string;
  threads: ThreadSummary[] = [];
  next: string | undefined;
  total: number | undefined;
  unreadable = 0;
  filter: ThreadFilter = {};
  loadingMore = false;
  private loaded: Promise<void> | undefined;
  /** The first page has arrived (or failed) since the last invalidate. */
  private settled = false;
  private error: unknown;
  private moreError: unknown;
  private readonly threadNodes = new Map<string, ThreadNode>();
  private controller = new AbortController();

  constructor(
    parent: TreeNode,
    private readonly context: TreeContext,
    public account: Account,
    public container: Container,
  ) {
    super(parent);
    this.id = `${parent.id}/${container.kind}:${container.id}`;
  }

  get accountId(): string {
    return this.account.id;
  }
  get containerId(): string {
    return this.container.id;
  }

  private get source() {
    return this.context.sources.get(this.account);
  }

  get filterDefinitions() {
    return this.source.filters;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.container.label), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const filter = describeFilter(this.filter);
    const description = filter ? `filter: ${filter}` : this.container.description;
    if (description) item.description = treeDescription(description);
    item.iconPath = new vscode.ThemeIcon(filter ? 'filter' : ICONS[this.container.kind]);
    item.contextValue = ['container', filter ? 'filtered' : ''].filter(Boolean).join(' ');
    return item;
  }

  override tooltip(): string {
    const lines = [this.container.label];
    if (this.container.description) lines.push(this.container.description);
    if (this.loaded && !this.error) {
      lines.push(`${plural(this.threads.length, 'thread')} loaded${this.total !== undefined ? ` of ${this.total}` : this.next ? ', more available' : ''}`);
    }
    const filter = describeFilter(this.filter);
    if (filter) lines.push(`Filter: ${filter}`);
    return treeTooltipText(lines.join('\n'));
  }

  override async getChildren(): Promise<TreeNode[]> {
    this.loaded ??= this.loadFirstPage();
    await this.loaded;
    return this.rows();
  }

  /** Loads again (after the first page being fetched, if one is: see AccountNode.reload). */
  reload(): void {
    if (this.loaded && !this.settled) {
      void this.loaded.then(() => setTimeout(() => this.reload(), 0));
      return;
    }
    this.invalidate();
    this.context.changed(this);
  }

  override invalidate(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.loaded = undefined;
    this.settled = false;
    this.error = undefined;
    this.moreError = undefined;
    this.threads = [];
    this.next = undefined;
    this.total = undefined;
    this.unreadable = 0;
    this.loadingMore = false;
    this.threadNodes.clear();
  }

  setFilter(filter: ThreadFilter): void {
    const serverChanged = JSON.stringify(serverFilter(filter, this.filterDefinitions)) !== JSON.stringify(serverFilter(this.filter, this.filterDefinitions));
    this.filter = filter;
    if (serverChanged) this.invalidate();
    this.context.changed(this);
  }

  /** Appends the next page; only this node is redrawn. */
  async loadMore(): Promise<void> {
    if (!this.next || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    this.context.changed(this);
    const signal = this.controller.signal;
    try {
      const page = await this.source.listThreads(this.container, { cursor: this.next, filter: serverFilter(this.filter, this.filterDefinitions) }, signal);
      if (signal.aborted) return;
      const known = new Set(this.threads.map((thread) => thread.threadId));
      const fresh = page.items.filter((thread) => !known.has(thread.threadId));
      this.threads.push(...fresh);
      this.context.threadsLoaded(this.account.id, fresh);
      // A page with nothing new means the service is repeating itself: stop paging.
      this.next = fresh.length > 0 ? page.next : undefined;
      if (page.total !== undefined) this.total = page.total;
      this.unreadable += page.unreadable ?? 0;
    } catch (error) {
      if (!isAbortError(error)) this.moreError = error;
    } finally {
      if (!signal.aborted) {
        this.loadingMore = false;
        this.context.changed(this);
        this.context.unreadChanged();
      }
    }
  }

  /** Threads with unread messages among those loaded. */
  unreadThreads(): number {
    return this.threads.filter((thread) => (thread.unread ?? 0) > 0).length;
  }

  private async loadFirstPage(): Promise<void> {
    const signal = this.controller.signal;
    try {
      const page = await this.source.listThreads(this.container, { filter: serverFilter(this.filter, this.filterDefinitions) }, signal);
      if (signal.aborted) return;
      this.threads = page.items;
      this.context.threadsLoaded(this.account.id, page.items);
      this.next = page.next;
      this.total = page.total;
      this.unreadable = page.unreadable ?? 0;
      this.context.log.debug(`Loaded ${page.items.length} threads of ${this.account.label} / ${this.container.label}`);
    } catch (error) {
      if (isAbortError(error)) return;
      this.error = error;
      this.context.log.warn(`Couldn't load threads of ${this.account.label} / ${this.container.label}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (!signal.aborted) {
        this.settled = true;
        this.context.unreadChanged();
      }
    }
  }

  private rows(): TreeNode[] {
    if (this.error) return rowsForError(this, this.account, 'threads', this.error);
    if (this.threads.length === 0 && this.unreadable > 0) {
      // Nothing readable at all: as much an error as a bad envelope, and as retryable.
      const unreadable = new InvalidResponseError({ service: SERVICE_NAMES[this.account.service], detail: `${plural(this.unreadable, 'thread')} in a shape it does not recognise` });
      return [new ErrorNode(this, 'threads', unreadable)];
    }
    const rows: TreeNode[] = [];
    for (const thread of this.threads) {
      if (!matchesLocally(thread, this.filter, this.filterDefinitions)) continue;
      let node = this.threadNodes.get(thread.threadId);
      if (!node || node.summary !== thread) {
        node = new ThreadNode(this, this.account, this.container, thread);
        this.threadNodes.set(thread.threadId, node);
      }
      rows.push(node);
    }
    if (rows.length === 0) {
      rows.push(new NoteNode(this, `${this.id}/empty`, describeFilter(this.filter) ? 'No loaded threads match the filter' : 'No threads'));
    }
    if (this.unreadable) {
      rows.push(
        new NoteNode(
          this,
          `${this.id}/unreadable`,
          `${plural(this.unreadable, 'thread')} couldn't be read`,
          'warning',
          `${SERVICE_NAMES[this.account.service]} sent these in a shape Threadline does not recognise; the others are shown.`,
        ),
      );
    }
    if (this.moreError) rows.push(new ErrorNode(this, 'more threads', this.moreError, () => void this.loadMore(), 'more-error'));
    else if (this.next) {
      const remaining = this.total !== undefined ? `${this.threads.length} of ${this.total}` : `${this.threads.length} loaded`;
      rows.push(new PagerNode(this, remaining));
    }
    return rows;
  }
}
