// AgentSend wire shapes (providers.md §5; seeds/004). Unknown keys are stripped; enum-like
// fields stay plain strings so a new value never breaks reading.
import * as z from 'zod/mini';
import { optionalNumber, optionalString } from '../shared';

export const inboxSchema = z.object({
  id: z.string(),
  address: optionalString,
  displayName: optionalString,
  domainId: optionalString, // null: the shared agentsend.io domain
  status: optionalString, // active | suspended | deleted
  createdAt: optionalString,
});

export const threadSchema = z.object({
  id: z.string(),
  inboxId: optionalString,
  subject: optionalString,
  messageCount: optionalNumber,
  lastMessageAt: optionalString,
  createdAt: optionalString,
});

export const attachmentSchema = z.object({
  id: optionalString,
  filename: optionalString,
  contentType: optionalString,
  size: optionalNumber,
});

export const messageSchema = z.object({
  id: z.string(),
  threadId: optionalString,
  direction: z.string(), // inbound | outbound
  fromAddress: optionalString,
  toAddresses: z.nullish(z.array(z.string())),
  ccAddresses: z.nullish(z.array(z.string())),
  subject: optionalString,
  bodyText: optionalString,
  bodyHtml: optionalString,
  status: optionalString, // queued | sending | sent | delivered | failed | bounced | complained | received
  attachments: z.nullish(z.array(attachmentSchema)),
  createdAt: z.string(),
});

/** Every list answers `{data: [...], total, limit, offset}`; items are validated one by one. */
export const listSchema = z.object({
  data: z.array(z.unknown()),
  total: z.nullish(z.int().check(z.nonnegative())),
  limit: optionalNumber,
  offset: optionalNumber,
});

/** Error body `{error: {code, message}}` (inferred: AgentSend documents none). */
export function agentSendErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
