// "Threadline: Search Conversations…": one quick pick over every thread and message the store
// holds, across accounts and services, ranked by the conversation index as the user types. Each
// result says service, account, thread, author, time and the words that matched (all service text
// through the quick pick sink); choosing a message opens its thread at that message with the
// words highlighted.
import * as vscode from 'vscode';
import { plural, relativeTime } from '../domain/format';
import type { Message } from '../domain/model';
import type { ThreadTarget } from '../domain/target';
import type { Logger } from '../logger';
import { messagePlainText, normalizeQuery } from '../markdown/search';
import { pickDescription, pickDetail, pickLabel } from '../sinks/quickPick';
import type { ConversationHit, ConversationIndex, ConversationResults } from '../store/conversationIndex';
import type { ThreadStore } from '../store/threadStore';
import { MIN_QUERY_LENGTH, extraServiceHits, searchOnServices, type ServiceSearchResult } from './serviceSearch';

/** Results shown in the pick (the title says how many matched in all). */
const SHOWN = 50;
/** Threads found by the services' own search shown after the index's results. */
const SERVICE_SHOWN = 20;
/** How long typing pauses before the services are asked (each query is a request per container). */
const SERVICE_SEARCH_PAUSE_MS = 400;
/** Characters of message text read for a snippet. */
const SNIPPET_SOURCE_MAX = 20_000;
const SNIPPET_SIDE = 60;

export interface SearchDeps {
  store: ThreadStore;
  index: ConversationIndex;
  log: Logger;
  /** Opens the thread in a panel, at a message with words highlighted. */
  openAt: (target: ThreadTarget, at?: { index: number; highlight?: string }) => void;
  /** Told each search's results as the query changes (the Search Results view keeps the last). */
  onResults?: (query: string, results: ConversationResults) => void;
}

/** What one hit shows, as the service wrote it (each surface puts it through its own sink). */
export interface HitText {
  title: string;
  /** Service · account · author (or "thread") · when. */
  where: string;
  /** Service · account · title. */
  place: string;
  /** Author (or "thread") · when. */
  who: string;
  /** The words in context (a message), or the people (a thread). */
  context: string | undefined;
  matched: string;
}

interface ResultItem extends vscode.QuickPickItem {
  hit?: ConversationHit;
}

