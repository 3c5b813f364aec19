// Tybrite Labs "Galactic Core" messaging imitation. Base `${url}/tybrite`.
// Layer 1: `Authorization: Bearer tybrite_(sk|pk)_(live|test)_…`; every response carries
// `Tybrite-Environment`. Layer 2 (messaging): exactly one of x-auth-token / x-external-auth / x-idp-token.
// Errors `{ error: { code, message, details?, hint? } }`.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { driftEnums, driftItems, isRecord, renameKey } from './faults';
import { Lru, boolParam, intParam, parseJsonBody } from './http-util';
import { bearerToken, headerValue } from './keys';
import {
  TYBRITE_IDS,
  TY_PRIORITIES,
  TY_STATUSES,
  TY_THREAD_TYPES,
  tybriteCustomers,
  tybriteData,
  type TyCustomer,
  type TyEnvironment,
  type TyMessage,
} from './tybrite-data';
import type { DriftKind, SampleKeys, ServiceHandler, ServiceRequest, ServiceResponse } from './types';
import { acceptWebSocket, refuseUpgrade, type LiveSocket } from './websocket';

const KEY_FORMAT = /^tybrite_(sk|pk)_(live|test)_\S+$/;
const CREDENTIAL_HEADERS = ['x-auth-token', 'x-external-auth', 'x-idp-token'] as const;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const THREAD_FIELDS = [
  'id', 'customer_id', 'customer_name', 'customer_email', 'customer_phone', 'store_name', 'store_avatar', 'order_id', 'product_id',
  'subject', 'thread_type', 'status', 'priority', 'last_message_at', 'last_message_by', 'unread_count_customer', 'unread_count_store',
  'is_archived', 'is_muted', 'is_pinned', 'created_at', 'updated_at',
];
const MESSAGE_FIELDS = [
  'id', 'message_content', 'message_type', 'sender_type', 'sender_id', 'sender_name', 'attachments', 'metadata', 'message_status',
  'read_at', 'is_edited', 'is_deleted', 'created_at', 'updated_at',
];

function error(status: number, code: string, message: string, extra: { details?: unknown; hint?: string } = {}): ServiceResponse {
  return { status, body: { error: { code, message, ...extra } } };
}

const FAULT_ERRORS: Record<number, [string, string]> = {
  401: ['unauthorized', 'Invalid API key'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Resource not found'],
  429: ['rate_limited', 'Too many requests. Please try again later.'],
  500: ['server_error', 'Internal server error'],
  502: ['server_error', 'Bad gateway'],
  503: ['service_unavailable', 'Service temporarily unavailable'],
  504: ['service_unavailable', 'Upstream timed out'],
};

interface Session {
  customerId: string;
  expiresAtMs: number;
}

function encodeCursor(offset: number, after: string | undefined): string {
  return Buffer.from(JSON.stringify({ after: after ?? null, offset })).toString('base64');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (isRecord(value) && typeof value['offset'] === 'number' && Number.isInteger(value['offset']) && value['offset'] >= 0) return value['offset'];
  } catch {
    // fall through
  }
  return undefined;
}

type Fields = { ok: true; fields: string[] | undefined } | { ok: false; response: ServiceResponse };

function parseFields(query: URLSearchParams, allowed: string[]): Fields {
  const raw = query.get('fields');
  if (raw === null || raw.trim() === '') return { ok: true, fields: undefined };
  const fields = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.filter((f) => !allowed.includes(f));
  if (unknown.length > 0) {
    return { ok: false, response: error(400, 'invalid_request', `Unknown field(s): ${unknown.join(', ')}`, { details: { allowed_fields: allowed } }) };
  }
  return { ok: true, fields };
}

function project<T extends object>(item: T, fields: string[] | undefined): unknown {
  if (!fields) return item;
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = (item as Record<string, unknown>)[field];
  return out;
}

export interface TybriteOptions {
  keys: SampleKeys;
  tokenLifetimeSeconds: number;
  /** Longest exp − iat a signed claim may have (the docs' 300; tests shorten it). */
  maxClaimLifetimeSeconds?: number;
}

/** Clock skew tolerated on a claim's iat. */
const CLAIM_SKEW_SECONDS = 5;

