// An account row and its containers. The store checks the account's credentials before loading
// anything, so a missing key or a changed origin shows as a row to act on.
import * as vscode from 'vscode';
import type { Account } from '../domain/model';
import type { MissingCredential } from '../http/errors';
import { originOf } from '../http/origin';
import { serviceDescriptor } from '../providers/registry';
import { ContainerNode } from './containerNode';
import { rowsForError } from './problemRows';
import { RecentLookupsNode } from './recentLookupsNode';
import { NoteNode } from './rows';
import { TreeNode, type TreeContext } from './treeNode';
import { tooltipMarkdown } from '../sinks/tooltip';
import { treeDescription, treeLabel, treeTooltipText } from '../sinks/treeLabel';
import { accountDescription } from './rowText';

/** How the account row's description names what is missing. */
const STATUS_WORDS: Partial<Record<MissingCredential, string>> = { key: vscode.l10n.t('key missing'), originChanged: vscode.l10n.t('confirm key'), session: vscode.l10n.t('signed out') };

export class AccountNode extends TreeNode {
  readonly id: string;
  private readonly containers = new Map<string, ContainerNode>();
  private recentLookups: RecentLookupsNode | undefined;

  constructor(
    private readonly context: TreeContext,
    public account: Account,
  ) {
    super(undefined);
    this.id = `a:${account.id}`;
  }
  override accountOfRow(): string {
    return this.accountId;
  }


  get accountId(): string {
    return this.account.id;
  }

  toTreeItem(): vscode.TreeItem {
    const descriptor = serviceDescriptor(this.account.service);
    const item = new vscode.TreeItem(treeLabel(this.account.label), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const missing = this.context.store.containers(this.account.id).missing;
    const status = missing ? STATUS_WORDS[missing] : undefined;
    item.description = treeDescription(accountDescription(this.account.label, descriptor.name, status));
    item.iconPath = new vscode.ThemeIcon(descriptor.icon);
    item.accessibilityInformation = { label: treeTooltipText([vscode.l10n.t('{0} account {1}', descriptor.name, this.account.label), status, vscode.l10n.t('its {0}', descriptor.containerNoun.many)].filter(Boolean).join(', ')) };
    item.contextValue = `account account-${this.account.service}${descriptor.capabilities.customerCredential ? ' hasCustomerCredential' : ''}`;
    return item;
  }

  override tooltip(): vscode.MarkdownString {
    // The service's own count of what is left of the key's allowance, as its last answer said.
    const allowance = this.context.store.provider(this.account.id).allowance?.();
    const left = allowance
      ? vscode.l10n.t('Requests left: {0}{1}{2}', allowance.remaining.toLocaleString(), allowance.limit !== undefined ? vscode.l10n.t(' of {0}', allowance.limit.toLocaleString()) : '', allowance.resetsAt ? vscode.l10n.t(' (resets {0})', new Date(allowance.resetsAt).toLocaleString()) : '')
      : undefined;
    return new vscode.MarkdownString(
      tooltipMarkdown([
        { text: this.account.label, strong: true },
        { text: vscode.l10n.t('{0} at {1}', serviceDescriptor(this.account.service).name, originOf(this.account.baseUrl)) },
        ...(left ? [{ text: left }] : []),
      ]),
    );
  }

  /** The account definition changed (label, base URL, options): its rows are rebuilt. */
  update(account: Account): void {
    this.account = account;
    this.containers.clear();
  }

  containerNode(containerId: string): ContainerNode | undefined {
    return this.containers.get(containerId);
  }

  /** The container rows built so far. */
  loadedContainers(): ContainerNode[] {
    return [...this.containers.values()];
  }

  recentLookupsNode(): RecentLookupsNode | undefined {
    return this.recentLookups;
  }

  override async getChildren(): Promise<TreeNode[]> {
    const descriptor = serviceDescriptor(this.account.service);
    const view = await this.context.store.ensureContainers(this.account.id);
    if (view.state === 'failed') return rowsForError(this, this.account, descriptor.containerNoun.many, view.error, 'account');
    const rows: TreeNode[] = view.containers.map((container) => {
      const existing = this.containers.get(container.id);
      if (existing) {
        existing.container = container;
        return existing;
      }
      const node = new ContainerNode(this, this.context, this.account, container);
      this.containers.set(container.id, node);
      return node;
    });
    if (descriptor.capabilities.emailLookup) {
      this.recentLookups ??= new RecentLookupsNode(this, this.context.store);
      rows.push(this.recentLookups);
    }
    if (rows.length === 0) rows.push(new NoteNode(this, `${this.id}/empty`, vscode.l10n.t('No {0}', descriptor.containerNoun.many)));
    return rows;
  }

  reload(): void {
    this.context.store.invalidateAccount(this.account.id);
  }
}
