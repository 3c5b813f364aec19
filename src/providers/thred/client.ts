// Thred: look a lead up by email or id, list recent leads, or leads by company
// (providers.md §1). There are no containers: the account shows "Recent customers".
import { t } from '../../l10n';
import type { Container, FilterDefinition, MessageItem, Page, Thread, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { BadRequestError, NotFoundError, UnsupportedError } from '../../http/errors';
import { countUnreadable, keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { EMAIL_REF_PREFIX, decodeByCompany, decodeCustomer, decodeRecent } from './mapping';
import { THRED_PLATFORMS, thredErrorMessage } from './schema';

/** How often to ask again while Thred is still processing a customer: first wait, growth, longest wait. */
export const THRED_PROCESSING_POLL = { firstMs: 1_000, factor: 1.5, maxMs: 8_000 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Thred pages recent customers by `limit` only: "Load more" asks for a longer list. */
export const THRED_RECENT_STEP = 50;

/** The Recent list's time ranges, sent as `startDate`/`endDate` (Unix milliseconds, fetch-recent-conversations). */
export const THRED_PERIODS: Readonly<Record<string, number>> = { 'last 7 days': 7, 'last 30 days': 30, 'last 90 days': 90 };

export const THRED_FILTERS: readonly FilterDefinition[] = [
  { key: 'type', label: t('Platform'), values: THRED_PLATFORMS, appliesOn: 'server' },
  { key: 'period', label: t('Period'), values: Object.keys(THRED_PERIODS), appliesOn: 'server' },
  { key: 'status', label: t('Status'), values: ['processing', 'completed'], appliesOn: 'local' },
];

export const RECENT_CONTAINER: Container = { kind: 'recent', id: 'recent', label: t('Recent customers') };

export class ThredProvider implements ServiceProvider {
  private readonly http: HttpClient;
  private readonly now: () => number;
  /**
   * The email of each customer listed so far, by the id Threadline gave it. The id comes from the
   * share link's last segment, which only a placeholder's name says is the customer id: when
   * `/customers/{id}` does not know it, the email (always present) finds the customer instead.
   */
  private readonly emails = new Map<string, string>();

  constructor(private readonly context: ProviderContext) {
    this.http = keyedHttpClient(context, { serviceName: 'Thred', headers: (key) => ({ authorization: `Bearer ${key}` }), serviceMessage: thredErrorMessage });
    const clock = context.clock;
    this.now = clock ? () => clock.now() : Date.now;
  }

  private remember<T extends ThreadSummary>(summaries: readonly T[]): T[] {
    for (const summary of summaries) {
      const email = summary.participants.find((person) => person.role === 'customer')?.address;
      if (email) this.emails.set(summary.threadId, email);
    }
    return [...summaries];
  }

  async listContainers(): Promise<Container[]> {
    return [RECENT_CONTAINER];
  }

  async listThreads(_container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const shown = Number(options.cursor ?? 0) || 0;
    const limit = shown + THRED_RECENT_STEP;
    const platform = options.filter?.type;
    const days = options.filter?.period ? THRED_PERIODS[options.filter.period] : undefined;
    const endDate = days !== undefined ? this.now() : undefined;
    const startDate = endDate !== undefined && days !== undefined ? endDate - days * DAY_MS : undefined;
    let decoded;
    try {
      decoded = (await this.http.get(['customers', 'recent'], { limit, platforms: platform, startDate, endDate }, decodeRecent, signal)).data;
    } catch (error) {
      // "No customers found" is Thred's 404 for an empty list.
      if (error instanceof NotFoundError) return { items: [] };
      throw error;
    }
    const items = this.remember(decoded.items.slice(shown));
    const next = decoded.raw >= limit ? String(limit) : undefined;
    return { items, ...(next ? { next } : {}), ...(decoded.unreadable ? { unreadable: decoded.unreadable } : {}) };
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const { thread, messages } = ref.threadId.startsWith(EMAIL_REF_PREFIX)
      ? await this.fetchByEmail(ref.threadId.slice(EMAIL_REF_PREFIX.length), signal)
      : await this.fetchById(ref.threadId, signal);
    this.remember([thread]);
    const unreadable = countUnreadable(messages);
    return { thread, messages: { items: messages, total: messages.length, ...(unreadable ? { unreadable } : {}) } };
  }

  listMessages(): Promise<Page<MessageItem>> {
    return Promise.reject(new UnsupportedError({ service: 'Thred', detail: t('Thred returns a conversation in one response') }));
  }

  async lookupByEmail(email: string, signal?: AbortSignal): Promise<Thread> {
    const { thread } = await this.fetchByEmail(email, signal);
    this.remember([thread]);
    return thread;
  }

  async byCompany(name: string, signal?: AbortSignal): Promise<{ company: string; threads: ThreadSummary[] }> {
    const found = (await this.http.get(['customers', 'by-company'], { name }, decodeByCompany, signal)).data;
    return { company: found.company, threads: this.remember(found.threads) };
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

  /** `/customers/{id}`; a 400 or 404 for a customer whose email is known opens them by email, quietly. */
  private async fetchById(customerId: string, signal?: AbortSignal): Promise<{ thread: Thread; messages: MessageItem[] }> {
    try {
      return (await this.http.get(['customers', customerId], {}, decodeCustomer, signal)).data;
    } catch (error) {
      const email = this.emails.get(customerId);
      if (!email || !(error instanceof NotFoundError || error instanceof BadRequestError)) throw error;
      this.context.log?.info(`Thred: customer ${customerId} is not an id /customers/{id} knows; opened by email instead`);
      return this.fetchByEmail(email, signal);
    }
  }

  private async fetchByEmail(email: string, signal?: AbortSignal): Promise<{ thread: Thread; messages: MessageItem[] }> {
    return (await this.http.get(['customers'], { email }, decodeCustomer, signal)).data;
  }
}
