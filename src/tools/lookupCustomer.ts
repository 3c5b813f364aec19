// threadline_lookupCustomer: what Threadline knows of one customer by email — each account whose
// service looks customers up (Thred, with its insights and the chat history), and conversations
// of any service already seen with that address. A customer the service is still processing is
// followed through the store's one polling policy for a bounded time; then the result says it is
// still processing rather than wait longer. Cancelling stops the polling. No vscode here.
import type { Account, MessageItem, Thread } from '../domain/model';
import { emailProblem } from '../domain/email';
import type { ThreadTarget } from '../domain/target';
import type { Clock } from '../clock';
import { NotFoundError, describeError, isAbortError } from '../http/errors';
import { cardSection, codeId, line, messageBlock, threadHeader, threadLine } from '../markdown/assistantMarkdown';
import type { ThreadStore } from '../store/threadStore';
import { TOOL_NAMES, type LookupInput } from './inputs';
import { assistantOrigin, readCall, type ThreadToolDeps, type ToolCall } from './readThread';
import { ResultItem, budgetedResult, layOut } from './result';
import { loadRecentThreads, untilAborted } from './scope';
import { plural } from '../domain/format';

/** How long a lookup waits for a customer the service is still processing. */
export const LOOKUP_WAIT_MS = 30_000;
/** Messages of a found customer's conversation a lookup shows at most (the latest). */
const LOOKUP_MESSAGES = 20;
/** Of those, how many come before the conversations seen in other accounts. */
const FIRST_MESSAGES = 6;

export interface LookupToolDeps extends ThreadToolDeps {
  clock: Clock;
  waitMs?: number;
}

export type FollowOutcome = 'settled' | 'stillProcessing' | 'failed';

/**
 * Follows a processing thread through the store (the store polls, under its one policy) until it
 * settles, the store gives up or fails, or `timeoutMs` passes on the clock; rejects when the
 * signal aborts. The store stops polling as soon as nobody else watches.
 */
