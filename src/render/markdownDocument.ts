// A thread as a Markdown document: a header block, then one section per message. Text from the
// service is escaped so it reads as written; Markdown bodies keep their formatting but any raw
// HTML in them is shown as text, never rendered.
import type { Message, MessageItem, Thread } from '../domain/model';
import { absoluteTime, formatBytes, humanize, plural } from '../domain/format';

const ROLE_NAMES = { customer: 'customer', agent: 'agent', bot: 'bot', system: 'system' } as const;

/** Escapes text so Markdown shows it literally (and raw HTML in it stays text). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Markdown from a service: kept as Markdown, but raw HTML is escaped (like markdown-it `html: false`). */
export function neutralizeHtml(markdown: string): string {
  return markdown.replace(/</g, '\\<');
}

/** A URL as a Markdown autolink; a `>` inside it would end the link early. */
function autolink(url: string): string {
  return `<${url.replace(/>/g, '%3E')}>`;
}

/** Email HTML reduced to its text, for the document and for search. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head|title)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|tr|li|h[1-6]|blockquote|table)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function authorLine(message: Message): string {
  const who = message.author.name ?? message.author.address ?? ROLE_NAMES[message.author.role];
  const address = message.author.name && message.author.address ? ` <${message.author.address}>` : '';
  return `${escapeMarkdown(who + address)} (${ROLE_NAMES[message.author.role]})`;
}

function bodyMarkdown(message: Message): string {
  if (message.deleted) return '_This message was deleted._';
  switch (message.body.kind) {
    case 'markdown':
      return neutralizeHtml(message.body.text);
    case 'html':
      return escapeMarkdown(message.body.text?.trim() ? message.body.text : htmlToText(message.body.html)).replace(/\n/g, '  \n');
    case 'text':
      return escapeMarkdown(message.body.text).replace(/\n/g, '  \n');
  }
}

function messageSection(item: MessageItem, index: number): string {
  if (item.type === 'unreadable') {
    return `### Message ${index + 1} could not be read\n\n${escapeMarkdown(item.problem)}\n`;
  }
  const lines: string[] = [];
  const when = absoluteTime(item.createdAt);
  lines.push(`### ${authorLine(item)}${when ? ` — ${escapeMarkdown(when)}` : ''}`);
  const meta: string[] = [];
  if (item.subject) meta.push(`**Subject:** ${escapeMarkdown(item.subject)}`);
  if (item.to.length) meta.push(`**To:** ${escapeMarkdown(item.to.join(', '))}`);
  if (item.cc.length) meta.push(`**Cc:** ${escapeMarkdown(item.cc.join(', '))}`);
  if (item.contentType && item.contentType !== 'text') meta.push(`**Type:** ${escapeMarkdown(humanize(item.contentType))}`);
  if (item.delivery) meta.push(`**Delivery:** ${escapeMarkdown(item.delivery)}`);
  if (item.edited) meta.push('_edited_');
  if (meta.length) lines.push('', meta.join(' · '));
  lines.push('', bodyMarkdown(item));
  if (item.attachments.length) {
    lines.push('', '**Attachments:**');
    for (const attachment of item.attachments) {
      const details = [attachment.contentType, formatBytes(attachment.size)].filter(Boolean).join(', ');
      lines.push(`- ${escapeMarkdown(attachment.name)}${details ? ` (${escapeMarkdown(details)})` : ''}`);
    }
  }
  if (item.sources.length) {
    lines.push('', '**Sources:**');
    for (const source of item.sources) lines.push(`- ${autolink(source.url)}${source.title ? ` — ${escapeMarkdown(source.title)}` : ''}`);
  }
  const extras = [item.reaction && item.reaction !== 'NEUTRAL' ? `reaction: ${item.reaction.toLowerCase()}` : '', item.model ? `model: ${item.model}` : ''].filter(Boolean);
  if (extras.length) lines.push('', `_${escapeMarkdown(extras.join(' · '))}_`);
  return `${lines.join('\n')}\n`;
}

function headerRows(origin: ThreadOrigin, thread: Thread): [string, string][] {
  const rows: [string, string][] = [['Service', `${origin.serviceName} — ${origin.accountLabel}`]];
  const containerLabel = origin.containerLabel;
  if (containerLabel) rows.push(['In', containerLabel]);
  if (thread.status) rows.push(['Status', humanize(thread.status)]);
  if (thread.priority) rows.push(['Priority', humanize(thread.priority)]);
  if (thread.type) rows.push(['Type', humanize(thread.type)]);
  if (thread.badges.length) rows.push(['Flags', thread.badges.join(', ')]);
  const people = thread.participants
    .map((person) => `${[person.name, person.address && `<${person.address}>`].filter(Boolean).join(' ')} (${person.role})`)
    .filter((entry) => !entry.startsWith(' ('));
  if (people.length) rows.push(['Participants', people.join(', ')]);
  if (thread.createdAt) rows.push(['Started', absoluteTime(thread.createdAt) ?? thread.createdAt]);
  if (thread.updatedAt) rows.push(['Last activity', absoluteTime(thread.updatedAt) ?? thread.updatedAt]);
  if (thread.messageCount !== undefined) rows.push(['Messages', String(thread.messageCount)]);
  return rows;
}

/** What the service adds above the conversation: progress while processing, then its cards. */
function cardSections(thread: Thread): string[] {
  const lines: string[] = [];
  if (thread.state === 'processing' && thread.progress) lines.push(`_${escapeMarkdown(thread.progress.label)} (${thread.progress.percent}%)._`, '');
  for (const card of thread.cards) {
    lines.push(`## ${escapeMarkdown(card.title)}`, '');
    if (card.kind === 'lists') {
      if (card.summary) lines.push(`**Summary:** ${escapeMarkdown(card.summary)}`, '');
      for (const list of card.lists) {
        if (list.items.length) lines.push(`**${escapeMarkdown(list.title)}:**`, ...list.items.map((value) => `- ${escapeMarkdown(value)}`), '');
      }
      if (card.footnote) lines.push(`_${escapeMarkdown(card.footnote)}_`, '');
    } else {
      for (const row of card.rows) {
        lines.push(`- **${escapeMarkdown(row.label)}:** ${escapeMarkdown(row.value)}`);
        if (row.link) lines.push(`  - ${escapeMarkdown(row.link.label)}: ${autolink(row.link.url)}`);
      }
      lines.push('');
    }
  }
  return lines;
}

/** Where a thread lives, as the document's header names it. */
export interface ThreadOrigin {
  serviceName: string;
  accountLabel: string;
  containerLabel?: string;
}

export function renderThreadMarkdown(origin: ThreadOrigin, thread: Thread, messages: readonly MessageItem[]): string {
  const lines: string[] = [`# ${escapeMarkdown(thread.title)}`, '', '| | |', '|---|---|'];
  for (const [name, value] of headerRows(origin, thread)) {
    lines.push(`| ${name} | ${escapeMarkdown(value).replace(/\n/g, ' ')} |`);
  }
  for (const link of thread.links) lines.push(`| ${escapeMarkdown(link.label)} | ${autolink(link.url)} |`);
  lines.push('');
  lines.push(...cardSections(thread));
  if (thread.messagesUnavailable) {
    lines.push(`> ${escapeMarkdown(thread.messagesUnavailable)}`, '');
  } else {
    lines.push(`## Conversation (${plural(messages.length, 'message')})`, '');
    messages.forEach((item, index) => {
      lines.push('---', '', messageSection(item, index));
    });
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
