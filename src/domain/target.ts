// A thread of an account as commands, links, panels and documents name it; its one schema (for
// anything that arrives from outside: command arguments, links, a restored panel's state) and its
// one encoding in a URI query (`account`, `thread`, `container`).
import * as z from 'zod/mini';
import type { ThreadRef } from './model';

export const threadTargetSchema = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(200)),
  threadId: z.string().check(z.minLength(1), z.maxLength(2_000)),
  containerId: z.optional(z.string().check(z.minLength(1), z.maxLength(2_000))),
});

export interface ThreadTarget extends ThreadRef {
  accountId: string;
}

/** A target out of untrusted input (command arguments, a link), or undefined. */
export function parseTarget(value: unknown): ThreadTarget | undefined {
  const parsed = threadTargetSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { accountId, threadId, containerId } = parsed.data;
  return { accountId, threadId, ...(containerId ? { containerId } : {}) };
}

/** What the account's provider needs to find the thread. */
export function refOf(target: ThreadTarget): ThreadRef {
  return { threadId: target.threadId, ...(target.containerId ? { containerId: target.containerId } : {}) };
}

export function targetQuery(target: ThreadTarget): URLSearchParams {
  const query = new URLSearchParams({ account: target.accountId, thread: target.threadId });
  if (target.containerId) query.set('container', target.containerId);
  return query;
}

export function targetFromQuery(search: string): ThreadTarget | undefined {
  const query = new URLSearchParams(search);
  return parseTarget({ accountId: query.get('account') ?? undefined, threadId: query.get('thread') ?? undefined, containerId: query.get('container') ?? undefined });
}

/** One string per thread of an account, for maps. */
export function targetKey(target: { accountId: string; threadId: string }): string {
  return `${target.accountId}\u0000${target.threadId}`;
}
