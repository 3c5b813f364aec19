// The HTTP core every provider uses: undici with the account's dispatcher, a response size cap,
// bodies always consumed or cancelled, AbortSignal through every call, our own retry loop for
// idempotent GETs, typed errors, and zod validation where a response enters.
import { t } from '../l10n';
import { randomInt } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { abortError, systemClock, type Clock } from '../clock';
import {
  BadRequestError,
  ForbiddenError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  ServiceError,
  TimeoutError,
  UnauthorizedError,
  type ServiceErrorInit,
} from './errors';
import { ConcurrencyLimiter } from './limiter';
import { undici } from './undici';
import { apiUrl, type QueryValue } from './origin';
import { redactSecrets } from './redact';
import { DEFAULT_RETRY_POLICY, RETRYABLE_ERROR_CODES, RETRYABLE_STATUSES, nextDelay, parseRetryAfter, type RetryPolicy } from './retry';
import type { Decoder } from './validation';
import { silentLogger, type Logger } from '../logger';


export interface HttpClientOptions {
  /** Display name used in every error and log line, e.g. "SiteGPT". */
  serviceName: string;
  baseUrl: string;
  dispatcher: Dispatcher;
  /** Headers that carry the account's credentials, asked for per request so tokens can be renewed. */
  credentials: () => Promise<Record<string, string>>;
  /** The account's secret values, scrubbed from anything that could be shown or logged. */
  secrets?: () => readonly string[];
  /** Picks the service's own error text out of an error body (shapes differ per service). */
  serviceMessage?: (body: unknown) => string | undefined;
  limiter?: ConcurrencyLimiter;
  retry?: RetryPolicy;
  maxResponseBytes?: number;
  log?: Logger;
  /** Injected for tests; default draws from node:crypto. */
  random?: () => number;
  /** Time for retry waits, Retry-After and the answer deadline; tests run it virtually. */
  clock?: Clock;
  /**
   * How long one answer may take from request to its last byte. The dispatcher's timeouts only
   * notice silence: a service that trickles its answer a byte at a time would never trip them.
   */
  answerDeadlineMs?: number;
  /**
   * What a 429 means, for services that say (the service's own knowledge, kept in its provider):
   * `quota` is an allowance that retrying will not restore; `resetAt` (ms) is when it clears.
   */
  rateLimit?: (response: { headers: ResponseHeaders; body: unknown }) => RateLimitKind | undefined;
  /** Sees the headers of every answer, errors included (quota headers, environment). */
  onHeaders?: (headers: ResponseHeaders) => void;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RateLimitKind {
  kind: 'rate' | 'quota';
  /** Milliseconds since the epoch. */
  resetAt?: number;
}

export interface JsonResponse<T> {
  data: T;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_ANSWER_DEADLINE_MS = 30_000;
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_SERVICE_MESSAGE_CHARS = 300;

type Method = 'GET' | 'POST';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sent with every request Threadline makes. */
export const USER_AGENT = 'Threadline (VS Code extension)';

const cryptoRandom = (): number => randomInt(0, 2 ** 32) / 2 ** 32;

export class HttpClient {
  private readonly retry: RetryPolicy;
  private readonly maxBytes: number;
  private readonly log: Logger;
  private readonly random: () => number;
  private readonly clock: Clock;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.log = options.log ?? silentLogger;
    this.random = options.random ?? cryptoRandom;
    this.clock = options.clock ?? systemClock;
  }

  private now(): number {
    return this.clock.now();
  }

  get serviceName(): string {
    return this.options.serviceName;
  }

  /** GET a JSON resource, retrying what is safe to retry, and decode (validate and map) it. */
  async get<T>(
    segments: readonly string[],
    query: Record<string, QueryValue>,
    decode: Decoder<T>,
    signal?: AbortSignal,
  ): Promise<JsonResponse<T>> {
    const url = apiUrl(this.options.baseUrl, segments, query);
    const response = await this.withRetries('GET', url, undefined, {}, signal);
    return { status: response.status, headers: response.headers, data: this.decode(response, decode) };
  }

  /** POST JSON once (never retried: it may not be idempotent) and decode the answer. */
  async post<T>(
    segments: readonly string[],
    payload: unknown,
    decode: Decoder<T>,
    signal?: AbortSignal,
    extraHeaders: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const url = apiUrl(this.options.baseUrl, segments);
    const response = await this.send('POST', url, JSON.stringify(payload), extraHeaders, signal).catch((error: unknown) => {
      throw this.classify(error, signal);
    });
    if (response.status < 200 || response.status >= 300) throw this.errorFor(response, url);
    return { status: response.status, headers: response.headers, data: this.decode(response, decode) };
  }

