// A thread row: title, when, how many messages, an icon for where it stands. It draws the store's
// record of the thread, so it shows what the panel shows.
import * as vscode from 'vscode';
import type { Account, Container, ThreadState, ThreadSummary } from '../domain/model';
import { absoluteTime, humanize, plural } from '../domain/format';
import { serviceDescriptor } from '../providers/registry';
import { TreeNode, type TreeContext } from './treeNode';
import { tooltipMarkdown, type TooltipLine } from '../sinks/tooltip';
import { treeDescription, treeLabel, treeTooltipText } from '../sinks/treeLabel';
import { threadRowText, type ThreadRowText } from './rowText';

const ICONS: Record<ThreadState, [string, string?]> = {
  open: ['comment-discussion'],
  waiting: ['clock', 'threadline.waitingForeground'],
  attention: ['warning', 'threadline.attentionForeground'],
  done: ['pass', 'threadline.doneForeground'],
  processing: ['loading~spin'],
  unknown: ['comment'],
};

export function threadIcon(state: ThreadState): vscode.ThemeIcon {
  const [id, color] = ICONS[state];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** The scheme of the rows' resource URIs: they carry a thread's unread count to `UnreadDecorations`. */
export const UNREAD_SCHEME = 'threadline-row';

/**
 * The badge at the end of an unread thread's row — drawn after the label and description, so a
 * narrow side bar never cuts it — and the colour of its title.
 */
export class UnreadDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== UNREAD_SCHEME) return undefined;
    const unread = Number(new URLSearchParams(uri.query).get('unread'));
    if (!(unread > 0)) return undefined;
    const decoration = new vscode.FileDecoration(String(Math.min(unread, 99)), vscode.l10n.t('{0} unread', unread), new vscode.ThemeColor('threadline.unreadForeground'));
    decoration.propagate = false;
    return decoration;
  }
}

export class ThreadNode extends TreeNode {
  readonly id: string;
  /** Who the row named last time it was drawn (kept while they are on the thread). */
  private shownSender: string | undefined;
  /**
   * The row's text as last worked out, and what from: drawn again unchanged (a filter cleared
   * over 20,000 loaded rows draws them all in one go) it is not worked out again. The time reads
   * to the minute, so the same minute gives the same text.
   */
  private drawn: { summary: ThreadSummary; containerLabel: string; common: ReadonlySet<string> | undefined; minute: number; sender: string | undefined; text: ThreadRowText } | undefined;
  constructor(
    parent: TreeNode,
    private readonly context: TreeContext,
    readonly account: Account,
    readonly container: Container,
    readonly threadId: string,
  ) {
    super(parent);
    this.id = `${parent.id}/t:${threadId}`;
  }

  get accountId(): string {
    return this.account.id;
  }
  get summary(): ThreadSummary {
    return this.context.store.summary(this.account.id, this.threadId) ?? { threadId: this.threadId, title: this.threadId, state: 'unknown', badges: [], participants: [] };
  }
  get containerId(): string | undefined {
    return this.summary.containerId ?? this.container.id;
  }

  toTreeItem(): vscode.TreeItem {
    const summary = this.summary;
    const common = (this.parent as { commonBadges?: ReadonlySet<string> } | undefined)?.commonBadges;
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    const drawn = this.drawn;
    const same = drawn && drawn.summary === summary && drawn.containerLabel === this.container.label && drawn.common === common && drawn.minute === minute && drawn.sender === this.shownSender;
    const text = same ? drawn.text : threadRowText(summary, this.container.label, common, now, {}, this.shownSender);
    if (!same) this.drawn = { summary, containerLabel: this.container.label, common, minute, sender: this.shownSender, text };
    this.shownSender = text.sender;
    const item = new vscode.TreeItem(treeLabel(text.label), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = treeDescription(text.description);
    item.iconPath = text.unread ? new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('threadline.unreadForeground')) : threadIcon(summary.state);
    // Carries the unread count to the decoration (a badge at the row's end, the title coloured);
    // only unread rows have one, so every other row draws as a plain label.
    if (text.unread) item.resourceUri = vscode.Uri.from({ scheme: UNREAD_SCHEME, path: `/${encodeURIComponent(this.account.id)}/${encodeURIComponent(summary.threadId)}`, query: `unread=${text.unread}` });
    const hasCustomer = summary.participants.some((person) => person.role === 'customer' && person.address);
    item.contextValue = ['thread', summary.webUrl ? 'hasWebUrl' : '', text.unread ? 'unread' : '', hasCustomer ? 'hasCustomer' : ''].filter(Boolean).join(' ');
    // A single click previews the thread (the next click replaces it); a double click keeps it open.
    item.command = {
      command: 'threadline.openThread',
      title: vscode.l10n.t('Open Thread'),
      arguments: [{ accountId: this.account.id, threadId: summary.threadId, ...(this.containerId ? { containerId: this.containerId } : {}), preview: true }],
    };
    item.accessibilityInformation = { label: treeTooltipText(text.accessibility), role: 'treeitem' };
    return item;
  }

  override tooltip(): vscode.MarkdownString {
    const summary = this.summary;
    // Everything from the service goes in as text, never as Markdown, HTML or icons (tooltip sink).
    const lines: TooltipLine[] = [{ text: summary.title, strong: true }, { text: `${serviceDescriptor(this.account.service).name} · ${this.account.label} · ${this.container.label}` }];
    const facts: string[] = [];
    if (summary.status) facts.push(vscode.l10n.t('Status: {0}', humanize(summary.status)));
    if (summary.progress) facts.push(`${summary.progress.label}: ${summary.progress.percent}%`);
    if (summary.priority) facts.push(vscode.l10n.t('Priority: {0}', humanize(summary.priority)));
    if (summary.type) facts.push(vscode.l10n.t('Type: {0}', humanize(summary.type)));
    if (summary.messageCount !== undefined) facts.push(plural(summary.messageCount, vscode.l10n.t('message'), vscode.l10n.t('messages')));
    if (summary.unread) facts.push(vscode.l10n.t('{0} unread', summary.unread));
    const people = summary.participants.map((person) => [person.name, person.address && `<${person.address}>`].filter(Boolean).join(' ')).filter(Boolean);
    if (people.length) facts.push(vscode.l10n.t('With: {0}', people.join(', ')));
    if (summary.createdAt) facts.push(vscode.l10n.t('Started: {0}', absoluteTime(summary.createdAt) ?? ''));
    if (summary.updatedAt) facts.push(vscode.l10n.t('Last activity: {0}', absoluteTime(summary.updatedAt) ?? ''));
    if (summary.badges.length) facts.push(vscode.l10n.t('Flags: {0}', summary.badges.join(', ')));
    return new vscode.MarkdownString(tooltipMarkdown([...lines, ...facts.map((text) => ({ text }))]));
  }
}
