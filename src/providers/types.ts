// What every service provider implements, what it is handed, and how a service describes itself
// (its descriptor): everything the rest of Threadline may know about a service is declared here,
// once per service, in `src/providers/<service>/descriptor.ts`. Nothing here imports vscode.
import type { Dispatcher } from 'undici';
import type {
  Account,
  Container,
  FilterDefinition,
  MessageItem,
  OptionValue,
  Page,
  Thread,
  ThreadFilter,
  ThreadRef,
  ThreadSummary,
} from '../domain/model';
import type { Clock } from '../clock';
import type { ConcurrencyLimiter } from '../http/limiter';
import type { RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';

/** Secret values of one account: the API key, and a customer credential where the service has one. */
export type CredentialName = 'apiKey' | 'session';

export interface CredentialStore {
  get(name: CredentialName): Promise<string | undefined>;
  set(name: CredentialName, value: string): Promise<void>;
}

export interface ProviderContext {
  account: Account;
  credentials: CredentialStore;
  dispatcher: Dispatcher;
  limiter?: ConcurrencyLimiter;
  log?: Logger;
  retry?: RetryPolicy;
  clock?: Clock;
  /** How long one answer may take, from request to last byte (see HttpClientOptions). */
  answerDeadlineMs?: number;
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

/** A customer signed in to a service that needs the customer's own credential (Tybrite). */
export interface CustomerSignIn {
  /** Stored as the account's `session` secret. */
  session: unknown;
  /** The customer the session belongs to, when the service says. */
  customerId?: string;
}

/** One account's connection to its service. */
export interface ServiceProvider {
  listContainers(signal?: AbortSignal): Promise<Container[]>;
  listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>>;
  /** The thread and its first page of messages (one request where the service allows). */
  openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread>;
  listMessages(ref: ThreadRef, cursor: string, signal?: AbortSignal): Promise<Page<MessageItem>>;
  /** With offset paging: the cursor of the page of messages starting at `offset`. */
  messageCursorAt?(offset: number): string;
  /** With offset paging: the cursor of the page of threads starting at `offset`. */
  threadCursorAt?(offset: number): string;
  /** A cheap authenticated request; resolves with a one-line description of what it found. */
  testConnection(signal?: AbortSignal): Promise<string>;
  /** With `capabilities.emailLookup`: the customer with this address, as a thread. */
  lookupByEmail?(email: string, signal?: AbortSignal): Promise<Thread>;
  /** With `capabilities.companyLookup`: the customers at a company. */
  byCompany?(name: string, signal?: AbortSignal): Promise<{ company: string; threads: ThreadSummary[] }>;
  /** With `capabilities.customerCredential`: signs the customer in. */
  signIn?(email: string, password: string, signal?: AbortSignal): Promise<CustomerSignIn>;
}

export interface OptionDefinition {
  key: string;
  label: string;
  prompt: string;
  required: boolean;
  kind: 'string' | 'list' | 'choice';
  choices?: readonly string[];
  defaultValue?: OptionValue;
  problem?: (value: string) => string | undefined;
}

/** What a service can do; every view decides from this, never from the service's id. */
export interface ServiceCapabilities {
  messagePaging: MessagePaging;
  filters: readonly FilterDefinition[];
  /** Finds a customer by email (the provider has `lookupByEmail`). */
  emailLookup: boolean;
  /** Lists the customers at a company (the provider has `byCompany`). */
  companyLookup: boolean;
  /** Threads carry a link to the service's own web app. */
  webLinks: boolean;
  /**
   * Threads may stay `processing` for a while (Thred enriching a lead): whoever shows one asks
   * the store to follow it until it settles.
   */
  processing: boolean;
  /**
   * Reading threads needs the customer's own credential besides the key (Tybrite): the account
   * keeps it as its `session` secret and offers a sign-in.
   */
  customerCredential?: {
    /** "Sign In to Tybrite" — the row and button that fix a missing or rejected credential. */
    signInLabel: string;
    /** Why the rows ask for it, in a sentence. */
    why: string;
    /** Whether a 401's own message says the customer credential (not the key) was refused. */
    rejected(serviceMessage: string | undefined): boolean;
  };
  /** How a pasted id or link names a thread of this service ("Open Thread by ID…"). */
  threadReference: {
    prompt: string;
    parse(input: string): ThreadRef | { problem: string };
  };
}

export interface ServiceDescriptor {
  id: string;
  name: string;
  /** One line for the service picker. */
  detail: string;
  /** A codicon id for the account row. */
  icon: string;
  defaultBaseUrl: string;
  keyLabel: string;
  keyPlaceholder: string;
  /** Why a key cannot be right for this service (checked before saving or sending it). */
  keyProblem: (key: string) => string | undefined;
  options: readonly OptionDefinition[];
  /** What the service calls its containers, one and many ("inbox", "inboxes"). */
  containerNoun: { one: string; many: string };
  capabilities: ServiceCapabilities;
  create: (context: ProviderContext) => ServiceProvider;
}

/** A provider that can look customers up by email. */
export function canLookUpByEmail(provider: ServiceProvider): provider is ServiceProvider & Required<Pick<ServiceProvider, 'lookupByEmail'>> {
  return typeof provider.lookupByEmail === 'function';
}

export function canLookUpByCompany(provider: ServiceProvider): provider is ServiceProvider & Required<Pick<ServiceProvider, 'byCompany'>> {
  return typeof provider.byCompany === 'function';
}
