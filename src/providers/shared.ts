// Small pieces the providers share: lenient timestamps, per-item validation, credential headers.
import * as z from 'zod/mini';
import type { MessageItem, ThreadRef, UnreadableMessage } from '../domain/model';
import { HttpClient, type HttpClientOptions } from '../http/client';
import { MissingCredentialError } from '../http/errors';
import { summarizeIssues } from '../http/validation';
import type { CredentialStore, ProviderContext } from './types';

/** An optional string field that may also arrive as null. */
export const optionalString = z.nullish(z.string());
export const optionalNumber = z.nullish(z.number());
export const optionalBoolean = z.nullish(z.boolean());
/** Ids are opaque: some services send numbers where others send strings. */
export const idString = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value: string | number) => String(value)),
);

/**
 * An ISO timestamp, or undefined when the value is missing or unreadable (never throws).
 * Values without a zone (Cattix's examples) are read as UTC.
 */
export function toIso(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export interface EachResult<T> {
  items: T[];
  unreadable: UnreadableMessage[];
}

/**
 * Validates list items one by one, so one item the service sent in an unexpected shape is
 * reported on its own and the rest are still shown.
 */
export function parseEach<S extends z.ZodMiniType, T>(raw: readonly unknown[], schema: S, map: (value: z.output<S>, index: number) => T): EachResult<T> {
  const items: T[] = [];
  const unreadable: UnreadableMessage[] = [];
  raw.forEach((entry, index) => {
    const result = schema.safeParse(entry);
    if (result.success) items.push(map(result.data, index));
    else unreadable.push(unreadableItem(entry, result.error));
  });
  return { items, unreadable };
}

/**
 * Messages validated one by one, in order: an unreadable one stays in its place in the history.
 */
export function parseMessages<S extends z.ZodMiniType>(raw: readonly unknown[], schema: S, map: (value: z.output<S>, index: number) => MessageItem[]): MessageItem[] {
  const out: MessageItem[] = [];
  raw.forEach((entry, index) => {
    const result = schema.safeParse(entry);
    if (result.success) out.push(...map(result.data, index));
    else out.push(unreadableItem(entry, result.error));
  });
  return out;
}

/** How many of these messages could not be read (a page reports it beside its items). */
export function countUnreadable(items: readonly MessageItem[]): number {
  return items.filter((item) => item.type === 'unreadable').length;
}

/** An item that failed validation, reported in its place with where it differed. */
function unreadableItem(entry: unknown, error: { issues: readonly z.core.$ZodIssue[] }): UnreadableMessage {
  const id = idOf(entry);
  return { type: 'unreadable', ...(id ? { id } : {}), problem: summarizeIssues(error, entry) };
}

/** A best-effort id of an item that failed validation, for the "couldn't read message X" row. */
function idOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const record = entry as Record<string, unknown>;
  for (const key of ['id', 'messageId', 'threadId', 'thread_id']) {
    const value = record[key];
    if (typeof value === 'string' && value.length <= 200) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The API key of an account, or a MissingCredentialError before anything is sent. */
export async function requireKey(credentials: CredentialStore, service: string, problem?: (key: string) => string | undefined): Promise<string> {
  const key = (await credentials.get('apiKey'))?.trim();
  if (!key) throw new MissingCredentialError({ service });
  const wrong = problem?.(key);
  if (wrong) throw new MissingCredentialError({ service, detail: wrong });
  return key;
}

/** The HTTP client of an account: its base URL, dispatcher, limiter, log and retry policy. */
export function accountHttpClient(
  context: ProviderContext,
  options: Pick<HttpClientOptions, 'serviceName' | 'credentials' | 'secrets' | 'serviceMessage' | 'rateLimit' | 'onHeaders'>,
): HttpClient {
  return new HttpClient({
    ...options,
    baseUrl: context.account.baseUrl,
    dispatcher: context.dispatcher,
    ...(context.limiter ? { limiter: context.limiter } : {}),
    ...(context.log ? { log: context.log } : {}),
    ...(context.retry ? { retry: context.retry } : {}),
    ...(context.answerDeadlineMs ? { answerDeadlineMs: context.answerDeadlineMs } : {}),
    ...(context.clock ? { clock: context.clock } : {}),
  });
}

/** The client of a service that authenticates with the account's key alone, in `headers`. */
export function keyedHttpClient(
  context: ProviderContext,
  options: { serviceName: string; headers: (key: string) => Record<string, string>; serviceMessage: (body: unknown) => string | undefined },
): HttpClient {
  let key: string | undefined;
  return accountHttpClient(context, {
    serviceName: options.serviceName,
    credentials: async () => {
      key = await requireKey(context.credentials, options.serviceName);
      return options.headers(key);
    },
    secrets: () => secretValues([key]),
    serviceMessage: options.serviceMessage,
  });
}

/** Secrets of an account as the HTTP client scrubs them from messages and logs. */
export function secretValues(values: readonly (string | undefined)[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** The first `max` characters of a text on one line, for titles. */
export function snippet(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A string field out of an error body, when present. */
export function field(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.trim() ? current : undefined;
}

/** Only web links Threadline is willing to open. */
export function webLink(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Why a plain API key cannot be right, before it is saved or sent. */
export function plainKeyProblem(key: string): string | undefined {
  if (!key.trim()) return 'Enter the key';
  if (/\s/.test(key.trim())) return 'A key has no spaces';
  if (key.trim().length < 8) return 'That is too short to be a key';
  return undefined;
}

/**
 * What the user pasted in "Open Thread by ID…" as a thread reference: an id, or a link to one of
 * the API paths Threadline itself calls (`…/threads/<id>`, `…/chatbots/<id>/threads/<id>`,
 * `?thread_id=`). Link shapes a service documents for its web app are read by that service's
 * own parser; nothing else is guessed.
 */
export function parseThreadReference(input: string): ThreadRef | { problem: string } {
  const value = input.trim();
  if (!value) return { problem: 'Paste a thread id or a link to the thread' };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { problem: 'That link is not a valid URL' };
    }
    const segments: string[] = [];
    for (const segment of url.pathname.split('/').filter(Boolean)) {
      try {
        segments.push(decodeURIComponent(segment));
      } catch {
        return { problem: 'That link has a malformed escape (%…); paste the id itself' };
      }
    }
    const after = (name: string) => {
      const index = segments.lastIndexOf(name);
      return index >= 0 ? segments[index + 1] : undefined;
    };
    const threadId = after('threads') ?? after('conversations') ?? url.searchParams.get('thread_id') ?? undefined;
    if (!threadId) return { problem: 'No thread id found in that link; paste the id itself' };
    const containerId = after('chatbots') ?? url.searchParams.get('company_id') ?? undefined;
    return { threadId, ...(containerId ? { containerId } : {}) };
  }
  if (/\s/.test(value)) return { problem: 'A thread id has no spaces' };
  if (value.length > 500) return { problem: 'That is too long to be a thread id' };
  return { threadId: value };
}
