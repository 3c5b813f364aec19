// Tybrite → the domain model.
import { t } from '../../l10n';
import type * as z from 'zod/mini';
import type { Message, MessageItem, Page, Participant, Thread, ThreadState, ThreadSummary } from '../../domain/model';
import { decodeWith, type Decoder } from '../../http/validation';
import { countUnreadable, parseEach, parseMessages, toIso, webLink } from '../shared';
import { authResponseSchema, messageListSchema, messageSchema, threadListSchema, threadSchema } from './schema';

/** What Threadline keeps in SecretStorage for a Tybrite customer session. */
export interface TybriteSession {
  accessToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
}

const STATE_BY_STATUS: Record<string, ThreadState> = {
  active: 'open',
  pending: 'waiting',
  escalated: 'attention',
  resolved: 'done',
  closed: 'done',
};

const ROLE_BY_SENDER: Record<string, Participant['role']> = { customer: 'customer', store: 'agent', system: 'system' };

export function toSummary(thread: z.output<typeof threadSchema>, containerId?: string): ThreadSummary {
  const createdAt = toIso(thread.created_at);
  const updatedAt = toIso(thread.last_message_at) ?? toIso(thread.updated_at) ?? createdAt;
  const badges: string[] = [];
  if (thread.is_pinned) badges.push('pinned');
  if (thread.priority === 'high' || thread.priority === 'urgent') badges.push(thread.priority);
  if (thread.is_archived) badges.push('archived');
  if (thread.is_muted) badges.push('muted');
  if (thread.environment === 'sandbox') badges.push('sandbox');
  const customer: Participant = {
    role: 'customer',
    ...(thread.customer_name ? { name: thread.customer_name } : {}),
    ...(thread.customer_email ? { address: thread.customer_email } : {}),
  };
  const owner = thread.customer_id ?? containerId;
  return {
    threadId: thread.id,
    ...(owner ? { containerId: owner } : {}),
    title: thread.subject?.trim() || t('(no subject)'),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    ...(thread.status ? { status: thread.status } : {}),
    state: STATE_BY_STATUS[thread.status ?? ''] ?? 'unknown',
    ...(thread.priority ? { priority: thread.priority } : {}),
    ...(thread.thread_type ? { type: thread.thread_type } : {}),
    ...(typeof thread.unread_count_store === 'number' ? { unread: thread.unread_count_store } : {}),
    badges,
    participants: customer.name || customer.address ? [customer] : [],
  };
}

export function toThread(thread: z.output<typeof threadSchema>): Thread {
  const summary = toSummary(thread);
  return {
    ...summary,
    participants: [...summary.participants, ...(thread.store_name ? [{ role: 'agent' as const, name: thread.store_name }] : [])],
    links: [],
    cards: [],
  };
}

function attachmentName(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url;
  } catch {
    return url;
  }
}

export function toMessage(message: z.output<typeof messageSchema>): Message {
  const createdAt = toIso(message.created_at);
  const editedAt = toIso(message.edited_at);
  const role = ROLE_BY_SENDER[message.sender_type] ?? 'system';
  return {
    type: 'message',
    id: message.id,
    author: { role, ...(message.sender_name ? { name: message.sender_name } : {}) },
    ...(createdAt ? { createdAt } : {}),
    to: [],
    cc: [],
    body: { kind: 'text', text: message.message_content ?? '' },
    attachments: (message.attachments ?? []).map((url) => {
      const link = webLink(url);
      return { name: attachmentName(url), ...(link ? { url: link } : {}) };
    }),
    ...(message.message_status ? { delivery: message.message_status } : {}),
    ...(message.is_edited ? { edited: true } : {}),
    ...(editedAt ? { editedAt } : {}),
    ...(message.is_deleted ? { deleted: true } : {}),
    ...(message.message_type ? { contentType: message.message_type } : {}),
    ...(message.metadata && Object.keys(message.metadata).length ? { metadata: message.metadata } : {}),
    sources: [],
  };
}

function nextCursor(pagination: { next_cursor?: string | null; has_more?: boolean | null } | null | undefined): string | undefined {
  if (!pagination?.next_cursor) return undefined;
  return pagination.has_more === false ? undefined : pagination.next_cursor;
}

export function decodeThreadPage(containerId: string): Decoder<Page<ThreadSummary>> {
  return decodeWith(threadListSchema, (list) => {
    const { items, unreadable } = parseEach(list.threads, threadSchema, (thread) => toSummary(thread, containerId));
    const next = nextCursor(list.pagination);
    return { items, ...(next ? { next } : {}), ...(unreadable.length ? { unreadable: unreadable.length } : {}) };
  });
}

export const decodeThread: Decoder<Thread> = decodeWith(threadSchema, toThread);

export const decodeMessagePage: Decoder<Page<MessageItem>> = decodeWith(messageListSchema, (list) => {
  const items = parseMessages(list.messages, messageSchema, (message) => [toMessage(message)]);
  const next = nextCursor(list.pagination);
  const unreadable = countUnreadable(items);
  return { items, ...(next ? { next } : {}), ...(unreadable ? { unreadable } : {}) };
});

export function decodeAuth(now: () => number): Decoder<{ session: TybriteSession; customerId?: string }> {
  return decodeWith(authResponseSchema, ({ session, customer }) => {
    const expiresAt =
      typeof session.expires_at === 'number'
        ? session.expires_at * 1000
        : typeof session.expires_in === 'number'
          ? now() + session.expires_in * 1000
          : undefined;
    return {
      session: {
        accessToken: session.access_token,
        ...(session.refresh_token ? { refreshToken: session.refresh_token } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      },
      ...(customer?.id ? { customerId: customer.id } : {}),
    };
  });
}

/** Reads the stored session; tolerates a bare token saved by hand. */
export function parseStoredSession(value: string | undefined): TybriteSession | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<TybriteSession> | null;
    if (typeof parsed === 'object' && parsed !== null) {
      if (typeof parsed.accessToken !== 'string' || !parsed.accessToken) return undefined; // another kind of credential
      return {
        accessToken: parsed.accessToken,
        ...(typeof parsed.refreshToken === 'string' ? { refreshToken: parsed.refreshToken } : {}),
        ...(typeof parsed.expiresAt === 'number' ? { expiresAt: parsed.expiresAt } : {}),
      };
    }
  } catch {
    // not JSON: a raw token
  }
  return value.trim() ? { accessToken: value.trim() } : undefined;
}
