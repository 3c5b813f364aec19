// AgentSend → the domain model.
import type * as z from 'zod/mini';
import type { Container, Message, MessageItem, Page, Participant, Thread, ThreadSummary } from '../../domain/model';
import { decodeWith, type Decoder } from '../../http/validation';
import { countUnreadable, parseEach, parseMessages, toIso } from '../shared';
import { inboxSchema, listSchema, messageSchema, threadSchema } from './schema';

/**
 * Offsets travel as the opaque cursor. An empty page short of the total is not taken for the
 * end: the next cursor is kept, and the store's paging guard stops there and says why. A page
 * longer than asked for (a server repeating items, or ignoring the limit) moves on by the limit
 * only: what it held beyond is read again rather than skipped.
 */
export function nextOffsetCursor(offset: number, count: number, total: number | null | undefined, pageSize: number): string | undefined {
  const next = offset + Math.min(count, pageSize);
  if (typeof total === 'number') return next < total ? String(next) : undefined;
  return count > 0 && count >= pageSize ? String(next) : undefined;
}

export function toContainer(inbox: z.output<typeof inboxSchema>): Container {
  const label = inbox.displayName || inbox.address || inbox.id;
  return {
    kind: 'inbox',
    id: inbox.id,
    label,
    ...(inbox.address && inbox.address !== label ? { description: inbox.address } : {}),
  };
}

export function toSummary(thread: z.output<typeof threadSchema>, inboxId?: string): ThreadSummary {
  const containerId = thread.inboxId ?? inboxId;
  const createdAt = toIso(thread.createdAt);
  const updatedAt = toIso(thread.lastMessageAt) ?? createdAt;
  return {
    threadId: thread.id,
    ...(containerId ? { containerId } : {}),
    title: thread.subject?.trim() || '(no subject)',
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    state: 'unknown', // AgentSend threads carry no status
    ...(typeof thread.messageCount === 'number' ? { messageCount: thread.messageCount } : {}),
    badges: [],
    participants: [],
  };
}

const ROLE_BY_DIRECTION: Record<string, Participant['role']> = { inbound: 'customer', outbound: 'agent' };

export function toMessage(message: z.output<typeof messageSchema>): Message {
  const role = ROLE_BY_DIRECTION[message.direction] ?? 'system';
  const createdAt = toIso(message.createdAt);
  const html = message.bodyHtml?.trim() ? message.bodyHtml : undefined;
  const text = message.bodyText ?? '';
  return {
    type: 'message',
    id: message.id,
    author: { role, ...(message.fromAddress ? { address: message.fromAddress } : {}) },
    ...(createdAt ? { createdAt } : {}),
    ...(message.subject ? { subject: message.subject } : {}),
    to: message.toAddresses ?? [],
    cc: message.ccAddresses ?? [],
    body: html !== undefined ? { kind: 'html', html, ...(text ? { text } : {}) } : { kind: 'text', text },
    attachments: (message.attachments ?? []).map((attachment) => ({
      name: attachment.filename || attachment.id || 'attachment',
      ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
      ...(typeof attachment.size === 'number' ? { size: attachment.size } : {}),
    })),
    ...(message.status ? { delivery: message.status } : {}),
    sources: [],
  };
}

/** Everyone who wrote or was written to in these messages, customers first. */
export function participantsOf(items: readonly MessageItem[]): Participant[] {
  const seen = new Map<string, Participant>();
  for (const item of items) {
    if (item.type !== 'message') continue;
    const author = item.author;
    if (author.address && !seen.has(author.address.toLowerCase())) seen.set(author.address.toLowerCase(), author);
    for (const address of [...item.to, ...item.cc]) {
      const key = address.toLowerCase();
      if (!seen.has(key)) seen.set(key, { role: author.role === 'customer' ? 'agent' : 'customer', address });
    }
  }
  return [...seen.values()].sort((a, b) => (a.role === 'customer' ? 0 : 1) - (b.role === 'customer' ? 0 : 1));
}

/** A page of an AgentSend list (`{ data, total }` asked for at `offset`), its items validated one by one. */
function offsetPage<T>(offset: number, pageSize: number, read: (data: readonly unknown[]) => { items: T[]; unreadable: number }): Decoder<Page<T>> {
  return decodeWith(listSchema, (list) => {
    const { items, unreadable } = read(list.data);
    const next = nextOffsetCursor(offset, list.data.length, list.total, pageSize);
    return {
      items,
      offset,
      ...(next ? { next } : {}),
      ...(typeof list.total === 'number' ? { total: list.total } : {}),
      ...(unreadable ? { unreadable } : {}),
    };
  });
}

export function decodeInboxPage(offset: number, pageSize: number): Decoder<Page<Container>> {
  return offsetPage(offset, pageSize, (data) => {
    const { items, unreadable } = parseEach(data, inboxSchema, toContainer);
    return { items, unreadable: unreadable.length };
  });
}

export function decodeThreadPage(offset: number, pageSize: number, inboxId: string): Decoder<Page<ThreadSummary>> {
  return offsetPage(offset, pageSize, (data) => {
    const { items, unreadable } = parseEach(data, threadSchema, (thread) => toSummary(thread, inboxId));
    return { items, unreadable: unreadable.length };
  });
}

export function decodeMessagePage(offset: number, pageSize: number): Decoder<Page<MessageItem>> {
  return offsetPage(offset, pageSize, (data) => {
    const items = parseMessages(data, messageSchema, (message) => [toMessage(message)]);
    return { items, unreadable: countUnreadable(items) };
  });
}

export const decodeThread: Decoder<Thread> = decodeWith(threadSchema, (thread) => ({
  ...toSummary(thread),
  links: [],
  cards: [],
}));
