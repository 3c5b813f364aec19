// Typed errors every caller can show. Each names the service and, where the service sent one,
// carries its own message. None ever holds a key, an auth header or a response body.
import { t } from '../l10n';
import { waitUntil } from '../domain/format';

export type ServiceErrorKind =
  | 'badRequest'
  | 'unauthorized'
  | 'signInRefused'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'invalidResponse'
  | 'unsupported'
  | 'missingCredential';

export interface ServiceErrorInit {
  /** Display name of the service, e.g. "SiteGPT". */
  service: string;
  status?: number;
  /** The service's own error text, already scrubbed of secrets. */
  serviceMessage?: string;
  /** For rateLimited: when the service said it will accept requests again. */
  until?: Date;
  /** For rateLimited: the service's allowance for a period (a monthly quota) ran out; retrying does not help. */
  quota?: boolean;
  /** When the answer came (ms since the epoch, the client's clock): a wait is told from then. */
  at?: number;
  /** Threadline's short technical detail (zod issue summary, socket error code…). */
  detail?: string;
  /** For network errors: the host that could not be reached, named so the user can check it. */
  host?: string;
}

export abstract class ServiceError extends Error {
  abstract readonly kind: ServiceErrorKind;
  readonly service: string;
  readonly status: number | undefined;
  readonly serviceMessage: string | undefined;
  readonly detail: string | undefined;

  constructor(init: ServiceErrorInit) {
    super();
    this.service = init.service;
    this.status = init.status;
    this.serviceMessage = init.serviceMessage;
    this.detail = init.detail;
  }

  /** One sentence for a tree row or a notification: names the service and the problem. */
  abstract describe(): string;

  override get message(): string {
    return this.describe();
  }

  /** `RateLimitedError` and so on, from the kind: class names do not survive the minified build. */
  override get name(): string {
    return `${this.kind.charAt(0).toUpperCase()}${this.kind.slice(1)}Error`;
  }

  protected withServiceMessage(text: string): string {
    return this.serviceMessage ? `${text}: ${this.serviceMessage}` : text;
  }
}

export class BadRequestError extends ServiceError {
  readonly kind = 'badRequest';
  describe(): string {
    return this.withServiceMessage(t('{0} rejected the request ({1})', this.service, this.status ?? 400));
  }
}

export class UnauthorizedError extends ServiceError {
  readonly kind = 'unauthorized';
  describe(): string {
    return this.withServiceMessage(t('{0} did not accept the key (401)', this.service));
  }
}

/** A sign-in with email and password that the service refused (a 401 that is not about the key). */
export class SignInRefusedError extends ServiceError {
  readonly kind = 'signInRefused';
  describe(): string {
    return this.withServiceMessage(t('{0} refused the sign-in', this.service));
  }
}

export class ForbiddenError extends ServiceError {
  readonly kind = 'forbidden';
  describe(): string {
    return this.withServiceMessage(t('{0} refused access (403)', this.service));
  }
}

export class NotFoundError extends ServiceError {
  readonly kind = 'notFound';
  describe(): string {
    return this.withServiceMessage(t('{0} found nothing there (404)', this.service));
  }
}

export class RateLimitedError extends ServiceError {
  readonly kind = 'rateLimited';
  readonly until: Date | undefined;
  readonly quota: boolean;
  readonly at: number;
  constructor(init: ServiceErrorInit) {
    super(init);
    this.until = init.until;
    this.quota = init.quota === true;
    this.at = init.at ?? Date.now();
  }
  describe(): string {
    if (this.quota) {
      // Not the service's text: it would only repeat this, and the date is what the reader needs.
      const when = this.until ? t(' — resets on {0}', this.until.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })) : '';
      return t('{0}: monthly quota reached{1}', this.service, when);
    }
    // A wait of a day names the day: "until Thu 4 Dec, 12:00", not just "12:00".
    const when = this.until ? ` ${waitUntil(this.until.getTime(), this.at)}` : '';
    return this.withServiceMessage(t('{0} is limiting requests (429){1}', this.service, when));
  }
}

