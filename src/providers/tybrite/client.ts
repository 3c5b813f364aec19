// Tybrite messaging: one customer's threads, read with the store's key plus that customer's
// credential (providers.md §4). Tybrite has no store-wide listing, so the container is the
// customer the account is set up for.
import { t } from '../../l10n';
import type { Container, FilterDefinition, MessageItem, Page, ThreadRef, ThreadSummary } from '../../domain/model';
import type { HttpClient, ResponseHeaders } from '../../http/client';
import { MissingCredentialError, SignInRefusedError, UnauthorizedError } from '../../http/errors';
import { accountHttpClient, requireKey, secretValues } from '../shared';
import { systemClock } from '../../clock';
import type { ListThreadsOptions, LiveEvents, OpenedThread, ProviderContext, RequestAllowance, ServiceProvider } from '../types';
import { holdLiveConnection, liveUrl } from './live';
import { ClaimSequence, DEFAULT_CLAIM_LIFETIME_SECONDS, signClaim } from './claim';
import { credentialHeaderOf, readCredential, type StoredCredential } from './credentials';
import { decodeAuth, decodeMessagePage, decodeThread, decodeThreadPage, type TybriteSession } from './mapping';
import {
  THREAD_PRIORITIES,
  THREAD_STATUSES,
  THREAD_TYPES,
  environmentOfKey,
  isSecretKey,
  tybriteErrorMessage,
  tybriteKeyProblem,
  tybriteRateLimit,
  customerCredentialRejected,
  type CredentialHeader,
} from './schema';
import { plural } from '../../domain/format';