/**
 * Checks an `x-external-auth` assertion the way the docs describe it (sdk/customers-and-auth.mdx):
 * `<base64url(JSON)>.<base64url(HMAC-SHA256(JSON))>` keyed on the store's hmac_secret, claim
 * `{external_id, iat, exp}`, exp − iat ≤ the maximum, not expired. It also rejects a replay, as
 * the docs say Tybrite does: an assertion presented a second time before it expires, even by
 * requests sent together.
 */
export function verifyExternalAuth(
  assertion: string,
  secret: string,
  nowMs: number,
  maxLifetimeSeconds: number,
  seen: Map<string, number>,
): { externalId: string } | { problem: string } {
  const parts = assertion.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { problem: 'Malformed external auth assertion' };
  const json = Buffer.from(parts[0], 'base64url');
  const given = Buffer.from(parts[1], 'base64url');
  const expected = createHmac('sha256', secret).update(json).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'Invalid external auth signature' };
  let claim: unknown;
  try {
    claim = JSON.parse(json.toString('utf8'));
  } catch {
    return { problem: 'Malformed external auth claim' };
  }
  if (!isRecord(claim)) return { problem: 'Malformed external auth claim' };
  const { external_id: externalId, iat, exp } = claim;
  if (typeof externalId !== 'string' || !externalId || !Number.isInteger(iat) || !Number.isInteger(exp)) {
    return { problem: 'The external auth claim needs external_id, iat and exp' };
  }
  const issued = iat as number;
  const expires = exp as number;
  const now = nowMs / 1000;
  if (expires <= issued || expires - issued > maxLifetimeSeconds) return { problem: `External auth claim lifetime must be at most ${maxLifetimeSeconds} seconds` };
  if (issued > now + CLAIM_SKEW_SECONDS) return { problem: 'External auth claim issued in the future' };
  if (now >= expires) return { problem: 'External auth assertion expired' };
  for (const [value, until] of seen) if (until <= now) seen.delete(value);
  if (seen.has(assertion)) return { problem: 'External auth assertion replayed' };
  seen.set(assertion, expires);
  return { externalId };
}

