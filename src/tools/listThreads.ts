// threadline_listThreads: the recent threads of every account (or one account, one container),
// newest first, with status and unread counts — the first page of each container, as the Threads
// view shows it — filtered on what that page holds. The tool never changes the view's own filter.
// No vscode here.
import type { Account, FilterDefinition, FilterKey, ThreadSummary } from '../domain/model';
import { describeError } from '../http/errors';
import { matchesLocally } from '../store/filters';
import { codeId, line, threadLine } from '../markdown/assistantMarkdown';
import type { ListInput } from './inputs';
import type { ThreadToolDeps, ToolCall } from './readThread';
import { ResultItem, budgetedResult, layOut } from './result';
import { accountsInScope, containersOf, untilAborted } from './scope';

/** The most threads one call lists (the budget may admit fewer). */
const LIST_MAX = 50;

/** Every filter applied to the loaded page, whatever the service applies on its side. */
const ON_LOADED_PAGE: readonly FilterDefinition[] = (['priority', 'type', 'archived', 'unread'] as FilterKey[]).map((key) => ({ key, label: key, appliesOn: 'local' }));

type ListFilter = NonNullable<ListInput['filter']>;

/** Whether a thread passes the filter; a status matches the service's status word or one of its flags. */
export function passes(summary: ThreadSummary, filter: ListFilter): boolean {
  const status = filter.status?.trim().toLowerCase();
  if (status && (summary.status ?? summary.state).toLowerCase() !== status && !summary.badges.some((badge) => badge.toLowerCase() === status)) return false;
  const { status: _status, ...rest } = filter;
  return matchesLocally(summary, rest, ON_LOADED_PAGE);
}

interface Listed {
  account: Account;
  containerLabel: string;
  containerId: string;
  summary: ThreadSummary;
}

export async function listThreads(deps: ThreadToolDeps, input: ListInput, call: ToolCall): Promise<string> {
  const accounts = accountsInScope(deps.accounts, deps.services, { account: input.accountId });
  const wanted = input.container?.trim().toLowerCase();
  const problems: string[] = [];
  const containersSeen: string[] = [];
  const listed: Listed[] = [];
  let examined = 0;
  await Promise.all(
    accounts.map(async (account) => {
      const { containers, problem } = await containersOf(deps.store, account, call.signal);
      if (problem) problems.push(problem);
      containersSeen.push(...containers.map((container) => `${line(container.label, 80)} (${codeId(container.id)}, ${line(account.label, 80)})`));
      const chosen = wanted ? containers.filter((container) => container.id.toLowerCase() === wanted || container.label.toLowerCase() === wanted) : containers;
      await Promise.all(
        chosen.map(async (container) => {
          const list = await untilAborted(deps.store.ensureThreads(account.id, container), call.signal);
          if (list.state === 'failed') {
            problems.push(`${account.label} / ${container.label}: ${describeError(list.error)}`);
            return;
          }
          for (const threadId of list.threadIds) {
            const summary = deps.store.summary(account.id, threadId);
            if (!summary) continue;
            examined++;
            if (!input.filter || passes(summary, input.filter)) listed.push({ account, containerLabel: container.label, containerId: container.id, summary });
          }
        }),
      );
    }),
  );
  call.signal.throwIfAborted();
  listed.sort((a, b) => (b.summary.updatedAt ?? '').localeCompare(a.summary.updatedAt ?? ''));
  const shownAtMost = listed.slice(0, LIST_MAX);
  const items = shownAtMost.map(
    (entry, index) =>
      new ResultItem(1, index, () => {
        const threadId = deps.store.serviceIdOf(entry.account.id, entry.summary.threadId);
        const where = `${deps.services.get(entry.account.service).name} · ${line(entry.account.label, 80)} (${codeId(entry.account.id)}) · ${line(entry.containerLabel, 80)} (${codeId(entry.containerId)})`;
        return threadLine(entry.summary, { threadId }, where);
      }),
  );
  const fixed = new Map<number, string>();
  if (wanted && listed.length === 0 && containersSeen.length) fixed.set(0, `Containers: ${containersSeen.join('; ')}`);
  if (problems.length) fixed.set(2, `Could not be loaded:\n${problems.map((entry) => `- ${line(entry, 400)}`).join('\n')}`);
  const summary =
    listed.length === 0
      ? `No thread matches among the ${examined} recent threads Threadline loaded${input.container ? ` (container “${line(input.container, 80)}”)` : ''}.`
      : `Recent threads, newest first: ${listed.length} of the ${examined} loaded match${input.filter ? ' the filter' : ''}.`;
  const notes = (count: number): string[] => {
    const out = ['Each container lists its most recent threads (its first page, as the Threads view shows it); filters apply to those.'];
    if (count < listed.length) out.push(`Showing ${count} of ${listed.length} matching threads — narrow the list with accountId, container or filter to see others.`);
    if (listed.length) out.push('Read one with threadline_readThread {accountId, threadId, containerId} using the ids above.');
    return out;
  };
  return (await budgetedResult(items, (count) => ({ summary, content: layOut(items, count, fixed, new Set([1])), notes: notes(count) }), call.budget, call.signal)).text;
}
