// SiteGPT API v0: chatbots → threads → one thread with all its messages (providers.md §3a).
import type { Container, FilterDefinition, MessageItem, Page, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { NotFoundError, UnsupportedError } from '../../http/errors';
import { countUnreadable, keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { decodeChatbots, decodeThread, decodeThreads } from './mapping';
import { siteGptErrorMessage } from './schema';

/** The getting-started page documents page/limit (max 100) on list endpoints. */
export const SITEGPT_PAGE_SIZE = 50;

export const SITEGPT_FILTERS: readonly FilterDefinition[] = [
  // v0 documents no filter parameters: these apply to the threads already loaded.
  { key: 'status', label: 'Status', values: ['open', 'escalated', 'resolved'], appliesOn: 'local' },
];

/** Thread flags remembered from lists, at most this many (the oldest go first). */
const REMEMBERED_FLAGS = 5_000;

export class SiteGptProvider implements ServiceProvider {
  private readonly http: HttpClient;
  /**
   * What the list said of each thread that the thread's own answer does not say (escalated,
   * important, resolved): SiteGPT's thread detail carries none of them, so an opened thread
   * keeps the flags its row shows.
   */
  private readonly listed = new Map<string, ThreadSummary>();

  constructor(context: ProviderContext) {
    this.http = keyedHttpClient(context, { serviceName: 'SiteGPT', headers: (key) => ({ authorization: `Bearer ${key}` }), serviceMessage: siteGptErrorMessage });
  }

  async listContainers(signal?: AbortSignal): Promise<Container[]> {
    return (await this.http.get(['chatbots'], {}, decodeChatbots, signal)).data;
  }

  /**
   * Pages with `page`/`limit`. Whether thread lists really page is unverified (the endpoint's
   * own page lists no parameters), so the cursor remembers page 1's first id: a server that
   * ignores `page` and repeats page 1 ends the list instead of looping.
   */
  async listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const cursor = parseCursor(options.cursor);
    const response = await this.http.get(
      ['chatbots', container.id, 'threads'],
      { page: cursor.page, limit: SITEGPT_PAGE_SIZE },
      decodeThreads(container.id),
      signal,
    );
    const { items, unreadable, raw } = response.data;
    for (const summary of items) {
      this.listed.delete(summary.threadId);
      this.listed.set(summary.threadId, summary);
    }
    for (const threadId of this.listed.keys()) {
      if (this.listed.size <= REMEMBERED_FLAGS) break;
      this.listed.delete(threadId);
    }
    const firstId = items[0]?.threadId;
    if (cursor.page > 1 && firstId !== undefined && firstId === cursor.firstId) return { items: [] };
    const next = raw >= SITEGPT_PAGE_SIZE ? JSON.stringify({ page: cursor.page + 1, firstId: cursor.firstId ?? firstId }) : undefined;
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
    const { thread: detail, messages } = response.data;
    const listed = this.listed.get(ref.threadId);
    const thread = listed
      ? {
          ...detail,
          ...(listed.status ? { status: listed.status } : {}),
          state: listed.state,
          badges: [...new Set([...listed.badges, ...detail.badges])],
        }
      : detail;
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

function parseCursor(cursor: string | undefined): { page: number; firstId?: string } {
  if (!cursor) return { page: 1 };
  try {
    const value = JSON.parse(cursor) as { page?: unknown; firstId?: unknown };
    const page = typeof value.page === 'number' && value.page >= 1 ? Math.floor(value.page) : 1;
    return { page, ...(typeof value.firstId === 'string' ? { firstId: value.firstId } : {}) };
  } catch {
    return { page: 1 };
  }
}
