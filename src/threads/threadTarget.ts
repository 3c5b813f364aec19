// A thread of an account as commands, links and documents name it, and its one encoding in a
// URI query (`account`, `thread`, `container`): Threadline's own links and Markdown documents.
import type { ThreadRef } from '../domain/model';

export interface ThreadTarget extends ThreadRef {
  accountId: string;
}

/** What the account's adapter needs to find the thread. */
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
  const accountId = query.get('account');
  const threadId = query.get('thread');
  if (!accountId || !threadId) return undefined;
  const containerId = query.get('container');
  return { accountId, threadId, ...(containerId ? { containerId } : {}) };
}