export function createTybrite(options: TybriteOptions): ServiceHandler & { live: TybriteLiveControl } {
  const { keys } = options;
  const lifetimeMs = Math.max(1, Math.round(options.tokenLifetimeSeconds * 1000));
  const customers: TyCustomer[] = tybriteCustomers(keys.tybriteLogin);
  const sessions = new Map<string, Session>();
  const refreshTokens = new Map<string, string>(); // refresh token → customer id
  const pages = new Lru<string>(300);
  let maxClaimLifetimeSeconds = options.maxClaimLifetimeSeconds ?? 300;
  const seenAssertions = new Map<string, number>();
  /** Messages posted since the last reset, per `env|threadId` (the built data stays as it was). */
  const posted = new Map<string, TyMessage[]>();
  /** Live feed subscribers per `env|threadId`. */
  const subscribers = new Map<string, Set<LiveSocket>>();
  let requestCount = 0;

  /** Appends a message to a thread and pushes it to the thread's live subscribers. */
  const postMessage = (env: TyEnvironment, threadId: string, text: string, sender: 'customer' | 'store', nowMs: number): TyMessage => {
    const thread = tybriteData(env).threads.get(threadId);
    if (!thread) throw new Error(`No Tybrite thread ${threadId}`);
    const key = `${env}|${threadId}`;
    const list = posted.get(key) ?? [];
    posted.set(key, list);
    const at = new Date(nowMs).toISOString();
    const message: TyMessage = {
      id: randomUUID(),
      message_content: text,
      message_type: 'text',
      sender_type: sender,
      sender_id: sender === 'customer' ? thread.customer_id : null,
      sender_name: sender === 'customer' ? thread.customer_name : thread.store_name,
      attachments: [],
      metadata: {},
      message_status: 'sent',
      read_at: null,
      is_edited: false,
      is_deleted: false,
      edited_at: null,
      deleted_at: null,
      environment: env,
      created_at: at,
      updated_at: at,
    };
    list.push(message);
    const frame = JSON.stringify({ type: 'message.created', payload: { thread_id: threadId, message } });
    for (const live of subscribers.get(key) ?? []) live.send(frame);
    return message;
  };

  const createMessage = (request: ServiceRequest, env: TyEnvironment, customerId: string, threadId: string, secret: boolean): ServiceResponse => {
    if (!secret) return error(403, 'forbidden', 'This operation requires a secret key. Publishable keys have read-only access.');
    const thread = tybriteData(env).threads.get(threadId);
    if (!thread) return error(404, 'not_found', 'Thread not found');
    if (thread.customer_id !== customerId) return error(403, 'forbidden', 'You do not have access to this thread');
    const body = parseJsonBody(request.rawBody);
    const text = body.ok && isRecord(body.value) ? body.value['message'] : undefined;
    if (typeof text !== 'string' || !text.trim()) return error(400, 'invalid_request', 'message is required', { details: [{ field: 'message', message: 'Required' }] });
    const message = postMessage(env, threadId, text, 'customer', request.nowMs);
    return { status: 201, body: { message: { id: message.id, created_at: message.created_at } } };
  };

  const environmentOf = (request: ServiceRequest): TyEnvironment => {
    const key = bearerToken(request.headers.authorization) ?? '';
    return /^tybrite_(sk|pk)_test_/.test(key) ? 'sandbox' : 'production';
  };

  const issue = (customer: TyCustomer, nowMs: number) => {
    const accessToken = `tbat_${randomBytes(24).toString('base64url')}`;
    const refreshToken = `tbrt_${randomBytes(24).toString('base64url')}`;
    const expiresAtMs = nowMs + lifetimeMs;
    sessions.set(accessToken, { customerId: customer.id, expiresAtMs });
    refreshTokens.set(refreshToken, customer.id);
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: Math.ceil(lifetimeMs / 1000),
      expires_at: Math.floor(expiresAtMs / 1000),
    };
  };

  /** The authenticated customer id, or an error response. */
  const authenticateCustomer = (request: ServiceRequest): { customerId: string } | ServiceResponse => {
    const present = CREDENTIAL_HEADERS.filter((name) => headerValue(request.headers[name]) !== undefined);
    if (present.length === 0) {
      return error(401, 'unauthorized', 'A customer credential is required: send exactly one of x-auth-token, x-external-auth or x-idp-token', {
        hint: 'Log in with POST /v1/auth/login and send the access_token as x-auth-token',
      });
    }
    if (present.includes('x-external-auth') && present.includes('x-auth-token')) return error(400, 'invalid_request', 'Send x-external-auth or x-auth-token, not both');
    if (present.length > 1) {
      return error(401, 'unauthorized', `Send exactly one customer credential header, not several (got ${present.join(', ')})`);
    }
    if (present[0] === 'x-external-auth') {
      if (headerValue(request.headers['x-auth-token']) !== undefined) return error(400, 'invalid_request', 'Send x-external-auth or x-auth-token, not both');
      const verified = verifyExternalAuth(headerValue(request.headers['x-external-auth']) ?? '', keys.tybriteHmacSecret, request.nowMs, maxClaimLifetimeSeconds, seenAssertions);
      if ('problem' in verified) return error(401, 'unauthorized', verified.problem);
      const customer = customers.find((c) => c.externalId === verified.externalId);
      if (!customer) return error(403, 'forbidden', 'No customer has that external_id');
      return { customerId: customer.id };
    }
    if (present[0] === 'x-idp-token') {
      // The store's verifier (imitated): one token is valid for Sarah; anything else fails closed.
      if (headerValue(request.headers['x-idp-token']) === keys.tybriteIdpToken) return { customerId: TYBRITE_IDS.sarahCustomerId };
      return error(401, 'unauthorized', 'IdP token verification failed');
    }
    const token = headerValue(request.headers['x-auth-token']) ?? '';
    if (token === keys.tybriteSession) return { customerId: TYBRITE_IDS.sarahCustomerId };
    const session = sessions.get(token);
    if (!session) return error(401, 'unauthorized', 'Invalid session token');
    if (request.nowMs >= session.expiresAtMs) return error(401, 'unauthorized', 'Session expired', { hint: 'Refresh the session with POST /v1/auth/refresh' });
    return { customerId: session.customerId };
  };

  const login = (request: ServiceRequest): ServiceResponse => {
    const body = parseJsonBody(request.rawBody);
    if (!body.ok || !isRecord(body.value)) return error(400, 'invalid_request', 'Request body must be a JSON object');
    const { email, password } = body.value;
    if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
      return error(400, 'invalid_request', 'email and password are required', {
        details: [
          ...(typeof email === 'string' && email ? [] : [{ field: 'email', message: 'Required' }]),
          ...(typeof password === 'string' && password ? [] : [{ field: 'password', message: 'Required' }]),
        ],
      });
    }
    const customer = customers.find((c) => c.email.toLowerCase() === email.trim().toLowerCase() && c.password === password);
    if (!customer) return error(401, 'unauthorized', 'Invalid email or password');
    // `customer` next to `session` is inferred; the docs only show `session`.
    return { status: 200, body: { session: issue(customer, request.nowMs), customer: { id: customer.id, email: customer.email, name: customer.name } }, shape: 'session' };
  };

  const refresh = (request: ServiceRequest): ServiceResponse => {
    const body = parseJsonBody(request.rawBody);
    if (!body.ok || !isRecord(body.value)) return error(400, 'invalid_request', 'Request body must be a JSON object');
    const token = body.value['refresh_token'];
    if (typeof token !== 'string' || !token) {
      return error(400, 'invalid_request', 'refresh_token is required', { details: [{ field: 'refresh_token', message: 'Required' }] });
    }
    const customerId = refreshTokens.get(token);
    const customer = customers.find((c) => c.id === customerId);
    if (!customer) return error(401, 'unauthorized', 'Invalid refresh token');
    refreshTokens.delete(token);
    return { status: 200, body: { session: issue(customer, request.nowMs) }, shape: 'session' };
  };

  const listThreads = (request: ServiceRequest, env: TyEnvironment, customerId: string): ServiceResponse => {
    const q = request.query;
    const requested = q.get('customer_id');
    if (requested === null || requested.trim() === '') {
      return error(400, 'invalid_request', 'customer_id is required', { details: [{ field: 'customer_id', message: 'Required' }] });
    }
    if (requested !== customerId) return error(403, 'forbidden', 'customer_id does not match the authenticated customer');
    const problems: { field: string; message: string }[] = [];
    const enumCheck = (name: string, allowed: readonly string[]): string | undefined => {
      const value = q.get(name);
      if (value === null) return undefined;
      if (!allowed.includes(value)) problems.push({ field: name, message: `must be one of ${allowed.join(', ')}` });
      return value;
    };
    const status = enumCheck('status', TY_STATUSES);
    const priority = enumCheck('priority', TY_PRIORITIES);
    const threadType = enumCheck('thread_type', TY_THREAD_TYPES);
    const archived = boolParam(q, 'archived');
    const unread = boolParam(q, 'unread');
    const limit = intParam(q, 'limit');
    if (!archived.ok) problems.push({ field: 'archived', message: 'must be true or false' });
    if (!unread.ok) problems.push({ field: 'unread', message: 'must be true or false' });
    if (!limit.ok || (limit.value !== undefined && (limit.value < 1 || limit.value > MAX_LIMIT))) {
      problems.push({ field: 'limit', message: `must be an integer between 1 and ${MAX_LIMIT}` });
    }
    const cursor = q.get('cursor');
    const offset = cursor === null || cursor === '' ? 0 : decodeCursor(cursor);
    if (offset === undefined) problems.push({ field: 'cursor', message: 'Invalid cursor' });
    const fields = parseFields(q, THREAD_FIELDS);
    if (!fields.ok) return fields.response;
    if (problems.length > 0 || !archived.ok || !unread.ok || !limit.ok || offset === undefined) {
      return error(400, 'invalid_request', at0(problems)?.field === 'cursor' ? 'Invalid cursor' : 'Invalid query parameters', { details: problems });
    }
    const size = limit.value ?? DEFAULT_LIMIT;
    const cacheKey = `threads|${env}|${customerId}|${q.toString()}`;
    const hit = pages.get(cacheKey);
    if (hit !== undefined) return { status: 200, json: hit, shape: 'threads' };
    const all = tybriteData(env).threadsByCustomer.get(customerId) ?? [];
    const matching = all.filter(
      (t) =>
        (status === undefined || t.status === status) &&
        (priority === undefined || t.priority === priority) &&
        (threadType === undefined || t.thread_type === threadType) &&
        (archived.value === undefined || t.is_archived === archived.value) &&
        (unread.value === undefined || (t.unread_count_store > 0) === unread.value),
    );
    const slice = matching.slice(offset, offset + size);
    const hasMore = offset + size < matching.length;
    const body = {
      threads: slice.map((t) => project(t, fields.fields)),
      pagination: { limit: size, next_cursor: hasMore ? encodeCursor(offset + size, slice[slice.length - 1]?.last_message_at) : null, has_more: hasMore },
    };
    const json = JSON.stringify(body);
    pages.set(cacheKey, json);
    return { status: 200, json, shape: 'threads' };
  };

  const threadScoped = (request: ServiceRequest, env: TyEnvironment, customerId: string, threadId: string, messages: boolean): ServiceResponse => {
    const data = tybriteData(env);
    const thread = data.threads.get(threadId);
    if (!thread) return error(404, 'not_found', 'Thread not found');
    if (thread.customer_id !== customerId) return error(403, 'forbidden', 'You do not have access to this thread');
    const q = request.query;
    if (!messages) {
      const fields = parseFields(q, THREAD_FIELDS);
      if (!fields.ok) return fields.response;
      return { status: 200, body: project(thread, fields.fields), shape: 'thread' };
    }
    const problems: { field: string; message: string }[] = [];
    const limit = intParam(q, 'limit');
    if (!limit.ok || (limit.value !== undefined && (limit.value < 1 || limit.value > MAX_LIMIT))) {
      problems.push({ field: 'limit', message: `must be an integer between 1 and ${MAX_LIMIT}` });
    }
    const order = q.get('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') problems.push({ field: 'order', message: 'must be asc or desc' });
    const cursor = q.get('cursor');
    const offset = cursor === null || cursor === '' ? 0 : decodeCursor(cursor);
    if (offset === undefined) problems.push({ field: 'cursor', message: 'Invalid cursor' });
    const fields = parseFields(q, MESSAGE_FIELDS);
    if (!fields.ok) return fields.response;
    if (problems.length > 0 || !limit.ok || offset === undefined) {
      return error(400, 'invalid_request', 'Invalid query parameters', { details: problems });
    }
    const size = limit.value ?? DEFAULT_LIMIT;
    const extra = posted.get(`${env}|${threadId}`) ?? [];
    const cacheKey = `messages|${env}|${threadId}|${order}|${offset}|${size}|${q.get('fields') ?? ''}|${extra.length}`;
    const hit = pages.get(cacheKey);
    if (hit !== undefined) return { status: 200, json: hit, shape: 'messages' };
    const all = [...(data.messages.get(threadId) ?? []), ...extra];
    const total = all.length;
    const slice =
      order === 'asc'
        ? all.slice(offset, offset + size)
        : all.slice(Math.max(0, total - offset - size), Math.max(0, total - offset)).reverse();
    const hasMore = offset + size < total;
    const body = {
      messages: slice.map((m) => project(m, fields.fields)),
      pagination: { limit: size, next_cursor: hasMore ? encodeCursor(offset + size, slice[slice.length - 1]?.created_at) : null, has_more: hasMore },
    };
    const json = JSON.stringify(body);
    pages.set(cacheKey, json);
    return { status: 200, json, shape: 'messages' };
  };

  return {
    id: 'tybrite',
    mount: '/tybrite',
    basePath: '',

    handle(request: ServiceRequest): ServiceResponse {
      const key = bearerToken(request.headers.authorization);
      if (key === undefined) {
        return error(401, 'unauthorized', 'Missing API key', { hint: 'Send Authorization: Bearer tybrite_sk_test_… or tybrite_pk_test_…' });
      }
      if (!KEY_FORMAT.test(key)) {
        return error(401, 'unauthorized', 'Invalid API key format', { hint: 'Keys look like tybrite_sk_live_…, tybrite_sk_test_…, tybrite_pk_live_… or tybrite_pk_test_…' });
      }
      if (key !== keys.tybrite && key !== keys.tybritePublishable) return error(401, 'unauthorized', 'Invalid API key');
      const secret = key === keys.tybrite && key.startsWith('tybrite_sk_');
      const env = environmentOf(request);
      const [v1, area, resource, id, sub, ...rest] = request.segments;

      if (v1 === 'v1' && area === 'auth' && (resource === 'login' || resource === 'refresh') && id === undefined) {
        if (request.method !== 'POST') return { ...error(405, 'method_not_allowed', `Method ${request.method} not allowed`), headers: { allow: 'POST' } };
        if (!secret) {
          return error(403, 'forbidden', 'Authentication endpoints require a secret key', { hint: 'Use a secret key (tybrite_sk_*) for authentication endpoints' });
        }
        return resource === 'login' ? login(request) : refresh(request);
      }
      const messaging =
        v1 === 'v1' && area === 'messaging' && resource === 'threads' && rest.length === 0 && (sub === undefined || (sub === 'messages' && id !== undefined));
      if (!messaging) return error(404, 'not_found', 'The requested endpoint does not exist');
      if (request.method === 'POST' && sub === 'messages' && id !== undefined) {
        const auth = authenticateCustomer(request);
        if ('status' in auth) return auth;
        return createMessage(request, env, auth.customerId, id, secret);
      }
      if (request.method !== 'GET') return { ...error(405, 'method_not_allowed', `Method ${request.method} not allowed`), headers: { allow: 'GET' } };
      const auth = authenticateCustomer(request);
      if ('status' in auth) return auth;
      if (id === undefined) return listThreads(request, env, auth.customerId);
      return threadScoped(request, env, auth.customerId, id, sub === 'messages');
    },

    faultResponse(status: number, request: ServiceRequest, retryAfterSeconds: number | undefined, quota?: boolean): ServiceResponse {
      const [code, message] = FAULT_ERRORS[status] ?? ['server_error', 'Error'];
      if (status !== 429) return error(status, code, message);
      if (quota) {
        // The plan's monthly allowance: resets on the 1st of next month (UTC); no abuse scope, no Retry-After.
        const now = new Date(request.nowMs);
        const reset = Math.floor(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000);
        return {
          status,
          body: { error: { code: 'quota_exceeded', message: 'Monthly request quota exceeded for your plan', limit: 100000, remaining: 0, reset } },
          headers: { 'X-RateLimit-Limit': '100000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) },
        };
      }
      const reset = Math.floor(request.nowMs / 1000) + (retryAfterSeconds ?? 60);
      return {
        status,
        // remaining/reset sit inside `error`, as in the OpenAPI description's 429 example.
        body: { error: { code, message, limit: 10000, remaining: 0, reset } },
        headers: { 'X-RateLimit-Limit': '10000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Scope': 'abuse' },
      };
    },

    drift(kind: DriftKind, body: unknown, shape: string): unknown {
      if (kind === 'drift-enum') {
        return driftEnums(body, {
          status: 'teleported',
          priority: 'cosmic',
          thread_type: 'time_travel',
          last_message_by: 'robot',
          message_type: 'hologram',
          sender_type: 'robot',
          message_status: 'teleported',
          environment: 'staging',
        });
      }
      if (!isRecord(body)) return body;
      if (kind === 'drift') {
        if (shape === 'thread') return { thread: body };
        if (shape === 'session') renameKey(body, 'session', 'token');
        renameKey(body, 'threads', 'results');
        renameKey(body, 'messages', 'results');
        return body;
      }
      if (shape === 'threads') driftItems(body['threads'], ['last_message_at', 'lastMessageAt'], 'id');
      else if (shape === 'messages') driftItems(body['messages'], ['created_at', 'createdAt'], 'id');
      else if (shape === 'thread') renameKey(body, 'last_message_at', 'lastMessageAt');
      else if (shape === 'session' && isRecord(body['session'])) renameKey(body['session'], 'access_token', 'accessToken');
      return body;
    },

    commonHeaders(request: ServiceRequest): Record<string, string> {
      // Every answer reports the key's hourly allowance (openapi.yaml: "Rate limit headers are included in responses").
      requestCount++;
      const reset = Math.floor(request.nowMs / 3_600_000 + 1) * 3600;
      return {
        'Tybrite-Environment': environmentOf(request),
        'X-RateLimit-Limit': String(HOURLY_LIMIT),
        'X-RateLimit-Remaining': String(Math.max(0, HOURLY_LIMIT - requestCount)),
        'X-RateLimit-Reset': String(reset),
      };
    },

    reset: () => {
      posted.clear();
      seenAssertions.clear();
      requestCount = 0;
      maxClaimLifetimeSeconds = options.maxClaimLifetimeSeconds ?? 300;
    },

    /**
     * `GET /v1/messaging/threads/{id}/subscribe` (openapi.yaml): the key as `api_key` or the
     * Authorization header, exactly one customer credential as a query parameter or its header,
     * the customer must own the thread; then one `message.created` frame per new message, and
     * `pong` for every `ping`.
     */
    upgrade(request: ServiceRequest, req: IncomingMessage, socket: Duplex): void {
      const [v1, area, resource, threadId, sub, ...rest] = request.segments;
      if (v1 !== 'v1' || area !== 'messaging' || resource !== 'threads' || !threadId || sub !== 'subscribe' || rest.length > 0) {
        return refuseUpgrade(socket, 404, 'Not Found', { error: { code: 'not_found', message: 'The requested endpoint does not exist' } });
      }
      const q = request.query;
      const headers = { ...request.headers };
      const apiKey = q.get('api_key');
      if (apiKey && !headers.authorization) headers.authorization = `Bearer ${apiKey}`;
      for (const [param, header] of [['auth_token', 'x-auth-token'], ['external_auth', 'x-external-auth'], ['idp_token', 'x-idp-token']] as const) {
        const value = q.get(param);
        if (value !== null && headers[header] === undefined) headers[header] = value;
      }
      const key = bearerToken(headers.authorization);
      if (key === undefined || (key !== keys.tybrite && key !== keys.tybritePublishable)) {
        return refuseUpgrade(socket, 401, 'Unauthorized', { error: { code: 'unauthorized', message: 'Invalid API key' } });
      }
      const authed: ServiceRequest = { ...request, headers };
      const env = environmentOf(authed);
      const auth = authenticateCustomer(authed);
      if ('status' in auth) return refuseUpgrade(socket, auth.status, 'Refused', auth.body);
      const thread = tybriteData(env).threads.get(threadId);
      if (!thread) return refuseUpgrade(socket, 404, 'Not Found', { error: { code: 'not_found', message: 'Thread not found' } });
      if (thread.customer_id !== auth.customerId) return refuseUpgrade(socket, 403, 'Forbidden', { error: { code: 'forbidden', message: 'You do not have access to this thread' } });
      const feedKey = `${env}|${threadId}`;
      const set = subscribers.get(feedKey) ?? new Set<LiveSocket>();
      subscribers.set(feedKey, set);
      const live = acceptWebSocket(
        req,
        socket,
        (text, connection) => {
          if (text === 'ping') connection.send('pong');
        },
        () => set.delete(live),
      );
      set.add(live);
    },

    live: {
      post: (threadId: string, text: string, sender: 'customer' | 'store' = 'store') => postMessage('sandbox', threadId, text, sender, Date.now()),
      count: () => [...subscribers.values()].reduce((sum, set) => sum + set.size, 0),
      drop: () => {
        let dropped = 0;
        for (const set of subscribers.values()) {
          for (const live of [...set]) {
            live.drop();
            dropped++;
          }
        }
        return dropped;
      },
      setMaxClaimLifetime: (seconds: number) => {
        if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) throw new Error('maxClaimLifetimeSeconds must be between 0 and 300');
        maxClaimLifetimeSeconds = seconds;
      },
    },
  };
}

const HOURLY_LIMIT = 10_000;

/** The sample's Tybrite controls beyond the generic ones (live feed, claim lifetime). */
export interface TybriteLiveControl {
  /** Posts a message to a sandbox thread (as the store by default) and pushes it to subscribers. */
  post(threadId: string, text: string, sender?: 'customer' | 'store'): TyMessage;
  /** Open live feed connections. */
  count(): number;
  /** Cuts every live connection without a close frame. */
  drop(): number;
  setMaxClaimLifetime(seconds: number): void;
}

function at0<T>(items: T[]): T | undefined {
  return items[0];
}
