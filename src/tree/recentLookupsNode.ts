// "Recent lookups" under an account that can look customers up by email, beside the service's
// own lists; each row looks the customer up again.
import * as vscode from 'vscode';
import { absoluteTime, plural, relativeTime } from '../domain/format';
import type { RecentLookup } from '../store/recentLookups';
import type { ThreadStore } from '../store/threadStore';
import { treeLabel, treeTooltipText } from '../sinks/treeLabel';
import { TreeNode } from './treeNode';

export class RecentLookupsNode extends TreeNode {
  readonly id: string;
  constructor(
    parent: TreeNode & { accountId: string },
    private readonly store: ThreadStore,
  ) {
    super(parent);
    this.id = `${parent.id}/recent-lookups`;
  }

  get accountId(): string {
    return (this.parent as TreeNode & { accountId: string }).accountId;
  }

  override accountOfRow(): string {
    return this.accountId;
  }

  toTreeItem(): vscode.TreeItem {
    const count = this.store.recentLookups.list(this.accountId).length;
    const item = new vscode.TreeItem(vscode.l10n.t('Recent lookups'), count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = count ? String(count) : vscode.l10n.t('none yet');
    item.iconPath = new vscode.ThemeIcon('search');
    item.contextValue = count ? 'recentLookups hasLookups' : 'recentLookups';
    item.tooltip = vscode.l10n.t('Customers you looked up by email with this account (Threadline: Look Up Customer by Email…)');
    item.accessibilityInformation = { label: count ? vscode.l10n.t('Recent lookups, {0} looked up by email', plural(count, vscode.l10n.t('customer'), vscode.l10n.t('customers'))) : vscode.l10n.t('Recent lookups, none yet') };
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.store.recentLookups.list(this.accountId).map((entry) => new RecentLookupNode(this, entry));
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
  /** The address looked up (Show Customer takes it from the row). */
  get email(): string {
    return this.entry.email;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.entry.email), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = relativeTime(this.entry.at);
    item.tooltip = vscode.l10n.t('Looked up {0}', absoluteTime(this.entry.at) ?? '');
    item.accessibilityInformation = { label: treeTooltipText(vscode.l10n.t('Recent lookup {0}, looked up {1} ({2}); look up again', this.entry.email, relativeTime(this.entry.at) ?? '', absoluteTime(this.entry.at) ?? '')) };
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'recentLookup';
    item.command = { command: 'threadline.lookupByEmail', title: vscode.l10n.t('Look Up Again'), arguments: [{ email: this.entry.email, accountId: this.entry.accountId }] };
    return item;
  }
}
