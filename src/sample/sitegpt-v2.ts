// SiteGPT API v2 imitation, over the same chatbots and threads as v0. Base `${url}/sitegpt/api/v2`.
// What is documented (sitegpt.ai/docs/api-reference/v2, the Go SDK): scoped `sgpt_…` bearer
// tokens; `{ok: true, data, meta: {requestId}}` / `{ok: false, error: {code, message, hint?}, meta}`;
// `GET /chatbots` → `data.chatbots` + `data.pagination {limit, hasNextPage, nextCursor}`;
// `GET /chatbots/{id}/conversations` with `limit`, `cursor`, `status`, `mode`, `important`,
// `escalated`, `read`, `reaction`, `query` (and `leadId`, `tagId`, `gptModel`, `includeEmpty`,
// `scanLimit`, accepted and not applied here) → `data.conversations` + `data.pagination`, newest
// first; `GET /chatbots/{id}/conversations/{threadId}` → one conversation. The documented item
// examples show only `{id, name, createdAt}`, so that is all this imitation sends; the single
// conversation's body (`data.conversation`) and the error codes other than
// TOKEN_SCOPE_NOT_ALLOWED are inferred.
import { randomUUID } from 'node:crypto';
import { boolParam, intParam } from './http-util';
import { bearerToken } from './keys';
import { siteGptData, type SgThread } from './sitegpt-data';
import type { ServiceRequest, ServiceResponse } from './types';

const DEFAULT_LIMIT = 20;
/** No maximum is documented; the imitation caps at 100. */
const MAX_LIMIT = 100;

const meta = () => ({ requestId: `req_${randomUUID()}` });

function ok(data: unknown, shape: string): ServiceResponse {
  return { status: 200, body: { ok: true, data, meta: meta() }, shape };
}

export function siteGptV2Error(status: number, code: string, message: string, hint?: string): ServiceResponse {
  return { status, body: { ok: false, error: { code, message, ...(hint ? { hint } : {}) }, meta: meta() } };
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    return typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 ? value.o : undefined;
  } catch {
    return undefined;
  }
}

/** A conversation as the v2 reference's example shows one. */
function conversationOf(thread: SgThread): Record<string, unknown> {
  const question = thread.messages.find((message) => message.question)?.question?.text;
  return { id: thread.threadId, name: thread.chatUser?.name ?? (question ? question.slice(0, 80) : null), createdAt: thread.startedAt };
}

function page<T>(all: readonly T[], query: URLSearchParams, maxLimit: number | undefined): { items: T[]; pagination: Record<string, unknown> } | ServiceResponse {
  const limit = intParam(query, 'limit');
  if (!limit.ok || (limit.value !== undefined && (limit.value < 1 || limit.value > MAX_LIMIT))) {
    return siteGptV2Error(400, 'VALIDATION_FAILED', `limit must be between 1 and ${MAX_LIMIT}`);
  }
  const cursor = query.get('cursor');
  const offset = cursor ? decodeCursor(cursor) : 0;
  if (offset === undefined) return siteGptV2Error(400, 'VALIDATION_FAILED', 'Invalid cursor');
  const size = Math.min(limit.value ?? DEFAULT_LIMIT, maxLimit ?? MAX_LIMIT);
  const items = all.slice(offset, offset + size);
  const hasNextPage = offset + size < all.length;
  return { items, pagination: { limit: size, hasNextPage, nextCursor: hasNextPage ? encodeCursor(offset + size) : null } };
}

function matches(thread: SgThread, query: URLSearchParams): boolean | ServiceResponse {
  const status = query.get('status');
  if (status !== null && !['all', 'open', 'resolved'].includes(status)) return siteGptV2Error(400, 'VALIDATION_FAILED', 'status must be all, open or resolved');
  if (status === 'open' && thread.resolved) return false;
  if (status === 'resolved' && !thread.resolved) return false;
  const mode = query.get('mode');
  if (mode !== null && mode !== thread.mode) return false;
  for (const name of ['important', 'escalated', 'read'] as const) {
    const flag = boolParam(query, name);
    if (!flag.ok) return siteGptV2Error(400, 'VALIDATION_FAILED', `${name} must be true or false`);
    if (flag.value === undefined) continue;
    const value = name === 'read' ? thread.totalMessagesRead >= thread.messages.length : thread[name];
    if (value !== flag.value) return false;
  }
  const reaction = query.get('reaction');
  if (reaction !== null) {
    if (reaction !== 'POSITIVE' && reaction !== 'NEGATIVE') return siteGptV2Error(400, 'VALIDATION_FAILED', 'reaction must be NEGATIVE or POSITIVE');
    if (!thread.messages.some((message) => message.reaction === reaction)) return false;
  }
  const text = query.get('query')?.trim().toLowerCase();
  if (text) {
    const haystack = [thread.chatUser?.name, thread.chatUser?.email, ...thread.messages.flatMap((message) => [message.question?.text, message.answer?.text])];
    if (!haystack.some((value) => value?.toLowerCase().includes(text))) return false;
  }
  return true;
}

/** Answers a request under `/api/v2` (`maxLimit`: a test's cap on the page size). */
export function handleSiteGptV2(request: ServiceRequest, token: string, maxLimit?: number): ServiceResponse {
  if (bearerToken(request.headers.authorization) !== token) return siteGptV2Error(401, 'INVALID_TOKEN', 'The API token is missing, invalid or expired', 'Create a token on the Agents page');
  if (request.method !== 'GET') return siteGptV2Error(405, 'METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed here`);
  const data = siteGptData();
  const [chatbots, botId, conversations, threadId, ...rest] = request.segments.slice(2);
  if (chatbots !== 'chatbots' || rest.length > 0) return siteGptV2Error(404, 'NOT_FOUND', 'Route not found');
  if (botId === undefined) {
    const paged = page(data.chatbots, request.query, maxLimit);
    if ('status' in paged) return paged;
    return ok({ chatbots: paged.items.map((bot) => ({ id: bot.id, name: bot.title, createdAt: null })), pagination: paged.pagination }, 'chatbots');
  }
  if (!data.chatbots.some((bot) => bot.id === botId)) return siteGptV2Error(404, 'CHATBOT_NOT_FOUND', 'No such chatbot');
  if (conversations !== 'conversations') return siteGptV2Error(404, 'NOT_FOUND', 'Route not found');
  const threads = data.threadsByBot.get(botId) ?? [];
  if (threadId === undefined) {
    const kept: SgThread[] = [];
    for (const thread of threads) {
      const verdict = matches(thread, request.query);
      if (typeof verdict !== 'boolean') return verdict;
      if (verdict) kept.push(thread);
    }
    const paged = page(kept, request.query, maxLimit);
    if ('status' in paged) return paged;
    return ok({ conversations: paged.items.map(conversationOf), pagination: paged.pagination }, 'conversations');
  }
  const thread = data.threads.get(threadId);
  if (!thread || thread.chatbotId !== botId) return siteGptV2Error(404, 'CONVERSATION_NOT_FOUND', 'No such conversation');
  return ok({ conversation: conversationOf(thread) }, 'conversation');
}
