// threadline_readThread: one thread as compact Markdown — its facts, the service's cards, and as
// many messages as the token budget admits: the most recent ones, or the range asked for, with a
// note saying how many are shown of how many and how to ask for the rest. No vscode here.
import type { MessageItem, Thread } from '../domain/model';
import type { ThreadTarget } from '../domain/target';
import { describeError, isAbortError } from '../http/errors';
import { ASSISTANT_BODY_MAX, cardSection, codeId, isPlainId, line, messageBlock, threadHeader, type AssistantOrigin } from '../markdown/assistantMarkdown';
import type { ThreadStore } from '../store/threadStore';
import type { ServiceRegistry } from '../providers/registry';
import { estimateTokens, type TokenBudget } from './budget';
import type { ReadInput } from './inputs';
import { TOOL_NAMES } from './inputs';
import { ResultItem, budgetedResult, layOut } from './result';
import { findAccount, knownAccounts, type AccountList } from './scope';

export interface ThreadToolDeps {
  store: ThreadStore;
  accounts: AccountList;
  services: ServiceRegistry;
}

export interface ToolCall {
  signal: AbortSignal;
  budget: TokenBudget;
}

/** Where a thread lives, as the assistant Markdown names it. */
export function assistantOrigin(store: ThreadStore, accountId: string, containerId: string | undefined): AssistantOrigin {
  const origin = store.originOf(accountId, containerId);
  return {
    serviceName: origin.serviceName,
    accountLabel: origin.accountLabel,
    accountId,
    ...(containerId ? { containerId } : {}),
    ...(origin.containerLabel ? { containerLabel: origin.containerLabel } : {}),
  };
}

/** How to read a slice of a thread, as a call a model can copy. */
export function readCall(target: ThreadTarget, range?: { from: number; to: number }): string | undefined {
  if (![target.accountId, target.threadId, target.containerId ?? ''].every((id) => id === '' || isPlainId(id))) return undefined;
  const input = { accountId: target.accountId, threadId: target.threadId, ...(target.containerId ? { containerId: target.containerId } : {}), ...(range ? { range } : {}) };
  return `${TOOL_NAMES.read} ${JSON.stringify(input)}`;
}

export async function readThread(deps: ThreadToolDeps, input: ReadInput, call: ToolCall): Promise<string> {
  const account = findAccount(deps.accounts, input.accountId);
  if (!account) throw new Error(`No Threadline account has the id “${input.accountId}”. ${knownAccounts(deps.accounts)}`);
  const target: ThreadTarget = { accountId: account.id, threadId: input.threadId, ...(input.containerId ? { containerId: input.containerId } : {}) };
  let whole;
  try {
    whole = await deps.store.loadWholeThread(target, { signal: call.signal });
  } catch (error) {
    if (call.signal.aborted || isAbortError(error)) throw error;
    return (
      await budgetedResult([], () => ({
        summary: `Threadline could not read thread ${codeId(input.threadId)} of ${account.label}.`,
        content: [`What the service said: ${line(describeError(error), 600)}`],
        notes: ['Check the ids (threadline_searchConversations or threadline_listThreads give them).'],
      }), call.budget, call.signal)
    ).text;
  }
  const threadId = deps.store.serviceIdOf(account.id, input.threadId);
  const containerId = target.containerId ?? whole.thread.containerId;
  const ids: ThreadTarget = { accountId: account.id, threadId, ...(containerId ? { containerId } : {}) };
  const rendered = await renderThreadForAssistant(
    { origin: assistantOrigin(deps.store, account.id, containerId), thread: { ...whole.thread, threadId }, messages: whole.messages, ...(whole.stopped ? { stopped: whole.stopped } : {}) },
    ids,
    input.range,
    call,
  );
  return rendered.text;
}

export interface WholeThreadForAssistant {
  origin: AssistantOrigin;
  thread: Thread;
  messages: readonly MessageItem[];
  stopped?: string;
}

/**
 * The thread within the budget. Without a range the most recent messages are admitted first;
 * with one, the range from its start. Also what "Copy Thread for Chat" copies.
 */
export async function renderThreadForAssistant(
  whole: WholeThreadForAssistant,
  ids: ThreadTarget,
  range: ReadInput['range'],
  call: ToolCall,
): Promise<{ text: string; shown: number; total: number }> {
  const { thread, messages } = whole;
  const total = messages.length;
  const from = range ? range.from : 1;
  const to = range ? Math.min(range.to ?? total, total) : total;
  const fixed = new Map<number, string>([[0, [threadHeader(whole.origin, thread, { links: thread.links, messagesShown: `${total} messages` }), ...thread.cards.map(cardSection)].join('\n\n')]]);
  if (thread.messagesUnavailable) fixed.set(1, `> ${line(thread.messagesUnavailable, 600)}`);
  if (whole.stopped) fixed.set(2, `(${line(whole.stopped, 300)})`);
  /** Message indexes in the order they are admitted. */
  const admitted: number[] = [];
  if (!thread.messagesUnavailable && from <= to) {
    if (range) for (let index = from - 1; index < to; index++) admitted.push(index);
    else for (let index = total - 1; index >= 0; index--) admitted.push(index);
  }
  const summary = `Thread ${codeId(ids.threadId)} of ${line(whole.origin.accountLabel, 120)} (${whole.origin.serviceName}), read by Threadline.`;
  const render = (bodyMax: number) => {
    const items = admitted.map((index) => new ResultItem(3, index, () => messageBlock(messages[index] as MessageItem, index + 1, bodyMax, thread.title)));
    return budgetedResult(items, (count) => ({ summary, content: layOut(items, count, fixed), notes: notesFor(count) }), call.budget, call.signal);
  };
  const notesFor = (count: number): string[] => {
    if (thread.messagesUnavailable) return [];
    if (range && from > total) return [`The thread has ${total} messages; the range asked for starts at ${from}. Ask for a range within 1–${total}.`];
    // Admitted either forwards from the range's start or backwards from the end: the span is at its two ends.
    const ends = count ? [admitted[0] as number, admitted[count - 1] as number] : [];
    const first = count ? Math.min(...ends) + 1 : 0;
    const last = count ? Math.max(...ends) + 1 : 0;
    if (count === total) return total ? [`All ${total} messages are shown.`] : ['The thread has no messages.'];
    const shown = count ? `messages ${first}–${last}` : 'no messages';
    if (!range) {
      const before = { from: Math.max(1, first - Math.max(count, 1)), to: first - 1 };
      const next = readCall(ids, before);
      return [`Showing ${count} of ${total} messages (${shown}, the most recent) — ask for a range to read earlier ones${next ? `: ${next}` : '.'}`];
    }
    if (count === admitted.length) return [`Showing ${count} of ${total} messages (${shown}), the range asked for.`];
    const rest = readCall(ids, { from: last + 1, to });
    return [`Showing ${count} of ${total} messages (${shown}) of the range ${from}–${to} asked for — ask for a range for the rest${rest ? `: ${rest}` : '.'}`];
  };
  let result = await render(ASSISTANT_BODY_MAX);
  if (result.shown === 0 && admitted.length > 0) {
    // Not even one message fits whole: shorten the bodies to what the budget leaves.
    const left = call.budget.limit - estimateTokens(result.text);
    if (left > 100) result = await render(Math.max(200, Math.floor(left * 3)));
  }
  return { text: result.text, shown: result.shown, total };
}
