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
  Participant,
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

/** What the service said is left of the account's request allowance (from its rate-limit headers). */
export interface RequestAllowance {
  remaining: number;
  limit?: number;
  /** ISO time the allowance resets. */
  resetsAt?: string;
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
  /**
   * The people on a thread, for a service whose thread list does not name them, from as little
   * as the service allows (AgentSend: the first message, `limit=1`). The store asks for the
   * listed threads, a few at a time, so rows can show who wrote.
   */
  threadPeople?(ref: ThreadRef, signal?: AbortSignal): Promise<Participant[]>;
  /** With `capabilities.emailLookup`: the customer with this address, as a thread. */
  lookupByEmail?(email: string, signal?: AbortSignal): Promise<Thread>;
  /** With `capabilities.companyLookup`: the customers at a company. */
  byCompany?(name: string, signal?: AbortSignal): Promise<{ company: string; threads: ThreadSummary[] }>;
  /** With `capabilities.customerCredential`: signs the customer in. */
  signIn?(email: string, password: string, signal?: AbortSignal): Promise<CustomerSignIn>;
  /** The allowance the last answer reported, where the service reports one (the account's tooltip). */
  allowance?(): RequestAllowance | undefined;
  /**
   * With `capabilities.liveUpdates`: holds one live connection to the thread's feed. Resolves when
   * the connection ends after it opened (the service or the network closed it), rejects when it
   * could not open; aborting `signal` closes it. Reconnecting is the caller's (the store's) job.
   */
  subscribe?(ref: ThreadRef, events: LiveEvents, signal: AbortSignal): Promise<void>;
}

export interface OptionDefinition {
  key: string;
  label: string;
  prompt: string;
  required: boolean;
  kind: 'string' | 'list' | 'choice';
  choices?: readonly string[];
  /** How the account flow words each choice ("signed external id (store HMAC secret + external id)"). */
  choiceLabels?: Readonly<Record<string, string>>;
  /** Asked (and checked) only when another option has this value, e.g. the external id of a signed-claim account. */
  onlyWhen?: { key: string; value: string };
  defaultValue?: OptionValue;
  problem?: (value: string) => string | undefined;
}

/** What a live connection to a thread reports (see `ServiceProvider.subscribe`). */
export interface LiveEvents {
  /** The connection is up: new messages will arrive without asking. */
  open(): void;
  /** Messages the service pushed, in order; `unreadAdded`: how many of them count as unread for the account. */
  messages(items: MessageItem[], change?: { unreadAdded?: number }): void;
}

/** A customer credential the user pastes (kept as the account's `session` secret). */
export interface CredentialInput {
  /** The row, button and title that ask for it: "Set HMAC Secret", "Enter IdP Token". */
  label: string;
  prompt: string;
  placeholder?: string;
  problem?(value: string): string | undefined;
  /** The value as it is stored in SecretStorage. */
  encode(value: string): string;
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
  /** An open thread can receive new messages as they are posted (the provider has `subscribe`). */
  liveUpdates?: boolean;
  /**
   * Thread lists say how many messages the account has not read (`ThreadSummary.unread`): the
   * view's badge loads each container's first page at start-up, without waiting for the user to
   * open it.
   */
  unreadCounts?: boolean;
  /** Where the thread filter's words are matched: `server` sends them as the service's search. Default: the loaded titles. */
  textSearch?: 'server' | 'local';
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
    /**
     * When the account's options choose a credential the user pastes rather than a sign-in (a
     * secret to sign claims with, a token from an identity provider): what to ask for and how it
     * is kept. Undefined: the sign-in asks for the customer's email and password.
     */
    input?(options: Readonly<Record<string, OptionValue>>): CredentialInput | undefined;
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
  /** Which of a service's APIs this is, where it has more than one ("API v2"); the service picker shows it. */
  variant?: string;
  /** Another service id whose key this key looks like (a v2 token pasted for v0): Add Account offers to switch. */
  keyBelongsTo?: (key: string) => string | undefined;
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
