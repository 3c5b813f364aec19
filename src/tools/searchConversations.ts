// threadline_searchConversations: threads and messages that contain the words asked for, across
// the accounts in scope, through the search behind `ConversationSearch` — each hit with the ids
// to read it, where it lives, and the first matching messages with their number, author, time
// and a snippet. No vscode here.
import { codeId, compactTime, line, threadLine } from '../markdown/assistantMarkdown';
import type { SearchInput } from './inputs';
import type { ThreadToolDeps, ToolCall } from './readThread';
import { ResultItem, budgetedResult, layOut } from './result';
import { accountsInScope } from './scope';
import type { ConversationSearch, ThreadHit } from './search';
import { plural } from '../domain/format';

export interface SearchToolDeps extends ThreadToolDeps {
  search: ConversationSearch;
}

const DEFAULT_LIMIT = 10;

function hitText(deps: SearchToolDeps, hit: ThreadHit): string {
  const account = deps.accounts.get(hit.accountId);
  const threadId = deps.store.serviceIdOf(hit.accountId, hit.summary.threadId);
  const container = hit.summary.containerId ? ` · container ${codeId(hit.summary.containerId)}` : '';
  const where = account ? `${deps.services.get(account.service).name} · ${line(account.label, 80)} (${codeId(account.id)})${container}` : undefined;
  const lines = [threadLine(hit.summary, { threadId }, where)];
  const found = [hit.inTitle && 'title', hit.inPeople && 'people', hit.messageMatches > 0 && `${plural(hit.messageMatches, 'loaded message', 'loaded messages')}`].filter(Boolean);
  lines.push(`  - matched in: ${found.join(', ')}`);
  for (const message of hit.messages) {
    const who = message.message.author.name ?? message.message.author.address ?? message.message.author.role;
    const facts = [`message ${message.number}`, `id ${codeId(message.message.id)}`, line(who, 80), message.message.author.role, compactTime(message.message.createdAt)].filter(Boolean);
    lines.push(`  - ${facts.join(' · ')}: “${line(message.snippet, 400)}”`);
  }
  return lines.join('\n');
}

export async function searchConversations(deps: SearchToolDeps, input: SearchInput, call: ToolCall): Promise<string> {
  const accounts = accountsInScope(deps.accounts, deps.services, { account: input.account, service: input.service });
  const limit = input.limit ?? DEFAULT_LIMIT;
  const results = await deps.search.search({ query: input.query, accounts, limit }, call.signal);
  const items = results.hits.map((hit, index) => new ResultItem(0, index, () => hitText(deps, hit)));
  const fixed = new Map<number, string>();
  if (results.problems.length) fixed.set(1, `Could not be searched:\n${results.problems.map((entry) => `- ${line(entry, 400)}`).join('\n')}`);
  const matching = results.hits.length + results.more;
  const summary = matching
    ? `${plural(matching, 'thread', 'threads')} match “${line(input.query, 200)}” (${results.searched.threads} threads and ${results.searched.messages} loaded messages searched in ${plural(accounts.length, 'account', 'accounts')}), best first.`
    : `No thread matches “${line(input.query, 200)}” (${results.searched.threads} threads and ${results.searched.messages} loaded messages searched in ${plural(accounts.length, 'account', 'accounts')}).`;
  const notes = (count: number): string[] => {
    const out = [results.coverage];
    if (count < matching) out.push(`Showing ${count} of ${matching} matching threads — narrow the query, or name an account or service, for others.`);
    if (matching) out.push('Read a thread with threadline_readThread {accountId, threadId, containerId}; a message number above is what its range takes.');
    return out;
  };
  return (await budgetedResult(items, (count) => ({ summary, content: layOut(items, count, fixed, new Set([0])), notes: notes(count) }), call.budget, call.signal)).text;
}