export function followUntilSettled(store: ThreadStore, clock: Clock, target: ThreadTarget, options: { signal: AbortSignal; timeoutMs: number }): Promise<FollowOutcome> {
  return new Promise<FollowOutcome>((resolve, reject) => {
    const deadline = new AbortController();
    const same = (threadId: string) => store.canonicalId(target.accountId, threadId) === store.canonicalId(target.accountId, target.threadId);
    const watch = store.watch(target);
    let done = false;
    const finish = (outcome: FollowOutcome | Error) => {
      if (done) return;
      done = true;
      watch.dispose();
      changes.dispose();
      deadline.abort();
      options.signal.removeEventListener('abort', onAbort);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const check = () => {
      const record = store.thread(target.accountId, target.threadId);
      if (!record) return;
      if (record.followError !== undefined) finish('failed');
      else if (record.follow === 'gaveUp') finish('stillProcessing');
      else if (record.summary.state !== 'processing') finish('settled');
    };
    const onAbort = () => finish(options.signal.reason instanceof Error ? options.signal.reason : new Error('Cancelled'));
    const changes = store.onDidChange((change) => {
      if (change.kind === 'thread' && change.accountId === target.accountId && same(change.threadId)) check();
    });
    options.signal.addEventListener('abort', onAbort, { once: true });
    clock.sleep(options.timeoutMs, deadline.signal).then(
      () => finish('stillProcessing'),
      () => undefined,
    );
    if (options.signal.aborted) onAbort();
    else check();
  });
}

interface Found {
  account: Account;
  thread: Thread;
  messages: readonly MessageItem[];
  outcome?: FollowOutcome;
}

export async function lookupCustomer(deps: LookupToolDeps, input: LookupInput, call: ToolCall): Promise<string> {
  const problem = emailProblem(input.email);
  if (problem) throw new Error(`${problem}. threadline_lookupCustomer needs one full email address.`);
  const email = input.email.trim();
  const all = deps.accounts.list();
  const askable = all.filter((account) => deps.services.get(account.service).capabilities.emailLookup);
  // Recent threads of every account first: their people are what "seen with this address" matches.
  const problems = await loadRecentThreads(deps.store, all, call.signal);
  const statements: string[] = [];
  const found: Found[] = [];
  await Promise.all(
    askable.map(async (account) => {
      try {
        found.push(await askAccount(deps, account, email, call.signal));
      } catch (error) {
        if (call.signal.aborted || isAbortError(error)) throw error;
        if (error instanceof NotFoundError) statements.push(`${account.label}: ${error.serviceMessage ?? 'no customer with this email'}`);
        else problems.push(`${account.label}: ${describeError(error)}`);
      }
    }),
  );
  call.signal.throwIfAborted();
  const foundKeys = new Set(found.map((hit) => `${hit.account.id}\u0000${deps.store.canonicalId(hit.account.id, hit.thread.threadId)}`));
  const seen = deps.store
    .threadsWithAddress(email)
    .filter((held) => deps.accounts.get(held.accountId) && !foundKeys.has(`${held.accountId}\u0000${deps.store.canonicalId(held.accountId, held.summary.threadId)}`));

  // Admitted first: each found customer's facts and cards and latest few messages, then the
  // conversations seen elsewhere, then more of the found customers' messages.
  const items: ResultItem[] = [];
  const messageItems = (hit: Found, position: number, from: number, to: number) => {
    const offset = Math.max(0, hit.messages.length - LOOKUP_MESSAGES);
    const latest = hit.messages.slice(offset);
    for (let index = latest.length - 1 - from; index >= 0 && index > latest.length - 1 - to; index--) {
      const message = latest[index] as MessageItem;
      items.push(new ResultItem(position * 2 + 1, offset + index, () => messageBlock(message, offset + index + 1, undefined, hit.thread.title)));
    }
  };
  found.forEach((hit, position) => {
    const threadId = deps.store.serviceIdOf(hit.account.id, hit.thread.threadId);
    const origin = assistantOrigin(deps.store, hit.account.id, hit.thread.containerId);
    items.push(new ResultItem(position * 2, 0, () => [threadHeader(origin, { ...hit.thread, threadId }, { links: hit.thread.links }), ...hit.thread.cards.map(cardSection)].join('\n\n')));
    messageItems(hit, position, 0, FIRST_MESSAGES);
  });
  const seenSection = found.length * 2;
  seen.forEach((held, position) => {
    const account = deps.accounts.get(held.accountId) as Account;
    const threadId = deps.store.serviceIdOf(held.accountId, held.summary.threadId);
    const where = `${deps.services.get(account.service).name} · ${line(account.label, 80)} (${codeId(account.id)})${held.summary.containerId ? ` · container ${codeId(held.summary.containerId)}` : ''}`;
    items.push(new ResultItem(seenSection, position, () => threadLine(held.summary, { threadId }, where)));
  });
  found.forEach((hit, position) => messageItems(hit, position, FIRST_MESSAGES, LOOKUP_MESSAGES));

  const fixed = new Map<number, string>();
  if (seen.length) fixed.set(seenSection, `### Conversations with ${line(email)} that Threadline has seen in other accounts`);
  if (statements.length) fixed.set(seenSection + 1, statements.map((statement) => `- ${line(statement, 400)}`).join('\n'));
  if (problems.length) fixed.set(seenSection + 2, `Could not be asked or loaded:\n${problems.map((entry) => `- ${line(entry, 400)}`).join('\n')}`);

  const notes = (count: number): string[] => {
    const out: string[] = [];
    found.forEach((hit) => {
      const service = deps.services.get(hit.account.service).name;
      if (hit.outcome === 'stillProcessing') {
        out.push(`${service} is still processing this customer${hit.thread.progress ? ` (${hit.thread.progress.percent}% done)` : ''}: Threadline waited ${Math.round((deps.waitMs ?? LOOKUP_WAIT_MS) / 1000)} s. What it has so far is shown; look the customer up again in a minute or two.`);
      } else if (hit.outcome === 'settled') {
        out.push(`${service} finished processing this customer while Threadline waited.`);
      } else if (hit.outcome === 'failed') {
        out.push(`${service} failed while Threadline waited for it to finish processing this customer.`);
      }
      const target = { accountId: hit.account.id, threadId: deps.store.serviceIdOf(hit.account.id, hit.thread.threadId), ...(hit.thread.containerId ? { containerId: hit.thread.containerId } : {}) };
      const shown = items.slice(0, count).filter((item) => found[Math.floor(item.section / 2)] === hit && item.section % 2 === 1).length;
      const next = readCall(target);
      if (hit.messages.length > shown) out.push(`Showing ${shown} of ${hit.messages.length} messages of that conversation (the most recent) — read it whole with ${next ?? TOOL_NAMES.read}.`);
    });
    if (count < items.length) out.push(`Not everything found fits the budget: ${items.length - count} more entries are not shown.`);
    if (askable.length === 0) out.push(`None of the connected accounts can look customers up by email (${deps.services.all.filter((descriptor) => descriptor.capabilities.emailLookup).map((descriptor) => descriptor.name).join(', ')} can); the conversations listed are the ones Threadline has seen with this address.`);
    return out;
  };
  const nothing = found.length === 0 && seen.length === 0;
  const summary = nothing
    ? `Threadline found no customer with the address ${line(email)} (${plural(askable.length, 'account', 'accounts')} asked, and the recent threads of every account searched).`
    : `What Threadline found for the customer ${line(email)}: ${plural(found.length, 'lookup result', 'lookup results')}, ${plural(seen.length, 'conversation', 'conversations')} seen in other accounts.`;
  return (await budgetedResult(items, (count) => ({ summary, content: layOut(items, count, fixed, new Set([seenSection])), notes: notes(count) }), call.budget, call.signal)).text;
}

/** One account's lookup, followed to completion (for a bounded time) when it is processing. */
async function askAccount(deps: LookupToolDeps, account: Account, email: string, signal: AbortSignal): Promise<Found> {
  const looked = await deps.store.lookupByEmail(account.id, email, signal);
  const target: ThreadTarget = { accountId: account.id, threadId: looked.threadId, ...(looked.containerId ? { containerId: looked.containerId } : {}) };
  let outcome: FollowOutcome | undefined;
  if (looked.state === 'processing' && deps.services.get(account.service).capabilities.processing) {
    outcome = await followUntilSettled(deps.store, deps.clock, target, { signal, timeoutMs: deps.waitMs ?? LOOKUP_WAIT_MS });
  }
  // The conversation itself (a settled lookup has it already; otherwise one request).
  let view = deps.store.thread(account.id, looked.threadId);
  if (view?.summary.state !== 'processing' && view?.state !== 'loaded') {
    view = await untilAborted(deps.store.openThread(target), signal);
  }
  return { account, thread: view?.thread ?? looked, messages: view?.messages ?? [], ...(outcome ? { outcome } : {}) };
}
