// AgentSend → the domain model.
import { t } from '../../l10n';
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
    title: thread.subject?.trim() || t('(no subject)'),
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

/** The inbox a thread belongs to, as far as roles go: its own address, and whether its domain is the team's own. */
export interface InboxIdentity {
  address: string;
  /** The inbox sends from a domain of its own (`domainId` set), so everyone at that domain is the team. */
  ownDomain: boolean;
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Everyone who wrote or was written to in these messages, customers first. Roles follow what the
 * service says, never a guess from who wrote to whom: a message's author is the customer when it
 * came in and the team when it went out; anyone else is the team when they are the inbox itself
 * or, for an inbox with its own domain, at that domain, and the customer's side otherwise (a
 * customer's CTO on Cc is not an agent; the team's incident-review address is not a customer).
 */
export function participantsOf(items: readonly MessageItem[], inbox?: InboxIdentity): Participant[] {
  const seen = new Map<string, Participant>();
  const inboxAddress = inbox?.address.toLowerCase();
  const teamDomain = inbox?.ownDomain ? domainOf(inbox.address) : undefined;
  const roleOf = (address: string): Participant['role'] => {
    const key = address.toLowerCase();
    if (key === inboxAddress || (teamDomain !== undefined && domainOf(key) === teamDomain)) return 'agent';
    return 'customer';
  };
  for (const item of items) {
    if (item.type !== 'message' || !item.author.address) continue;
    const key = item.author.address.toLowerCase();
    if (!seen.has(key) || item.author.role !== 'system') seen.set(key, item.author);
  }
  for (const item of items) {
    if (item.type !== 'message') continue;
    for (const address of [...item.to, ...item.cc]) {
      const key = address.toLowerCase();
      if (!seen.has(key)) seen.set(key, { role: roleOf(address), address });
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

/** A page of inboxes, with each inbox's address and domain (roles of people on Cc need them). */
export function decodeInboxPage(offset: number, pageSize: number): Decoder<Page<Container> & { identities: Map<string, InboxIdentity> }> {
  const identities = new Map<string, InboxIdentity>();
  const page = offsetPage(offset, pageSize, (data) => {
    const { items: inboxes, unreadable } = parseEach(data, inboxSchema, (inbox) => inbox);
    for (const inbox of inboxes) if (inbox.address) identities.set(inbox.id, { address: inbox.address, ownDomain: Boolean(inbox.domainId) });
    return { items: inboxes.map(toContainer), unreadable: unreadable.length };
  });
  return (json, context) => ({ ...page(json, context), identities });
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
