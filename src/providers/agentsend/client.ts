// AgentSend: inboxes → threads → messages, limit/offset paging with totals (providers.md §5).
import type { Container, MessageItem, Page, Participant, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { keyedHttpClient } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { PagedList, type PagedNoun } from '../../store/paging';
import { decodeInboxPage, decodeMessagePage, decodeThread, decodeThreadPage, participantsOf, type InboxIdentity } from './mapping';
import { agentSendErrorMessage } from './schema';

/** AgentSend's largest page. */
export const AGENTSEND_PAGE_SIZE = 100;
const INBOXES: PagedNoun = { one: 'inbox', many: 'inboxes' };

export class AgentSendProvider implements ServiceProvider {
  private readonly http: HttpClient;
  /** Each inbox's address and domain, from the inbox list (roles of people on Cc need them). */
  private inboxes: Promise<Map<string, InboxIdentity>> | undefined;
  private readonly log: ProviderContext['log'];

  constructor(context: ProviderContext) {
    this.log = context.log;
    this.http = keyedHttpClient(context, { serviceName: 'AgentSend', headers: (key) => ({ 'x-api-key': key }), serviceMessage: agentSendErrorMessage });
  }

  /**
   * Every inbox, page after page under the store's paging invariants: a claimed total of any size
   * costs only the pages the service really fills.
   */
  async listContainers(signal?: AbortSignal): Promise<Container[]> {
    return (await this.listInboxes(signal)).containers;
  }

  private async listInboxes(signal?: AbortSignal): Promise<{ containers: Container[]; identities: Map<string, InboxIdentity> }> {
    const inboxes = new PagedList<Container>(INBOXES, (inbox) => inbox.id, (id) => this.log?.info(`AgentSend: inbox ${id} came twice; the newer copy is shown`));
    const identities = new Map<string, InboxIdentity>();
    let cursor: string | undefined = '0';
    while (cursor !== undefined) {
      const offset = offsetOf(cursor);
      const page = await this.http.get(['inboxes'], { limit: AGENTSEND_PAGE_SIZE, offset }, decodeInboxPage(offset, AGENTSEND_PAGE_SIZE), signal);
      inboxes.accept(page.data, page.data.unreadable ?? 0);
      for (const [id, identity] of page.data.identities) identities.set(id, identity);
      cursor = inboxes.next;
    }
    if (inboxes.stopped) this.log?.warn(`AgentSend inboxes: ${inboxes.stopped}`);
    // Listing the inboxes (the tree does) also tells whose addresses are the team's.
    this.inboxes = Promise.resolve(identities);
    return { containers: [...inboxes.items], identities };
  }

  async listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const offset = offsetOf(options.cursor);
    const response = await this.http.get(
      ['inboxes', container.id, 'threads'],
      { limit: AGENTSEND_PAGE_SIZE, offset },
      decodeThreadPage(offset, AGENTSEND_PAGE_SIZE, container.id),
      signal,
    );
    return response.data;
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const [thread, messages, inboxes] = await Promise.all([
      this.http.get(['threads', ref.threadId], {}, decodeThread, signal),
      this.listMessages(ref, '0', signal),
      // Without the inbox list, roles still follow each message's direction.
      this.inboxIdentities(signal).catch(() => new Map<string, InboxIdentity>()),
    ]);
    const inboxId = thread.data.containerId ?? ref.containerId;
    return { thread: { ...thread.data, participants: participantsOf(messages.items, inboxId ? inboxes.get(inboxId) : undefined) }, messages };
  }

  /** Who is on the thread, from its first message alone (the thread list names nobody). */
  async threadPeople(ref: ThreadRef, signal?: AbortSignal): Promise<Participant[]> {
    const [first, inboxes] = await Promise.all([
      this.http.get(['threads', ref.threadId, 'messages'], { limit: 1, offset: 0 }, decodeMessagePage(0, 1), signal),
      // Shared by every thread asked about: not tied to one caller's signal.
      this.inboxIdentities().catch(() => new Map<string, InboxIdentity>()),
    ]);
    return participantsOf(first.data.items, ref.containerId ? inboxes.get(ref.containerId) : undefined);
  }

  /** The inboxes' addresses, asked once (a failure is not kept: the next thread asks again). */
  private inboxIdentities(signal?: AbortSignal): Promise<Map<string, InboxIdentity>> {
    this.inboxes ??= this.listInboxes(signal).then(
      (inboxes) => inboxes.identities,
      (error: unknown) => {
        this.inboxes = undefined;
        throw error;
      },
    );
    return this.inboxes;
  }

  async listMessages(ref: ThreadRef, cursor: string, signal?: AbortSignal): Promise<Page<MessageItem>> {
    const offset = offsetOf(cursor);
    const response = await this.http.get(
      ['threads', ref.threadId, 'messages'],
      { limit: AGENTSEND_PAGE_SIZE, offset },
      decodeMessagePage(offset, AGENTSEND_PAGE_SIZE),
      signal,
    );
    return response.data;
  }

  messageCursorAt(offset: number): string {
    return String(offset);
  }

  threadCursorAt(offset: number): string {
    return String(offset);
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const response = await this.http.get(['inboxes'], { limit: 1, offset: 0 }, decodeInboxPage(0, 1), signal);
    const count = response.data.total ?? response.data.items.length;
    return `${count} inbox${count === 1 ? '' : 'es'}`;
  }
}

function offsetOf(cursor: string | undefined): number {
  const offset = Number(cursor ?? 0);
  return Number.isInteger(offset) && offset >= 0 ? offset : 0;
}