export const TYBRITE_PAGE_SIZE = 200; // the API's maximum
/** Renew the 1-hour session this long before it expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export const TYBRITE_FILTERS: readonly FilterDefinition[] = [
  { key: 'status', label: t('Status'), values: THREAD_STATUSES, appliesOn: 'server' },
  { key: 'priority', label: t('Priority'), values: THREAD_PRIORITIES, appliesOn: 'server' },
  { key: 'type', label: t('Type'), values: THREAD_TYPES, appliesOn: 'server' },
  { key: 'archived', label: t('Archived'), appliesOn: 'server' },
  { key: 'unread', label: t('Unread'), appliesOn: 'server' },
];

export class TybriteProvider implements ServiceProvider {
  /** `production` or `sandbox`, as the last response (or the key) said. */
  environment: string | undefined;
  private readonly http: HttpClient;
  private readonly keyOnly: HttpClient;
  private key: string | undefined;
  private session: TybriteSession | undefined;
  /** The secret value behind the customer credential (HMAC secret, IdP token) and the last claim signed. */
  private credentialSecrets: (string | undefined)[] = [];
  private refreshing: Promise<TybriteSession> | undefined;
  private lastAllowance: RequestAllowance | undefined;
  private readonly claims = new ClaimSequence();
  private readonly now: () => number;

  constructor(private readonly context: ProviderContext) {
    const clock = context.clock;
    this.now = clock ? () => clock.now() : Date.now;
    const common = {
      serviceName: 'Tybrite',
      secrets: () => secretValues([this.key, this.session?.accessToken, this.session?.refreshToken, ...this.credentialSecrets]),
      serviceMessage: tybriteErrorMessage,
      rateLimit: tybriteRateLimit,
      onHeaders: (headers: ResponseHeaders) => this.noteHeaders(headers),
    };
    // Sign-in and renewal carry the key alone; thread requests also the customer's credential.
    this.keyOnly = accountHttpClient(context, { ...common, credentials: async () => ({ authorization: `Bearer ${await this.apiKey()}` }) });
    this.http = accountHttpClient(context, {
      ...common,
      credentials: async () => ({
        authorization: `Bearer ${await this.apiKey()}`,
        [this.credentialHeader]: await this.credentialValue(),
      }),
    });
  }

  /**
   * The thread's live feed: one WebSocket, opened with the key and a freshly made customer
   * credential (a new claim in signed-external-id mode) as headers.
   */
  async subscribe(ref: ThreadRef, events: LiveEvents, signal: AbortSignal): Promise<void> {
    const headers = { authorization: `Bearer ${await this.apiKey()}`, [this.credentialHeader]: await this.credentialValue() };
    return holdLiveConnection(
      { url: liveUrl(this.context.account.baseUrl, ref.threadId), headers, dispatcher: this.context.dispatcher, clock: this.context.clock ?? systemClock },
      ref,
      events,
      signal,
    );
  }

  /** What the last answer's rate-limit headers said is left. */
  allowance(): RequestAllowance | undefined {
    return this.lastAllowance;
  }

  private get customerId(): string | undefined {
    const value = this.context.account.options['customerId'];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }

  private get credentialHeader(): CredentialHeader {
    return credentialHeaderOf(this.context.account.options);
  }

  private get externalId(): string | undefined {
    const value = this.context.account.options['externalId'];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }

  private get claimLifetimeSeconds(): number {
    const value = Number(this.context.account.options['claimLifetimeSeconds']);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_CLAIM_LIFETIME_SECONDS;
  }

  async listContainers(): Promise<Container[]> {
    const customerId = this.requireCustomer();
    const name = this.context.account.options['customerName'];
    return [
      {
        kind: 'customer',
        id: customerId,
        label: typeof name === 'string' && name ? name : t('Customer {0}', customerId.slice(0, 8)),
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
    const count = page.next ? `${page.items.length}+ threads` : plural(page.items.length, t('thread'), t('threads'));
    return `${count} for ${customer?.label ?? 'the customer'} (${this.environment ?? environmentOfKey(this.key ?? '')})`;
  }

  /**
   * Signs a customer in with email and password (needs a secret key). Returns the session to
   * store; nothing is saved here.
   */
  async signIn(email: string, password: string, signal?: AbortSignal): Promise<{ session: TybriteSession; customerId?: string }> {
    const key = await this.apiKey();
    if (!isSecretKey(key)) {
      throw new MissingCredentialError({ service: 'Tybrite', detail: t('Signing in needs a secret key (tybrite_sk_…); this account has a publishable key') });
    }
    // A 401 here is the customer's email or password, unless Tybrite says it is the key.
    const response = await this.keyOnly.post(['v1', 'auth', 'login'], { email, password }, decodeAuth(this.now), signal).catch((error: unknown) => {
      if (error instanceof UnauthorizedError && !/api key/i.test(error.serviceMessage ?? '')) {
        throw new SignInRefusedError({ service: 'Tybrite', status: 401, ...(error.serviceMessage ? { serviceMessage: error.serviceMessage } : {}) });
      }
      throw error;
    });
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
      throw new MissingCredentialError({ service: 'Tybrite', missing: 'customerId', detail: t('Set the Tybrite customer id for this account (Edit Account)') });
    }
    return customerId;
  }

  private async apiKey(): Promise<string> {
    this.key = await requireKey(this.context.credentials, 'Tybrite', tybriteKeyProblem);
    return this.key;
  }

  /** The stored customer credential of the account's kind, or a MissingCredentialError to act on. */
  private async storedCredential(): Promise<StoredCredential> {
    const stored = readCredential(this.credentialHeader, await this.context.credentials.get('session'));
    if (!stored) {
      const detail =
        this.credentialHeader === 'x-external-auth'
          ? "Set the store's HMAC secret to read this customer's threads"
          : this.credentialHeader === 'x-idp-token'
            ? "Enter an IdP token to read this customer's threads"
            : "Sign in to Tybrite to read this customer's threads";
      throw new MissingCredentialError({ service: 'Tybrite', missing: 'session', detail });
    }
    return stored;
  }

  /** The value of the credential header for one request: a claim is signed afresh every time. */
  private async credentialValue(): Promise<string> {
    const stored = await this.storedCredential();
    switch (stored.kind) {
      case 'x-auth-token':
        return (await this.currentSession(stored.session)).accessToken;
      case 'x-idp-token':
        this.credentialSecrets = [stored.idpToken];
        return stored.idpToken;
      case 'x-external-auth': {
        const externalId = this.externalId;
        if (!externalId) {
          throw new MissingCredentialError({ service: 'Tybrite', missing: 'customerId', detail: t('Set the customer\'s external id for this account (Edit Account)') });
        }
        const { iat, exp } = this.claims.next(this.now(), this.claimLifetimeSeconds);
        // Only when this second's claims are used up: at most a second per request queued ahead.
        const wait = iat * 1000 - this.now();
        if (wait > 0) await (this.context.clock ?? systemClock).sleep(wait);
        const claim = signClaim({ external_id: externalId, iat, exp }, stored.hmacSecret);
        this.credentialSecrets = [stored.hmacSecret, claim];
        return claim;
      }
    }
  }

  /**
   * The stored session, renewed first when it expires within a few minutes. Renewal needs a secret
   * key (`/v1/auth/*` answers 403 to a publishable one), so a publishable-key account whose
   * session ends is asked to sign in again instead.
   */
  private async currentSession(stored: TybriteSession): Promise<TybriteSession> {
    this.session = stored;
    if (stored.expiresAt === undefined || stored.expiresAt - this.now() >= REFRESH_MARGIN_MS) return stored;
    if (stored.refreshToken && isSecretKey(await this.apiKey())) return this.refresh(stored);
    if (stored.expiresAt <= this.now()) throw this.sessionEnded();
    return stored;
  }

  private sessionEnded(): MissingCredentialError {
    return new MissingCredentialError({
      service: 'Tybrite',
      missing: 'session',
      detail: isSecretKey(this.key ?? '') ? t('The customer\'s session ended: sign in again') : t('The customer\'s session ended and a publishable key cannot renew it: sign in again'),
    });
  }

  /** One refresh at a time: concurrent requests wait for the same new session. */
  private refresh(stale: TybriteSession): Promise<TybriteSession> {
    this.refreshing ??= (async () => {
      try {
        const response = await this.keyOnly.post(['v1', 'auth', 'refresh'], { refresh_token: stale.refreshToken }, decodeAuth(this.now)).catch((error: unknown) => {
          // A refresh token Tybrite no longer takes: only a new sign-in helps.
          if (error instanceof UnauthorizedError) throw this.sessionEnded();
          throw error;
        });
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

  /**
   * A 401 on a session gets one more try after a refresh (secret keys only); a 401 on an IdP
   * token asks for a new token; a 401 on a signed claim is reported as it is (the next request
   * signs a new claim anyway).
   */
  private async withSession<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      if (!customerCredentialRejected(error.serviceMessage)) throw error;
      if (this.credentialHeader === 'x-idp-token') {
        throw new MissingCredentialError({
          service: 'Tybrite',
          missing: 'session',
          status: 401,
          ...(error.serviceMessage ? { serviceMessage: error.serviceMessage } : {}),
          detail: t('Tybrite did not accept the IdP token: enter a new one'),
        });
      }
      const session = this.session;
      if (this.credentialHeader !== 'x-auth-token' || !session) throw error;
      if (!session.refreshToken) throw error;
      if (!isSecretKey(this.key ?? '')) throw this.sessionEnded();
      await this.refresh(session);
      return request();
    }
  }

  /** Quota headers ride on every answer; the tooltip shows what is left. */
  private noteHeaders(headers: ResponseHeaders): void {
    const value = (name: string) => {
      const raw = headers[name];
      const text = Array.isArray(raw) ? raw[0] : raw;
      const number = text === undefined ? NaN : Number(text);
      return Number.isFinite(number) ? number : undefined;
    };
    const remaining = value('x-ratelimit-remaining');
    if (remaining === undefined) return;
    const limit = value('x-ratelimit-limit');
    const reset = value('x-ratelimit-reset');
    this.lastAllowance = {
      remaining,
      ...(limit !== undefined ? { limit } : {}),
      ...(reset !== undefined ? { resetsAt: new Date(reset * 1000).toISOString() } : {}),
    };
  }

  private noteEnvironment(headers: Record<string, string | string[] | undefined>): void {
    const value = headers['tybrite-environment'];
    const environment = Array.isArray(value) ? value[0] : value;
    if (environment) this.environment = environment;
  }
}