  private async withRetries(
    method: Method,
    url: URL,
    payload: string | undefined,
    extraHeaders: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    const deadline = this.now() + this.retry.deadlineMs;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(method, url, payload, extraHeaders, signal);
      if ('ok' in outcome) return outcome.ok;
      const { failure, response } = outcome;
      // A used-up quota does not clear by asking again.
      if (failure instanceof RateLimitedError && failure.quota) throw failure;
      const retryAfterMs = response ? this.retryAfterMs(response) : undefined;
      const wait = nextDelay(attempt, retryAfterMs, this.retry, this.random);
      const lastAttempt = attempt + 1 >= this.retry.maxAttempts;
      if (lastAttempt || this.now() + wait > deadline) {
        // The server asked for longer than we may wait: report when it will take requests again
        // instead of retrying early.
        if (response?.status === 429) throw failure;
        throw failure;
      }
      this.log.warn(`${this.options.serviceName}: ${failure.describe()}; retrying in ${wait} ms`);
      await this.clock.sleep(wait, signal).catch((error: unknown) => {
        throw this.classify(error, signal);
      });
    }
  }

  /** One try: the answer, a failure worth retrying, or a thrown failure that is not. */
  private async attempt(
    method: Method,
    url: URL,
    payload: string | undefined,
    extraHeaders: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ ok: RawResponse } | { failure: ServiceError; response?: RawResponse }> {
    let response: RawResponse;
    try {
      response = await this.send(method, url, payload, extraHeaders, signal);
    } catch (error) {
      const failure = this.classify(error, signal);
      if (!isRetryableSocketError(error)) throw failure;
      return { failure };
    }
    if (response.status >= 200 && response.status < 300) return { ok: response };
    const failure = this.errorFor(response, url);
    if (!RETRYABLE_STATUSES.has(response.status)) throw failure;
    return { failure, response };
  }

