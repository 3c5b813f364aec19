// SiteGPT API v2 → the domain model: ids, names and start times (what the reference shows).
import { t } from '../../l10n';
import type * as z from 'zod/mini';
import type { Container, Page, Thread, ThreadSummary } from '../../domain/model';
import { decodeWith, type Decoder } from '../../http/validation';
import { parseEach, snippet, toIso } from '../shared';
import { chatbotsSchema, conversationSchema, conversationsSchema, itemSchema } from './schema';

type Item = z.output<typeof itemSchema>;

/** Why an opened v2 conversation shows no messages (the page shows it in place of the history). */
export const V2_NO_MESSAGES_NOTE =
  "SiteGPT's API v2 reference does not publish the shape of a conversation's messages (its examples show only a conversation's id, name and start time), so Threadline does not show them rather than guess. An API v0 key reads the messages.";

function nextCursor(pagination: { hasNextPage?: boolean | null; nextCursor?: string | null } | null | undefined): string | undefined {
  if (!pagination?.nextCursor || pagination.hasNextPage === false) return undefined;
  return pagination.nextCursor;
}

export function toChatbot(item: Item): Container {
  return { kind: 'chatbot', id: item.id, label: item.name?.trim() || t('Chatbot {0}', item.id) };
}

export function toSummary(item: Item, chatbotId: string): ThreadSummary {
  const createdAt = toIso(item.createdAt);
  return {
    threadId: item.id,
    containerId: chatbotId,
    title: item.name?.trim() ? snippet(item.name) : t('Conversation {0}', item.id.slice(0, 8)),
    ...(createdAt ? { createdAt, updatedAt: createdAt } : {}),
    state: 'unknown',
    badges: [],
    participants: [],
  };
}

export const decodeChatbotPage: Decoder<Page<Container>> = decodeWith(chatbotsSchema, (body) => {
  const { items, unreadable } = parseEach(body.data.chatbots, itemSchema, toChatbot);
  const next = nextCursor(body.data.pagination);
  return { items, ...(next ? { next } : {}), ...(unreadable.length ? { unreadable: unreadable.length } : {}) };
});

export function decodeConversationPage(chatbotId: string): Decoder<Page<ThreadSummary>> {
  return decodeWith(conversationsSchema, (body) => {
    const { items, unreadable } = parseEach(body.data.conversations, itemSchema, (item) => toSummary(item, chatbotId));
    const next = nextCursor(body.data.pagination);
    return { items, ...(next ? { next } : {}), ...(unreadable.length ? { unreadable: unreadable.length } : {}) };
  });
}

/** The conversation exists and the token may read it; what else it holds is not established. */
export function decodeConversation(threadId: string, chatbotId: string): Decoder<Thread> {
  return decodeWith(conversationSchema, () => ({
    threadId,
    containerId: chatbotId,
    title: t('Conversation {0}', threadId.slice(0, 8)),
    state: 'unknown',
    badges: [],
    participants: [],
    links: [],
    cards: [],
    messagesUnavailable: V2_NO_MESSAGES_NOTE,
  }));
}
