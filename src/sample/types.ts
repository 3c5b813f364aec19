// Types shared by the sample server's parts. No `vscode` here: the server runs under plain Node.
import type { IncomingHttpHeaders } from 'node:http';

/** The five services the sample server imitates: the domain model's own ids. */
import type { Clock } from '../clock';
import type { ServiceId } from '../domain/model';

export type { ServiceId };

export { SERVICE_IDS } from '../domain/model';

/** Credentials the sample server accepts. Defaults live in `DEFAULT_SAMPLE_KEYS` (keys.ts). */
export interface SampleKeys {
  agentsend: string;
  sitegpt: string;
  /** Secret sandbox key, `tybrite_sk_test_…`. */
  tybrite: string;
  /** Publishable sandbox key, `tybrite_pk_test_…` (reads only; refused on /v1/auth/*). */
  tybritePublishable: string;
  /** Fixed `x-auth-token` for the customer Sarah; never expires. */
  tybriteSession: string;
  /** Sarah's credentials for `POST /v1/auth/login`. */
  tybriteLogin: { email: string; password: string };
  thred: string;
  cattix: string;
}

/** One provisioning record per service, as the extension's account settings would hold it. */
export interface SampleAccount {
  service: ServiceId;
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
  /** Clears faults, latency, the request log and the Thred processing counter (issued Tybrite sessions stay valid). */
  reset(): void;
  /** Service requests being answered now, and the most at once since the last reset. */
  stats(): { inFlight: number; maxInFlight: number };
  info(): SampleInfo;
}

export interface SampleServer {
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
  /** Most entries the request log keeps (oldest dropped first; default 20,000). */
  requestLogLimit?: number;
  /** Time for latency, session lifetimes and Retry-After dates (virtual in tests; default the system clock). */
  clock?: Clock;
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
  faultResponse(status: number, request: ServiceRequest, retryAfterSeconds: number | undefined): ServiceResponse;
  /** Applies a drift fault to a successful body (already a private copy; may be mutated). */
  drift(kind: DriftKind, body: unknown, shape: string): unknown;
  /** Headers every response of this service carries (Tybrite-Environment). */
  commonHeaders(request: ServiceRequest): Record<string, string>;
  reset(): void;
}
