// SiteGPT API v2: chatbots → conversations, cursor paging, server-side filters and search.
import { t } from '../../l10n';
import type { Container, FilterDefinition, MessageItem, Page, ThreadFilter, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import type { QueryValue } from '../../http/origin';
import { NotFoundError, UnsupportedError } from '../../http/errors';
import { keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { decodeChatbotPage, decodeConversation, decodeConversationPage } from './mapping';
import { siteGptV2ErrorMessage } from './schema';
import { plural } from '../../domain/format';

/** No maximum is documented for `limit` (only ≥ 1); cursors carry on past whatever a server caps it at. */
export const SITEGPT_V2_PAGE_SIZE = 100;
/** Chatbots are read whole for the tree; no account pages past this. */
const MAX_CHATBOT_PAGES = 50;

/** The list-conversations filters, each sent as its documented query parameter. */
export const SITEGPT_V2_FILTERS: readonly FilterDefinition[] = [
  { key: 'status', label: t('Status'), values: ['open', 'resolved'], appliesOn: 'server' },
  { key: 'escalated', label: t('Escalated'), appliesOn: 'server' },
  { key: 'important', label: t('Important'), appliesOn: 'server' },
  { key: 'read', label: t('Read'), appliesOn: 'server' },
  { key: 'reaction', label: t('Reaction'), values: ['POSITIVE', 'NEGATIVE'], appliesOn: 'server' },
];

/** The query of a conversation list: the filter as SiteGPT's parameters, its words as `query`. */
export function conversationQuery(filter: ThreadFilter): Record<string, QueryValue> {
  return {
    status: filter.status,
    escalated: filter.escalated,
    important: filter.important,
    read: filter.read,
    reaction: filter.reaction,
    query: filter.text?.trim() || undefined,
  };
}

export class SiteGptV2Provider implements ServiceProvider {
  private readonly http: HttpClient;

  constructor(context: ProviderContext) {
    this.http = keyedHttpClient(context, { serviceName: 'SiteGPT', headers: (key) => ({ authorization: `Bearer ${key}` }), serviceMessage: siteGptV2ErrorMessage });
  }

  /** Every chatbot, following `nextCursor` (bounded; a repeated cursor ends it). */
  async listContainers(signal?: AbortSignal): Promise<Container[]> {
    const chatbots = new Map<string, Container>();
    const cursors = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_CHATBOT_PAGES; page++) {
      const { data } = await this.http.get(['chatbots'], { limit: SITEGPT_V2_PAGE_SIZE, cursor }, decodeChatbotPage, signal);
      for (const chatbot of data.items) chatbots.set(chatbot.id, chatbot);
      if (!data.next || cursors.has(data.next)) break;
      cursors.add(data.next);
      cursor = data.next;
    }
    return [...chatbots.values()];
  }

  listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const query = { limit: SITEGPT_V2_PAGE_SIZE, cursor: options.cursor, ...conversationQuery(options.filter ?? {}) };
    return this.http.get(['chatbots', container.id, 'conversations'], query, decodeConversationPage(container.id), signal).then((response) => response.data);
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const chatbotId = ref.containerId ?? (await this.findChatbot(ref.threadId, signal));
    const response = await this.http.get(['chatbots', chatbotId, 'conversations', ref.threadId], {}, decodeConversation(ref.threadId, chatbotId), signal);
    return { thread: response.data, messages: { items: [] } };
  }

  listMessages(_ref: ThreadRef, _cursor: string): Promise<Page<MessageItem>> {
    return Promise.reject(new UnsupportedError({ service: 'SiteGPT', detail: t('SiteGPT API v2 publishes no message shape Threadline can read') }));
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const chatbots = await this.listContainers(signal);
    return `${plural(chatbots.length, t('chatbot'), t('chatbots'))} (API v2)`;
  }

  /** A conversation id alone (Open Thread by ID): ask each chatbot until one has it. */
  private async findChatbot(threadId: string, signal?: AbortSignal): Promise<string> {
    for (const chatbot of await this.listContainers(signal)) {
      try {
        await this.http.get(['chatbots', chatbot.id, 'conversations', threadId], {}, decodeConversation(threadId, chatbot.id), signal);
        return chatbot.id;
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    throw new NotFoundError({ service: 'SiteGPT', serviceMessage: `No chatbot has a conversation ${threadId}` });
  }
}