export class ServerError extends ServiceError {
  readonly kind = 'server';
  describe(): string {
    return this.withServiceMessage(t('{0} answered {1}', this.service, this.status ?? 500));
  }
}

export class TimeoutError extends ServiceError {
  readonly kind = 'timeout';
  describe(): string {
    return t('{0} did not answer in time{1}', this.service, this.detail ? ` (${this.detail})` : '');
  }
}

export class NetworkError extends ServiceError {
  readonly kind = 'network';
  readonly host: string | undefined;
  constructor(init: ServiceErrorInit) {
    super(init);
    this.host = init.host;
  }
  describe(): string {
    return t('Couldn\'t reach {0}{1}{2}', this.service, this.host ? t(' at {0}', this.host) : '', this.detail ? `: ${this.detail}` : '');
  }
}

export class InvalidResponseError extends ServiceError {
  readonly kind = 'invalidResponse';
  describe(): string {
    return t('{0} sent a response Threadline couldn\'t read{1}', this.service, this.detail ? `: ${this.detail}` : '');
  }
}

/** The service publishes no endpoint for what was asked (e.g. Cattix message history). */
export class UnsupportedError extends ServiceError {
  readonly kind = 'unsupported';
  describe(): string {
    return this.detail ?? t('{0} publishes no API for this', this.service);
  }
}

/** What an account lacks before a request can be made, so each place can offer the right fix. */
export type MissingCredential = 'key' | 'originChanged' | 'session' | 'customerId';

/**
 * The account has no usable credential for this request (no key saved, a key that cannot be
 * right for the service, a key saved for another origin, no customer session or id). Raised
 * before anything is sent.
 */
export class MissingCredentialError extends ServiceError {
  readonly kind = 'missingCredential';
  readonly missing: MissingCredential;
  constructor(init: ServiceErrorInit & { missing?: MissingCredential }) {
    super(init);
    this.missing = init.missing ?? 'key';
  }
  describe(): string {
    return this.detail ?? t('No key is saved for this {0} account', this.service);
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/** True for the rejection an AbortSignal causes: a cancellation, not a failure to show. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

/**
 * A Node system error (`getaddrinfo ENOTFOUND cdn.example.com`, `connect ECONNREFUSED …`) in
 * plain words, naming the host when it carries one; undefined for any other error.
 */
export function describeSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, hostname, address } = error as { code?: unknown; syscall?: unknown; hostname?: unknown; address?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z_]+$/.test(code)) return undefined;
  if (typeof syscall !== 'string' && !/^(getaddrinfo|connect|read|write|query\w*) E[A-Z_]+/.test(error.message)) return undefined;
  const host = typeof hostname === 'string' ? hostname : typeof address === 'string' ? address : /E[A-Z_]+ ([^\s:]+)/.exec(error.message)?.[1];
  const where = host ? t('couldn\'t reach {0}', host) : t('couldn\'t connect');
  const why = SYSTEM_ERROR_WORDS[code]?.();
  return `${where.charAt(0).toUpperCase()}${where.slice(1)}${why ? `: ${why}` : ''}`;
}

/** What each network error code means, in plain words (asked when needed: in the user's language). */
const SYSTEM_ERROR_WORDS: Readonly<Record<string, () => string>> = {
  ECONNREFUSED: () => t('nothing is listening there (connection refused)'),
  ENOTFOUND: () => t('no such host'),
  EAI_AGAIN: () => t('the host name could not be looked up'),
  ECONNRESET: () => t('the connection was cut'),
  EPIPE: () => t('the connection was cut'),
  ETIMEDOUT: () => t('it did not answer in time'),
  EHOSTUNREACH: () => t('the host is unreachable'),
  ENETUNREACH: () => t('the network is unreachable'),
};

/** A message safe to show for any error: typed errors describe themselves, others get a generic line. */
export function describeError(error: unknown): string {
  if (isServiceError(error)) return error.describe();
  if (isAbortError(error)) return t('Cancelled');
  const system = describeSystemError(error);
  if (system) return system;
  if (error instanceof Error && error.message) return error.message;
  return t('Something went wrong');
}
