// SiteGPT API v0: chatbots → threads → one thread with all its messages (providers.md §3a).
import type { Container, FilterDefinition, MessageItem, Page, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { NotFoundError, UnsupportedError } from '../../http/errors';
import { countUnreadable, keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { decodeChatbots, decodeThread, decodeThreads } from './mapping';
import { siteGptErrorMessage } from './schema';

/**
 * The getting-started page's general rule for list endpoints: `page` (from 1) and `limit`
 * (default 20, max 100). The chatbot and thread pages themselves document no parameters, so
 * nothing about a page's size is trusted: paging goes on while a page brings ids not seen yet and
 * stops at an empty page or one that only repeats (a server that ignores `page`, `limit` or caps
 * it stops neither early nor never).
 */
export const SITEGPT_PAGE_SIZE = 100;
/** Chatbots are read whole for the tree; no account pages past this. */
export const SITEGPT_MAX_CHATBOT_PAGES = 50;

export const SITEGPT_FILTERS: readonly FilterDefinition[] = [
  // v0 documents no filter parameters: these apply to the threads already loaded.
  { key: 'status', label: 'Status', values: ['open', 'escalated', 'resolved'], appliesOn: 'local' },
];

export class SiteGptProvider implements ServiceProvider {
  private readonly http: HttpClient;
  private readonly log: ProviderContext['log'];

  constructor(context: ProviderContext) {
    this.log = context.log;
    this.http = keyedHttpClient(context, { serviceName: 'SiteGPT', headers: (key) => ({ authorization: `Bearer ${key}` }), serviceMessage: siteGptErrorMessage });
  }

  /** Every chatbot: page after page while pages bring new ones. */
  async listContainers(signal?: AbortSignal): Promise<Container[]> {
    const chatbots = new Map<string, Container>();
    for (let page = 1; page <= SITEGPT_MAX_CHATBOT_PAGES; page++) {
      const items = (await this.http.get(['chatbots'], { page, limit: SITEGPT_PAGE_SIZE }, decodeChatbots, signal)).data;
      const fresh = items.filter((chatbot) => !chatbots.has(chatbot.id));
      for (const chatbot of fresh) chatbots.set(chatbot.id, chatbot);
      if (fresh.length === 0) {
        if (items.length > 0) this.log?.warn(`SiteGPT: page ${page} of chatbots only repeated earlier ones; stopped there`);
        break;
      }
    }
    return [...chatbots.values()];
  }

  /**
   * One page of threads; the next is asked for whenever this one brought any. The store's paging
   * guard ends the list at a page that brings nothing new, and says so.
   */
  async listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const page = pageOfCursor(options.cursor);
    const response = await this.http.get(['chatbots', container.id, 'threads'], { page, limit: SITEGPT_PAGE_SIZE }, decodeThreads(container.id), signal);
    const { items, unreadable, raw } = response.data;
    const next = raw > 0 ? String(page + 1) : undefined;
    return { items, ...(next ? { next } : {}), ...(unreadable ? { unreadable } : {}) };
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const chatbotId = ref.containerId ?? (await this.findChatbot(ref.threadId, signal));
    const response = await this.http.get(
      ['chatbots', chatbotId, 'threads', ref.threadId],
      { includeChatUser: true },
      decodeThread(chatbotId),
      signal,
    );
    const { thread, messages } = response.data;
    const unreadable = countUnreadable(messages);
    return { thread, messages: { items: messages, total: messages.length, ...(unreadable ? { unreadable } : {}) } };
  }

  listMessages(_ref: ThreadRef, _cursor: string): Promise<Page<MessageItem>> {
    // A SiteGPT thread arrives whole with openThread; there is never a next page.
    return Promise.reject(new UnsupportedError({ service: 'SiteGPT', detail: 'SiteGPT returns a thread in one response' }));
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const chatbots = await this.listContainers(signal);
    return `${chatbots.length} chatbot${chatbots.length === 1 ? '' : 's'}`;
  }

  /** A thread id alone (Open Thread by ID): ask each chatbot, without messages, until one has it. */
  private async findChatbot(threadId: string, signal?: AbortSignal): Promise<string> {
    for (const chatbot of await this.listContainers(signal)) {
      try {
        await this.http.get(['chatbots', chatbot.id, 'threads', threadId], { skipMessages: true }, decodeThread(chatbot.id), signal);
        return chatbot.id;
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    throw new NotFoundError({ service: 'SiteGPT', serviceMessage: `No chatbot has a thread ${threadId}` });
  }
}

function pageOfCursor(cursor: string | undefined): number {
  const page = Number(cursor ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
