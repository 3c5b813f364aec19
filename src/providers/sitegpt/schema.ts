// SiteGPT API v0 wire shapes (providers.md §3a; seeds/002). Envelope `{success, message, data}`;
// errors `{success: false, error: {code, message, details}}`.
import { z } from 'zod';
import { idString, optionalBoolean, optionalNumber, optionalString } from '../shared';

export function envelope<S extends z.ZodType>(data: S) {
  return z.object({ success: z.literal(true), message: optionalString, data });
}

export const chatbotSchema = z.object({
  id: idString,
  title: optionalString,
  description: optionalString,
});

/** Shape not documented; read leniently. */
export const chatUserSchema = z
  .object({ id: idString.nullish(), email: optionalString, name: optionalString })
  .nullish()
  .catch(null);

const textAtSchema = z.object({ text: optionalString, timestamp: optionalString });

export const messageSchema = z.object({
  messageId: idString,
  question: textAtSchema.nullish(),
  answer: textAtSchema.nullish(),
  reaction: optionalString, // NEUTRAL | POSITIVE | NEGATIVE
  sources: z.array(z.unknown()).nullish(),
  messageType: optionalString, // NORMAL_MESSAGE | USER_MESSAGE | AGENT_MESSAGE
  systemMessageType: optionalString,
  gptModel: optionalString,
});

export const threadSummarySchema = z.object({
  threadId: idString,
  startedAt: optionalString,
  updatedAt: optionalString,
  endedAt: optionalString,
  chatUser: chatUserSchema,
  escalated: optionalBoolean,
  important: optionalBoolean,
  resolved: optionalBoolean,
  totalMessages: optionalNumber,
  totalMessagesRead: optionalNumber,
  lastMessage: messageSchema.nullish().catch(null),
});

export const threadDetailSchema = z.object({
  threadId: idString,
  mode: optionalString, // AI | AGENT
  messages: z.array(z.unknown()).nullish(),
  startedAt: optionalString,
  updatedAt: optionalString,
  totalMessagesRead: optionalNumber,
  chatUserId: idString.nullish(),
  chatbotId: idString.nullish(),
  chatUser: chatUserSchema,
});

export const chatbotsSchema = envelope(z.object({ chatbots: z.array(z.unknown()) }));
export const threadsSchema = envelope(z.object({ threads: z.array(z.unknown()) }));
export const threadSchema = envelope(z.object({ thread: threadDetailSchema }));

export const errorBodySchema = z.object({
  success: z.literal(false),
  message: optionalString,
  error: z.object({ code: optionalString, message: optionalString }).nullish(),
});

export function siteGptErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.error?.message || parsed.data.message || parsed.data.error?.code || undefined;
}
