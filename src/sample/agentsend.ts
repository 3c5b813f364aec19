// AgentSend imitation. Base `${url}/agentsend`; real paths below it.
// Auth: `x-api-key: <key>` or `Authorization: Bearer <key>`. Errors `{ error: { code, message } }`
// (the error shape is inferred: providers.md found no error section; a client in the code index expects it).
import { AGENTSEND_IDS, agentSendData, longThreadOf, type AsThread, type AsThreadRecord } from './agentsend-data';
import { driftEnums, driftItems, isRecord, renameKey } from './faults';
import { Lru, intParam, json } from './http-util';
import { bearerToken, headerValue } from './keys';
import type { DriftKind, ServiceHandler, ServiceRequest, ServiceResponse } from './types';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function error(status: number, code: string, message: string): ServiceResponse {
  return { status, body: { error: { code, message } } };
}

const FAULT_ERRORS: Record<number, [string, string]> = {
  401: ['unauthorized', 'Invalid API key'],
  403: ['forbidden', 'You do not have access to this resource'],
  404: ['not_found', 'Not found'],
  429: ['rate_limited', 'Too many requests, please retry later'],
  500: ['internal_error', 'Internal server error'],
  502: ['bad_gateway', 'Bad gateway'],
  503: ['service_unavailable', 'Service temporarily unavailable'],
  504: ['gateway_timeout', 'Gateway timeout'],
};

type Page = { ok: true; limit: number; offset: number } | { ok: false; response: ServiceResponse };

function page(query: URLSearchParams): Page {
  const limit = intParam(query, 'limit');
  if (!limit.ok || (limit.value !== undefined && (limit.value < 1 || limit.value > MAX_LIMIT))) {
    return { ok: false, response: error(400, 'validation_error', `limit must be between 1 and ${MAX_LIMIT}`) };
  }
  const offset = intParam(query, 'offset');
  if (!offset.ok || (offset.value !== undefined && offset.value < 0)) {
    return { ok: false, response: error(400, 'validation_error', 'offset must be a non-negative integer') };
  }
  return { ok: true, limit: limit.value ?? DEFAULT_LIMIT, offset: offset.value ?? 0 };
}

/** AgentSend's handler, and (for the benchmark) the length of its long thread for the run. */
export interface AgentSendHandler extends ServiceHandler {
  /** Serves the long thread with this many messages until reset (the default data has 10,000). */
  setLongThreadMessages(count: number): void;
}

export function createAgentSend(key: string): AgentSendHandler {
  const data = agentSendData();
  const pages = new Lru<string>(400);
  /** The long thread at another length, set by the benchmark; undefined: the default data. */
  let longOverride: AsThreadRecord | undefined;
  const recordOf = (id: string): AsThreadRecord | undefined => (id === AGENTSEND_IDS.longThread && longOverride ? longOverride : data.threads.get(id));
  const withOverride = (threads: AsThread[]): AsThread[] => (longOverride ? threads.map((thread) => (thread.id === longOverride?.thread.id ? longOverride.thread : thread)) : threads);

  const cachedList = (cacheKey: string, build: () => unknown, shape: string): ServiceResponse => {
    let body = pages.get(cacheKey);
    if (body === undefined) {
      body = JSON.stringify(build());
      pages.set(cacheKey, body);
    }
    return { status: 200, json: body, shape };
  };

  const listThreads = (threads: AsThread[], limit: number, offset: number) => ({
    data: threads.slice(offset, offset + limit),
    total: threads.length,
    limit,
    offset,
  });

  return {
    id: 'agentsend',
    mount: '/agentsend',
    basePath: '',

    handle(request: ServiceRequest): ServiceResponse {
      const given = headerValue(request.headers['x-api-key']) ?? bearerToken(request.headers.authorization);
      if (given !== key) return error(401, 'unauthorized', 'Invalid API key');

      const [first, id, sub, ...rest] = request.segments;
      const known =
        rest.length === 0 &&
        ((first === 'inboxes' && ((id === undefined && sub === undefined) || (id !== undefined && sub === 'threads'))) ||
          (first === 'threads' && id !== undefined && (sub === undefined || sub === 'messages')));
      if (!known) return error(404, 'not_found', 'Not found');
      if (request.method !== 'GET') {
        return { ...error(405, 'method_not_allowed', `Method ${request.method} not allowed`), headers: { allow: 'GET' } };
      }
      const paging = page(request.query);
      if (!paging.ok && !(first === 'threads' && sub === undefined)) return paging.response;
      const { limit, offset } = paging.ok ? paging : { limit: DEFAULT_LIMIT, offset: 0 };

      if (first === 'inboxes' && id === undefined) {
        return cachedList(`inboxes|${limit}|${offset}`, () => ({
          data: data.inboxes.slice(offset, offset + limit),
          total: data.inboxes.length,
          limit,
          offset,
        }), 'inboxes');
      }
      if (first === 'inboxes' && id !== undefined) {
        const threads = data.threadsByInbox.get(id);
        if (!threads) return error(404, 'not_found', 'Inbox not found');
        return cachedList(`threads|${id}|${limit}|${offset}`, () => listThreads(withOverride(threads), limit, offset), 'threads');
      }
      const record = id === undefined ? undefined : recordOf(id);
      if (!record) return error(404, 'not_found', 'Thread not found');
      if (sub === undefined) return json(200, record.thread, 'thread');
      return cachedList(`messages|${record.thread.id}|${limit}|${offset}`, () => ({
        data: record.messages(offset, limit),
        total: record.thread.messageCount,
        limit,
        offset,
      }), 'messages');
    },

    faultResponse(status: number): ServiceResponse {
      const [code, message] = FAULT_ERRORS[status] ?? ['error', 'Error'];
      return error(status, code, message);
    },

    drift(kind: DriftKind, body: unknown, shape: string): unknown {
      if (kind === 'drift-enum') return driftEnums(body, { status: 'teleported', direction: 'sideways', delivery: 'carrier-pigeon' });
      if (!isRecord(body)) return body;
      if (shape === 'thread') {
        if (kind === 'drift') return { data: body };
        renameKey(body, 'lastMessageAt', 'last_message_at');
        return body;
      }
      if (kind === 'drift') {
        renameKey(body, 'data', 'items');
        return body;
      }
      const rename: [string, string] = shape === 'threads' ? ['lastMessageAt', 'last_message_at'] : ['createdAt', 'created'];
      driftItems(body['data'], rename, 'id');
      return body;
    },

    commonHeaders: () => ({}),
    reset: () => {
      if (!longOverride) return;
      longOverride = undefined;
      pages.clear();
    },
    setLongThreadMessages(count: number): void {
      if (!Number.isInteger(count) || count < 2 || count % 2 !== 0 || count > 1_000_000) throw new Error('the long thread takes an even number of messages from 2 to 1,000,000');
      longOverride = count === AGENTSEND_IDS.longThreadMessages ? undefined : longThreadOf(count);
      // Cached pages of the thread and of its inbox's list describe the old length.
      pages.clear();
    },
  };
}
