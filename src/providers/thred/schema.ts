// Thred customer lookups (providers.md §1; seeds/000). A customer (lead) is a thread: it
// carries one AI-chat conversation, insights about it, and no id field except inside `link`.
import * as z from 'zod/mini';
import { optionalNumber, optionalString } from '../shared';

export const THRED_PLATFORMS = ['chatgpt', 'gemini', 'pplx', 'claude'] as const;

const stringList = z.nullish(z.array(z.string()));

export const customerSchema = z.object({
  status: z.string(), // processing | completed
  name: optionalString,
  email: z.string(),
  company: optionalString,
  platform: optionalString,
  progress: optionalNumber,
  productsDiscussed: stringList,
  insights: z.nullish(z.object({ mainConcerns: stringList, buyingSignals: stringList, competitorsConsidered: stringList })),
  suggestions: stringList,
  summary: optionalString,
  conversation: z.nullish(z.array(z.unknown())),
  link: optionalString, // https://app.thred.ai/share/<customerId>
});

export const conversationEntrySchema = z.object({
  role: z.string(), // user | assistant
  content: z.string(),
});

export const recentSchema = z.array(z.unknown());
export const byCompanySchema = z.object({ company: optionalString, results: z.array(z.unknown()) });

/** Error body `{error: "<label>", message: "<text>"}`. */
export function thredErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message) return message;
  return typeof error === 'string' && error ? error : undefined;
}
