// Types shared by the sample server's parts. No `vscode` here: the server runs under plain Node.
import type { IncomingHttpHeaders } from 'node:http';

import type { Clock } from '../clock';

/** The services the sample server speaks (it imitates each one, so it names them). */
export const SERVICE_IDS = ['agentsend', 'sitegpt', 'tybrite', 'thred', 'cattix'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** Credentials the sample server accepts. Defaults live in `DEFAULT_SAMPLE_KEYS` (keys.ts). */
export interface SampleKeys {
  agentsend: string;
  /** SiteGPT API v0 key (no documented format). */
  sitegpt: string;
  /** SiteGPT API v2 token, `sgpt_…`. */
  sitegptV2: string;
  /** Secret sandbox key, `tybrite_sk_test_…`. */
  tybrite: string;
  /** Publishable sandbox key, `tybrite_pk_test_…` (reads only; refused on /v1/auth/*). */
  tybritePublishable: string;
  /** Fixed `x-auth-token` for the customer Sarah; never expires. */
  tybriteSession: string;
  /** Sarah's credentials for `POST /v1/auth/login`. */
  tybriteLogin: { email: string; password: string };
  /** The store's `hmac_secret`: `x-external-auth` claims signed with it are accepted. */
  tybriteHmacSecret: string;
  /** A token the store's (imitated) IdP verifier accepts for Sarah, as `x-idp-token`. */
  tybriteIdpToken: string;
  thred: string;
  cattix: string;
}

/** One provisioning record per service, as the extension's account settings would hold it. */
export interface SampleAccount {
  /** A service id as the extension's registry knows it. */
  service: string;
  label: string;
  baseUrl: string;
  apiKey: string;
  options: Record<string, string | number | boolean | string[]>;
  session?: { accessToken: string; refreshToken?: string; expiresAt?: number };
}

/** A control rule: the first rule matching a request applies its fault. */
export interface FaultRule {
  service?: ServiceId;
  /** Substring of the request's path after the mount, query string included (e.g. `/threads/x/messages?offset=20`). */
  pathIncludes?: string;
  /** A fault spec, e.g. `503`, `429:2`, `latency:200,503`, `drift-item`. */
  fault: string;
  /** The rule expires after this many matching requests (unlimited when absent). */
  times?: number;
}

/** One recorded request to a service (control requests are not recorded). */
export interface RequestLogEntry {
  seq: number;
  /** Arrival time, ms since the epoch. */
  time: number;
  method: string;
  service: ServiceId;
  /** Path after the service mount, not decoded, without the query string (e.g. `/api/v0/chatbots`). */
  path: string;
  query: Record<string, string | string[]>;
  /** Every request header, names lower-cased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The fault spec applied to the request, if any. */
  fault?: string;
  /** Response status; 0 while unanswered (latency pending, `hang`), and for `hang` forever. */
  status: number;
}

export interface SampleInfo {
  url: string;
  baseUrls: Record<ServiceId, string>;
  accounts: SampleAccount[];
  /** Accounts for a service's other API (SiteGPT v2), beside the one-per-service ones. */
  variantAccounts: SampleAccount[];
}

/** In-process control; the same operations exist over HTTP under `${url}/__control/`. */
export interface SampleControl {
  /** Replaces the rule set. Throws on an invalid rule. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  faults(): FaultRule[];
  /** Global latency added before every service response (0 clears). */
  setLatency(ms: number): void;
  /** Log entries with `seq > since` (all when omitted). */
  requests(since?: number): RequestLogEntry[];
  clearRequests(): void;
  /**
   * Moves this server's time forward (sessions, claims, Retry-After dates, the request log), so a
   * test can move it in step with the extension's clock; returns how far ahead it is in all.
   */
  advanceClock(ms: number): number;
  /** Clears faults, latency, the request log, the clock's advance and the Thred processing counter (issued Tybrite sessions stay valid). */
  reset(): void;
  /** Service requests being answered now, and the most at once since the last reset. */
  stats(): { inFlight: number; maxInFlight: number };
  info(): SampleInfo;
  /** Tybrite's live feed and signed-claim settings (also under `/__control/tybrite/…`). */
  tybrite: import('./tybrite').TybriteLiveControl;
  /** Makes SiteGPT v0 misread page/limit as some deployments might (reset clears it). */
  sitegptPaging(trap: import('./sitegpt').SiteGptPagingTrap): void;
  /**
   * Serves AgentSend's long thread with this many messages (an even number; reset puts back the
   * default 10,000): the benchmark's 100,000-message thread. Also POST `/__control/agentsend/long-thread`.
   */
  agentsendLongThread(messages: number): void;
}

export interface SampleServer {
  /** `http://127.0.0.1:<port>/<token>`: every request goes below it. */
  url: string;
  port: number;
  baseUrls: Record<ServiceId, string>;
  keys: SampleKeys;
  control: SampleControl;
  close(): Promise<void>;
}

export interface SampleServerOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  keys?: Partial<SampleKeys>;
  /** Lifetime of Tybrite sessions issued by login/refresh, seconds (fractions allowed; default 3600). */
  tybriteTokenLifetimeSeconds?: number;
  /** Longest `exp − iat` a signed `x-external-auth` claim may have (default 300, as documented; tests set 2). */
  tybriteMaxClaimLifetimeSeconds?: number;
  /** Time for latency, session and claim lifetimes and Retry-After dates (virtual in tests; default the system clock). */
  clock?: Clock;
  /** Most entries the request log keeps (oldest dropped first; default 20,000). */
  requestLogLimit?: number;
  /** Serve the control API under `${url}/__control/` (tests, the demo). Off by default. */
  control?: boolean;
  /** The secret path prefix every request must carry (default: 18 random bytes, base64url). */
  token?: string;
}

// ---- internal contract between server.ts and the per-service modules ----

export interface ServiceRequest {
  method: string;
  /** Raw path after the mount, without the query string. */
  path: string;
  /** `path` split on `/`, each segment URL-decoded, empty segments dropped. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw request body (empty for GET). */
  rawBody: string;
  nowMs: number;
}

export interface ServiceResponse {
  status: number;
  /** The body as a value; ignored when `json` is set. */
  body?: unknown;
  /** The body already serialised (cached pages). */
  json?: string;
  headers?: Record<string, string>;
  /** What the body is, for the drift faults (e.g. `messages`, `thread`). Absent: drift leaves it alone. */
  shape?: string;
}

export type DriftKind = 'drift' | 'drift-item' | 'drift-enum';

export interface ServiceHandler {
  readonly id: ServiceId;
  /** First path segment, e.g. `/agentsend`. */
  readonly mount: string;
  /** What follows the mount in the base URL, e.g. `/api/v0` for SiteGPT (may be empty). */
  readonly basePath: string;
  handle(request: ServiceRequest): ServiceResponse;
  /** The service's own error response for an injected status (401, 403, 404, 429, 500, 502, 503, 504). */
  faultResponse(status: number, request: ServiceRequest, retryAfterSeconds: number | undefined, quota?: boolean): ServiceResponse;
  /** Applies a drift fault to a successful body (already a private copy; may be mutated). */
  drift(kind: DriftKind, body: unknown, shape: string): unknown;
  /** Headers every response of this service carries (Tybrite-Environment). */
  commonHeaders(request: ServiceRequest): Record<string, string>;
  reset(): void;
  /** A WebSocket upgrade to this service (Tybrite's live feed); absent: refused with 404. */
  upgrade?(request: ServiceRequest, req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex): void;
}
