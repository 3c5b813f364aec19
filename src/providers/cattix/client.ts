// Cattix: companies → assistant chat threads (providers.md §2). No message endpoint is
// published, so a thread opens with its details and a plain note; no path is guessed.
import { t } from '../../l10n';
import type { Container, FilterDefinition, MessageItem, Page, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { NotFoundError, UnsupportedError } from '../../http/errors';
import { keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { NO_MESSAGES_NOTE, decodeCompanies, decodeThreads } from './mapping';
import { ASSISTANT_TYPES, cattixErrorMessage } from './schema';

export const CATTIX_FILTERS: readonly FilterDefinition[] = [
  { key: 'type', label: t('Assistant'), values: ASSISTANT_TYPES, appliesOn: 'server' },
  { key: 'status', label: t('Status'), values: ['completed', 'in progress'], appliesOn: 'local' },
];

export class CattixProvider implements ServiceProvider {
  private readonly http: HttpClient;

  constructor(private readonly context: ProviderContext) {
    this.http = keyedHttpClient(context, { serviceName: 'Cattix', headers: (key) => ({ authorization: `Bearer ${key}` }), serviceMessage: cattixErrorMessage });
  }

  /** The account may be limited to some companies (option `companyIds`). */
  private get companyFilter(): Set<string> | undefined {
    const value = this.context.account.options['companyIds'];
    const ids = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
    const clean = ids.map((id) => String(id).trim()).filter(Boolean);
    return clean.length ? new Set(clean) : undefined;
  }

  async listContainers(signal?: AbortSignal): Promise<Container[]> {
    const companies = (await this.http.get(['api', 'v1', 'companies', 'me', 'connections'], {}, decodeCompanies, signal)).data;
    const only = this.companyFilter;
    return only ? companies.filter((company) => only.has(company.id)) : companies;
  }

  /** The list is not paginated: one page, all threads. */
  async listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const { summaries, unreadable } = await this.fetchThreads(container.id, options.filter?.type, signal);
    return { items: summaries, total: summaries.length, ...(unreadable ? { unreadable } : {}) };
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const companyIds = ref.containerId ? [ref.containerId] : (await this.listContainers(signal)).map((company) => company.id);
    for (const companyId of companyIds) {
      const { threads } = await this.fetchThreads(companyId, undefined, signal);
      const thread = threads.find((candidate) => candidate.threadId === ref.threadId);
      if (thread) return { thread, messages: { items: [] } };
    }
    throw new NotFoundError({ service: 'Cattix', serviceMessage: `No thread ${ref.threadId} in ${ref.containerId ? `company ${ref.containerId}` : 'any company'}` });
  }

  listMessages(): Promise<Page<MessageItem>> {
    return Promise.reject(new UnsupportedError({ service: 'Cattix', detail: NO_MESSAGES_NOTE }));
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const companies = await this.listContainers(signal);
    return `${companies.length} compan${companies.length === 1 ? 'y' : 'ies'}`;
  }

  private async fetchThreads(companyId: string, assistantType: string | undefined, signal?: AbortSignal) {
    return (
      await this.http.get(
        ['api', 'v1', 'chat', 'threads'],
        { company_id: companyId, assistant_type: assistantType },
        decodeThreads(companyId),
        signal,
      )
    ).data;
  }
}
