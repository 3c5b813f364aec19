// The thread store: the one place that holds what Threadline has loaded — each account's
// containers, each container's thread list, and each thread with its message pages — with an
// explicit load state, keyed by stable ids, announcing every change. The tree, the panel, the
// Markdown document, export and lookups all read from here and ask it to load; none of them
// reads another view's objects, so a thread's title, status, counts and unread state are the
// same everywhere at every moment. Nothing here imports vscode.
import { t } from '../l10n';
import type { Account, Container, MessageItem, Page, Participant, Thread, ThreadFilter, ThreadRef, ThreadSummary } from '../domain/model';
import type { ThreadTarget } from '../domain/target';
import { MissingCredentialError, UnauthorizedError, isAbortError, type MissingCredential } from '../http/errors';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import type { ServiceRegistry } from '../providers/registry';
import type { OpenedThread, ServiceDescriptor, ServiceProvider } from '../providers/types';
import { Emitter, type Subscription } from './emitter';
import { HARD_PAGE_CEILING, MESSAGES, PagedList, THREADS, UniqueItems, type Reread } from './paging';
import { PROCESSING_POLICY, nextPollDelay, type ProcessingPolicy } from './processing';
import { LIVE_POLICY, reconnectDelay, type LivePolicy, type LiveState } from './live';
import { ReadMarks } from './readMarks';
import { RecentLookups, type KeyValueStore } from './recentLookups';
import { serverFilter } from './filters';
import { findMatches, type ThreadMatch } from '../markdown/search';
import type { CachedThread, ThreadCache } from './conversationCache';

/**
 * Where a piece of data stands. `stale`: what is held is known to be out of date (the account's
 * key changed, say); the next reader loads it again.
 */
export type LoadState = 'idle' | 'loading' | 'loaded' | 'failed' | 'stale';


export type StoreChange =
  | { kind: 'containers'; accountId: string }
  | { kind: 'threadList'; accountId: string; containerId: string }
  | { kind: 'thread'; accountId: string; threadId: string }
  /**
   * Messages arrived: `appended` at the end of the run held from the first message (from index
   * `from`), or a page `range` loaded on its own further on (offset paging: the last page, a
   * page a reader jumped to).
   */
  | { kind: 'messages'; accountId: string; threadId: string; appended?: readonly MessageItem[]; from?: number; range?: { offset: number; count: number } }
  | { kind: 'recentLookups'; accountId: string }
  | { kind: 'accountRemoved'; accountId: string };

export interface ContainersView {
  readonly state: LoadState;
  readonly containers: readonly Container[];
  readonly error?: unknown;
  /** What the account lacks before it can make a request, if anything (shown on its row). */
  readonly missing?: MissingCredential;
}

export interface ThreadListView {
  readonly state: LoadState;
  readonly container: Container;
  readonly threadIds: readonly string[];
  readonly next?: string;
  readonly total?: number;
  /** Threads the service sent in a shape Threadline could not read. */
  readonly unreadable: number;
  readonly loadingMore: boolean;
  readonly error?: unknown;
  readonly moreError?: unknown;
  /** Why paging stopped before the service said it was done. */
  readonly stopped?: string;
  readonly filter: ThreadFilter;
}

export interface ThreadView {
  readonly state: LoadState;
  readonly summary: ThreadSummary;
  /** The opened thread, its summary fields always the store's latest. */
  readonly thread?: Thread;
  readonly error?: unknown;
  readonly messages: readonly MessageItem[];
  readonly hasMore: boolean;
  readonly total?: number;
  readonly loadingMore: boolean;
  readonly moreError?: unknown;
  readonly stopped?: string;
  /** Set while the thread is processing and someone follows it: 'gaveUp' after the policy's limit. */
  readonly follow?: 'following' | 'gaveUp';
  readonly followError?: unknown;
  /** While watched, for services that push new messages: how the live connection stands. */
  readonly live?: LiveState;
  /**
   * Pages held beyond the run from the first message, by offset (offset paging only: the last
   * page, or one a reader jumped to). They join the run when the pages between them arrive.
   */
  readonly ranges: readonly { offset: number; items: readonly MessageItem[] }[];
  /** Counts the times the thread was opened anew (its messages replaced): views drop what they hold of an older one. */
  readonly generation: number;
  /** Shown from the disk cache: when that copy was saved, and whether it is being refreshed or why that failed. */
  readonly cached?: CachedState;
}

/** A thread shown from the disk cache until the service answers. */
export interface CachedState {
  /** When the copy was saved (the store's clock). */
  savedAt: number;
  refreshing: boolean;
  /** Why the refresh failed (the copy stays). */
  error?: unknown;
}

/** What a search of a whole thread found: per matching message its index and how often the words occur. */
export interface ThreadSearch {
  query: string;
  matches: ThreadMatch[];
  /** Occurrences in every message searched. */
  count: number;
  /** Messages searched, and how many the service says there are. */
  searched: number;
  total: number;
  /** Why not every message could be searched, if so. */
  stopped?: string;
}

export interface StoreDeps {
  services: ServiceRegistry;
  accounts: { list(): readonly Account[]; get(id: string): Account | undefined };
  providerFor(account: Account): ServiceProvider;
  /** What stops the account from making requests yet (no key, key for another origin, signed out). */
  credentialProblem(account: Account): Promise<MissingCredentialError | undefined>;
  /** Resolves when the account can be loaded (sample accounts wait for their server). */
  accountReady?(account: Account): Promise<void>;
  memento: KeyValueStore;
  clock?: Clock;
  log?: Logger;
  processingPolicy?: ProcessingPolicy;
  livePolicy?: LivePolicy;
  /** The disk cache, while `threadline.cache.persist` is on (undefined otherwise). */
  cache?: () => ThreadCache | undefined;
}

export interface WholeThread {
  account: Account;
  thread: Thread;
  messages: readonly MessageItem[];
  /** Why fetching stopped before the service said it was done. */
  stopped?: string;
}

/** A thread as the store holds it: its summary and the messages loaded so far. */
export interface HeldThread {
  accountId: string;
  summary: ThreadSummary;
  messages: readonly MessageItem[];
  /** How many messages the service says the thread has, when it says. */
  total?: number;
}

interface ContainersEntry {
  state: LoadState;
  containers: Container[];
  error?: unknown;
  missing?: MissingCredential;
  loading?: Promise<void>;
  controller: AbortController;
}

interface ListEntry {
  state: LoadState;
  container: Container;
  /** The list's thread ids, its cursor, total and why paging stopped (the paging invariants). */
  threads: PagedList<string>;
  unreadable: number;
  loadingMore: boolean;
  error?: unknown;
  moreError?: unknown;
  filter: ThreadFilter;
  loading?: Promise<void>;
  controller: AbortController;
}

interface ThreadEntry {
  accountId: string;
  /** Other ids the service has used for this thread (Thred names a customer by email until it has an id). */
  aliases: Set<string>;
  /** The id the service itself used last, for links and scripts. */
  serviceId: string;
  summary: ThreadSummary;
  detail?: Thread;
  state: LoadState;
  error?: unknown;
  /** The messages, their cursor, total and why paging stopped (the paging invariants). */
  messages: PagedList<MessageItem>;
  loadingMore: boolean;
  moreError?: unknown;
  loading?: Promise<void>;
  controller: AbortController;
  watchers: number;
  follow?: 'following' | 'gaveUp';
  followError?: unknown;
  followController?: AbortController;
  live?: LiveState;
  liveController?: AbortController;
  /** A live connection was up before (since the thread was opened): the next one catches up first. */
  liveWasOpen?: boolean;
  /** How many unread messages the service itself last reported (the summary shows 0 once read here). */
  serviceUnread?: number;
  /** Pages loaded apart from the run from the first message, by offset (see ThreadView.ranges). */
  ranges: Map<number, MessageItem[]>;
  rangeLoads: Map<number, Promise<void>>;
  /** The next page after the run, while it loads (one at a time). */
  moreLoading?: Promise<void>;
  generation: number;
  /** Shown from the disk cache, until the service answers. */
  cached?: CachedState;
}

const key = (...parts: string[]): string => parts.join('\u0000');
/** How many threads' people are asked for at once per page (see learnPeople). */
const PEOPLE_AT_ONCE = 4;
/** How many of a list's first rows learn who wrote (about what the view shows before scrolling). */
const PEOPLE_PER_LIST = 25;

/** Cancels what an entry is loading and marks it out of date; its next load starts afresh. */
function makeStale(entry: { state: LoadState; controller: AbortController; loading?: Promise<void> | undefined }): void {
  entry.controller.abort();
  entry.controller = new AbortController();
  entry.loading = undefined;
  entry.state = 'stale';
}
const messageId = (item: MessageItem): string | undefined => item.id;

