// SiteGPT API v0 wire shapes (providers.md §3a; seeds/002). Envelope `{success, message, data}`;
// errors `{success: false, error: {code, message, details}}`.
import * as z from 'zod/mini';
import { idString, optionalBoolean, optionalNumber, optionalString } from '../shared';

export function envelope<S extends z.ZodMiniType>(data: S) {
  return z.object({ success: z.literal(true), message: optionalString, data });
}

export const chatbotSchema = z.object({
  id: idString,
  title: optionalString,
  description: optionalString,
});

/** Shape not documented; read leniently. */
export const chatUserSchema = z.catch(z.nullish(z.object({ id: z.nullish(idString), email: optionalString, name: optionalString })), null);

const textAtSchema = z.object({ text: optionalString, timestamp: optionalString });

export const messageSchema = z.object({
  messageId: idString,
  question: z.nullish(textAtSchema),
  answer: z.nullish(textAtSchema),
  reaction: optionalString, // NEUTRAL | POSITIVE | NEGATIVE
  sources: z.nullish(z.array(z.unknown())),
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
  lastMessage: z.catch(z.nullish(messageSchema), null),
});

export const threadDetailSchema = z.object({
  threadId: idString,
  mode: optionalString, // AI | AGENT
  messages: z.nullish(z.array(z.unknown())),
  startedAt: optionalString,
  updatedAt: optionalString,
  totalMessagesRead: optionalNumber,
  chatUserId: z.nullish(idString),
  chatbotId: z.nullish(idString),
  chatUser: chatUserSchema,
});

export const chatbotsSchema = envelope(z.object({ chatbots: z.array(z.unknown()) }));
export const threadsSchema = envelope(z.object({ threads: z.array(z.unknown()) }));
export const threadSchema = envelope(z.object({ thread: threadDetailSchema }));

export const errorBodySchema = z.object({
  success: z.literal(false),
  message: optionalString,
  error: z.nullish(z.object({ code: optionalString, message: optionalString })),
});

export function siteGptErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.error?.message || parsed.data.message || parsed.data.error?.code || undefined;
}
