// A container (inbox, chatbot, company, customer, recent list) and the threads the store has
// loaded into it, page by page. "Load more…" appends the next page and redraws only this node.
import * as vscode from 'vscode';
import type { Account, Container, ContainerKind, ThreadFilter, ThreadSummary } from '../domain/model';
import { commonBadgesOf } from './rowText';
import { describeFilter, plural } from '../domain/format';
import { InvalidResponseError } from '../http/errors';
import { serviceDescriptor } from '../providers/registry';
import { matchesLocally, matchesViewFilter } from '../store/filters';
import { rowsForError } from './problemRows';
import { ErrorNode, NoteNode, PagerNode } from './rows';
import { ThreadNode } from './threadNode';
import { TreeNode, type TreeContext } from './treeNode';
import { treeDescription, treeLabel, treeTooltipText } from '../sinks/treeLabel';

const ICONS: Record<ContainerKind, string> = {
  inbox: 'inbox',
  chatbot: 'hubot',
  company: 'organization',
  customer: 'person',
  recent: 'history',
};

export class ContainerNode extends TreeNode {
  readonly id: string;
  private readonly threadNodes = new Map<string, ThreadNode>();
  private common: { ids: readonly string[]; length: number; badges: ReadonlySet<string> } | undefined;

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

  get filterDefinitions() {
    return serviceDescriptor(this.account.service).capabilities.filters;
  }

  /** The service searches with the filter's words itself (instead of Threadline matching loaded titles). */
  get searchesOnServer(): boolean {
    return serviceDescriptor(this.account.service).capabilities.textSearch === 'server';
  }

  get filter() {
    return this.context.store.filterOf(this.account.id, this.container.id);
  }

  get loadingMore(): boolean {
    return this.context.store.threadList(this.account.id, this.container.id)?.loadingMore ?? false;
  }

  /**
   * Flags every loaded thread carries (Tybrite's "sandbox"): said once on this row, not at the
   * end of each thread's. Worked out again when the list changes.
   */
  get commonBadges(): ReadonlySet<string> {
    const list = this.context.store.threadList(this.account.id, this.container.id);
    if (list?.state !== 'loaded') return new Set();
    if (this.common?.ids !== list.threadIds || this.common.length !== list.threadIds.length) {
      const summaries = list.threadIds.map((threadId) => this.context.store.summary(this.account.id, threadId)).filter((summary): summary is ThreadSummary => summary !== undefined);
      this.common = { ids: list.threadIds, length: list.threadIds.length, badges: commonBadgesOf(summaries) };
    }
    return this.common.badges;
  }

