// A thread as a Markdown document: a header block, then one section per message. This module
// decides the layout; every piece of service text in it goes through src/sinks/markdownDocument
// (text escaped, links checked, bot Markdown parsed and written out again).
import { t } from '../l10n';
import type { Message, MessageItem, Thread } from '../domain/model';
import { absoluteTime, formatBytes, humanize, plural } from '../domain/format';
import { documentAutolink, documentLine, documentLink, documentMarkdown, documentParagraphs } from '../sinks/markdownDocument';
import { htmlToText } from './htmlText';

export { htmlToText } from './htmlText';

const ROLE_NAMES = { customer: 'customer', agent: 'agent', bot: 'bot', system: 'system' } as const;

function authorLine(message: Message): string {
  const who = message.author.name ?? message.author.address ?? ROLE_NAMES[message.author.role];
  const address = message.author.name && message.author.address ? ` <${message.author.address}>` : '';
  return `${documentLine(who + address)} (${ROLE_NAMES[message.author.role]})`;
}

function bodyMarkdown(message: Message): string {
  if (message.deleted) return t('_This message was deleted._');
  switch (message.body.kind) {
    case 'markdown':
      return documentMarkdown(message.body.text);
    case 'html':
      return documentParagraphs(message.body.text?.trim() ? message.body.text : htmlToText(message.body.html));
    case 'text':
      return documentParagraphs(message.body.text);
  }
}

function messageSection(item: MessageItem, index: number): string {
  if (item.type === 'unreadable') {
    return `### Message ${index + 1} could not be read\n\n${documentParagraphs(item.problem)}\n`;
  }
  const lines: string[] = [];
  const when = absoluteTime(item.createdAt);
  lines.push(`### ${authorLine(item)}${when ? ` — ${documentLine(when)}` : ''}`);
  const meta: string[] = [];
  if (item.subject) meta.push(t('**Subject:** {0}', documentLine(item.subject)));
  if (item.to.length) meta.push(t('**To:** {0}', documentLine(item.to.join(', '))));
  if (item.cc.length) meta.push(t('**Cc:** {0}', documentLine(item.cc.join(', '))));
  if (item.contentType && item.contentType !== 'text') meta.push(t('**Type:** {0}', documentLine(humanize(item.contentType))));
  if (item.delivery) meta.push(t('**Delivery:** {0}', documentLine(item.delivery)));
  if (item.edited) meta.push('_edited_');
  if (meta.length) lines.push('', meta.join(' · '));
  lines.push('', bodyMarkdown(item));
  if (item.attachments.length) {
    lines.push('', '**Attachments:**', '');
    for (const attachment of item.attachments) {
      const details = [attachment.contentType, formatBytes(attachment.size)].filter(Boolean).join(', ');
      lines.push(`- ${documentLink(attachment.name, attachment.url)}${details ? ` (${documentLine(details)})` : ''}`);
    }
  }
  if (item.sources.length) {
    lines.push('', '**Sources:**', '');
    for (const source of item.sources) lines.push(`- ${documentAutolink(source.url)}${source.title ? ` — ${documentLine(source.title)}` : ''}`);
  }
  const extras = [item.reaction && item.reaction !== 'NEUTRAL' ? `reaction: ${item.reaction.toLowerCase()}` : '', item.model ? `model: ${item.model}` : ''].filter(Boolean);
  if (extras.length) lines.push('', `_${documentLine(extras.join(' · '))}_`);
  return `${lines.join('\n')}\n`;
}

