// The one interface every service adapter implements, and what the extension hands an adapter.
// Nothing here imports vscode: HTTP, secrets and configuration are passed in.
import type { Dispatcher } from 'undici';
import type { Clock } from '../clock';
import type {
  Account,
  Container,
  FilterDefinition,
  MessageItem,
  Page,
  Thread,
  ThreadFilter,
  ThreadRef,
  ThreadSummary,
} from '../domain/model';
import type { Logger } from '../http/client';
import type { ConcurrencyLimiter } from '../http/limiter';
import type { RetryPolicy } from '../http/retry';

/** Secret values of one account: API key, and for Tybrite the customer session (JSON). */
export type CredentialName = 'apiKey' | 'session';

export interface CredentialStore {
  get(name: CredentialName): Promise<string | undefined>;
  set(name: CredentialName, value: string): Promise<void>;
}

export interface SourceContext {
  account: Account;
  credentials: CredentialStore;
  dispatcher: Dispatcher;
  limiter?: ConcurrencyLimiter;
  log?: Logger;
  retry?: RetryPolicy;
  now?: () => number;
  /** Time for retry waits and the answer deadline (virtual in tests). */
  clock?: Clock;
  /** How long a service may take to start answering. */
  answerTimeoutMs?: number;
}

export interface OpenedThread {
  thread: Thread;
  messages: Page<MessageItem>;
}

export interface ListThreadsOptions {
  cursor?: string;
  filter?: ThreadFilter;
}

/** How a service pages a thread's messages. */
export type MessagePaging =
  /** limit/offset with a total: every page can be asked for at once. */
  | 'offset'
  /** opaque cursors: one page after another. */
  | 'cursor'
  /** the whole history comes in one response. */
  | 'single'
  /** the service publishes no message history. */
  | 'none';

export interface ThreadSource {
  readonly service: Account['service'];
  readonly filters: readonly FilterDefinition[];
  readonly messagePaging: MessagePaging;
  listContainers(signal?: AbortSignal): Promise<Container[]>;
  listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>>;
  /** The thread and its first page of messages (one request where the service allows). */
  openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread>;
  listMessages(ref: ThreadRef, cursor: string, signal?: AbortSignal): Promise<Page<MessageItem>>;
  /** With offset paging: the cursor of the page starting at `offset`. */
  messageCursorAt?(offset: number): string;
  /** A cheap authenticated request; resolves with a one-line description of what it found. */
  testConnection(signal?: AbortSignal): Promise<string>;
}

/** Services that can find a customer by email (Thred today). */
export interface EmailLookup {
  lookupByEmail(email: string, signal?: AbortSignal): Promise<Thread>;
}

export function canLookUpByEmail(source: ThreadSource): source is ThreadSource & EmailLookup {
  return typeof (source as Partial<EmailLookup>).lookupByEmail === 'function';
}

/** Services that can list customers by company (Thred). */
export interface CompanyLookup {
  byCompany(name: string, signal?: AbortSignal): Promise<{ company: string; threads: ThreadSummary[] }>;
}

export function canLookUpByCompany(source: ThreadSource): source is ThreadSource & CompanyLookup {
  return typeof (source as Partial<CompanyLookup>).byCompany === 'function';
}
