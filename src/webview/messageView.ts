// One message as the page shows it: author and role, local time (relative, absolute on hover),
// the body by kind, attachments, delivery and edit markers, SiteGPT sources, reaction and model,
// and Tybrite's typed messages each drawn their own way.
import { t } from './l10n';
import type { Attachment, Message, MessageItem } from '../domain/model';
import { webviewName, webviewTitle } from '../sinks/webview';
import { h } from './dom';
import { absoluteTime, clockTime, formatBytes, formatPrice, humanize, relativeTime } from './format';
import { markdownToFragment, sanitizeToFragment, type SanitizeOptions } from './sanitize';

const ROLE_LABELS: Record<Message['author']['role'], string> = { customer: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' };
const REACTIONS: Record<string, string> = { POSITIVE: 'reaction: positive', NEGATIVE: 'reaction: negative' };

export interface MessageViewContext extends SanitizeOptions {
  now: number;
}

/** A link the page never follows itself: clicks go to the host, which checks the scheme. */
export function link(href: string, label: string): HTMLAnchorElement {
  return h('a', { href, title: href, rel: 'noopener noreferrer nofollow' }, label);
}

function authorName(message: Message): string {
  return webviewName(message.author.name ?? message.author.address ?? ROLE_LABELS[message.author.role]);
}

function body(message: Message, context: MessageViewContext): HTMLElement {
  if (message.deleted) return h('div', { class: 'body body-deleted' }, t('This message was deleted.'));
  switch (message.body.kind) {
    case 'text':
      return h('div', { class: 'body body-text', dir: 'auto' }, message.body.text);
    case 'markdown': {
      const element = h('div', { class: 'body body-markdown', dir: 'auto' });
      element.append(markdownToFragment(message.body.text, context));
      return element;
    }
    case 'html': {
      const element = h('div', { class: 'body body-html', dir: 'auto' });
      element.append(sanitizeToFragment(message.body.html, context));
      return element;
    }
  }
}

function metadataText(metadata: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = metadata?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Tybrite's typed messages: a card per type, beside the text. */
function typedCard(message: Message, context: MessageViewContext): HTMLElement | undefined {
  const metadata = message.metadata;
  switch (message.contentType) {
    case 'product_link': {
      const url = metadataText(metadata, 'url');
      const title = webviewName(metadataText(metadata, 'title') ?? metadataText(metadata, 'name') ?? 'Product');
      const price = formatPrice(metadataText(metadata, 'price'), metadataText(metadata, 'currency'));
      return h(
        'div',
        { class: 'card card-product', 'data-kind': 'product_link' },
        h('span', { class: 'card-kind muted' }, t('Product')),
        h('div', {}, url ? link(url, title) : h('strong', {}, title), price ? h('div', { class: 'muted' }, webviewName(price)) : undefined),
      );
    }
    case 'order_update': {
      const order = metadataText(metadata, 'order_id') ?? metadataText(metadata, 'orderId');
      const status = metadataText(metadata, 'status');
      const tracking = metadataText(metadata, 'tracking_url');
      return h(
        'div',
        { class: 'card card-order', 'data-kind': 'order_update' },
        h('span', { class: 'card-kind muted' }, t('Order update')),
        h(
          'div',
          {},
          h('strong', {}, order ? t('Order {0}', webviewName(order)) : t('Order update')),
          status ? h('span', { class: 'badge' }, webviewName(humanize(status))) : undefined,
          tracking ? h('div', {}, link(tracking, 'Track shipment')) : undefined,
        ),
      );
    }
    case 'image': {
      const images = message.attachments.filter((attachment) => attachment.url);
      if (images.length === 0) return undefined;
      return h('div', { class: 'card card-image', 'data-kind': 'image' }, ...images.map((image) => context.remoteImage(image.url ?? '', image.name)));
    }
    case 'file':
      return h(
        'div',
        { class: 'card card-file', 'data-kind': 'file' },
        h('span', { class: 'card-kind muted' }, t('File')),
        h('span', {}, message.attachments.length > 1 ? t('{0} files', message.attachments.length) : webviewName(message.attachments[0]?.name ?? 'a file')),
      );
    default:
      return undefined;
  }
}

/** A file's kind in words, from its content type or its name ("PDF document", "PNG image"). */
function fileKind(attachment: Attachment): string | undefined {
  const type = attachment.contentType?.toLowerCase().split(';')[0]?.trim();
  const extension = /\.([a-z0-9]{1,8})$/i.exec(attachment.name)?.[1]?.toUpperCase();
  if (type === 'application/pdf' || extension === 'PDF') return 'PDF document';
  if (type?.startsWith('image/')) return `${type.slice(6).toUpperCase()} image`;
  if (type === 'text/csv' || extension === 'CSV') return 'CSV spreadsheet';
  if (type?.includes('spreadsheet') || extension === 'XLSX' || extension === 'XLS') return 'Spreadsheet';
  if (type?.includes('zip') || extension === 'ZIP') return 'ZIP archive';
  if (type?.startsWith('text/')) return 'Text';
  return extension ? `${extension} file` : type;
}

/** A small file glyph drawn with DOM nodes (no markup strings, no icon font). */
function fileIcon(kind: string | undefined): SVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('file-icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', kind?.endsWith('image') ? 'M2 3h12v10H2zM4 11l3-3 2 2 2-3 2 4z' : 'M4 1h5l4 4v10H4zM9 1v4h4');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.2');
  svg.append(path);
  return svg;
}

function attachments(message: Message): HTMLElement | undefined {
  if (message.attachments.length === 0 || message.contentType === 'image') return undefined;
  return h(
    'ul',
    { class: 'attachments', 'aria-label': t('Attachments') },
    ...message.attachments.map((attachment) => {
      const kind = fileKind(attachment);
      const details = [kind, formatBytes(attachment.size)].filter(Boolean).join(' · ');
      // Clickable only where the service gives an address; the host checks its scheme like any link.
      return h(
        'li',
        { class: 'attachment', 'data-clickable': Boolean(attachment.url) },
        fileIcon(kind) as unknown as HTMLElement,
        attachment.url ? link(attachment.url, webviewName(attachment.name)) : h('span', { class: 'attachment-name' }, webviewName(attachment.name)),
        details ? h('span', { class: 'muted' }, details) : undefined,
      );
    }),
  );
}

function sources(message: Message): HTMLElement | undefined {
  if (message.sources.length === 0) return undefined;
  return h(
    'div',
    { class: 'sources' },
    h('span', { class: 'muted' }, t('Sources: ')),
    ...message.sources.map((source, index) => [index > 0 ? ' · ' : '', link(source.url, webviewName(source.title ?? source.url))]),
  );
}

export function renderMessage(item: MessageItem, index: number, context: MessageViewContext): HTMLElement {
  if (item.type === 'unreadable') {
    return h(
      'article',
      { class: 'message message-unreadable', 'data-index': index, tabindex: -1, role: 'article', 'aria-label': t('A message that could not be read') },
      h('div', { class: 'message-header' }, h('span', { class: 'badge badge-warning' }, t('unreadable'))),
      h('div', { class: 'body muted' }, t('This message could not be read{0}: {1}', item.id ? ` (${item.id})` : '', item.problem)),
    );
  }
  const message = item;
  const relative = relativeTime(message.createdAt, context.now);
  const clock = clockTime(message.createdAt);
  // The clock time first: every message of a day reads differently ("10:47 · 2 weeks ago").
  const when = clock && relative ? `${clock} · ${relative}` : relative;
  const absolute = absoluteTime(message.createdAt);
  const roleLabel = ROLE_LABELS[message.author.role];
  // "Agent" as a name says the role already: no second "Agent" beside it.
  const nameIsRole = authorName(message).trim().toLowerCase() === roleLabel.toLowerCase();
  const system = message.contentType === 'system_notification' || message.author.role === 'system';
  const header = h(
    'div',
    { class: 'message-header' },
    h('span', { class: 'author' }, authorName(message)),
    message.author.name && message.author.address ? h('span', { class: 'address muted' }, `<${webviewName(message.author.address)}>`) : undefined,
    nameIsRole ? undefined : h('span', { class: `badge role role-${message.author.role}`, 'data-role': message.author.role }, roleLabel),
    message.contentType && message.contentType !== 'text' ? h('span', { class: 'badge badge-type', 'data-type': message.contentType }, humanize(message.contentType)) : undefined,
    when ? h('time', { datetime: message.createdAt, title: absolute }, when) : undefined,
    message.delivery ? h('span', { class: `badge delivery delivery-${message.delivery}`, 'data-delivery': message.delivery, title: t('Delivery status') }, webviewName(message.delivery)) : undefined,
    message.edited ? h('span', { class: 'marker', title: message.editedAt ? t('Edited {0}', absoluteTime(message.editedAt) ?? '') : t('Edited') }, t('edited')) : undefined,
    message.deleted ? h('span', { class: 'marker' }, t('deleted')) : undefined,
    h(
      'span',
      { class: 'actions' },
      h('button', { type: 'button', 'data-action': 'copy', title: t('Copy message'), 'aria-label': t('Copy message') }, t('Copy')),
      h('button', { type: 'button', 'data-action': 'link', title: t('Copy link to this message'), 'aria-label': t('Copy link to this message') }, t('Link')),
    ),
  );
  const recipients =
    message.to.length || message.cc.length
      ? h(
          'div',
          { class: 'recipients muted' },
          message.to.length ? t('To: {0}', webviewTitle(message.to.join(', '))) : '',
          message.to.length && message.cc.length ? ' · ' : '',
          message.cc.length ? t('Cc: {0}', webviewTitle(message.cc.join(', '))) : '',
        )
      : undefined;
  const extras = [message.reaction && REACTIONS[message.reaction], message.model ? `model ${message.model}` : undefined].filter(Boolean) as string[];
  return h(
    'article',
    {
      class: `message role-${message.author.role}${system ? ' message-system' : ''}`,
      'data-role': message.author.role,
      'data-id': message.id,
      'data-index': index,
      'data-kind': message.body.kind,
      tabindex: -1,
      'aria-label': `${authorName(message)}, ${ROLE_LABELS[message.author.role]}${when ? `, ${when}` : ''}`,
    },
    header,
    message.subject ? h('div', { class: 'subject', dir: 'auto' }, webviewTitle(message.subject)) : undefined,
    recipients,
    body(message, context),
    typedCard(message, context),
    attachments(message),
    sources(message),
    extras.length ? h('div', { class: 'meta muted' }, extras.join(' · ')) : undefined,
  );
}
