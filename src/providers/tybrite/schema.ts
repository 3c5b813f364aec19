// Tybrite "Galactic Core" messaging wire shapes (providers.md §4; seeds/003).
import * as z from 'zod/mini';
import { idString, optionalBoolean, optionalNumber, optionalString } from '../shared';

/** Keys are `tybrite_(sk|pk)_(live|test)_…`; checked before any request is made. */
export const TYBRITE_KEY_PATTERN = /^tybrite_(sk|pk)_(live|test)_[A-Za-z0-9_-]+$/;

export function tybriteKeyProblem(key: string): string | undefined {
  return TYBRITE_KEY_PATTERN.test(key)
    ? undefined
    : 'A Tybrite key looks like tybrite_sk_live_…, tybrite_sk_test_…, tybrite_pk_live_… or tybrite_pk_test_…';
}

export const isSecretKey = (key: string): boolean => key.startsWith('tybrite_sk_');

/** Test keys see only sandbox data, live keys only production. */
export const environmentOfKey = (key: string): 'sandbox' | 'production' => (key.includes('_test_') ? 'sandbox' : 'production');

/** Exactly one customer credential proves thread ownership. */
export const CREDENTIAL_HEADERS = ['x-auth-token', 'x-external-auth', 'x-idp-token'] as const;
export type CredentialHeader = (typeof CREDENTIAL_HEADERS)[number];

export const THREAD_STATUSES = ['active', 'pending', 'escalated', 'resolved', 'closed'] as const;
export const THREAD_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const THREAD_TYPES = [
  'general',
  'order_inquiry',
  'product_inquiry',
  'support',
  'complaint',
  'delivery',
  'return',
  'refund',
  'technical',
] as const;

export const threadSchema = z.object({
  id: idString,
  customer_id: z.nullish(idString),
  customer_name: optionalString,
  customer_email: optionalString,
  customer_phone: optionalString,
  store_name: optionalString,
  order_id: z.nullish(idString),
  product_id: z.nullish(idString),
  subject: optionalString,
  thread_type: optionalString,
  status: optionalString,
  priority: optionalString,
  last_message_at: optionalString,
  last_message_by: optionalString, // customer | store | system
  unread_count_customer: optionalNumber,
  unread_count_store: optionalNumber,
  is_archived: optionalBoolean,
  is_muted: optionalBoolean,
  is_pinned: optionalBoolean,
  environment: optionalString, // production | sandbox
  created_at: optionalString,
  updated_at: optionalString,
});

export const messageSchema = z.object({
  id: idString,
  message_content: optionalString,
  message_type: optionalString, // text | image | file | product_link | order_update | system_notification
  sender_type: z.string(), // customer | store | system
  sender_name: optionalString,
  attachments: z.nullish(z.array(z.string())),
  metadata: z.nullish(z.record(z.string(), z.unknown())),
  message_status: optionalString, // sent | delivered | read | failed
  is_edited: optionalBoolean,
  is_deleted: optionalBoolean,
  edited_at: optionalString,
  created_at: z.string(),
});

const paginationSchema = z.nullish(z.object({ limit: optionalNumber, next_cursor: optionalString, has_more: optionalBoolean }));

export const threadListSchema = z.object({ threads: z.array(z.unknown()), pagination: paginationSchema });
export const messageListSchema = z.object({ messages: z.array(z.unknown()), pagination: paginationSchema });

export const sessionSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: optionalString,
  expires_in: optionalNumber,
  expires_at: optionalNumber, // Unix seconds
});

/** `/v1/auth/login` and `/v1/auth/refresh`; `customer` is read when present (not documented). */
export const authResponseSchema = z.object({
  session: sessionSchema,
  customer: z.catch(z.nullish(z.object({ id: z.nullish(idString) })), null),
});

/**
 * Whether a 401's message is about the customer credential (session, IdP token, signed claim)
 * rather than the key ("Invalid API key").
 */
export function customerCredentialRejected(serviceMessage: string | undefined): boolean {
  const text = serviceMessage ?? '';
  return /session|token|assertion|claim|idp/i.test(text) && !/api key/i.test(text);
}

/**
 * Tybrite's two 429s (openapi.yaml, "Rate Limiting & Usage Quota"): `rate_limited` is an abuse
 * throttle that clears (`X-RateLimit-Reset`, `Retry-After`); `quota_exceeded` is the plan's
 * monthly allowance, which retrying does not restore. `reset` (Unix seconds) sits in the error
 * body and in `X-RateLimit-Reset`.
 */
export function tybriteRateLimit(response: { headers: Record<string, string | string[] | undefined>; body: unknown }): { kind: 'rate' | 'quota'; resetAt?: number } | undefined {
  const error = typeof response.body === 'object' && response.body !== null ? (response.body as { error?: unknown }).error : undefined;
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = record['code'];
  const header = response.headers['x-ratelimit-reset'];
  const fromHeader = Number(Array.isArray(header) ? header[0] : header);
  const reset = typeof record['reset'] === 'number' ? record['reset'] : Number.isFinite(fromHeader) && header !== undefined ? fromHeader : undefined;
  const resetAt = reset !== undefined && reset > 0 ? reset * 1000 : undefined;
  const kind = code === 'quota_exceeded' ? 'quota' : 'rate';
  return { kind, ...(resetAt !== undefined ? { resetAt } : {}) };
}

export function tybriteErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, hint } = error as { message?: unknown; hint?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof hint === 'string' && hint ? `${message} (${hint})` : message;
}
