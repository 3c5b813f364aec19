// Typed errors every caller can show. Each names the service and, where the service sent one,
// carries its own message. None ever holds a key, an auth header or a response body.
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
    return this.withServiceMessage(`${this.service} rejected the request (${this.status ?? 400})`);
  }
}

export class UnauthorizedError extends ServiceError {
  readonly kind = 'unauthorized';
  describe(): string {
    return this.withServiceMessage(`${this.service} did not accept the key (401)`);
  }
}

/** A sign-in with email and password that the service refused (a 401 that is not about the key). */
export class SignInRefusedError extends ServiceError {
  readonly kind = 'signInRefused';
  describe(): string {
    return this.withServiceMessage(`${this.service} refused the sign-in`);
  }
}

export class ForbiddenError extends ServiceError {
  readonly kind = 'forbidden';
  describe(): string {
    return this.withServiceMessage(`${this.service} refused access (403)`);
  }
}

export class NotFoundError extends ServiceError {
  readonly kind = 'notFound';
  describe(): string {
    return this.withServiceMessage(`${this.service} found nothing there (404)`);
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
      const when = this.until ? ` — resets on ${this.until.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}` : '';
      return `${this.service}: monthly quota reached${when}`;
    }
    // A wait of a day names the day: "until Thu 4 Dec, 12:00", not just "12:00".
    const when = this.until ? ` ${waitUntil(this.until.getTime(), this.at)}` : '';
    return this.withServiceMessage(`${this.service} is limiting requests (429)${when}`);
  }
}

export class ServerError extends ServiceError {
  readonly kind = 'server';
  describe(): string {
    return this.withServiceMessage(`${this.service} answered ${this.status ?? 500}`);
  }
}

export class TimeoutError extends ServiceError {
  readonly kind = 'timeout';
  describe(): string {
    return `${this.service} did not answer in time${this.detail ? ` (${this.detail})` : ''}`;
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
    return `Couldn't reach ${this.service}${this.host ? ` at ${this.host}` : ''}${this.detail ? `: ${this.detail}` : ''}`;
  }
}

export class InvalidResponseError extends ServiceError {
  readonly kind = 'invalidResponse';
  describe(): string {
    return `${this.service} sent a response Threadline couldn't read${this.detail ? `: ${this.detail}` : ''}`;
  }
}

/** The service publishes no endpoint for what was asked (e.g. Cattix message history). */
export class UnsupportedError extends ServiceError {
  readonly kind = 'unsupported';
  describe(): string {
    return this.detail ?? `${this.service} publishes no API for this`;
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
    return this.detail ?? `No key is saved for this ${this.service} account`;
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
  const where = host ? `couldn't reach ${host}` : "couldn't connect";
  const why = SYSTEM_ERROR_WORDS[code];
  return `${where.charAt(0).toUpperCase()}${where.slice(1)}${why ? `: ${why}` : ''}`;
}

/** What each network error code means, in plain words. */
export const SYSTEM_ERROR_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing is listening there (connection refused)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
  ETIMEDOUT: 'it did not answer in time',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/** A message safe to show for any error: typed errors describe themselves, others get a generic line. */
export function describeError(error: unknown): string {
  if (isServiceError(error)) return error.describe();
  if (isAbortError(error)) return 'Cancelled';
  const system = describeSystemError(error);
  if (system) return system;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong';
}