  private async send(
    method: Method,
    url: URL,
    payload: string | undefined,
    extraHeaders: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    const run = async (): Promise<RawResponse> => {
      const started = this.now();
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': USER_AGENT,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...extraHeaders,
        ...(await this.options.credentials()),
      };
      const { response, body } = await this.withinDeadline(signal, async (answerSignal) => {
        const answer = await undici().request(url, { method, headers, body: payload, dispatcher: this.options.dispatcher, signal: answerSignal });
        const ok = answer.statusCode >= 200 && answer.statusCode < 300;
        return { response: answer, body: await readCapped(answer.body, ok ? this.maxBytes : MAX_ERROR_BODY_BYTES, ok) };
      });
      if (body === 'too-large') {
        throw new InvalidResponseError({
          service: this.options.serviceName,
          status: response.statusCode,
          detail: t('the response is larger than {0} MB', Math.round(this.maxBytes / 1024 / 1024)),
        });
      }
      this.log.debug(`${method} ${this.scrub(url.pathname + url.search)} → ${response.statusCode} in ${this.now() - started} ms`);
      this.options.onHeaders?.(response.headers);
      return { status: response.statusCode, headers: response.headers, body };
    };
    return this.options.limiter ? this.options.limiter.run(run, signal) : run();
  }

  /**
   * Runs one request, its answer read to the end, under the answer deadline on the clock: past it
   * the request is cut off and reported as a TimeoutError (a cancellation by the caller stays a
   * cancellation). The dispatcher's timeouts only notice silence; this also catches a trickle.
   */
  private async withinDeadline<R>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<R>): Promise<R> {
    const ms = this.options.answerDeadlineMs ?? DEFAULT_ANSWER_DEADLINE_MS;
    const late = new AbortController();
    const answered = new AbortController();
    void this.clock.sleep(ms, answered.signal).then(
      () => late.abort(),
      () => undefined, // answered (or cancelled) in time
    );
    try {
      return await run(signal ? AbortSignal.any([signal, late.signal]) : late.signal);
    } catch (error) {
      if (late.signal.aborted && !signal?.aborted) {
        const within = ms < 1_000 ? t('{0} ms', ms) : `${Math.round(ms / 1000)} s`;
        throw new TimeoutError({ service: this.options.serviceName, detail: t('the answer did not arrive whole within {0}', within) });
      }
      throw error;
    } finally {
      answered.abort();
    }
  }

  private decode<T>(response: RawResponse, decode: Decoder<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(response.body.toString('utf8'));
    } catch {
      throw new InvalidResponseError({ service: this.options.serviceName, detail: t('the body is not valid JSON') });
    }
    try {
      return decode(json, { service: this.options.serviceName, headers: response.headers });
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      // A decoder must only ever throw InvalidResponse; anything else is our bug, logged, and
      // still shown as an unreadable response rather than escaping.
      this.log.error(`${this.options.serviceName}: decoder failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      throw new InvalidResponseError({ service: this.options.serviceName, detail: t('unexpected shape') });
    }
  }

  /** The typed error for a non-2xx answer, with the service's own message when it sent one. */
  private errorFor(response: RawResponse, url: URL): ServiceError {
    const status = response.status;
    if (status === 429) return this.rateLimited(response);
    const init: ServiceErrorInit = { service: this.options.serviceName, status };
    const serviceMessage = this.serviceMessageOf(response.body);
    if (serviceMessage) init.serviceMessage = serviceMessage;
    if (status === 401) return new UnauthorizedError(init);
    if (status === 403) return new ForbiddenError(init);
    if (status === 404) return new NotFoundError(init);
    if (status >= 500) return new ServerError(init);
    if (status >= 300 && status < 400) {
      return new InvalidResponseError({ ...init, detail: t('it redirected {0} ({1}); redirects are not followed', url.pathname, status) });
    }
    return new BadRequestError(init);
  }

  private rateLimited(response: RawResponse): RateLimitedError {
    const init: ServiceErrorInit = { service: this.options.serviceName, status: 429 };
    const serviceMessage = this.serviceMessageOf(response.body);
    if (serviceMessage) init.serviceMessage = serviceMessage;
    const kind = this.rateLimitKind(response);
    if (kind?.kind === 'quota') init.quota = true;
    const retryAfterMs = this.retryAfterMs(response, kind);
    init.at = this.now();
    if (retryAfterMs !== undefined) init.until = new Date(init.at + retryAfterMs);
    return new RateLimitedError(init);
  }

  /** How long the service asked us to wait: Retry-After, else the reset time the service's own rule reads. */
  private retryAfterMs(response: RawResponse, kind = this.rateLimitKind(response)): number | undefined {
    const header = parseRetryAfter(headerValue(response.headers['retry-after']), this.now());
    if (header !== undefined) return header;
    return kind?.resetAt !== undefined ? Math.max(0, kind.resetAt - this.now()) : undefined;
  }

  private rateLimitKind(response: RawResponse): RateLimitKind | undefined {
    if (response.status !== 429 || !this.options.rateLimit) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    try {
      return this.options.rateLimit({ headers: response.headers, body });
    } catch {
      return undefined;
    }
  }

  private serviceMessageOf(body: Buffer): string | undefined {
    if (!this.options.serviceMessage || body.length === 0) return undefined;
    try {
      const text = this.options.serviceMessage(JSON.parse(body.toString('utf8')));
      if (!text) return undefined;
      const clean = this.scrub(text).replace(/\s+/g, ' ').trim();
      return clean.length > MAX_SERVICE_MESSAGE_CHARS ? `${clean.slice(0, MAX_SERVICE_MESSAGE_CHARS)}…` : clean;
    } catch {
      return undefined;
    }
  }

  /**
   * Maps what undici throws to a typed error. A cancellation is not a failure: it is rethrown
   * as an AbortError for the caller to recognise.
   */
  private classify(error: unknown, signal: AbortSignal | undefined): ServiceError {
    if (signal?.aborted) throw abortError(signal);
    if (error instanceof Error && (error.name === 'AbortError' || hasCode(error, 'UND_ERR_ABORTED'))) throw error;
    if (error instanceof ServiceError) return error;
    const service = this.options.serviceName;
    const code = error instanceof Error ? ((error as { code?: string }).code ?? '') : '';
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TimeoutError({ service, detail: t('no connection') });
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return new TimeoutError({ service, detail: t('no answer') });
    if (code === 'UND_ERR_BODY_TIMEOUT') return new TimeoutError({ service, detail: t('the answer stalled') });
    const host = URL.canParse(this.options.baseUrl) ? new URL(this.options.baseUrl).host : undefined;
    return new NetworkError({ service, detail: networkDetail(code), ...(host ? { host } : {}) });
  }

  private scrub(text: string): string {
    return redactSecrets(text, this.options.secrets?.() ?? []);
  }
}

function networkDetail(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return t('connection refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return t('no such host');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return t('the connection was cut');
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return t('the answer ended early');
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return t('the TLS certificate was not accepted ({0})', code);
    default:
      return code ? t('network error ({0})', code) : t('network error');
  }
}

/**
 * Reads a body up to `cap` bytes. Past the cap it stops reading (the connection is dropped
 * rather than drained) and, when `enforce` is set, answers 'too-large'; otherwise it keeps
 * what it has, which is enough of an error body.
 */
export async function readCapped(body: Dispatcher.ResponseData['body'], cap: number, enforce: boolean): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      return enforce ? 'too-large' : Buffer.concat(chunks);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function isRetryableSocketError(error: unknown): boolean {
  return error instanceof Error && RETRYABLE_ERROR_CODES.has((error as { code?: string }).code ?? '');
}

function hasCode(error: Error, code: string): boolean {
  return (error as { code?: string }).code === code;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
