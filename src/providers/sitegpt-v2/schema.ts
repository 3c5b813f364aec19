// SiteGPT API v2 wire shapes, only as far as SiteGPT publishes them:
// - sitegpt.ai/docs/api-reference/v2/getting-started: base https://sitegpt.ai/api/v2, scoped
//   `sgpt_…` bearer tokens, `{ok: true, data, meta: {requestId}}` and
//   `{ok: false, error: {code, message}, meta}` (the Go SDK's Error also reads `hint`);
// - …/v2/endpoints/chatbots/list-chatbots: `data.chatbots[]` + `data.pagination {limit,
//   hasNextPage, nextCursor}`; …/conversations/list-conversations: `data.conversations[]` + the
//   same pagination, query `limit`, `cursor`, `status` (all|open|resolved), `mode` (AI|AGENT),
//   `important`, `escalated`, `read`, `leadId`, `tagId`, `reaction` (NEGATIVE|POSITIVE),
//   `gptModel`, `query`, `includeEmpty`, `scanLimit`;
// - github sitegpt/sitegpt-go (client.go, namespaces.go): `GET /api/v2/chatbots/{chatbotId}/
//   conversations/{threadId}` "returns one conversation with its messages"; lists newest first.
// The item examples in the reference are placeholders showing `id`, `name`, `createdAt` only, and
// the SDKs return untyped JSON, so those three are the only item fields read. Not established,
// hence not read or shown: any other conversation field (status, escalated, important, read,
// chat user, counts, updatedAt), the single conversation's body and its messages' shape, and the
// route of the CLI's `messages list` (providers.md §3b).
import * as z from 'zod/mini';
import { idString, optionalBoolean, optionalNumber, optionalString } from '../shared';

/** v2 tokens are `sgpt_…` (v2 authentication page). */
export const V2_TOKEN_PREFIX = 'sgpt_';

export function siteGptV2KeyProblem(key: string): string | undefined {
  const value = key.trim();
  if (!value.startsWith(V2_TOKEN_PREFIX)) return 'A SiteGPT API v2 token starts with sgpt_ (SiteGPT › Agents › API tokens)';
  if (/\s/.test(value)) return 'A token has no spaces';
  if (value.length < 12) return 'That is too short to be a token';
  return undefined;
}

export function envelope<S extends z.ZodMiniType>(data: S) {
  return z.object({ ok: z.literal(true), data, meta: z.optional(z.unknown()) });
}

export const paginationSchema = z.nullish(z.object({ limit: optionalNumber, hasNextPage: optionalBoolean, nextCursor: optionalString }));

/** The fields the reference's examples show; everything else is left unread. */
export const itemSchema = z.object({ id: idString, name: optionalString, createdAt: optionalString });

export const chatbotsSchema = envelope(z.object({ chatbots: z.array(z.unknown()), pagination: paginationSchema }));
export const conversationsSchema = envelope(z.object({ conversations: z.array(z.unknown()), pagination: paginationSchema }));
/** One conversation: only the envelope is established. */
export const conversationSchema = envelope(z.record(z.string(), z.unknown()));

export function siteGptV2ErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, hint, code } = error as { message?: unknown; hint?: unknown; code?: unknown };
  const text = typeof message === 'string' && message ? message : typeof code === 'string' ? code : undefined;
  if (!text) return undefined;
  return typeof hint === 'string' && hint ? `${text} (${hint})` : text;
}
