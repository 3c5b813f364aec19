// An account row and its containers. Before loading anything it checks the account's
// credentials, so a missing key or a changed origin shows as a row to act on.
import * as vscode from 'vscode';
import { SERVICE_NAMES, type Account, type ServiceId } from '../domain/model';
import { isAbortError, type MissingCredential } from '../http/errors';
import { originOf } from '../http/origin';
import { serviceDescriptor } from '../providers/registry';
import { tooltipMarkdown } from '../sinks/tooltip';
import { treeDescription, treeLabel } from '../sinks/treeLabel';
import { ContainerNode } from './containerNode';
import { credentialRow, rowsForError } from './problemRows';
import { NoteNode } from './rows';
import { TreeNode, type TreeContext } from './treeNode';

const ICONS: Record<ServiceId, string> = {
  agentsend: 'mail',
  sitegpt: 'hubot',
  tybrite: 'package',
  thred: 'sparkle',
  cattix: 'graph-line',
};

export type CredentialStatus = 'ok' | MissingCredential;

/** How the account row's description names what is missing. */
const STATUS_WORDS: Partial<Record<CredentialStatus, string>> = { key: 'key missing', originChanged: 'confirm key', session: 'signed out' };

export class AccountNode extends TreeNode {
  readonly id: string;
  credentialStatus: CredentialStatus | undefined;
  private children: Promise<TreeNode[]> | undefined;
  private loading = false;
  private reloadPending = false;
  private readonly containers = new Map<string, ContainerNode>();
  /** Extra rows a feature adds below the containers (Thred's recent lookups). */
  extraChildren: (node: AccountNode) => TreeNode[] = () => [];

  constructor(
    private readonly context: TreeContext,
    public account: Account,
  ) {
    super(undefined);
    this.id = `a:${account.id}`;
  }

  get accountId(): string {
    return this.account.id;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeLabel(this.account.label), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const status = this.credentialStatus ? STATUS_WORDS[this.credentialStatus] : undefined;
    item.description = treeDescription([SERVICE_NAMES[this.account.service], status].filter(Boolean).join(' · '));
    item.iconPath = new vscode.ThemeIcon(ICONS[this.account.service]);
    item.contextValue = `account account-${this.account.service}`;
    return item;
  }

  override tooltip(): vscode.MarkdownString {
    return new vscode.MarkdownString(
      tooltipMarkdown([{ text: this.account.label, strong: true }, { text: `${SERVICE_NAMES[this.account.service]} at ${originOf(this.account.baseUrl)}` }]),
    );
  }

  override getChildren(): Promise<TreeNode[]> {
    this.children ??= this.trackedLoad();
    return this.children;
  }

  /**
   * Loads again. A reload asked for while children are still being fetched waits for that
   * fetch: VS Code rejects the same ids arriving from two overlapping fetches.
   */
  reload(): void {
    if (this.loading) {
      this.reloadPending = true;
      return;
    }
    this.invalidate();
    this.context.changed(this);
  }

  /** The account's secrets changed (here or in another window): reload only if that matters. */
  async secretsChanged(): Promise<void> {
    if ((await this.currentCredentialStatus()) !== this.credentialStatus) this.reload();
  }

  private async trackedLoad(): Promise<TreeNode[]> {
    this.loading = true;
    try {
      return await this.load();
    } finally {
      this.loading = false;
      if (this.reloadPending) {
        this.reloadPending = false;
        setTimeout(() => this.reload(), 0);
      }
    }
  }

  override invalidate(): void {
    this.children = undefined;
    for (const container of this.containers.values()) container.invalidate();
  }

  /** The account definition changed (label, base URL, options). */
  update(account: Account): void {
    this.account = account;
    this.containers.clear();
    this.invalidate();
  }

  containerNodes(): ContainerNode[] {
    return [...this.containers.values()];
  }

  private async load(): Promise<TreeNode[]> {
    await this.context.accountReady(this.account).catch(() => undefined);
    const gate = await this.credentialRows();
    if (gate) return gate;
    const descriptor = serviceDescriptor(this.account.service);
    const containers = descriptor.containerNoun === 'company' ? 'companies' : `${descriptor.containerNoun}s`;
    try {
      const containers = await this.context.sources.get(this.account).listContainers();
      const rows: TreeNode[] = containers.map((container) => {
        const existing = this.containers.get(container.id);
        if (existing) {
          existing.account = this.account;
          existing.container = container;
          return existing;
        }
        const node = new ContainerNode(this, this.context, this.account, container);
        this.containers.set(container.id, node);
        return node;
      });
      rows.push(...this.extraChildren(this));
      if (rows.length === 0) rows.push(new NoteNode(this, `${this.id}/empty`, `No ${containers}`));
      return rows;
    } catch (error) {
      if (isAbortError(error)) return [];
      this.context.log.warn(`Couldn't load ${this.account.label}: ${error instanceof Error ? error.message : String(error)}`);
      return rowsForError(this, this.account, containers, error);
    }
  }

  private async currentCredentialStatus(): Promise<CredentialStatus> {
    const secrets = this.context.accounts.secrets;
    const key = await secrets.state(this.account, 'apiKey');
    if (key.status === 'missing') return 'key';
    if (key.status === 'originChanged') return 'originChanged';
    if (this.account.service === 'tybrite' && (await secrets.state(this.account, 'session')).status !== 'ok') return 'session';
    return 'ok';
  }

  /** Rows instead of data when the account cannot make a request yet. */
  private async credentialRows(): Promise<TreeNode[] | undefined> {
    const status = await this.currentCredentialStatus();
    let rows: TreeNode[] | undefined;
    if (status === 'key') {
      rows = [credentialRow(this, this.account, 'key', 'No key is saved for this account. Click to enter it.')];
    } else if (status === 'originChanged') {
      const key = await this.context.accounts.secrets.state(this.account, 'apiKey');
      const savedFor = key.status === 'originChanged' ? key.savedFor : 'another address';
      const hint = `The saved key is for ${savedFor}. Threadline will not send it to ${originOf(this.account.baseUrl)} until you confirm it or enter a new one.`;
      rows = [credentialRow(this, this.account, 'originChanged', hint)];
    } else if (status === 'session') {
      rows = [credentialRow(this, this.account, 'session', "Tybrite needs the customer's session to read their threads.")];
    }
    if (status !== this.credentialStatus) {
      this.credentialStatus = status;
      // The row's description shows the status; redraw it once the children are in.
      setTimeout(() => this.context.changed(this), 0);
    }
    return rows;
  }
}
