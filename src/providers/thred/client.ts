// Thred: look a lead up by email or id, list recent leads, or leads by company
// (providers.md §1). There are no containers: the account shows "Recent customers".
import type { Container, FilterDefinition, MessageItem, Page, Thread, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { NotFoundError, UnsupportedError } from '../../http/errors';
import { countUnreadable, keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { EMAIL_REF_PREFIX, decodeByCompany, decodeCustomer, decodeRecent } from './mapping';
import { THRED_PLATFORMS, thredErrorMessage } from './schema';

/** How often to ask again while Thred is still processing a customer: first wait, growth, longest wait. */
export const THRED_PROCESSING_POLL = { firstMs: 1_000, factor: 1.5, maxMs: 8_000 } as const;

/** Thred pages recent customers by `limit` only: "Load more" asks for a longer list. */
export const THRED_RECENT_STEP = 50;

export const THRED_FILTERS: readonly FilterDefinition[] = [
  { key: 'type', label: 'Platform', values: THRED_PLATFORMS, appliesOn: 'server' },
  { key: 'status', label: 'Status', values: ['processing', 'completed'], appliesOn: 'local' },
];

export const RECENT_CONTAINER: Container = { kind: 'recent', id: 'recent', label: 'Recent customers' };

export class ThredProvider implements ServiceProvider {
  private readonly http: HttpClient;

  constructor(context: ProviderContext) {
    this.http = keyedHttpClient(context, { serviceName: 'Thred', headers: (key) => ({ authorization: `Bearer ${key}` }), serviceMessage: thredErrorMessage });
  }

  async listContainers(): Promise<Container[]> {
    return [RECENT_CONTAINER];
  }

  async listThreads(_container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const shown = Number(options.cursor ?? 0) || 0;
    const limit = shown + THRED_RECENT_STEP;
    const platform = options.filter?.type;
    let decoded;
    try {
      decoded = (await this.http.get(['customers', 'recent'], { limit, platforms: platform }, decodeRecent, signal)).data;
    } catch (error) {
      // "No customers found" is Thred's 404 for an empty list.
      if (error instanceof NotFoundError) return { items: [] };
      throw error;
    }
    const items = decoded.items.slice(shown);
    const next = decoded.raw >= limit ? String(limit) : undefined;
    return { items, ...(next ? { next } : {}), ...(decoded.unreadable ? { unreadable: decoded.unreadable } : {}) };
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const { thread, messages } = ref.threadId.startsWith(EMAIL_REF_PREFIX)
      ? await this.fetchByEmail(ref.threadId.slice(EMAIL_REF_PREFIX.length), signal)
      : (await this.http.get(['customers', ref.threadId], {}, decodeCustomer, signal)).data;
    const unreadable = countUnreadable(messages);
    return { thread, messages: { items: messages, total: messages.length, ...(unreadable ? { unreadable } : {}) } };
  }

  listMessages(): Promise<Page<MessageItem>> {
    return Promise.reject(new UnsupportedError({ service: 'Thred', detail: 'Thred returns a conversation in one response' }));
  }

  async lookupByEmail(email: string, signal?: AbortSignal): Promise<Thread> {
    return (await this.fetchByEmail(email, signal)).thread;
  }

  async byCompany(name: string, signal?: AbortSignal): Promise<{ company: string; threads: ThreadSummary[] }> {
    return (await this.http.get(['customers', 'by-company'], { name }, decodeByCompany, signal)).data;
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    try {
      const recent = await this.http.get(['customers', 'recent'], { limit: 1 }, decodeRecent, signal);
      return recent.data.raw > 0 ? 'recent customers available' : 'no recent customers';
    } catch (error) {
      if (error instanceof NotFoundError) return 'no recent customers';
      throw error;
    }
  }

  private async fetchByEmail(email: string, signal?: AbortSignal): Promise<{ thread: Thread; messages: MessageItem[] }> {
    return (await this.http.get(['customers'], { email }, decodeCustomer, signal)).data;
  }
}