/** Summary fields that the latest answer about a thread decides, wherever it came from. */
function summaryOf(thread: ThreadSummary): ThreadSummary {
  const { threadId, containerId, title, createdAt, updatedAt, status, state, priority, type, messageCount, unread, badges, participants, webUrl, progress } = thread;
  return {
    threadId,
    ...(containerId !== undefined ? { containerId } : {}),
    title,
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
    ...(status !== undefined ? { status } : {}),
    state,
    ...(priority !== undefined ? { priority } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(messageCount !== undefined ? { messageCount } : {}),
    ...(unread !== undefined ? { unread } : {}),
    badges,
    participants,
    ...(webUrl !== undefined ? { webUrl } : {}),
    ...(progress !== undefined ? { progress } : {}),
  };
}

function mergeParticipants(known: ThreadSummary['participants'], incoming: ThreadSummary['participants']): ThreadSummary['participants'] {
  const out = [...incoming];
  for (const person of known) {
    const address = person.address?.toLowerCase();
    const present = address
      ? out.some((other) => other.address?.toLowerCase() === address)
      : out.some((other) => other.name === person.name && other.role === person.role);
    if (!present) out.push(person);
  }
  return out;
}

export class ThreadStore implements Subscription {
  private readonly emitter: Emitter<StoreChange>;
  readonly onDidChange: (listener: (change: StoreChange) => void) => Subscription;
  readonly recentLookups: RecentLookups;
  /** Threads read here, so a thread the service still counts as unread shows as read until it moves on. */
  private readonly readMarks: ReadMarks;
  /** Threads whose people were asked for (learnPeople). */
  private readonly peopleAsked = new Set<string>();
  /** What keepUnreadCountsLoaded does when the accounts change. */
  private readonly unreadWatchers = new Set<() => void>();
  private readonly containersByAccount = new Map<string, ContainersEntry>();
  private readonly lists = new Map<string, ListEntry>();
  private readonly threads = new Map<string, ThreadEntry>();
  /** Another id of a thread → the id the store knows it by. */
  private readonly aliases = new Map<string, string>();
  /** Thread keys by the lower-cased addresses of the people on them (lookups across services). */
  private readonly byAddress = new Map<string, Set<string>>();
  /** Account definitions as last seen, to tell which changed. */
  private readonly fingerprints = new Map<string, string>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly policy: ProcessingPolicy;
  private readonly livePolicy: LivePolicy;

  constructor(private readonly deps: StoreDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLogger;
    this.policy = deps.processingPolicy ?? PROCESSING_POLICY;
    this.livePolicy = deps.livePolicy ?? LIVE_POLICY;
    this.emitter = new Emitter((error) => this.log.error(`A view failed to handle a change: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    this.onDidChange = this.emitter.event;
    this.readMarks = new ReadMarks(deps.memento);
    this.recentLookups = new RecentLookups(deps.memento, () => this.clock.now(), (ids) => ids.forEach((accountId) => this.emitter.fire({ kind: 'recentLookups', accountId })));
    for (const account of deps.accounts.list()) this.fingerprints.set(account.id, JSON.stringify(account));
  }

  // ---- accounts ------------------------------------------------------------------------------

  account(accountId: string): Account {
    const account = this.deps.accounts.get(accountId);
    if (!account) throw new Error('That Threadline account no longer exists');
    return account;
  }

  hasAccount(accountId: string): boolean {
    return this.deps.accounts.get(accountId) !== undefined;
  }

  descriptor(accountId: string): ServiceDescriptor {
    return this.deps.services.get(this.account(accountId).service);
  }

  provider(accountId: string): ServiceProvider {
    return this.deps.providerFor(this.account(accountId));
  }

  /**
   * Account definitions changed (added, edited, removed): what was loaded for a removed or
   * redefined account is dropped, so nothing shows data fetched with an old address or option.
   */
  accountsChanged(): void {
    const current = new Map(this.deps.accounts.list().map((account) => [account.id, JSON.stringify(account)]));
    for (const [accountId, fingerprint] of this.fingerprints) {
      const now = current.get(accountId);
      if (now === undefined) {
        this.forgetAccount(accountId);
        this.forgetCached(accountId);
        void this.readMarks.forgetAccount(key(accountId, ''));
        this.emitter.fire({ kind: 'accountRemoved', accountId });
      } else if (now !== fingerprint) {
        // What was saved came from the old address or options: it goes too.
        this.forgetAccount(accountId);
        this.forgetCached(accountId);
        this.emitter.fire({ kind: 'containers', accountId });
      }
    }
    this.fingerprints.clear();
    for (const [accountId, fingerprint] of current) this.fingerprints.set(accountId, fingerprint);
    for (const watcher of this.unreadWatchers) watcher();
  }

  /**
   * An account's secrets changed (here or in another window). What failed for want of a
   * credential, or was refused by the service, loads again; what loaded fine stays.
   */
  async credentialsChanged(accountId: string): Promise<void> {
    const account = this.deps.accounts.get(accountId);
    if (!account) return;
    const refused = (error: unknown) => error instanceof MissingCredentialError || error instanceof UnauthorizedError;
    // Threads first, and whether or not anything listed the account: a panel restored after a
    // reload shows a thread whose account the tree has not loaded yet.
    for (const thread of this.threadsOf(accountId)) {
      if (refused(thread.error)) {
        thread.state = 'stale';
        this.announce(thread, { kind: 'thread' });
      }
    }
    const entry = this.containersByAccount.get(accountId);
    if (!entry) return;
    const missing = (await this.deps.credentialProblem(account))?.missing;
    if (missing !== entry.missing || refused(entry.error)) {
      this.invalidateAccount(accountId);
      return;
    }
    for (const list of this.listsOf(accountId)) {
      if (refused(list.error)) this.markStale(list, { kind: 'threadList', accountId, containerId: list.container.id });
    }
  }

  /** The account's threads saved on disk are deleted (removed or redefined account). */
  private forgetCached(accountId: string): void {
    const cache = this.deps.cache?.();
    if (cache) void cache.forgetAccount(accountId).catch((error: unknown) => this.log.warn(`Couldn't delete cached conversations: ${error instanceof Error ? error.message : String(error)}`));
  }

  private forgetAccount(accountId: string): void {
    this.containersByAccount.get(accountId)?.controller.abort();
    this.containersByAccount.delete(accountId);
    for (const [listKey, list] of this.lists) {
      if (listKey.startsWith(key(accountId, ''))) {
        list.controller.abort();
        this.lists.delete(listKey);
      }
    }
    for (const [threadKey, thread] of this.threads) {
      if (thread.accountId === accountId) {
        thread.controller.abort();
        thread.followController?.abort();
        thread.liveController?.abort();
        this.threads.delete(threadKey);
      }
    }
    for (const keys of this.byAddress.values()) for (const threadKey of keys) if (!this.threads.has(threadKey)) keys.delete(threadKey);
    for (const alias of this.aliases.keys()) if (alias.startsWith(key(accountId, ''))) this.aliases.delete(alias);
    for (const asked of this.peopleAsked) if (asked.startsWith(key(accountId, ''))) this.peopleAsked.delete(asked);
  }

  // ---- containers ----------------------------------------------------------------------------

  containers(accountId: string): ContainersView {
    const entry = this.containersByAccount.get(accountId);
    if (!entry) return { state: 'idle', containers: [] };
    return { state: entry.state, containers: entry.containers, ...(entry.error !== undefined ? { error: entry.error } : {}), ...(entry.missing ? { missing: entry.missing } : {}) };
  }

  /** Where a thread lives, in words: service, account and container. */
  originOf(accountId: string, containerId: string | undefined): { serviceName: string; accountLabel: string; containerLabel?: string } {
    const account = this.account(accountId);
    const containerLabel = this.containerLabel(accountId, containerId);
    return { serviceName: this.deps.services.get(account.service).name, accountLabel: account.label, ...(containerLabel ? { containerLabel } : {}) };
  }

  containerLabel(accountId: string, containerId: string | undefined): string | undefined {
    if (!containerId) return undefined;
    return this.containersByAccount.get(accountId)?.containers.find((container) => container.id === containerId)?.label;
  }

  /** Loads the account's containers unless they are loaded (or loading); resolves once settled. */
  async ensureContainers(accountId: string): Promise<ContainersView> {
    // Each turn reads the entry held now: a refresh may replace it, or make it stale, meanwhile.
    for (;;) {
      const entry = this.containerEntry(accountId);
      if (entry.state === 'idle' || entry.state === 'stale') this.loadContainers(accountId, entry);
      if (!entry.loading) return this.containers(accountId);
      await entry.loading;
    }
  }

  /** Loads the account again from scratch: its containers, and its lists when next read. */
  invalidateAccount(accountId: string): void {
    const entry = this.containersByAccount.get(accountId);
    if (!entry) return;
    makeStale(entry);
    // Each list gets a fresh controller too: a load started later must not begin cancelled.
    for (const list of this.listsOf(accountId)) makeStale(list);
    this.emitter.fire({ kind: 'containers', accountId });
  }

  private containerEntry(accountId: string): ContainersEntry {
    let entry = this.containersByAccount.get(accountId);
    if (!entry) this.containersByAccount.set(accountId, (entry = { state: 'idle', containers: [], controller: new AbortController() }));
    return entry;
  }

  private loadContainers(accountId: string, entry: ContainersEntry): void {
    const account = this.account(accountId);
    const signal = entry.controller.signal;
    entry.state = 'loading';
    const run = async () => {
      try {
        await this.deps.accountReady?.(account).catch(() => undefined);
        const problem = await this.deps.credentialProblem(account);
        if (signal.aborted) return;
        entry.missing = problem?.missing;
        if (problem) {
          entry.state = 'failed';
          entry.error = problem;
          entry.containers = [];
          return;
        }
        const containers = await this.deps.providerFor(account).listContainers(signal);
        if (signal.aborted) return;
        // Each container once (the tree keys its rows by id): a later copy replaces the earlier.
        const unique = new UniqueItems<Container>((container) => container.id, (id) => this.log.info(`${account.label}: ${id} came twice; the newer copy is shown`));
        unique.add(containers);
        entry.containers = [...unique.items];
        entry.error = undefined;
        entry.state = 'loaded';
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        entry.error = error;
        entry.state = 'failed';
        this.log.warn(`Couldn't load ${account.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const loading = run().finally(() => {
      if (entry.loading === loading) entry.loading = undefined;
      if (!signal.aborted) this.emitter.fire({ kind: 'containers', accountId });
    });
    entry.loading = loading;
  }

  // ---- thread lists --------------------------------------------------------------------------

  threadList(accountId: string, containerId: string): ThreadListView | undefined {
    const entry = this.lists.get(key(accountId, containerId));
    if (!entry) return undefined;
    return {
      state: entry.state,
      container: entry.container,
      threadIds: entry.threads.items,
      ...(entry.threads.next !== undefined ? { next: entry.threads.next } : {}),
      ...(entry.threads.total !== undefined ? { total: entry.threads.total } : {}),
      unreadable: entry.unreadable,
      loadingMore: entry.loadingMore,
      ...(entry.error !== undefined ? { error: entry.error } : {}),
      ...(entry.moreError !== undefined ? { moreError: entry.moreError } : {}),
      ...(entry.threads.stopped !== undefined ? { stopped: entry.threads.stopped } : {}),
      filter: entry.filter,
    };
  }

  /** Loads the container's first page unless it is loaded (or loading); resolves once settled. */
  async ensureThreads(accountId: string, container: Container): Promise<ThreadListView> {
    // Each turn reads the entry held now: a refresh may replace it, or make it stale, meanwhile.
    for (;;) {
      const entry = this.listEntry(accountId, container);
      if (entry.state === 'idle' || entry.state === 'stale') this.loadFirstPage(accountId, entry);
      if (!entry.loading) return this.threadList(accountId, container.id) as ThreadListView;
      await entry.loading;
    }
  }

  /** Drops the container's list; it loads again when next read. */
  invalidateThreads(accountId: string, containerId: string): void {
    const entry = this.lists.get(key(accountId, containerId));
    if (entry) this.markStale(entry, { kind: 'threadList', accountId, containerId });
  }

  setFilter(accountId: string, containerId: string, filter: ThreadFilter): void {
    const entry = this.lists.get(key(accountId, containerId));
    if (!entry) return;
    const { filters: definitions, textSearch } = this.descriptor(accountId).capabilities;
    const onServer = textSearch === 'server';
    const serverChanged = JSON.stringify(serverFilter(filter, definitions, onServer)) !== JSON.stringify(serverFilter(entry.filter, definitions, onServer));
    entry.filter = filter;
    if (serverChanged) this.markStale(entry, { kind: 'threadList', accountId, containerId });
    else this.emitter.fire({ kind: 'threadList', accountId, containerId });
  }

  /** The part of a filter the account's service applies itself. */
  private serverFilterOf(accountId: string, filter: ThreadFilter): ThreadFilter {
    const { filters, textSearch } = this.descriptor(accountId).capabilities;
    return serverFilter(filter, filters, textSearch === 'server');
  }

  filterOf(accountId: string, containerId: string): ThreadFilter {
    return this.lists.get(key(accountId, containerId))?.filter ?? {};
  }

  /** Appends the container's next page. */
  async loadMoreThreads(accountId: string, containerId: string): Promise<void> {
    const entry = this.lists.get(key(accountId, containerId));
    const cursor = entry?.threads.next;
    if (!entry || cursor === undefined || entry.loadingMore || entry.state !== 'loaded') return;
    const signal = entry.controller.signal;
    entry.loadingMore = true;
    entry.moreError = undefined;
    this.emitter.fire({ kind: 'threadList', accountId, containerId });
    try {
      const page = await this.threadPage(accountId, entry, cursor, signal);
      if (signal.aborted) return;
      await this.acceptThreadPage(accountId, entry, page, signal);
    } catch (error) {
      if (!isAbortError(error) && !signal.aborted) entry.moreError = error;
    } finally {
      if (!signal.aborted) {
        entry.loadingMore = false;
        this.emitter.fire({ kind: 'threadList', accountId, containerId });
      }
    }
  }

  private listEntry(accountId: string, container: Container): ListEntry {
    const listKey = key(accountId, container.id);
    let entry = this.lists.get(listKey);
    if (!entry) {
      entry = {
        state: 'idle',
        container,
        threads: new PagedList<string>(THREADS, (id) => id),
        unreadable: 0,
        loadingMore: false,
        filter: {},
        controller: new AbortController(),
      };
      this.lists.set(listKey, entry);
    }
    entry.container = container;
    return entry;
  }

  private markStale(entry: ListEntry, change: StoreChange): void {
    makeStale(entry);
    this.emitter.fire(change);
  }

  private loadFirstPage(accountId: string, entry: ListEntry): void {
    const account = this.account(accountId);
    const signal = entry.controller.signal;
    entry.state = 'loading';
    entry.threads.reset();
    entry.unreadable = 0;
    entry.error = undefined;
    entry.moreError = undefined;
    entry.loadingMore = false;
    const run = async () => {
      try {
        const page = await this.threadPage(accountId, entry, undefined, signal);
        if (signal.aborted) return;
        await this.acceptThreadPage(accountId, entry, page, signal);
        if (signal.aborted) return;
        entry.state = 'loaded';
        this.log.debug(`Loaded ${page.items.length} threads of ${account.label} / ${entry.container.label}`);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        entry.error = error;
        entry.state = 'failed';
        this.log.warn(`Couldn't load threads of ${account.label} / ${entry.container.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const loading = run().finally(() => {
      if (entry.loading === loading) entry.loading = undefined;
      if (!signal.aborted) this.emitter.fire({ kind: 'threadList', accountId, containerId: entry.container.id });
    });
    entry.loading = loading;
  }

  /** One page of a container's threads, asked for with the part of the filter the service applies. */
  private threadPage(accountId: string, entry: ListEntry, cursor: string | undefined, signal: AbortSignal): Promise<Page<ThreadSummary>> {
    const filter = this.serverFilterOf(accountId, entry.filter);
    return this.provider(accountId).listThreads(entry.container, cursor === undefined ? { filter } : { cursor, filter }, signal);
  }

  /**
   * A page of a container's threads joins the list under the paging invariants; offsets a
   * shrinking total left behind are read again (a service that pages by offset).
   */
  private async acceptThreadPage(accountId: string, entry: ListEntry, page: Page<ThreadSummary>, signal: AbortSignal): Promise<void> {
    const record = (incoming: Page<ThreadSummary>) => {
      for (const summary of incoming.items) {
        const known = entry.threads.has(summary.threadId) ? this.summary(accountId, summary.threadId) : undefined;
        if (known && JSON.stringify(summaryOf(known)) !== JSON.stringify(summaryOf({ ...summary, threadId: known.threadId }))) {
          this.log.info(`A thread came twice with different details (${summary.threadId}); the newer copy is shown`);
        }
        this.recordSummary(accountId, summary, false);
      }
    };
    record(page);
    // The first rows of the first page only: what a list shows first, at a bounded cost (a list
    // of 2,000 threads is not asked 2,000 more times; the others name who wrote once opened).
    if (entry.threads.items.length === 0) this.learnPeople(accountId, page.items.slice(0, PEOPLE_PER_LIST), signal);
    const ids = (incoming: Page<ThreadSummary>): Page<string> => ({ ...incoming, items: incoming.items.map((summary) => summary.threadId) });
    const stoppedBefore = entry.threads.stopped;
    const { reread } = entry.threads.accept(ids(page), page.unreadable ?? 0);
    entry.unreadable += page.unreadable ?? 0;
    const provider = this.provider(accountId);
    const fetchAt = provider.threadCursorAt
      ? async (offset: number) => {
          const again = await this.threadPage(accountId, entry, provider.threadCursorAt?.(offset), signal);
          record(again);
          return ids(again);
        }
      : undefined;
    await entry.threads.readAgain(reread, fetchAt);
    // The provider stopped paging itself (a page that only repeated, within one call): its reason.
    if (page.stopped) entry.threads.stop(page.stopped);
    entry.threads.noteShortfall();
    const stopped = entry.threads.stopped;
    if (stopped !== undefined && stopped !== stoppedBefore) this.log.warn(`${this.account(accountId).label} / ${entry.container.label}: ${stopped}`);
  }

  // ---- threads -------------------------------------------------------------------------------

  /** The one record of a thread, as far as anything has loaded it. */
  thread(accountId: string, threadId: string): ThreadView | undefined {
    const entry = this.entryOf(accountId, threadId);
    if (!entry) return undefined;
    return {
      state: entry.state,
      summary: entry.summary,
      ...(entry.detail ? { thread: { ...entry.detail, ...entry.summary } } : {}),
      ...(entry.error !== undefined ? { error: entry.error } : {}),
      messages: entry.messages.items,
      hasMore: entry.messages.next !== undefined,
      ...(entry.messages.total !== undefined ? { total: entry.messages.total } : {}),
      loadingMore: entry.loadingMore,
      ...(entry.moreError !== undefined ? { moreError: entry.moreError } : {}),
      ...(entry.messages.stopped !== undefined ? { stopped: entry.messages.stopped } : {}),
      ...(entry.follow ? { follow: entry.follow } : {}),
      ...(entry.followError !== undefined ? { followError: entry.followError } : {}),
      ...(entry.live ? { live: entry.live } : {}),
      ranges: [...entry.ranges].sort(([a], [b]) => a - b).map(([offset, items]) => ({ offset, items })),
      generation: entry.generation,
      ...(entry.cached ? { cached: entry.cached } : {}),
    };
  }

  summary(accountId: string, threadId: string): ThreadSummary | undefined {
    return this.entryOf(accountId, threadId)?.summary;
  }

  /** A thread's title wherever it was seen, for documents and exports. */
  titleOf(accountId: string, threadId: string): string | undefined {
    return this.summary(accountId, threadId)?.title;
  }

  /**
   * Opens the thread (its details and first page of messages) unless it is open already, or
   * again with `force`; resolves once settled.
   */
  async openThread(target: ThreadTarget, options: { force?: boolean; landingAt?: number } = {}): Promise<ThreadView> {
    // Each turn reads the entry held now: a refresh may replace it, or make it stale, meanwhile.
    for (let first = true; ; first = false) {
      const entry = this.threadEntry(target);
      // Forced, or failed before this call: loaded again once (a failure met while waiting stands).
      const again = first && (options.force === true || entry.state === 'failed');
      if (again || entry.state === 'idle' || entry.state === 'stale') this.loadThread(target, entry, options.landingAt);
      if (!entry.loading) return this.thread(target.accountId, target.threadId) as ThreadView;
      await entry.loading;
    }
  }

  /** Appends the thread's next page of messages (one page at a time: a second call waits for the first). */
  loadMoreMessages(target: ThreadTarget): Promise<void> {
    const entry = this.entryOf(target.accountId, target.threadId);
    if (!entry) return Promise.resolve();
    if (entry.moreLoading) return entry.moreLoading;
    const cursor = entry.messages.next;
    if (cursor === undefined || entry.state !== 'loaded') return Promise.resolve();
    const signal = entry.controller.signal;
    entry.loadingMore = true;
    entry.moreError = undefined;
    const run = async () => {
      try {
        const provider = this.provider(target.accountId);
        const ref = this.refOf(target, entry);
        const page = await provider.listMessages(ref, cursor, signal);
        if (signal.aborted) return;
        const from = entry.messages.size;
        const { appended, inserted } = await this.acceptMessagePage(entry, page, this.messagesAt(provider, ref, signal));
        if (signal.aborted) return;
        const absorbed = this.absorbRanges(target.accountId, entry);
        entry.loadingMore = false;
        // Messages read again belong earlier in the thread: the views take it whole.
        this.announce(entry, inserted.length ? { kind: 'thread' } : { kind: 'messages', appended: [...appended, ...absorbed], from });
      } catch (error) {
        if (isAbortError(error) || signal.aborted) return;
        entry.loadingMore = false;
        entry.moreError = error;
        this.announce(entry, { kind: 'messages', appended: [], from: entry.messages.size });
      }
    };
    const loading = run().finally(() => {
      if (entry.moreLoading === loading) entry.moreLoading = undefined;
    });
    entry.moreLoading = loading;
    return loading;
  }

  /**
   * Makes the message at `index` held, where the service can get there: with offset paging the
   * page that holds it is asked for directly (the last page of a 10,000-message thread is one
   * request); otherwise only the next page after the run can be asked for.
   */
  async loadMessagesAt(target: ThreadTarget, index: number): Promise<void> {
    const entry = this.entryOf(target.accountId, target.threadId);
    if (!entry || entry.state !== 'loaded' || index < entry.messages.size || this.heldInRange(entry, index)) return;
    const jump = this.offsetJump(target.accountId, entry);
    if (!jump || (entry.messages.total !== undefined && index >= entry.messages.total)) {
      if (index === entry.messages.size) await this.loadMoreMessages(target);
      return;
    }
    const pageSize = entry.messages.guard.pageSize;
    const offset = Math.floor(index / pageSize) * pageSize;
    if (offset <= entry.messages.size) {
      await this.loadMoreMessages(target);
      return;
    }
    const pending = entry.rangeLoads.get(offset);
    if (pending) return pending;
    const signal = entry.controller.signal;
    const generation = entry.generation;
    const loading = (async () => {
      const page = await jump.provider.listMessages(this.refOf(target, entry), jump.cursorAt(offset), signal);
      if (signal.aborted || entry.generation !== generation) return;
      if (page.total !== undefined) entry.messages.total = page.total;
      if (offset <= entry.messages.size) {
        // The run reached this page meanwhile.
        const from = entry.messages.size;
        const appended = entry.messages.add(page.items);
        this.announce(entry, { kind: 'messages', appended, from });
        return;
      }
      entry.ranges.set(offset, page.items);
      this.announce(entry, { kind: 'messages', range: { offset, count: page.items.length } });
    })().finally(() => {
      if (entry.rangeLoads.get(offset) === loading) entry.rangeLoads.delete(offset);
    });
    entry.rangeLoads.set(offset, loading);
    return loading;
  }

  /**
   * Loads page after page from the end of the run until `count` messages are held (or to the
   * end): how cursor services reach the latest message. Progress after every page; the signal
   * stops it between pages; a failed page rejects.
   */
  async loadMessagesUntil(target: ThreadTarget, count: number | undefined, options: { signal?: AbortSignal; onProgress?: (loaded: number, total: number | undefined) => void } = {}): Promise<void> {
    const entry = this.entryOf(target.accountId, target.threadId);
    if (!entry || entry.state !== 'loaded') return;
    const generation = entry.generation;
    while (entry.messages.next !== undefined && (count === undefined || entry.messages.size < count) && entry.generation === generation) {
      options.signal?.throwIfAborted();
      await this.loadMoreMessages(target);
      if (entry.moreError !== undefined) throw entry.moreError;
      options.onProgress?.(entry.messages.size, entry.messages.total);
    }
  }

  /** Held messages from `from` (inclusive) to `to` (exclusive), `undefined` where one is not held. */
  messagesIn(target: ThreadTarget, from: number, to: number): (MessageItem | undefined)[] {
    const entry = this.entryOf(target.accountId, target.threadId);
    if (!entry) return [];
    const out: (MessageItem | undefined)[] = [];
    const run = entry.messages.items;
    for (let index = Math.max(0, from); index < to; index++) {
      if (index < run.length) out.push(run[index]);
      else out.push(this.rangeItem(entry, index));
    }
    return out;
  }

  /**
   * Searches every message of the thread, fetching what is not held yet (with progress, and a
   * signal that cancels), for the words as typed (case-insensitive).
   */
  async searchMessages(target: ThreadTarget, query: string, options: { signal?: AbortSignal; onProgress?: (loaded: number, total: number | undefined) => void } = {}): Promise<ThreadSearch> {
    const whole = await this.loadWholeThread(target, options);
    const found = findMatches(whole.messages, query);
    const entry = this.entryOf(target.accountId, target.threadId);
    return {
      query,
      ...found,
      searched: whole.messages.length,
      total: Math.max(entry?.messages.total ?? 0, whole.messages.length),
      ...(whole.stopped ? { stopped: whole.stopped } : {}),
    };
  }

  private offsetJump(accountId: string, entry: ThreadEntry): { provider: ServiceProvider; cursorAt: (offset: number) => string } | undefined {
    const account = this.account(accountId);
    const provider = this.deps.providerFor(account);
    const cursorAt = provider.messageCursorAt?.bind(provider);
    if (this.deps.services.get(account.service).capabilities.messagePaging !== 'offset' || !cursorAt || entry.messages.size === 0 || entry.messages.total === undefined) return undefined;
    return { provider, cursorAt };
  }

  private heldInRange(entry: ThreadEntry, index: number): boolean {
    return this.rangeItem(entry, index) !== undefined;
  }

  private rangeItem(entry: ThreadEntry, index: number): MessageItem | undefined {
    if (entry.messages.size > 0) {
      const pageSize = entry.messages.guard.pageSize;
      const items = entry.ranges.get(Math.floor(index / pageSize) * pageSize);
      if (items) return items[index % pageSize];
    }
    for (const [offset, items] of entry.ranges) if (index >= offset && index < offset + items.length) return items[index - offset];
    return undefined;
  }

  /** Pages held apart that the run now reaches join it; the run's next page is the one after them. */
  private absorbRanges(accountId: string, entry: ThreadEntry): MessageItem[] {
    const absorbed: MessageItem[] = [];
    for (let joined = true; joined; ) {
      joined = false;
      for (const [offset, items] of [...entry.ranges].sort(([a], [b]) => a - b)) {
        if (offset > entry.messages.size) break;
        entry.ranges.delete(offset);
        absorbed.push(...entry.messages.add(items));
        joined = true;
      }
    }
    const list = entry.messages;
    if (absorbed.length && list.next !== undefined) {
      const jump = this.offsetJump(accountId, entry);
      if (list.position !== undefined) list.position = list.size;
      if (jump && list.total !== undefined) list.next = list.size < list.total ? jump.cursorAt(list.size) : undefined;
    }
    return absorbed;
  }

  /**
   * The thread with every message (export, the Markdown document): what is loaded already is
   * kept, the rest fetched — at once where the service pages by offset with a total, page after
   * page otherwise — within the paging invariants. With `fresh` (export, the document) the thread
   * is read again from the service first, as it is now.
   */
  async loadWholeThread(
    target: ThreadTarget,
    options: { signal?: AbortSignal; onProgress?: (loaded: number, total: number | undefined) => void; fresh?: boolean } = {},
  ): Promise<WholeThread> {
    const account = this.account(target.accountId);
    const view = await this.openThread(target, { force: options.fresh === true || this.thread(target.accountId, target.threadId)?.state !== 'loaded' });
    options.signal?.throwIfAborted();
    if (view.state === 'failed') throw view.error;
    const entry = this.entryOf(target.accountId, target.threadId) as ThreadEntry;
    const list = entry.messages;
    const provider = this.deps.providerFor(account);
    const ref = this.refOf(target, entry);
    const paging = this.deps.services.get(account.service).capabilities.messagePaging;
    const fetchAt = this.messagesAt(provider, ref, options.signal);
    options.onProgress?.(list.size, list.total);
    const before = list.items.slice();
    if (list.next !== undefined && paging === 'offset' && fetchAt && list.total !== undefined) {
      await this.fetchOffsetsAtOnce(entry, fetchAt, options);
    }
    while (list.next !== undefined) {
      options.signal?.throwIfAborted();
      const page = await provider.listMessages(ref, list.next, options.signal);
      await this.acceptMessagePage(entry, page, fetchAt);
      options.onProgress?.(list.size, list.total);
    }
    list.noteShortfall();
    // What was shown stays in place unless messages read again went in between.
    const inPlace = before.every((item, index) => list.items[index] === item);
    const appended = list.items.slice(before.length);
    if (!inPlace) this.announce(entry, { kind: 'thread' });
    else if (appended.length) this.announce(entry, { kind: 'messages', appended, from: before.length });
    const thread = this.thread(target.accountId, target.threadId)?.thread;
    if (!thread) throw new Error('The thread could not be opened');
    return { account, thread, messages: list.items, ...(list.stopped ? { stopped: list.stopped } : {}) };
  }

  /** The page of messages at an offset, where the service pages by offset. */
  private messagesAt(provider: ServiceProvider, ref: ThreadRef, signal: AbortSignal | undefined): ((offset: number) => Promise<Page<MessageItem>>) | undefined {
    const cursorAt = provider.messageCursorAt?.bind(provider);
    return cursorAt ? (offset) => provider.listMessages(ref, cursorAt(offset), signal) : undefined;
  }

  /**
   * The pages from where the list stands to the claimed total, six at a time. Each request must
   * be justified by what the service delivered so far (pages in flight count as full), so a
   * claimed total of any size costs no memory and a bounded number of requests; an empty page
   * ends it. Then, in offset order, the pages join the list under the paging invariants (a total
   * that went down between two of them has the offsets before read again), and whatever the
   * service said comes after is paged one by one as usual.
   */
  private async fetchOffsetsAtOnce(
    entry: ThreadEntry,
    fetchAt: (offset: number) => Promise<Page<MessageItem>>,
    options: { signal?: AbortSignal; onProgress?: (loaded: number, total: number | undefined) => void },
  ): Promise<void> {
    const list = entry.messages;
    const total = list.total ?? 0;
    const start = list.position ?? list.size;
    const size = list.guard.pageSize;
    const pageCount = Math.min(Math.ceil(Math.max(0, total - start) / size), HARD_PAGE_CEILING);
    const seen = new UniqueItems<MessageItem>(messageId);
    seen.add(list.items);
    const pages: Page<MessageItem>[] = [];
    /** Each id's copy from the page that arrived last: the newest, whatever its offset. */
    const newest = new Map<string, MessageItem>();
    let nextIndex = 0;
    let completed = list.guard.requests;
    let ended = false;
    const worker = async () => {
      while (!ended && nextIndex < pageCount && completed + 1 <= list.guard.budget(seen.size)) {
        const index = nextIndex++;
        let page: Page<MessageItem>;
        try {
          const offset = start + index * size;
          // A page held already (the last one, after End) is not asked for again.
          const held = entry.ranges.get(offset);
          page = held ? { items: held, offset } : await fetchAt(offset);
        } catch (error) {
          // One failed page fails the whole fetch: the other workers start no more pages.
          ended = true;
          throw error;
        }
        pages[index] = page;
        completed++;
        seen.add(page.items);
        for (const item of page.items) if (item.id !== undefined) newest.set(item.id, item);
        options.onProgress?.(seen.size, page.total ?? total);
        // Past the end of what the service really holds: a claimed total it cannot deliver.
        if (page.items.length === 0) ended = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, pageCount) }, worker));
    let stopped = false;
    const rereads: Reread[] = [];
    for (const arrived of pages) {
      if (!arrived) continue;
      // Placed by offset, each id shows its newest copy.
      const page = { ...arrived, items: arrived.items.map((item) => (item.id !== undefined ? (newest.get(item.id) ?? item) : item)) };
      if (stopped) {
        // Asked for alongside a page that ended the run: its items still count, once each.
        list.acceptReread(page);
        continue;
      }
      const { reread, stop } = list.accept(page);
      if (reread) rereads.push(reread);
      stopped = stop !== undefined;
    }
    // Only now is every request of the pass counted: reading offsets again stays within the budget.
    for (const reread of rereads) await list.readAgain(reread, fetchAt);
    // Cut short by what the delivered items justified, not by the service: say so.
    if (!stopped && !ended && nextIndex < pageCount) list.stop(t('the service kept sending messages it had already sent'));
    entry.ranges.clear();
  }

  private threadEntry(target: ThreadTarget): ThreadEntry {
    const threadKey = key(target.accountId, this.idOf(target.accountId, target.threadId));
    let entry = this.threads.get(threadKey);
    if (!entry) {
      entry = this.newThreadEntry(target.accountId, {
        threadId: target.threadId,
        ...(target.containerId ? { containerId: target.containerId } : {}),
        title: target.threadId,
        state: 'unknown',
        badges: [],
        participants: [],
      });
      this.threads.set(threadKey, entry);
    }
    return entry;
  }

  private newThreadEntry(accountId: string, summary: ThreadSummary): ThreadEntry {
    return {
      accountId,
      aliases: new Set(),
      serviceId: summary.threadId,
      summary,
      state: 'idle',
      messages: new PagedList<MessageItem>(MESSAGES, messageId, (id) => this.log.info(`A message came twice with different content (${id}); the newer copy is shown`)),
      loadingMore: false,
      controller: new AbortController(),
      watchers: 0,
      ranges: new Map(),
      rangeLoads: new Map(),
      generation: 0,
    };
  }

  private refOf(target: ThreadTarget, entry: ThreadEntry): ThreadRef {
    const containerId = target.containerId ?? entry.summary.containerId;
    return { threadId: target.threadId, ...(containerId ? { containerId } : {}) };
  }

  private loadThread(target: ThreadTarget, entry: ThreadEntry, landingAt?: number): void {
    const holding = entry.messages.size > 0 || entry.cached !== undefined;
    entry.controller.abort();
    entry.controller = new AbortController();
    const signal = entry.controller.signal;
    const landing = landingAt === undefined ? undefined : this.askLandingPage(target, entry, landingAt, signal);
    entry.state = 'loading';
    entry.error = undefined;
    this.announce(entry, { kind: 'thread' });
    const run = async () => {
      try {
        // Nothing of the thread held in this session, but a copy on disk: shown at once, then refreshed.
        if (!holding) await this.showCached(target.accountId, entry, signal);
        // A panel restored after a reload asks before the account's keys are back (sample data
        // restores them at start-up): wait for them rather than fail for want of a key.
        await this.deps.accountReady?.(this.account(target.accountId)).catch(() => undefined);
        if (signal.aborted) return;
        const opened = await this.provider(target.accountId).openThread(this.refOf(target, entry), signal);
        if (signal.aborted) return;
        this.applyOpened(target.accountId, entry, opened);
        if (landing) this.adoptLandingPage(entry, landing, signal);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        if (entry.cached) {
          // The saved copy stays readable; the page says the refresh failed, and why.
          entry.cached = { ...entry.cached, refreshing: false, error };
          entry.state = 'loaded';
          this.log.warn(`Couldn't refresh ${entry.summary.title}; showing the cached copy: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        entry.error = error;
        entry.state = 'failed';
      }
    };
    const loading = run().finally(() => {
      if (entry.loading === loading) entry.loading = undefined;
      if (!signal.aborted) {
        this.announce(entry, { kind: 'thread' });
        this.follow(target, entry);
      }
    });
    entry.loading = loading;
  }

  /**
   * A thread held before, opened again where its reader will land far from its start (an offset
   * service): the page there is asked for alongside the refresh rather than after it, so the
   * reader waits for one round trip, not two. Undefined where the refresh brings that page itself.
   */
  private askLandingPage(target: ThreadTarget, entry: ThreadEntry, index: number, signal: AbortSignal): { offset: number; page: Promise<Page<MessageItem> | undefined> } | undefined {
    const jump = this.offsetJump(target.accountId, entry);
    const total = entry.messages.total;
    if (!jump || total === undefined || index < 0 || index >= total) return undefined;
    const pageSize = entry.messages.guard.pageSize;
    const offset = Math.floor(index / pageSize) * pageSize;
    if (offset < pageSize) return undefined;
    const page = jump.provider.listMessages(this.refOf(target, entry), jump.cursorAt(offset), signal).catch(() => undefined);
    return { offset, page };
  }

  /**
   * The landing page asked for with a refresh joins the fresh thread as a range — unless the
   * thread changed between the two answers (its total moved), when the reader's page is asked
   * for again as usual. Meanwhile a reader asking for that page waits for this answer.
   */
  private adoptLandingPage(entry: ThreadEntry, landing: { offset: number; page: Promise<Page<MessageItem> | undefined> }, signal: AbortSignal): void {
    const { offset } = landing;
    const generation = entry.generation;
    const adopting: Promise<void> = landing.page
      .then((page) => {
        if (!page || signal.aborted || entry.generation !== generation) return;
        if (page.total !== undefined && page.total !== entry.messages.total) return;
        if (offset <= entry.messages.size || entry.ranges.has(offset)) return;
        entry.ranges.set(offset, page.items);
        this.announce(entry, { kind: 'messages', range: { offset, count: page.items.length } });
      })
      .finally(() => {
        if (entry.rangeLoads.get(offset) === adopting) entry.rangeLoads.delete(offset);
      });
    if (!entry.rangeLoads.has(offset)) entry.rangeLoads.set(offset, adopting);
  }

  /** Shows the thread's saved copy, if the disk cache has one, until the service answers. */
  private async showCached(accountId: string, entry: ThreadEntry, signal: AbortSignal): Promise<void> {
    const cache = this.deps.cache?.();
    if (!cache) return;
    let saved: CachedThread | undefined;
    try {
      saved = await cache.load(accountId, entry.summary.threadId);
    } catch (error) {
      this.log.warn(`Couldn't read the cached copy of ${entry.summary.title}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!saved || signal.aborted || entry.messages.size > 0) return;
    this.applyOpened(accountId, entry, { thread: saved.thread, messages: { items: saved.messages } }, false);
    entry.cached = { savedAt: saved.savedAt, refreshing: true };
    this.announce(entry, { kind: 'thread' });
  }

  /** A thread as it was opened: its details and first page replace what was held. */
  private applyOpened(accountId: string, entry: ThreadEntry, opened: OpenedThread, fresh = true): void {
    if (fresh) entry.cached = undefined;
    entry.messages.reset();
    entry.liveWasOpen = entry.live === 'live';
    entry.ranges.clear();
    entry.rangeLoads.clear();
    entry.moreLoading = undefined;
    entry.generation++;
    entry.moreError = undefined;
    entry.loadingMore = false;
    this.applyThread(accountId, entry, opened.thread);
    // The first page: nothing to read again yet (no earlier total to compare with).
    entry.messages.accept(opened.messages);
    entry.messages.noteShortfall();
    if (entry.messages.stopped) this.log.warn(`${entry.summary.title}: ${entry.messages.stopped}`);
    entry.state = 'loaded';
    entry.error = undefined;
  }

  /**
   * A page of messages joins the thread under the paging invariants; offsets a shrinking total
   * left behind are read again. Returns the messages not seen before.
   */
  private async acceptMessagePage(
    entry: ThreadEntry,
    page: Page<MessageItem>,
    fetchAt: ((offset: number) => Promise<Page<MessageItem>>) | undefined,
  ): Promise<{ appended: MessageItem[]; inserted: MessageItem[] }> {
    const stoppedBefore = entry.messages.stopped;
    const { fresh, reread } = entry.messages.accept(page);
    const inserted = await entry.messages.readAgain(reread, fetchAt);
    entry.messages.noteShortfall();
    const stopped = entry.messages.stopped;
    if (stopped !== undefined && stopped !== stoppedBefore) this.log.warn(`${entry.summary.title}: ${stopped}`);
    return { appended: fresh, inserted };
  }

  /**
   * Who is on each listed thread, where the service's list does not say but its provider can find
   * out cheaply (`threadPeople`: AgentSend reads a thread's first message). Asked once per thread,
   * a few at a time; what is learned for a page is applied at once, so its rows are drawn again
   * once rather than one by one. A failure only leaves a row without a sender (asked again when
   * the list next loads).
   */
  /** Per account, the rounds of learning who is on listed threads still under way. */
  private readonly peopleLearning = new Map<string, Set<Promise<void>>>();

  private learnPeople(accountId: string, listed: readonly ThreadSummary[], signal: AbortSignal): void {
    const provider = this.provider(accountId);
    if (!provider.threadPeople) return;
    const asking: { threadKey: string; ref: ThreadRef }[] = [];
    for (const summary of listed) {
      const threadKey = key(accountId, this.idOf(accountId, summary.threadId));
      if (this.peopleAsked.has(threadKey) || summary.participants.some((person) => person.role === 'customer')) continue;
      this.peopleAsked.add(threadKey);
      asking.push({ threadKey, ref: { threadId: summary.threadId, ...(summary.containerId ? { containerId: summary.containerId } : {}) } });
    }
    if (asking.length === 0) return;
    const learned = new Map<string, Participant[]>();
    let next = 0;
    const worker = async () => {
      // One listener per worker on the list's signal, however many requests the worker makes.
      const own = new AbortController();
      const stop = () => own.abort();
      signal.addEventListener('abort', stop, { once: true });
      try {
        for (let item = asking[next++]; item && !own.signal.aborted; item = asking[next++]) {
          try {
            learned.set(item.ref.threadId, (await provider.threadPeople?.(item.ref, own.signal)) ?? []);
          } catch (error) {
            this.peopleAsked.delete(item.threadKey);
            if (!isAbortError(error)) this.log.info(`Couldn't find who is on ${item.ref.threadId}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      } finally {
        signal.removeEventListener('abort', stop);
      }
    };
    const learning = Promise.all(Array.from({ length: Math.min(PEOPLE_AT_ONCE, asking.length) }, worker)).then(() => {
      if (signal.aborted || !this.hasAccount(accountId)) {
        for (const item of asking) this.peopleAsked.delete(item.threadKey);
        return;
      }
      for (const [threadId, people] of learned) {
        const entry = this.entryOf(accountId, threadId);
        if (!entry || people.length === 0) continue;
        const participants = mergeParticipants(entry.summary.participants, people);
        if (JSON.stringify(participants) === JSON.stringify(entry.summary.participants)) continue;
        entry.summary = { ...entry.summary, participants };
        this.index(key(accountId, entry.summary.threadId), entry.summary);
        this.announce(entry, { kind: 'thread' });
      }
    });
    let pending = this.peopleLearning.get(accountId);
    if (!pending) this.peopleLearning.set(accountId, (pending = new Set()));
    pending.add(learning);
    void learning.finally(() => pending.delete(learning));
  }

  /** Resolves once who is on each listed thread of the account has been learned (where the service needs asking). */
  async peopleSettled(accountId: string): Promise<void> {
    await Promise.all([...(this.peopleLearning.get(accountId) ?? [])]);
  }

  /** Records what a service said about a thread (from a list, a lookup, a poll). */
  private recordSummary(accountId: string, incoming: ThreadSummary, announce = true): ThreadEntry {
    const threadId = this.idOf(accountId, incoming.threadId);
    const threadKey = key(accountId, threadId);
    let entry = this.threads.get(threadKey);
    const summary: ThreadSummary = { ...summaryOf(incoming), threadId };
    const serviceUnread = summary.unread;
    if (serviceUnread !== undefined && serviceUnread > 0 && this.readMarks.covers(threadKey, serviceUnread, summary.updatedAt)) summary.unread = 0;
    if (!entry) {
      entry = this.newThreadEntry(accountId, summary);
      if (serviceUnread !== undefined) entry.serviceUnread = serviceUnread;
      this.threads.set(threadKey, entry);
    } else {
      if (serviceUnread !== undefined) entry.serviceUnread = serviceUnread;
      const before = JSON.stringify(entry.summary);
      entry.summary = { ...summary, participants: mergeParticipants(entry.summary.participants, summary.participants) };
      if (announce && JSON.stringify(entry.summary) !== before) this.announce(entry, { kind: 'thread' });
    }
    this.index(threadKey, entry.summary);
    return entry;
  }

  /**
   * An opened thread's details. A service may answer under another id than the one asked for
   * (Thred names a customer by email until it has an id): the answer stays on the record asked
   * for, and the other id becomes one of its aliases, so every view keeps showing one thread.
   */
  private applyThread(accountId: string, entry: ThreadEntry, thread: Thread): void {
    const threadId = entry.summary.threadId;
    if (thread.threadId !== threadId) this.addAlias(accountId, thread.threadId, entry);
    entry.serviceId = thread.threadId;
    entry.detail = { ...thread, threadId };
    this.recordSummary(accountId, entry.detail, false);
  }

  private addAlias(accountId: string, alias: string, entry: ThreadEntry): void {
    const other = this.threads.get(key(accountId, alias));
    if (other && other !== entry) {
      // Known under both ids already: the other record's views follow this one from now on.
      this.threads.delete(key(accountId, alias));
      for (const id of other.aliases) this.aliases.set(key(accountId, id), entry.summary.threadId);
      other.aliases.forEach((id) => entry.aliases.add(id));
    }
    this.aliases.set(key(accountId, alias), entry.summary.threadId);
    entry.aliases.add(alias);
  }

  private idOf(accountId: string, threadId: string): string {
    return this.aliases.get(key(accountId, threadId)) ?? threadId;
  }

  private entryOf(accountId: string, threadId: string): ThreadEntry | undefined {
    return this.threads.get(key(accountId, this.idOf(accountId, threadId)));
  }

  /** The id the store knows a thread by (a thread may have been seen under another). */
  canonicalId(accountId: string, threadId: string): string {
    return this.idOf(accountId, threadId);
  }

  /** The id the service itself used for the thread last (what a link or a script should name). */
  serviceIdOf(accountId: string, threadId: string): string {
    return this.entryOf(accountId, threadId)?.serviceId ?? threadId;
  }

  /** Tells every view of the thread, under each id it has been shown with. */
  private announce(entry: ThreadEntry, change: { kind: 'thread' } | { kind: 'messages'; appended?: readonly MessageItem[]; from?: number; range?: { offset: number; count: number } }): void {
    this.persist(entry);
    for (const threadId of [entry.summary.threadId, ...entry.aliases]) this.emitter.fire({ ...change, accountId: entry.accountId, threadId });
  }

  /**
   * An opened thread, as the service last gave it, goes to the disk cache (when it is on): the
   * cache writes a little later, taking the thread as it stands then. A copy shown from the cache
   * and not refreshed yet is not written back.
   */
  private persist(entry: ThreadEntry): void {
    if (entry.state !== 'loaded' || !entry.detail || entry.cached) return;
    const cache = this.deps.cache?.();
    if (!cache) return;
    cache.save(entry.accountId, entry.summary.threadId, () => {
      const held = this.threads.get(key(entry.accountId, entry.summary.threadId));
      if (held !== entry || entry.state !== 'loaded' || !entry.detail || entry.cached) return undefined;
      return { thread: { ...entry.detail, ...entry.summary }, messages: entry.messages.items };
    });
  }

  private index(threadKey: string, summary: ThreadSummary): void {
    for (const person of summary.participants) {
      const address = person.address?.trim().toLowerCase();
      if (!address) continue;
      let keys = this.byAddress.get(address);
      if (!keys) this.byAddress.set(address, (keys = new Set()));
      keys.add(threadKey);
    }
  }

  /** Threads with this address among their people, most recent first. */
  threadsWithAddress(email: string): { accountId: string; summary: ThreadSummary }[] {
    const keys = this.byAddress.get(email.trim().toLowerCase());
    if (!keys) return [];
    return [...keys]
      .map((threadKey) => this.threads.get(threadKey))
      .filter((entry): entry is ThreadEntry => entry !== undefined)
      .map((entry) => ({ accountId: entry.accountId, summary: entry.summary }))
      .sort((a, b) => (b.summary.updatedAt ?? '').localeCompare(a.summary.updatedAt ?? ''));
  }

  /**
   * Every thread the store holds (from lists, lookups and opened threads), with the messages
   * loaded so far: what a search over loaded conversations reads. One entry per thread, under
   * the id the store knows it by.
   */
  heldThreads(accountId?: string): HeldThread[] {
    return [...this.threads.values()]
      .filter((entry) => accountId === undefined || entry.accountId === accountId)
      .map((entry) => ({ accountId: entry.accountId, summary: entry.summary, messages: entry.messages.items, ...(entry.messages.total !== undefined ? { total: entry.messages.total } : {}) }));
  }

  /**
   * The user read the thread here (its panel showed it): it counts as read — in the tree, the
   * badge and every view — until the service reports newer activity or more unread messages.
   * Nothing is sent to the service.
   */
  markRead(accountId: string, threadId: string): void {
    const entry = this.entryOf(accountId, threadId);
    if (!entry) return;
    const unread = entry.serviceUnread ?? entry.summary.unread ?? 0;
    if (unread === 0 && !entry.summary.unread) return;
    void this.readMarks.mark(key(accountId, entry.summary.threadId), unread, entry.summary.updatedAt);
    if (entry.summary.unread) {
      entry.summary = { ...entry.summary, unread: 0 };
      this.announce(entry, { kind: 'thread' });
    }
  }

  /**
   * Keeps loaded what the unread count needs: the first page of every container of each account
   * whose service reports unread messages (`capabilities.unreadCounts`) — now, for accounts added
   * later, and again whenever a refresh, a fixed credential or an edit made it stale — without
   * waiting for anyone to open those containers. A list that failed stays failed until something
   * makes it stale, so nothing is retried in a loop.
   */
  keepUnreadCountsLoaded(): Subscription {
    const scheduled = new Set<string>();
    let disposed = false;
    const schedule = (accountId: string) => {
      if (disposed || scheduled.has(accountId)) return;
      scheduled.add(accountId);
      void Promise.resolve().then(async () => {
        scheduled.delete(accountId);
        if (disposed || !this.hasAccount(accountId) || !this.descriptor(accountId).capabilities.unreadCounts) return;
        try {
          const view = await this.ensureContainers(accountId);
          if (view.state === 'loaded') await Promise.all(view.containers.map((container) => this.ensureThreads(accountId, container)));
        } catch (error) {
          this.log.warn(`Couldn't load the unread counts of ${this.account(accountId).label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    };
    const all = () => this.deps.accounts.list().forEach((account) => schedule(account.id));
    all();
    this.unreadWatchers.add(all);
    const changes = this.onDidChange((change) => {
      if (change.kind === 'containers' || change.kind === 'threadList') schedule(change.accountId);
    });
    return {
      dispose: () => {
        disposed = true;
        this.unreadWatchers.delete(all);
        changes.dispose();
      },
    };
  }

  /** Loaded threads with unread messages, not archived, across every account (the view badge). */
  unreadThreadCount(): number {
    const counted = new Set<string>();
    for (const [listKey, list] of this.lists) {
      if (list.state !== 'loaded') continue;
      const accountId = listKey.slice(0, listKey.indexOf('\u0000'));
      for (const threadId of list.threads.items) {
        const summary = this.summary(accountId, threadId);
        if (summary && (summary.unread ?? 0) > 0 && !summary.badges.includes('archived')) counted.add(key(accountId, summary.threadId));
      }
    }
    return counted.size;
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** The customer with this address, from an account that can look customers up by email. */
  async lookupByEmail(accountId: string, email: string, signal?: AbortSignal): Promise<Thread> {
    const provider = this.provider(accountId);
    if (!provider.lookupByEmail) throw new Error(`${this.account(accountId).label} cannot look customers up by email`);
    const thread = await provider.lookupByEmail(email, signal);
    const entry = this.recordSummary(accountId, thread);
    entry.detail = { ...thread, threadId: entry.summary.threadId };
    if (entry.state === 'idle') entry.state = 'stale'; // details without messages: open loads them
    await this.recentLookups.add(email, accountId);
    return this.thread(accountId, entry.summary.threadId)?.thread ?? thread;
  }

  /** The accounts whose services search their own threads by words (`textSearch: 'server'`). */
  accountsSearchingOnService(): string[] {
    return this.deps.accounts
      .list()
      .filter((account) => this.deps.services.get(account.service).capabilities.textSearch === 'server')
      .map((account) => account.id);
  }

  /**
   * The service's own search (`textSearch: 'server'`): the first page of the container's threads
   * it finds for `text`, recorded so they open, and enter the index, like any other.
   */
  async searchOnService(accountId: string, container: Container, text: string, signal?: AbortSignal): Promise<ThreadSummary[]> {
    if (this.descriptor(accountId).capabilities.textSearch !== 'server') throw new Error(`${this.account(accountId).label} cannot search on its service`);
    const page = await this.provider(accountId).listThreads(container, { filter: { text } }, signal);
    return page.items.map((summary) => this.recordSummary(accountId, summary).summary);
  }

  async byCompany(accountId: string, name: string, signal?: AbortSignal): Promise<{ company: string; threads: ThreadSummary[] }> {
    const provider = this.provider(accountId);
    if (!provider.byCompany) throw new Error(`${this.account(accountId).label} cannot list customers by company`);
    const found = await provider.byCompany(name, signal);
    return { company: found.company, threads: found.threads.map((summary) => this.recordSummary(accountId, summary).summary) };
  }

  // ---- following threads that are still processing -------------------------------------------

  /**
   * Keeps a processing thread fresh while the returned subscription lives: the store asks the
   * service again under the one polling policy, and stops when nobody watches, when the thread
   * settles, or when the policy gives up.
   */
  watch(target: ThreadTarget): Subscription {
    const entry = this.threadEntry(target);
    entry.watchers++;
    this.follow(target, entry);
    this.goLive(target, entry);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        entry.watchers--;
        if (entry.watchers === 0) {
          entry.followController?.abort();
          entry.liveController?.abort();
        }
      },
    };
  }

  /** After "still processing — Retry": follows the thread again for another round (and a live feed that gave up). */
  retryFollow(target: ThreadTarget): void {
    const entry = this.threadEntry(target);
    if (entry.follow === 'gaveUp') entry.follow = undefined;
    entry.followError = undefined;
    this.follow(target, entry);
    if (entry.live === 'offline') entry.live = undefined;
    this.goLive(target, entry);
    this.announce(entry, { kind: 'thread' });
  }

  // ---- live threads ---------------------------------------------------------------------------

  /**
   * While a thread is watched and its service pushes new messages, keeps one live connection:
   * reconnects under the live policy (in the store's clock) and stops when nobody watches.
   */
  private goLive(target: ThreadTarget, entry: ThreadEntry): void {
    if (entry.liveController || entry.watchers === 0 || entry.live === 'offline') return;
    if (!this.descriptor(target.accountId).capabilities.liveUpdates) return;
    const provider = this.provider(target.accountId);
    if (!provider.subscribe) return;
    const controller = new AbortController();
    entry.liveController = controller;
    const announce = (state: LiveState) => {
      if (entry.live === state) return;
      entry.live = state;
      this.announce(entry, { kind: 'thread' });
    };
    const run = async () => {
      let failures = 0;
      let everOpened = false;
      while (!controller.signal.aborted && entry.watchers > 0) {
        announce(everOpened ? 'reconnecting' : 'connecting');
        let opened = false;
        try {
          await provider.subscribe?.(
            this.refOf(target, entry),
            {
              open: () => {
                opened = true;
                failures = 0;
                announce('live');
                // Whatever came while the connection was down (or nobody watched) is fetched once it is back.
                if (entry.liveWasOpen) void this.catchUp(target, entry, controller.signal);
                entry.liveWasOpen = true;
                everOpened = true;
              },
              messages: (items, change) => this.receiveLive(target, entry, items, change?.unreadAdded ?? 0),
            },
            controller.signal,
          );
        } catch (error) {
          if (controller.signal.aborted) return;
          this.log.debug(`Live feed of ${entry.summary.title}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (controller.signal.aborted) return;
        if (!opened && ++failures >= this.livePolicy.maxFailedOpens) {
          this.log.warn(`Stopped reconnecting to the live feed of ${entry.summary.title} after ${failures} attempts`);
          announce('offline');
          return;
        }
        announce('reconnecting');
        await this.clock.sleep(reconnectDelay(opened ? 0 : failures - 1, this.livePolicy), controller.signal);
      }
    };
    void run()
      .catch(() => undefined)
      .finally(() => {
        if (entry.liveController !== controller) return;
        entry.liveController = undefined;
        if (entry.live !== 'offline') entry.live = undefined;
        this.announce(entry, { kind: 'thread' });
      });
  }

  /** Messages a live feed pushed: appended once each, and the thread's summary moved on. */
  private receiveLive(target: ThreadTarget, entry: ThreadEntry, items: MessageItem[], unreadAdded: number): void {
    const latest = items.reduce<string | undefined>((at, item) => (item.type === 'message' && item.createdAt && (!at || item.createdAt > at) ? item.createdAt : at), undefined);
    const summary = entry.summary;
    if (unreadAdded > 0) entry.serviceUnread = (entry.serviceUnread ?? 0) + unreadAdded;
    entry.summary = {
      ...summary,
      ...(latest && (!summary.updatedAt || latest > summary.updatedAt) ? { updatedAt: latest } : {}),
      ...(unreadAdded > 0 ? { unread: (summary.unread ?? 0) + unreadAdded } : {}),
      ...(summary.messageCount !== undefined ? { messageCount: summary.messageCount + items.length } : {}),
    };
    // With older pages still to come the new ones belong after them: paging brings them in order.
    if (entry.state === 'loaded' && entry.messages.next === undefined) {
      const appended = entry.messages.add(items);
      if (entry.messages.total !== undefined) entry.messages.total += appended.length;
      if (appended.length) this.announce(entry, { kind: 'messages', appended });
    }
    this.announce(entry, { kind: 'thread' });
  }

  /** After a reconnect: the thread's first page again, keeping what is loaded and appending what is new. */
  private async catchUp(target: ThreadTarget, entry: ThreadEntry, signal: AbortSignal): Promise<void> {
    if (entry.state !== 'loaded' || entry.messages.next !== undefined) return;
    try {
      const opened = await this.provider(target.accountId).openThread(this.refOf(target, entry), signal);
      if (signal.aborted || opened.messages.next !== undefined) return;
      const appended = entry.messages.add(opened.messages.items);
      if (appended.length) {
        if (entry.messages.total !== undefined) entry.messages.total += appended.length;
        this.announce(entry, { kind: 'messages', appended });
      }
    } catch (error) {
      if (!signal.aborted) this.log.debug(`Couldn't catch up on ${entry.summary.title}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private follow(target: ThreadTarget, entry: ThreadEntry): void {
    if (entry.followController || entry.follow === 'gaveUp' || entry.watchers === 0 || entry.state === 'loading') return;
    if (entry.summary.state !== 'processing' || !this.descriptor(target.accountId).capabilities.processing) return;
    const controller = new AbortController();
    entry.followController = controller;
    entry.follow = 'following';
    const startedAt = this.clock.now();
    this.log.debug(`Following ${entry.summary.title} while ${this.descriptor(target.accountId).name} processes it`);
    const run = async () => {
      let delay: number | undefined;
      while (entry.watchers > 0 && entry.summary.state === 'processing') {
        delay = nextPollDelay(delay, this.policy);
        if (this.clock.now() + delay - startedAt > this.policy.giveUpAfterMs) {
          entry.follow = 'gaveUp';
          this.log.info(`Stopped following ${entry.summary.title}: still processing after ${Math.round(this.policy.giveUpAfterMs / 60_000)} minutes`);
          return;
        }
        await this.clock.sleep(delay, controller.signal);
        const opened = await this.provider(target.accountId).openThread(this.refOf(target, entry), controller.signal);
        if (controller.signal.aborted) return;
        this.applyOpened(target.accountId, entry, opened);
        this.announce(entry, { kind: 'thread' });
      }
      if (entry.follow === 'following') entry.follow = undefined;
    };
    void run()
      .catch((error: unknown) => {
        if (isAbortError(error) || controller.signal.aborted) {
          if (entry.follow === 'following') entry.follow = undefined;
          return;
        }
        entry.follow = undefined;
        entry.followError = error;
        this.log.warn(`Couldn't follow ${entry.summary.title}: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        if (entry.followController === controller) entry.followController = undefined;
        this.announce(entry, { kind: 'thread' });
      });
  }

  // ---- housekeeping ---------------------------------------------------------------------------

  private listsOf(accountId: string): ListEntry[] {
    return [...this.lists].filter(([listKey]) => listKey.startsWith(key(accountId, ''))).map(([, entry]) => entry);
  }

  private threadsOf(accountId: string): ThreadEntry[] {
    return [...this.threads.values()].filter((entry) => entry.accountId === accountId);
  }

  dispose(): void {
    for (const accountId of [...this.containersByAccount.keys(), ...this.threadsOfAll()]) this.forgetAccount(accountId);
    this.emitter.dispose();
  }

  private threadsOfAll(): string[] {
    return [...new Set([...this.threads.values()].map((entry) => entry.accountId))];
  }
}