  /** The common flags the container's own description does not say already. */
  private extraBadges(): string[] {
    const said = (this.container.description ?? '').toLowerCase();
    return [...this.commonBadges].filter((badge) => !said.split(/[^\p{L}\p{N}_-]+/u).includes(badge.toLowerCase()));
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.container.label), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const filter = describeFilter(this.filter);
    // Filtered, the filter is what the row says; otherwise what the service says of the container
    // and the flags all its threads carry (unless it says them already).
    const description = filter ? `filter: ${filter}` : [this.container.description, ...this.extraBadges()].filter(Boolean).join(' · ');
    if (description) item.description = treeDescription(description);
    item.iconPath = new vscode.ThemeIcon(filter ? 'filter' : ICONS[this.container.kind]);
    item.contextValue = ['container', filter ? 'filtered' : ''].filter(Boolean).join(' ');
    const list = this.context.store.threadList(this.account.id, this.container.id);
    const noun = serviceDescriptor(this.account.service).containerNoun.one;
    item.accessibilityInformation = {
      label: treeTooltipText(
        [
          `${noun} ${this.container.label}`,
          this.container.description,
          filter ? vscode.l10n.t('filtered by {0}', filter) : undefined,
          list?.state === 'loaded' ? vscode.l10n.t('{0} loaded{1}', plural(list.threadIds.length, vscode.l10n.t('thread'), vscode.l10n.t('threads')), list.total !== undefined ? vscode.l10n.t(' of {0}', list.total) : '') : undefined,
          ...this.extraBadges(),
        ]
          .filter(Boolean)
          .join(', '),
      ),
    };
    return item;
  }

  override tooltip(): string {
    const lines = [this.container.label];
    if (this.container.description) lines.push(this.container.description);
    const list = this.context.store.threadList(this.account.id, this.container.id);
    if (list?.state === 'loaded') {
      lines.push(vscode.l10n.t('{0} loaded{1}', plural(list.threadIds.length, vscode.l10n.t('thread'), vscode.l10n.t('threads')), list.total !== undefined ? vscode.l10n.t(' of {0}', list.total) : list.next ? vscode.l10n.t(', more available') : ''));
    }
    const filter = describeFilter(this.filter);
    if (filter) lines.push(vscode.l10n.t('Filter: {0}', filter));
    return treeTooltipText(lines.join('\n'));
  }

  override async getChildren(): Promise<TreeNode[]> {
    const list = await this.context.store.ensureThreads(this.account.id, this.container);
    const serviceName = serviceDescriptor(this.account.service).name;
    if (list.state === 'failed') return rowsForError(this, this.account, 'threads', list.error);
    if (list.threadIds.length === 0 && list.unreadable > 0) {
      // Nothing readable at all: as much an error as a bad envelope, and as retryable.
      const unreadable = new InvalidResponseError({ service: serviceName, detail: vscode.l10n.t('{0} in a shape it does not recognise', plural(list.unreadable, vscode.l10n.t('thread'), vscode.l10n.t('threads'))) });
      return [new ErrorNode(this, 'threads', unreadable)];
    }
    const definitions = this.filterDefinitions;
    const rows: TreeNode[] = [];
    const viewFilter = this.context.viewFilter();
    for (const threadId of list.threadIds) {
      const summary = this.context.store.summary(this.account.id, threadId);
      if (!summary || !matchesLocally(summary, list.filter, definitions, this.searchesOnServer) || !matchesViewFilter(summary, viewFilter)) continue;
      let node = this.threadNodes.get(threadId);
      if (!node) this.threadNodes.set(threadId, (node = new ThreadNode(this, this.context, this.account, this.container, threadId)));
      this.context.showing(node);
      rows.push(node);
    }
    // Rows of threads the list still holds are kept while a filter hides them: shown again, they
    // name the same sender and reuse the text they worked out.
    const held = new Set(list.threadIds);
    for (const threadId of this.threadNodes.keys()) if (!held.has(threadId)) this.threadNodes.delete(threadId);
    if (rows.length === 0) {
      rows.push(new NoteNode(this, `${this.id}/empty`, describeFilter(list.filter) || viewFilter ? vscode.l10n.t('No loaded threads match the filter') : vscode.l10n.t('No threads')));
    }
    if (list.unreadable > 0) {
      rows.push(
        new NoteNode(
          this,
          `${this.id}/unreadable`,
          vscode.l10n.t('{0} couldn\'t be read', plural(list.unreadable, vscode.l10n.t('thread'), vscode.l10n.t('threads'))),
          'warning',
          vscode.l10n.t('{0} sent these in a shape Threadline does not recognise; the others are shown.', serviceName),
        ),
      );
    }
    if (list.stopped) rows.push(new NoteNode(this, `${this.id}/stopped`, list.stopped, 'warning'));
    if (list.moreError) rows.push(new ErrorNode(this, vscode.l10n.t('more threads'), list.moreError, () => void this.loadMore(), 'more-error'));
    else if (list.next) {
      const remaining = list.total !== undefined ? vscode.l10n.t('{0} of {1}', list.threadIds.length, list.total) : vscode.l10n.t('{0} loaded', list.threadIds.length);
      rows.push(new PagerNode(this, remaining));
    }
    return rows;
  }

  /** Appends the next page; only this node is redrawn. */
  loadMore(): Promise<void> {
    return this.context.store.loadMoreThreads(this.account.id, this.container.id);
  }

  reload(): void {
    this.context.store.invalidateThreads(this.account.id, this.container.id);
  }

  setFilter(filter: ThreadFilter): void {
    this.context.store.setFilter(this.account.id, this.container.id, filter);
  }
}