function headerRows(origin: ThreadOrigin, thread: Thread): [string, string][] {
  const rows: [string, string][] = [[t('Service'), `${origin.serviceName} — ${origin.accountLabel}`]];
  const containerLabel = origin.containerLabel;
  if (containerLabel) rows.push([t('In'), containerLabel]);
  if (thread.status) rows.push([t('Status'), humanize(thread.status)]);
  if (thread.priority) rows.push([t('Priority'), humanize(thread.priority)]);
  if (thread.type) rows.push([t('Type'), humanize(thread.type)]);
  // A flag that repeats the status, priority or type (Thred's platform, Tybrite's "high") is said once.
  const said = new Set([thread.status, thread.priority, thread.type].filter((value): value is string => Boolean(value)).map(humanize));
  const flags = [...new Set(thread.badges)].filter((flag) => !said.has(humanize(flag)));
  if (flags.length) rows.push([t('Flags'), flags.join(', ')]);
  const people = thread.participants
    .map((person) => `${[person.name, person.address && `<${person.address}>`].filter(Boolean).join(' ')} (${person.role})`)
    .filter((entry) => !entry.startsWith(' ('));
  if (people.length) rows.push([t('Participants'), people.join(', ')]);
  if (thread.createdAt) rows.push([t('Started'), absoluteTime(thread.createdAt) ?? thread.createdAt]);
  if (thread.updatedAt) rows.push([t('Last activity'), absoluteTime(thread.updatedAt) ?? thread.updatedAt]);
  if (thread.messageCount !== undefined) rows.push([t('Messages'), String(thread.messageCount)]);
  return rows;
}

/** What the service adds above the conversation: progress while processing, then its cards. */
function cardSections(thread: Thread): string[] {
  const lines: string[] = [];
  if (thread.state === 'processing' && thread.progress) lines.push(`_${documentLine(thread.progress.label)} (${thread.progress.percent}%)._`, '');
  for (const card of thread.cards) {
    lines.push(`## ${documentLine(card.title)}`, '');
    if (card.kind === 'lists') {
      if (card.summary) lines.push(t('**Summary:** {0}', documentLine(card.summary)), '');
      for (const list of card.lists) {
        if (list.items.length) lines.push(`**${documentLine(list.title)}:**`, '', ...list.items.map((value) => `- ${documentLine(value)}`), '');
      }
      if (card.footnote) lines.push(`_${documentLine(card.footnote)}_`, '');
    } else {
      for (const row of card.rows) {
        lines.push(`- **${documentLine(row.label)}:** ${documentLine(row.value)}`);
        if (row.link) lines.push(`  - ${documentLine(row.link.label)}: ${documentAutolink(row.link.url)}`);
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

/** `stopped`: why fetching the messages ended early, when it did (shown after the last message). */
export function renderThreadMarkdown(origin: ThreadOrigin, thread: Thread, messages: readonly MessageItem[], stopped?: string): string {
  // The header block is a two-column table whose first row is its first fact (Service), so it
  // has no empty header row.
  const lines: string[] = [`# ${documentLine(thread.title)}`, ''];
  headerRows(origin, thread).forEach(([name, value], index) => {
    lines.push(`| ${name} | ${documentLine(value)} |`);
    if (index === 0) lines.push('|---|---|');
  });
  for (const link of thread.links) lines.push(`| ${documentLine(link.label)} | ${documentAutolink(link.url)} |`);
  lines.push('');
  lines.push(...cardSections(thread));
  if (thread.messagesUnavailable) {
    lines.push(`> ${documentLine(thread.messagesUnavailable)}`, '');
  } else {
    lines.push(`## Conversation (${plural(messages.length, t('message'), t('messages'))})`, '');
    messages.forEach((item, index) => {
      lines.push('---', '', messageSection(item, index));
    });
    if (stopped) lines.push('---', '', `> ${documentLine(stopped)}`, '');
  }
  return `${collapseBlankLines(lines.join('\n'))}\n`;
}

/** At most one empty line in a row (one pass; the layout above can leave two). */
function collapseBlankLines(text: string): string {
  const out: string[] = [];
  let blank = 0;
  for (const line of text.split('\n')) {
    blank = line === '' ? blank + 1 : 0;
    if (blank < 2) out.push(line);
  }
  return out.join('\n').replace(/\n+$/, '');
}
