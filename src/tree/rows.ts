// Rows that are not data: "Load more…", error rows with Retry, sign-in and key rows, notes.
import * as vscode from 'vscode';
import { describeError, isServiceError } from '../http/errors';
import { treeDescription, treeLabel, treeTooltipText } from '../sinks/treeLabel';
import { TreeNode } from './treeNode';

/** Something a row can retry or page: its owner. */
export interface Reloadable {
  readonly id: string;
  reload(): void;
}

export class PagerNode extends TreeNode {
  readonly id: string;
  constructor(
    readonly owner: TreeNode & { loadMore(): Promise<void>; loadingMore: boolean },
    private readonly remaining: string,
  ) {
    super(owner);
    this.id = `${owner.id}/more`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.owner.loadingMore ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = treeDescription(this.remaining);
    item.iconPath = new vscode.ThemeIcon(this.owner.loadingMore ? 'loading~spin' : 'more');
    item.contextValue = 'pager';
    item.accessibilityInformation = { label: treeTooltipText(this.owner.loadingMore ? vscode.l10n.t('Loading more threads, {0}', this.remaining) : vscode.l10n.t('Load more threads, {0}', this.remaining)) };
    item.command = { command: 'threadline.loadMore', title: vscode.l10n.t('Load more'), arguments: [{ nodeId: this.owner.id }] };
    return item;
  }
}

export class ErrorNode extends TreeNode {
  readonly id: string;
  /**
   * @param retry what Retry does: by default the owner loads again; a failed "Load more" retries
   * just that page.
   */
  constructor(
    readonly owner: TreeNode & Reloadable,
    private readonly what: string,
    readonly error: unknown,
    readonly retry: () => void = () => owner.reload(),
    idSuffix = 'error',
  ) {
    super(owner);
    this.id = `${owner.id}/${idSuffix}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(vscode.l10n.t('Couldn\'t load {0} — {1}', this.what, describeError(this.error))), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('Retry');
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('threadline.errorForeground'));
    item.contextValue = 'error';
    item.accessibilityInformation = { label: treeTooltipText(vscode.l10n.t('Error: couldn\'t load {0}, {1}; press Enter to retry', this.what, describeError(this.error))) };
    item.command = { command: 'threadline.retry', title: vscode.l10n.t('Retry'), arguments: [{ nodeId: this.id }] };
    return item;
  }
  override tooltip(): string {
    const detail = isServiceError(this.error) && this.error.detail ? `\n${this.error.detail}` : '';
    return treeTooltipText(vscode.l10n.t('{0}{1}\nClick to retry.', describeError(this.error), detail));
  }
}

/** A row that asks the user to act on the account (set a key, sign in, confirm an origin). */
export class ActionNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly id: string,
    private readonly label: string,
    private readonly command: vscode.Command,
    private readonly icon: string,
    private readonly hint?: string,
  ) {
    super(parent);
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.label), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon, new vscode.ThemeColor('threadline.actionForeground'));
    item.command = this.command;
    item.contextValue = 'action';
    item.accessibilityInformation = { label: treeTooltipText(vscode.l10n.t('Action needed: {0}{1}; press Enter', this.label, this.hint ? `. ${this.hint}` : '')) };
    return item;
  }
  override tooltip(): string | undefined {
    return this.hint === undefined ? undefined : treeTooltipText(this.hint);
  }
}

/** A plain note: "No threads", "3 threads couldn't be read". */
export class NoteNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly id: string,
    private readonly label: string,
    private readonly icon = 'info',
    private readonly hint?: string,
  ) {
    super(parent);
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.label), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'note';
    item.accessibilityInformation = { label: treeTooltipText([this.icon === 'warning' ? vscode.l10n.t('Warning: {0}', this.label) : this.label, this.hint].filter(Boolean).join('. ')) };
    return item;
  }
  override tooltip(): string | undefined {
    return this.hint === undefined ? undefined : treeTooltipText(this.hint);
  }
}
