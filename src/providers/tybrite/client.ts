// Tybrite messaging: one customer's threads, read with the store's key plus that customer's
// credential (providers.md §4). Tybrite has no store-wide listing, so the container is the
// customer the account is set up for.
import type { Container, FilterDefinition, MessageItem, Page, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient } from '../../http/client';
import { MissingCredentialError, UnauthorizedError } from '../../http/errors';
import { accountHttpClient, requireKey, secretValues } from '../shared';
import type { ListThreadsOptions, OpenedThread, ProviderContext, ServiceProvider } from '../types';
import { decodeAuth, decodeMessagePage, decodeThread, decodeThreadPage, parseStoredSession, type TybriteSession } from './mapping';
import {
  CREDENTIAL_HEADERS,
  THREAD_PRIORITIES,
  THREAD_STATUSES,
  THREAD_TYPES,
  environmentOfKey,
  isSecretKey,
  tybriteErrorMessage,
  tybriteKeyProblem,
  type CredentialHeader,
} from './schema';

export const TYBRITE_PAGE_SIZE = 200; // the API's maximum
/** Renew the 1-hour session this long before it expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export const TYBRITE_FILTERS: readonly FilterDefinition[] = [
  { key: 'status', label: 'Status', values: THREAD_STATUSES, appliesOn: 'server' },
  { key: 'priority', label: 'Priority', values: THREAD_PRIORITIES, appliesOn: 'server' },
  { key: 'type', label: 'Type', values: THREAD_TYPES, appliesOn: 'server' },
  { key: 'archived', label: 'Archived', appliesOn: 'server' },
  { key: 'unread', label: 'Unread', appliesOn: 'server' },
];

export class TybriteProvider implements ServiceProvider {
  /** `production` or `sandbox`, as the last response (or the key) said. */
  environment: string | undefined;
  private readonly http: HttpClient;
  private readonly keyOnly: HttpClient;
  private key: string | undefined;
  private session: TybriteSession | undefined;
  private refreshing: Promise<TybriteSession> | undefined;
  private readonly now: () => number;

  constructor(private readonly context: ProviderContext) {
    const clock = context.clock;
    this.now = clock ? () => clock.now() : Date.now;
    const common = {
      serviceName: 'Tybrite',
      secrets: () => secretValues([this.key, this.session?.accessToken, this.session?.refreshToken]),
      serviceMessage: tybriteErrorMessage,
    };
    // Sign-in and renewal carry the key alone; thread requests also the customer's credential.
    this.keyOnly = accountHttpClient(context, { ...common, credentials: async () => ({ authorization: `Bearer ${await this.apiKey()}` }) });
    this.http = accountHttpClient(context, {
      ...common,
      credentials: async () => ({
        authorization: `Bearer ${await this.apiKey()}`,
        [this.credentialHeader]: (await this.currentSession()).accessToken,
      }),
    });
  }

  private get customerId(): string | undefined {
    const value = this.context.account.options['customerId'];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }

  private get credentialHeader(): CredentialHeader {
    const value = this.context.account.options['credentialHeader'];
    return CREDENTIAL_HEADERS.find((header) => header === value) ?? 'x-auth-token';
  }

  async listContainers(): Promise<Container[]> {
    const customerId = this.requireCustomer();
    const name = this.context.account.options['customerName'];
    return [
      {
        kind: 'customer',
        id: customerId,
        label: typeof name === 'string' && name ? name : `Customer ${customerId.slice(0, 8)}`,
        ...(this.environment ? { description: this.environment } : {}),
      },
    ];
  }

  async listThreads(container: Container, options: ListThreadsOptions, signal?: AbortSignal): Promise<Page<ThreadSummary>> {
    const filter = options.filter ?? {};
    const response = await this.withSession(() =>
      this.http.get(
        ['v1', 'messaging', 'threads'],
        {
          customer_id: container.id,
          limit: TYBRITE_PAGE_SIZE,
          cursor: options.cursor,
          status: filter.status,
          priority: filter.priority,
          thread_type: filter.type,
          archived: filter.archived,
          unread: filter.unread,
        },
        decodeThreadPage(container.id),
        signal,
      ),
    );
    this.noteEnvironment(response.headers);
    return response.data;
  }

  async openThread(ref: ThreadRef, signal?: AbortSignal): Promise<OpenedThread> {
    const [thread, messages] = await Promise.all([
      this.withSession(() => this.http.get(['v1', 'messaging', 'threads', ref.threadId], {}, decodeThread, signal)),
      this.fetchMessages(ref, undefined, signal),
    ]);
    this.noteEnvironment(thread.headers);
    return { thread: thread.data, messages };
  }

  listMessages(ref: ThreadRef, cursor: string, signal?: AbortSignal): Promise<Page<MessageItem>> {
    return this.fetchMessages(ref, cursor, signal);
  }

  async testConnection(signal?: AbortSignal): Promise<string> {
    const [customer] = await this.listContainers();
    const page = await this.listThreads(customer as Container, {}, signal);
    const count = `${page.items.length}${page.next ? '+' : ''} thread${page.items.length === 1 ? '' : 's'}`;
    return `${count} for ${customer?.label ?? 'the customer'} (${this.environment ?? environmentOfKey(this.key ?? '')})`;
  }

  /**
   * Signs a customer in with email and password (needs a secret key). Returns the session to
   * store; nothing is saved here.
   */
  async signIn(email: string, password: string, signal?: AbortSignal): Promise<{ session: TybriteSession; customerId?: string }> {
    const key = await this.apiKey();
    if (!isSecretKey(key)) {
      throw new MissingCredentialError({ service: 'Tybrite', detail: 'Signing in needs a secret key (tybrite_sk_…); this account has a publishable key' });
    }
    const response = await this.keyOnly.post(['v1', 'auth', 'login'], { email, password }, decodeAuth(this.now), signal);
    this.noteEnvironment(response.headers);
    this.session = response.data.session;
    return response.data;
  }

  private async fetchMessages(ref: ThreadRef, cursor: string | undefined, signal?: AbortSignal): Promise<Page<MessageItem>> {
    const response = await this.withSession(() =>
      this.http.get(
        ['v1', 'messaging', 'threads', ref.threadId, 'messages'],
        { limit: TYBRITE_PAGE_SIZE, cursor, order: 'asc' },
        decodeMessagePage,
        signal,
      ),
    );
    return response.data;
  }

  private requireCustomer(): string {
    const customerId = this.customerId;
    if (!customerId) {
      throw new MissingCredentialError({ service: 'Tybrite', missing: 'customerId', detail: 'Set the Tybrite customer id for this account (Edit Account)' });
    }
    return customerId;
  }

  private async apiKey(): Promise<string> {
    this.key = await requireKey(this.context.credentials, 'Tybrite', tybriteKeyProblem);
    return this.key;
  }

  /** The stored session, renewed first when it expires within a few minutes. */
  private async currentSession(): Promise<TybriteSession> {
    const stored = parseStoredSession(await this.context.credentials.get('session'));
    if (!stored) {
      throw new MissingCredentialError({ service: 'Tybrite', missing: 'session', detail: "Sign in to Tybrite to read this customer's threads" });
    }
    this.session = stored;
    if (stored.refreshToken && stored.expiresAt !== undefined && stored.expiresAt - this.now() < REFRESH_MARGIN_MS) {
      return this.refresh(stored);
    }
    return stored;
  }

  /** One refresh at a time: concurrent requests wait for the same new session. */
  private refresh(stale: TybriteSession): Promise<TybriteSession> {
    this.refreshing ??= (async () => {
      try {
        const response = await this.keyOnly.post(['v1', 'auth', 'refresh'], { refresh_token: stale.refreshToken }, decodeAuth(this.now));
        const session = { ...response.data.session, refreshToken: response.data.session.refreshToken ?? stale.refreshToken };
        await this.context.credentials.set('session', JSON.stringify(session));
        this.session = session;
        this.context.log?.info('Tybrite: session renewed');
        return session;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** A request that fails with 401 on an expiring session gets one more try after a refresh. */
  private async withSession<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const session = this.session;
      if (!(error instanceof UnauthorizedError) || !session?.refreshToken) throw error;
      await this.refresh(session);
      return request();
    }
  }

  private noteEnvironment(headers: Record<string, string | string[] | undefined>): void {
    const value = headers['tybrite-environment'];
    const environment = Array.isArray(value) ? value[0] : value;
    if (environment) this.environment = environment;
  }
}