/** About 120 characters of `text` around the first of `terms`, on one line. */
export function snippetAround(text: string, terms: readonly string[]): string {
  const source = text.length > SNIPPET_SOURCE_MAX ? text.slice(0, SNIPPET_SOURCE_MAX) : text;
  const lower = source.toLowerCase();
  let at = -1;
  for (const term of terms) {
    const found = lower.indexOf(term);
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  const start = Math.max(0, at - SNIPPET_SIDE);
  const end = Math.min(source.length, Math.max(at, 0) + SNIPPET_SIDE * 2);
  const piece = source.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${piece}${end < text.length ? '…' : ''}`;
}

/** What the panel highlights: the query as typed where the message holds it, else the longest word that matched. */
export function highlightFor(query: string, text: string, terms: readonly string[]): string | undefined {
  const typed = normalizeQuery(query);
  if (typed && text.toLowerCase().includes(typed)) return typed;
  return [...terms].sort((a, b) => b.length - a.length)[0];
}

export function registerSearchCommand(deps: SearchDeps): vscode.Disposable[] {
  return [vscode.commands.registerCommand('threadline.searchConversations', () => showSearch(deps))];
}

/** What the quick pick and the Search Results view show of one hit. */
export function hitText(deps: SearchDeps, hit: ConversationHit): HitText | undefined {
  if (!deps.store.hasAccount(hit.accountId)) return undefined;
  const account = deps.store.account(hit.accountId);
  const summary = deps.store.summary(hit.accountId, hit.threadId);
  const title = summary?.title ?? hit.threadId;
  const origin = deps.store.originOf(hit.accountId, summary?.containerId);
  const message = messageOf(deps, hit);
  const who = [hit.kind === 'message' ? hit.author : 'thread', relativeTime(hit.at)].filter(Boolean).join(' · ');
  const snippet = message ? snippetAround(`${message.subject ?? ''} ${messagePlainText(message)}`, hit.terms) : undefined;
  const people = hit.kind === 'thread' && summary ? summary.participants.map((person) => person.name ?? person.address ?? '').filter(Boolean).join(', ') : undefined;
  return {
    title,
    where: [origin.serviceName, account.label, who].filter(Boolean).join(' · '),
    place: [origin.serviceName, account.label, title].join(' · '),
    who,
    context: snippet ? `“${snippet}”` : people || undefined,
    matched: hit.foundByService ? vscode.l10n.t('found by {0}’s own search', origin.serviceName) : `matched: ${hit.terms.join(', ')}`,
  };
}

/** How many matched: "2 messages in 2 threads", "3 threads", "nothing found", or "at least …" where the index stopped counting. */
export function countsOf(results: ConversationResults): string {
  const local = indexCountsOf(results);
  const byServices = results.foundByServices ?? 0;
  if (byServices === 0) return local;
  const more = plural(byServices, vscode.l10n.t('thread'), vscode.l10n.t('threads'));
  return results.hits.length === byServices ? vscode.l10n.t('{0} found by the services’ own search', more) : vscode.l10n.t('{0}, and {1} found by the services’ own search', local, more);
}

function indexCountsOf(results: ConversationResults): string {
  if (results.hits.length - (results.foundByServices ?? 0) === 0) return vscode.l10n.t('nothing found');
  const threads = plural(results.threads, vscode.l10n.t('thread'), vscode.l10n.t('threads'));
  const messages = plural(results.messages, vscode.l10n.t('message'), vscode.l10n.t('messages'));
  // Words in nearly every message: the index stopped counting (MATCH_CAP).
  if (!results.complete) return vscode.l10n.t('at least {0} in {1} — add a word to narrow it', messages, threads);
  if (results.messages === 0) return threads;
  return vscode.l10n.t('{0} in {1}', messages, threads);
}

function showSearch(deps: SearchDeps): void {
  const pick = vscode.window.createQuickPick<ResultItem>();
  pick.title = vscode.l10n.t('Search Conversations');
  pick.placeholder = vscode.l10n.t('Words in a title, a name or address, or a message — every account');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const disposables: vscode.Disposable[] = [pick];
  let shown: ConversationResults | undefined;
  // The services' own search (serviceSearch.ts): asked once the user pauses on a query.
  let service: { query: string; hits: ConversationHit[]; failures: ServiceSearchResult['failures'] } = { query: '', hits: [], failures: [] };
  let asking: { query: string; controller: AbortController } | undefined;
  let askTimer: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    const results = deps.index.query(pick.value);
    const query = normalizeQuery(pick.value);
    const extra = query && service.query === query ? extraServiceHits(results.hits, service.hits).slice(0, SERVICE_SHOWN) : [];
    const local = results.hits.slice(0, SHOWN - extra.length);
    const merged: ConversationResults = extra.length > 0 ? { ...results, hits: [...local, ...extra], foundByServices: extra.length } : results;
    shown = merged;
    const failures = query && service.query === query ? service.failures : [];
    pick.items = [
      ...local.flatMap((hit) => itemOf(deps, hit) ?? []),
      ...(extra.length > 0 ? [{ kind: vscode.QuickPickItemKind.Separator, label: vscode.l10n.t('found by the services’ own search') }] : []),
      ...extra.flatMap((hit) => itemOf(deps, hit) ?? []),
      ...failures.map((failure) => ({ kind: vscode.QuickPickItemKind.Separator, label: pickLabel(vscode.l10n.t('{0} could not search: {1}', deps.store.hasAccount(failure.accountId) ? deps.store.account(failure.accountId).label : failure.accountId, failure.message)) })),
    ];
    pick.title = titleOf(pick.value, merged);
    pick.busy = results.indexed.pending || asking !== undefined;
    if (query) deps.onResults?.(pick.value, merged);
  };
  const askServices = () => {
    const query = normalizeQuery(pick.value);
    if (query === service.query || query === asking?.query) return;
    asking?.controller.abort();
    asking = undefined;
    if (askTimer) clearTimeout(askTimer);
    if (query.length < MIN_QUERY_LENGTH || deps.store.accountsSearchingOnService().length === 0) return;
    askTimer = setTimeout(() => {
      const controller = new AbortController();
      asking = { query, controller };
      render();
      void searchOnServices(deps.store, query, controller.signal).then((found) => {
        if (controller.signal.aborted) return;
        asking = undefined;
        service = { query, ...found };
        for (const failure of found.failures) deps.log.info(`Search Conversations: an account could not search on its service: ${failure.message}`);
        render();
      });
    }, SERVICE_SEARCH_PAUSE_MS);
  };
  const update = () => {
    render();
    askServices();
  };
  // Results follow the index as it fills (a thread still loading, a long thread indexed in slices).
  let refresh: ReturnType<typeof setTimeout> | undefined;
  const changes = deps.store.onDidChange(() => {
    if (refresh) return;
    refresh = setTimeout(() => {
      refresh = undefined;
      void deps.index.whenIdle().then(() => {
        if (shown && normalizeQuery(pick.value)) update();
      });
    }, 250);
  });
  disposables.push(
    { dispose: () => changes.dispose() },
    { dispose: () => refresh && clearTimeout(refresh) },
    { dispose: () => (askTimer && clearTimeout(askTimer), asking?.controller.abort()) },
    pick.onDidChangeValue(update),
    pick.onDidAccept(() => {
      const hit = pick.selectedItems[0]?.hit;
      if (!hit) return;
      pick.hide();
      openHit(deps, hit, pick.value);
    }),
    pick.onDidHide(() => disposables.forEach((disposable) => disposable.dispose())),
  );
  update();
  pick.show();
  void deps.index.whenIdle().then(() => {
    if (!pick.busy) return;
    update();
  });
}

function titleOf(query: string, results: ConversationResults): string {
  const indexing = results.indexed.pending ? ' (indexing…)' : '';
  if (!normalizeQuery(query)) {
    return vscode.l10n.t('Search Conversations — {0} in {1} loaded{2}', plural(results.indexed.messages, vscode.l10n.t('message'), vscode.l10n.t('messages')), plural(results.indexed.threads, vscode.l10n.t('thread'), vscode.l10n.t('threads')), indexing);
  }
  return vscode.l10n.t('Search Conversations — {0}{1}', countsOf(results), indexing);
}

/** The message a hit names, as the index holds it. */
function messageOf(deps: SearchDeps, hit: ConversationHit): Message | undefined {
  return hit.kind === 'message' && hit.messageId !== undefined ? deps.index.message(hit) : undefined;
}

function itemOf(deps: SearchDeps, hit: ConversationHit): ResultItem | undefined {
  const text = hitText(deps, hit);
  if (!text) return undefined;
  return {
    label: `${hit.kind === 'message' ? '$(comment)' : '$(comment-discussion)'} ${pickLabel(text.title)}`,
    description: pickDescription(text.where),
    detail: pickDetail([text.context, text.matched].filter(Boolean).join(' — ')),
    alwaysShow: true,
    hit,
  };
}

/** Opens the thread a hit names at its message, the words highlighted (the quick pick's choice and a Search Results row). */
export function openHit(deps: SearchDeps, hit: ConversationHit, query: string): void {
  const summary = deps.store.summary(hit.accountId, hit.threadId);
  const target: ThreadTarget = { accountId: hit.accountId, threadId: hit.threadId, ...(summary?.containerId ? { containerId: summary.containerId } : {}) };
  const message = messageOf(deps, hit);
  if (!message || hit.position === undefined) {
    deps.openAt(target);
    return;
  }
  // Where the thread holds the message now (it may have moved since it was indexed).
  const held = deps.store.thread(hit.accountId, hit.threadId)?.messages ?? [];
  const now = held[hit.position]?.id === message.id ? hit.position : held.findIndex((item) => item.id === message.id);
  const highlight = highlightFor(query, `${message.author.name ?? ''}\n${message.author.address ?? ''}\n${message.subject ?? ''}\n${messagePlainText(message)}`, hit.terms);
  deps.log.info(`Search Conversations: opening a match at message ${(now >= 0 ? now : hit.position) + 1}`);
  deps.openAt(target, { index: now >= 0 ? now : hit.position, ...(highlight ? { highlight } : {}) });
}
