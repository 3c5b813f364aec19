// SiteGPT API v0 imitation. Base `${url}/sitegpt/api/v0`.
// Auth `Authorization: Bearer <key>`. Envelopes `{ success: true, message, data }` /
// `{ success: false, message, data: null, error: { code, message, details } }`.
import { driftEnums, driftItems, isRecord, renameKey } from './faults';
import { Lru, boolParam, intParam } from './http-util';
import { bearerToken } from './keys';
import { SITEGPT_IDS, detailOf, siteGptData, summaryOf } from './sitegpt-data';
import { handleSiteGptV2, siteGptV2Error } from './sitegpt-v2';
import type { DriftKind, ServiceHandler, ServiceRequest, ServiceResponse } from './types';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function ok(message: string, data: unknown, shape: string): ServiceResponse {
  return { status: 200, body: { success: true, message, data }, shape };
}

function fail(status: number, code: string, message: string, details: unknown = null): ServiceResponse {
  return { status, body: { success: false, message, data: null, error: { code, message, details } } };
}

function invalid(details: { field: string; message: string }[]): ServiceResponse {
  return fail(400, 'REQUEST_VALIDATION_FAILED', 'Request validation failed', details);
}

const FAULT_ERRORS: Record<number, [string, string]> = {
  401: ['API_KEY_NOT_VALID', 'API key is not valid'],
  403: ['CHATBOT_FETCH_FORBIDDEN', 'You are not allowed to fetch this chatbot'],
  404: ['CHATBOT_NOT_FOUND', 'Chatbot not found'],
  // The codes below are inferred: the docs list the HTTP statuses but no codes for them.
  429: ['RATE_LIMIT_EXCEEDED', 'Too many requests, please slow down'],
  500: ['INTERNAL_SERVER_ERROR', 'Something went wrong'],
  502: ['BAD_GATEWAY', 'Bad gateway'],
  503: ['SERVICE_UNAVAILABLE', 'Service temporarily unavailable'],
  504: ['GATEWAY_TIMEOUT', 'Gateway timeout'],
};

