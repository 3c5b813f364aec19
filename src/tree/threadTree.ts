// The Threads view's data provider: accounts at the root, each node owning its children.
import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { Logger } from '../http/client';
import type { SourceRegistry } from '../sources';
import { AccountNode } from './accountNode';
import { ContainerNode } from './containerNode';
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
  private readonly context: TreeContext;
  private readonly disposables: vscode.Disposable[] = [];
  /** Lets features add rows below an account's containers (e.g. Thred's recent lookups). */
  accountExtras: (node: AccountNode) => TreeNode[] = () => [];

  constructor(
    readonly accounts: AccountStore,
    readonly sources: SourceRegistry,
    readonly log: Logger,
    hooks: Partial<Pick<TreeContext, 'threadsLoaded' | 'accountReady'>> = {},
  ) {
    this.context = {
      accounts,
      sources,
      log,
      changed: (node) => this.emitter.fire(node),
      unreadChanged: () => this.unreadEmitter.fire(this.unreadThreads()),
      threadsLoaded: hooks.threadsLoaded ?? (() => undefined),
      accountReady: hooks.accountReady ?? (() => Promise.resolve()),
    };
    this.disposables.push(
      this.emitter,
      this.unreadEmitter,
      accounts.onDidChange((change) => {
        if (!change.accountIds) {
          this.syncAccounts();
          this.emitter.fire(undefined);
          return;
        }
        for (const id of change.accountIds) {
          // A new key may cure what the old one could not (a 401 under a container): load again.
          if (change.secret === 'apiKey') this.accountNodes.get(id)?.reload();
          else void this.accountNodes.get(id)?.secretsChanged();
        }
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = node ? await node.getChildren() : this.syncAccounts();
    for (const child of children) this.nodes.set(child.id, child);
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.tooltip = node.tooltip() ?? item.tooltip;
    return item;
  }

  /** Reload one node, or everything (each node waits for a fetch it has in flight). */
  refresh(node?: TreeNode): void {
    if (node instanceof AccountNode || node instanceof ContainerNode) {
      node.reload();
    } else if (node) {
      node.invalidate();
      this.emitter.fire(node);
    } else {
      for (const account of this.accountNodes.values()) account.reload();
    }
  }

  /** Redraws a node from what it already has, without loading anything. */
  redraw(node: TreeNode): void {
    this.emitter.fire(node);
  }

  nodeById(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  accountNode(accountId: string): AccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  containerNodes(): ContainerNode[] {
    return [...this.accountNodes.values()].flatMap((account) => account.containerNodes());
  }

  unreadThreads(): number {
    return this.containerNodes().reduce((sum, container) => sum + container.unreadThreads(), 0);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private syncAccounts(): AccountNode[] {
    const accounts = this.accounts.list();
    const ids = new Set(accounts.map((account) => account.id));
    for (const id of [...this.accountNodes.keys()]) {
      if (!ids.has(id)) {
        this.accountNodes.get(id)?.invalidate();
        this.accountNodes.delete(id);
        this.sources.forget(id);
      }
    }
    for (const account of accounts) {
      const existing = this.accountNodes.get(account.id);
      if (!existing) {
        const node = new AccountNode(this.context, account);
        node.extraChildren = (owner) => this.accountExtras(owner);
        this.accountNodes.set(account.id, node);
      } else if (JSON.stringify(existing.account) !== JSON.stringify(account)) {
        existing.update(account);
      }
    }
    void vscode.commands.executeCommand('setContext', 'threadline.hasAccounts', accounts.length > 0);
    return accounts
      .map((account) => this.accountNodes.get(account.id))
      .filter((node): node is AccountNode => node !== undefined)
      .sort((a, b) => a.account.label.localeCompare(b.account.label));
  }
}
