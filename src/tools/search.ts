// Searching conversations, for the search tool. The tool asks a `ConversationSearch`; today's is
// a plain scan of what the store holds — titles, the people on a thread, and the text of the
// messages loaded so far — after loading each container's recent threads. A full-text index
// across accounts (with service-side search where an API has one) can take its place behind the
// same interface without the tool changing. No vscode here.
import type { Account, Message, ThreadSummary } from '../domain/model';
import { isMessage } from '../domain/model';
import { messageText } from '../markdown/assistantMarkdown';
import type { ThreadStore } from '../store/threadStore';
import { loadRecentThreads } from './scope';

export interface SearchRequest {
  query: string;
  accounts: readonly Account[];
  /** The most threads to return. */
  limit: number;
}

export interface MessageHit {
  /** The message's place in the thread, counting from 1 (what `range` takes). */
  number: number;
  message: Message;
  /** Plain text around the first match. */
  snippet: string;
}

export interface ThreadHit {
  accountId: string;
  summary: ThreadSummary;
  /** Where the words were found besides messages. */
  inTitle: boolean;
  inPeople: boolean;
  /** The first few matching messages. */
  messages: MessageHit[];
  /** How many loaded messages match in all. */
  messageMatches: number;
}

export interface SearchResults {
  hits: ThreadHit[];
  /** Matching threads beyond the limit. */
  more: number;
  searched: { threads: number; messages: number };
  /** What could not be searched, one line each (service words inside). */
  problems: string[];
  /** What this search covers, in a sentence for the reader. */
  coverage: string;
}

export interface ConversationSearch {
  search(request: SearchRequest, signal: AbortSignal): Promise<SearchResults>;
}

/** Messages shown per thread hit. */
const MESSAGES_PER_HIT = 3;
/** Characters of one message read for matching (bodies are capped before any pattern runs). */
const MESSAGE_SCAN_MAX = 50_000;
const SNIPPET_SIDE = 90;

/** Lower-case words of a query, at most eight, each at least one character. */
export function queryWords(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 8);
}

function containsAll(haystack: string, words: readonly string[]): boolean {
  return words.every((word) => haystack.includes(word));
}

/** About 180 characters of `text` around the first word found, on one line. */
export function snippetAround(text: string, words: readonly string[]): string {
  const lower = text.toLowerCase();
  const at = Math.min(...words.map((word) => lower.indexOf(word)).filter((index) => index >= 0));
  const start = Number.isFinite(at) ? Math.max(0, at - SNIPPET_SIDE) : 0;
  const end = Math.min(text.length, (Number.isFinite(at) ? at : 0) + SNIPPET_SIDE * 2);
  const piece = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${piece}${end < text.length ? '…' : ''}`;
}

/** The interim search: titles, people and loaded message text of what the store holds. */
export class LoadedConversationSearch implements ConversationSearch {
  constructor(private readonly store: ThreadStore) {}

  async search(request: SearchRequest, signal: AbortSignal): Promise<SearchResults> {
    const problems = await loadRecentThreads(this.store, request.accounts, signal);
    const words = queryWords(request.query);
    const inScope = new Set(request.accounts.map((account) => account.id));
    const scored: { hit: ThreadHit; score: number }[] = [];
    let threads = 0;
    let messages = 0;
    for (const held of this.store.heldThreads()) {
      if (!inScope.has(held.accountId)) continue;
      signal.throwIfAborted();
      threads++;
      messages += held.messages.length;
      const title = held.summary.title.toLowerCase();
      const people = held.summary.participants.map((person) => `${person.name ?? ''} ${person.address ?? ''}`).join(' ').toLowerCase();
      const inTitle = containsAll(title, words);
      const inPeople = !inTitle && containsAll(`${title} ${people}`, words);
      const hits: MessageHit[] = [];
      let matches = 0;
      held.messages.forEach((item, index) => {
        if (!isMessage(item)) return;
        const body = messageText(item);
        const text = `${item.subject ?? ''}\n${body.length > MESSAGE_SCAN_MAX ? body.slice(0, MESSAGE_SCAN_MAX) : body}`;
        if (!containsAll(text.toLowerCase(), words)) return;
        matches++;
        if (hits.length < MESSAGES_PER_HIT) hits.push({ number: index + 1, message: item, snippet: snippetAround(text, words) });
      });
      if (!inTitle && !inPeople && matches === 0) continue;
      const phrase = title.includes(words.join(' '));
      const score = (phrase ? 100 : 0) + (inTitle ? 50 : 0) + (inPeople ? 20 : 0) + Math.min(matches, 20) * 2;
      scored.push({ hit: { accountId: held.accountId, summary: held.summary, inTitle, inPeople, messages: hits, messageMatches: matches }, score });
    }
    scored.sort((a, b) => b.score - a.score || (b.hit.summary.updatedAt ?? '').localeCompare(a.hit.summary.updatedAt ?? ''));
    return {
      hits: scored.slice(0, request.limit).map((entry) => entry.hit),
      more: Math.max(0, scored.length - request.limit),
      searched: { threads, messages },
      problems,
      coverage:
        'This search covers the titles and people of the recent threads of each inbox, chatbot, company or customer list (their first page), ' +
        'and the text of messages Threadline has loaded in this window — not every message the services hold.',
    };
  }
}