export function createSiteGpt(key: string, v2Token: string): ServiceHandler & { pagingTrap(trap: SiteGptPagingTrap): void } {
  const data = siteGptData();
  const cache = new Lru<string>(200);

  const cached = (cacheKey: string, build: () => ServiceResponse): ServiceResponse => {
    const hit = cache.get(cacheKey);
    if (hit !== undefined) return { status: 200, json: hit, shape: cacheKey.split('|')[0] ?? '' };
    const response = build();
    if (response.status === 200) cache.set(cacheKey, JSON.stringify(response.body));
    return response;
  };

  let trap: SiteGptPagingTrap = {};

  /**
   * `page`/`limit` as the getting-started page defines them (page from 1, limit default 20, max
   * 100) — or as a misbehaving deployment might: the paging traps tests set.
   */
  const pageOf = <T>(all: readonly T[], query: URLSearchParams): { ok: true; items: T[]; key: string } | { ok: false; details: { field: string; message: string }[] } => {
    const page = intParam(query, 'page');
    const limit = intParam(query, 'limit');
    const details: { field: string; message: string }[] = [];
    if (!page.ok || (page.value !== undefined && page.value < 1)) details.push({ field: 'page', message: 'page must be a positive integer' });
    if (!limit.ok || (limit.value !== undefined && (limit.value < 1 || limit.value > MAX_LIMIT))) {
      details.push({ field: 'limit', message: `limit must be between 1 and ${MAX_LIMIT}` });
    }
    if (details.length > 0 || !page.ok || !limit.ok) return { ok: false, details };
    const pageNo = trap.ignorePage ? 1 : (page.value ?? 1);
    let size = trap.ignoreLimit ? DEFAULT_LIMIT : (limit.value ?? DEFAULT_LIMIT);
    if (trap.maxLimit !== undefined) size = Math.min(size, trap.maxLimit);
    const start = (pageNo - 1) * size;
    // Duplicates: every page after the first starts again with the previous page's last item.
    const from = trap.duplicates && pageNo > 1 ? start - 1 : start;
    return { ok: true, items: all.slice(from, pageNo * size), key: `${pageNo}|${size}|${JSON.stringify(trap)}` };
  };

  return {
    pagingTrap: (next: SiteGptPagingTrap) => {
      trap = { ...next };
    },
    id: 'sitegpt',
    mount: '/sitegpt',
    basePath: '/api/v0',

    handle(request: ServiceRequest): ServiceResponse {
      if (request.segments[0] === 'api' && request.segments[1] === 'v2') return handleSiteGptV2(request, v2Token, trap.maxLimit);
      if (bearerToken(request.headers.authorization) !== key) return fail(401, 'API_KEY_NOT_VALID', 'API key is not valid');
      const [api, v0, chatbots, botId, threads, threadId, ...rest] = request.segments;
      const known =
        api === 'api' &&
        v0 === 'v0' &&
        chatbots === 'chatbots' &&
        rest.length === 0 &&
        (threads === undefined || (threads === 'threads' && botId !== undefined));
      // Inferred: an unknown route answers in the error envelope with a NOT_FOUND code.
      if (!known) return fail(404, 'NOT_FOUND', 'Route not found');
      if (request.method !== 'GET') {
        // Inferred code; the docs list 405 among the statuses.
        return { ...fail(405, 'METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed`), headers: { allow: 'GET' } };
      }

      if (botId === undefined) {
        const paged = pageOf(data.chatbots, request.query);
        if (!paged.ok) return invalid(paged.details);
        return cached(`chatbots|${paged.key}`, () => ok('Fetched all chatbots successfully', { chatbots: paged.items }, 'chatbots'));
      }
      if (botId === SITEGPT_IDS.forbiddenBot) return fail(403, 'CHATBOT_FETCH_FORBIDDEN', 'You are not allowed to fetch this chatbot');
      const chatbot = data.chatbots.find((bot) => bot.id === botId);
      if (!chatbot) return fail(404, 'CHATBOT_NOT_FOUND', 'Chatbot not found');
      if (threads === undefined) {
        return cached(`chatbot|${botId}`, () => ok('Fetched the chatbot successfully', { chatbot }, 'chatbot'));
      }
      const list = data.threadsByBot.get(botId) ?? [];

      if (threadId === undefined) {
        const paged = pageOf(list, request.query);
        if (!paged.ok) return invalid(paged.details);
        return cached(`threads|${botId}|${paged.key}`, () => ok('Fetched all threads successfully', { threads: paged.items.map(summaryOf) }, 'threads'));
      }

      const skip = boolParam(request.query, 'skipMessages');
      const withUser = boolParam(request.query, 'includeChatUser');
      const details: { field: string; message: string }[] = [];
      if (!skip.ok) details.push({ field: 'skipMessages', message: 'skipMessages must be a boolean' });
      if (!withUser.ok) details.push({ field: 'includeChatUser', message: 'includeChatUser must be a boolean' });
      if (!skip.ok || !withUser.ok) return invalid(details);
      const thread = data.threads.get(threadId);
      // THREAD_NOT_FOUND is inferred (not in the documented code list).
      if (!thread || thread.chatbotId !== botId) return fail(404, 'THREAD_NOT_FOUND', 'Thread not found');
      const skipMessages = skip.value ?? false;
      const includeChatUser = withUser.value ?? false;
      return cached(`thread|${threadId}|${skipMessages}|${includeChatUser}`, () =>
        ok('Fetched the thread successfully', { thread: detailOf(thread, skipMessages, includeChatUser) }, 'thread'),
      );
    },

    faultResponse(status: number, request: ServiceRequest): ServiceResponse {
      const [code, message] = FAULT_ERRORS[status] ?? ['ERROR', 'Error'];
      if (request.segments[1] === 'v2') return siteGptV2Error(status, code, message);
      return fail(status, code, message);
    },

    drift(kind: DriftKind, body: unknown, shape: string): unknown {
      if (kind === 'drift-enum') {
        return driftEnums(body, { messageType: 'HOLOGRAM_MESSAGE', reaction: 'CONFUSED', mode: 'HYBRID', systemMessageType: 'CONVERSATION_TELEPORTED' });
      }
      if (!isRecord(body)) return body;
      if (kind === 'drift') {
        renameKey(body, 'data', 'payload');
        return body;
      }
      const inner = body['data'];
      if (!isRecord(inner)) return body;
      if (shape === 'threads') driftItems(inner['threads'], ['updatedAt', 'updated_at'], 'threadId');
      else if (shape === 'chatbots') driftItems(inner['chatbots'], ['title', 'name'], 'id');
      else if (shape === 'thread' && isRecord(inner['thread'])) driftItems(inner['thread']['messages'], ['messageType', 'type'], 'messageId');
      else if (shape === 'chatbot' && isRecord(inner['chatbot'])) renameKey(inner['chatbot'], 'title', 'name');
      return body;
    },

    commonHeaders: () => ({}),
    reset: () => {
      trap = {};
    },
  };
}

/** How a (test's) SiteGPT deployment misreads page/limit (v2: only `maxLimit`). Empty: as documented. */
export interface SiteGptPagingTrap {
  /** Always answers page 1. */
  ignorePage?: boolean;
  /** Always uses the default limit (20). */
  ignoreLimit?: boolean;
  /** Caps limit at this. */
  maxLimit?: number;
  /** Repeats the previous page's last item at the start of every later page. */
  duplicates?: boolean;
}
