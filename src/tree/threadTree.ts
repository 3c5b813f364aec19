// The Threads view's data provider: accounts at the root, each node owning its children. It
// redraws exactly the rows a store change touches.
import * as vscode from 'vscode';
import type { Account } from '../domain/model';
import { targetKey } from '../domain/target';
import type { Logger } from '../logger';
import type { StoreChange, ThreadStore } from '../store/threadStore';
import { AccountNode } from './accountNode';
import { ContainerNode } from './containerNode';
import type { ThreadNode } from './threadNode';
import { TreeNode, type TreeContext } from './treeNode';

export class ThreadTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly unreadEmitter = new vscode.EventEmitter<number>();
  /** Threads with unread messages among those loaded (for the view badge). */
  readonly onDidChangeUnread = this.unreadEmitter.event;
  private readonly accountNodes = new Map<string, AccountNode>();
  /** Every node handed to VS Code, by id, so commands given `{nodeId}` can find it. */
  private readonly nodes = new Map<string, TreeNode>();
  /** Rows showing each thread, so a change to the store's record redraws them. */
  private readonly threadRows = new Map<string, Set<ThreadNode>>();
  /**
   * Nodes whose children VS Code is fetching now (how many fetches: a refresh of the parent can
   * start a second before the first ends), and those to redraw once the last is done.
   */
  private readonly fetching = new Map<TreeNode, number>();
  private readonly redrawAfterFetch = new Set<TreeNode>();
  private readonly context: TreeContext;
  private readonly disposables: vscode.Disposable[] = [];
  private lastUnread = -1;
  private unreadCountTimer: ReturnType<typeof setTimeout> | undefined;
  private filterText: string | undefined;
  private readonly filterEmitter = new vscode.EventEmitter<string | undefined>();
  /** The view's own filter changed (the view shows it, and offers to clear it). */
  readonly onDidChangeFilter = this.filterEmitter.event;

  constructor(
    private readonly accounts: { list(): readonly Account[]; onDidChange: vscode.Event<{ accountIds?: string[] }> },
    readonly store: ThreadStore,
    readonly log: Logger,
  ) {
    this.context = {
      store,
      log,
      showing: (node) => {
        const rowKey = targetKey(node);
        let rows = this.threadRows.get(rowKey);
        if (!rows) this.threadRows.set(rowKey, (rows = new Set()));
        rows.add(node);
      },
      viewFilter: () => this.filterText,
    };
    const storeChanges = store.onDidChange((change) => this.storeChanged(change));
    this.disposables.push(
      this.emitter,
      this.unreadEmitter,
      this.filterEmitter,
      { dispose: () => storeChanges.dispose() },
      accounts.onDidChange((change) => {
        // Definitions changed (added, removed, edited): the root lists accounts again. A
        // change of secrets reaches the rows through the store.
        if (!change.accountIds) {
          this.syncAccounts();
          this.redraw(undefined);
        }
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.register(this.syncAccounts());
    this.fetching.set(node, (this.fetching.get(node) ?? 0) + 1);
    try {
      const children = await node.getChildren();
      // The fetch waited for the load whose change asked for a redraw meanwhile: its children
      // show that change already. Redrawing now would make VS Code drop the rows it is about to
      // draw — their commands too, so a click on one ran nothing ("Actual command not found").
      this.redrawAfterFetch.delete(node);
      return this.register(children);
    } finally {
      const left = (this.fetching.get(node) ?? 1) - 1;
      if (left > 0) this.fetching.set(node, left);
      else {
        this.fetching.delete(node);
        if (this.redrawAfterFetch.delete(node)) setTimeout(() => this.redraw(node), 0);
      }
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.tooltip = node.tooltip() ?? item.tooltip;
    return item;
  }

  /** Load one node again, or everything. */
  refresh(node?: TreeNode): void {
    if (node instanceof AccountNode || node instanceof ContainerNode) node.reload();
    else if (node) this.redraw(node);
    else for (const account of this.accountNodes.values()) account.reload();
  }

  /** The words of the view's filter, over every loaded thread's title and people. */
  get filter(): string | undefined {
    return this.filterText;
  }

  setFilter(text: string | undefined): void {
    const next = text?.trim() ? text.trim() : undefined;
    if (next === this.filterText) return;
    this.filterText = next;
    this.filterEmitter.fire(next);
    // Every loaded container lists its rows again; the others are untouched until opened.
    for (const account of this.accountNodes.values()) for (const container of account.loadedContainers()) this.redraw(container);
  }

  nodeById(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  accountNode(accountId: string): AccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  dispose(): void {
    clearTimeout(this.unreadCountTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  /**
   * Redraws a node, or the whole tree. A node whose children are being fetched is redrawn after
   * that fetch: VS Code rejects the same ids arriving from two overlapping fetches.
   */
  private redraw(node: TreeNode | undefined): void {
    if (node && this.fetching.has(node)) {
      this.redrawAfterFetch.add(node);
      return;
    }
    this.emitter.fire(node);
  }

  private register(children: TreeNode[]): TreeNode[] {
    for (const child of children) this.nodes.set(child.id, child);
    return children;
  }

  private storeChanged(change: StoreChange): void {
    switch (change.kind) {
      case 'containers':
        this.redraw(this.accountNodes.get(change.accountId));
        break;
      case 'threadList':
        this.redraw(this.accountNodes.get(change.accountId)?.containerNode(change.containerId));
        break;
      case 'thread':
        for (const row of this.threadRows.get(targetKey(change)) ?? []) this.redraw(row);
        break;
      case 'recentLookups': {
        const row = this.accountNodes.get(change.accountId)?.recentLookupsNode();
        if (row) this.redraw(row);
        break;
      }
      case 'accountRemoved':
        this.redraw(undefined);
        break;
      case 'messages':
        return;
    }
    this.countUnreadSoon();
  }

  /**
   * Counts the unread threads once the changes of this turn are in: counting reads every loaded
   * thread, and Refresh All over 20 accounts holding 20,000 threads made 20 changes in one turn
   * (a count after each stalled the extension host for some 60 ms).
   */
  private countUnreadSoon(): void {
    if (this.unreadCountTimer) return;
    this.unreadCountTimer = setTimeout(() => {
      this.unreadCountTimer = undefined;
      const unread = this.store.unreadThreadCount();
      if (unread !== this.lastUnread) {
        this.lastUnread = unread;
        this.unreadEmitter.fire(unread);
      }
    }, 0);
  }

  private syncAccounts(): AccountNode[] {
    const accounts = this.accounts.list();
    const ids = new Set(accounts.map((account) => account.id));
    for (const id of [...this.accountNodes.keys()]) {
      if (!ids.has(id)) this.accountNodes.delete(id);
    }
    for (const [rowKey, rows] of this.threadRows) {
      for (const row of rows) if (!ids.has(row.accountId)) rows.delete(row);
      if (rows.size === 0) this.threadRows.delete(rowKey);
    }
    for (const account of accounts) {
      const existing = this.accountNodes.get(account.id);
      if (!existing) this.accountNodes.set(account.id, new AccountNode(this.context, account));
      else if (JSON.stringify(existing.account) !== JSON.stringify(account)) existing.update(account);
    }
    void vscode.commands.executeCommand('setContext', 'threadline.hasAccounts', accounts.length > 0);
    return accounts
      .map((account) => this.accountNodes.get(account.id))
      .filter((node): node is AccountNode => node !== undefined)
      .sort((a, b) => a.account.label.localeCompare(b.account.label));
  }
}
