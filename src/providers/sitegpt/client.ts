// SiteGPT API v0: chatbots → threads → one thread with all its messages (providers.md §3a).
import { t } from '../../l10n';
import type { Container, FilterDefinition, MessageItem, Page, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { NotFoundError, UnsupportedError } from '../../http/errors';
import { countUnreadable, keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { decodeChatbots, decodeThread, decodeThreads } from './mapping';
import { siteGptErrorMessage } from './schema';
import { plural } from '../../domain/format';

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
/** Pages one listThreads call reads at most while filling a page's worth (short pages). */
const SITEGPT_MAX_PAGES_PER_CALL = 10;

export const SITEGPT_FILTERS: readonly FilterDefinition[] = [
  // v0 documents no filter parameters: these apply to the threads already loaded.
  { key: 'status', label: t('Status'), values: ['open', 'escalated', 'resolved'], appliesOn: 'local' },
];

/** Thread flags remembered from lists, at most this many (the oldest go first). */
const REMEMBERED_FLAGS = 5_000;

export class SiteGptProvider implements ServiceProvider {
  private readonly http: HttpClient;
  private readonly log: ProviderContext['log'];
  /**
   * What the list said of each thread that the thread's own answer does not say (escalated,
   * important, resolved): SiteGPT's thread detail carries none of them, so an opened thread
   * keeps the flags its row shows.
   */
  private readonly listed = new Map<string, ThreadSummary>();

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
   * Up to a page's worth of threads (100): pages are read one after another while each brings
   * threads not seen yet — a short page is not taken as the end, since a deployment may cap
   * `limit` — and the list ends at an empty page. A page that only repeats ends it too, and says
   * so; across calls the store's paging guard does the same.
   */
  async listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const first = pageOfCursor(options.cursor);
    const items = new Map<string, ThreadSummary>();
    let unreadable = 0;
    for (let page = first; page < first + SITEGPT_MAX_PAGES_PER_CALL; page++) {
      const response = await this.http.get(['chatbots', container.id, 'threads'], { page, limit: SITEGPT_PAGE_SIZE }, decodeThreads(container.id), signal);
      const { items: threads, raw } = response.data;
      unreadable += response.data.unreadable;
      if (raw === 0) return result(items, unreadable);
      const fresh = threads.filter((thread) => !items.has(thread.threadId));
      for (const thread of fresh) items.set(thread.threadId, thread);
      this.remember(threads);
      if (fresh.length === 0 && threads.length > 0) {
        return result(items, unreadable, `Stopped at page ${page}: SiteGPT sent the same threads as on the page before.`);
      }
      if (items.size >= SITEGPT_PAGE_SIZE) return { ...result(items, unreadable), next: String(page + 1) };
    }
    return { ...result(items, unreadable), next: String(first + SITEGPT_MAX_PAGES_PER_CALL) };
  }

  /** Keeps what a list said of each thread (most recent last), at most REMEMBERED_FLAGS of them. */
  private remember(threads: readonly ThreadSummary[]): void {
    for (const summary of threads) {
      this.listed.delete(summary.threadId);
      this.listed.set(summary.threadId, summary);
    }
    for (const threadId of this.listed.keys()) {
      if (this.listed.size <= REMEMBERED_FLAGS) break;
      this.listed.delete(threadId);
    }
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
    return Promise.reject(new UnsupportedError({ service: 'SiteGPT', detail: t('SiteGPT returns a thread in one response') }));
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const chatbots = await this.listContainers(signal);
    return `${plural(chatbots.length, t('chatbot'), t('chatbots'))}`;
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

function result(items: ReadonlyMap<string, ThreadSummary>, unreadable: number, stopped?: string): Page<ThreadSummary> {
  return { items: [...items.values()], ...(unreadable ? { unreadable } : {}), ...(stopped ? { stopped } : {}) };
}

function pageOfCursor(cursor: string | undefined): number {
  const page = Number(cursor ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
