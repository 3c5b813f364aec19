// Recent email lookups (email, account, time — never a secret), at most 50, kept in globalState
// and listed in the tree under each account that can look customers up.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { relativeTime, absoluteTime } from '../domain/format';
import type { Account } from '../domain/model';
import { treeLabel } from '../sinks/treeLabel';
import type { ThreadTreeProvider } from '../tree/threadTree';
import { TreeNode } from '../tree/treeNode';

const STATE_KEY = 'threadline.recentLookups';
export const MAX_RECENT_LOOKUPS = 50;

const entrySchema = z.object({ email: z.string(), accountId: z.string(), at: z.string() });
export type RecentLookup = z.infer<typeof entrySchema>;

export class RecentLookups implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  list(accountId?: string): RecentLookup[] {
    const raw = this.state.get<unknown[]>(STATE_KEY, []);
    const entries = (Array.isArray(raw) ? raw : []).flatMap((entry) => {
      const parsed = entrySchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    return accountId ? entries.filter((entry) => entry.accountId === accountId) : entries;
  }

  async add(email: string, accountId: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const rest = this.list().filter((entry) => !(entry.email === normalized && entry.accountId === accountId));
    await this.state.update(STATE_KEY, [{ email: normalized, accountId, at: new Date().toISOString() }, ...rest].slice(0, MAX_RECENT_LOOKUPS));
    this.emitter.fire();
  }

  async clear(accountId?: string): Promise<void> {
    await this.state.update(STATE_KEY, accountId ? this.list().filter((entry) => entry.accountId !== accountId) : []);
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/**
 * Adds "Recent lookups" under every account that can look customers up, and redraws those rows
 * when the list changes.
 */
export function showRecentLookupsInTree(tree: ThreadTreeProvider, canLookUp: (account: Account) => boolean, lookups: RecentLookups): vscode.Disposable {
  const nodes = new Map<string, RecentLookupsNode>();
  tree.accountExtras = (node) => {
    if (!canLookUp(node.account)) return [];
    const row = new RecentLookupsNode(node, lookups);
    nodes.set(node.accountId, row);
    return [row];
  };
  return lookups.onDidChange(() => {
    for (const node of nodes.values()) tree.redraw(node);
  });
}

/** "Recent lookups" under an account, beside the service's own lists. */
export class RecentLookupsNode extends TreeNode {
  readonly id: string;
  constructor(
    parent: TreeNode & { accountId: string },
    private readonly lookups: RecentLookups,
  ) {
    super(parent);
    this.id = `${parent.id}/recent-lookups`;
  }

  get accountId(): string {
    return (this.parent as TreeNode & { accountId: string }).accountId;
  }

  toTreeItem(): vscode.TreeItem {
    const count = this.lookups.list(this.accountId).length;
    const item = new vscode.TreeItem('Recent lookups', count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = count ? String(count) : 'none yet';
    item.iconPath = new vscode.ThemeIcon('search');
    item.contextValue = count ? 'recentLookups hasLookups' : 'recentLookups';
    item.tooltip = 'Customers you looked up by email with this account (Threadline: Look Up Customer by Email…)';
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.lookups.list(this.accountId).map((entry) => new RecentLookupNode(this, entry));
  }
}

class RecentLookupNode extends TreeNode {
  readonly id: string;
  constructor(
    parent: RecentLookupsNode,
    private readonly entry: RecentLookup,
  ) {
    super(parent);
    this.id = `${parent.id}/${entry.email}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.entry.email), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = relativeTime(this.entry.at);
    item.tooltip = `Looked up ${absoluteTime(this.entry.at)}`;
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'recentLookup';
    item.command = { command: 'threadline.lookupByEmail', title: 'Look Up Again', arguments: [{ email: this.entry.email, accountId: this.entry.accountId }] };
    return item;
  }
}
