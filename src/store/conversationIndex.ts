// A full-text index over everything the store holds — every thread's title and people, every
// loaded message's author, subject and text — across accounts and services, for Search
// Conversations. It follows the store's changes and indexes in slices of a few milliseconds
// (then yields to the event loop), so a 100,000-message thread arriving never stalls the host.
// Ranking is MiniSearch's BM25 (all words must match; the last one may be a prefix). No vscode.
//
// The documents are spread over shards of at most SHARD_SIZE, each its own MiniSearch: a single
// MiniSearch's maps (documents, field lengths, the posting lists of common words) all grow past a
// power of two at the same document, and rebuilding them at 65,536 documents took one add call
// 60–80 ms, more than any slice may. A query reads the newest shards first and stops adding
// shards once MATCH_CAP documents matched: a rare phrase is counted exactly, a word in nearly
// every message answers "at least" in bounded time.
import type MiniSearch from 'minisearch';
import type * as MiniSearchParts from './miniSearchParts';
import type { Message, MessageItem, Participant } from '../domain/model';
import { messagePlainText, normalizeQuery } from '../markdown/search';
import type { Subscription } from './emitter';
import type { StoreChange, ThreadStore } from './threadStore';

/** Characters of one message indexed (the rest of a huge body is not searchable). */
export const INDEXED_TEXT_MAX = 20_000;
/** How long one slice of indexing may run before it yields to the event loop. */
const SLICE_MS = 8;
/** Most results a query returns. */
export const RESULT_LIMIT = 200;
/** Documents per shard (one MiniSearch each). */
export const SHARD_SIZE = 4_096;
/** A query reads no further shard once this many documents matched (its counts are then "at least"). */
export const MATCH_CAP = 8_192;

type Shard = MiniSearch<IndexedDocument>;

interface IndexedDocument {
  id: string;
  kind: 'thread' | 'message';
  accountId: string;
  threadId: string;
  messageId?: string;
  title: string;
  people: string;
  author: string;
  text: string;
  at?: string;
  /** The message's place in the thread when indexed (0 = the first). */
  position?: number;
}

/** Per thread: what is indexed of it, so each change indexes only what is new. */
interface ThreadState {
  /** Title and people as indexed, and the shard holding them. */
  summaryText: string;
  summaryShard?: Shard;
  /** Messages of the run (from the first) already looked at, for the generation held. */
  checked: number;
  generation: number;
  /** Each indexed message's document id, with the item it was made from and its place (a change replaces it). */
  messages: Map<string, { item: Message; position: number; shard: Shard }>;
}

export interface ConversationHit {
  kind: 'thread' | 'message';
  accountId: string;
  threadId: string;
  /** For a message: its id, and its place in the thread when it was indexed (0 = the first). */
  messageId?: string;
  position?: number;
  author?: string;
  at?: string;
  score: number;
  /** The indexed words that matched, as indexed (lower case). */
  terms: string[];
  /** Found by the service's own search (src/search/serviceSearch.ts), not by the index: no words to show. */
  foundByService?: boolean;
}

export interface ConversationResults {
  hits: ConversationHit[];
  /** Matches in all (the hits are the best `limit` of them). */
  messages: number;
  threads: number;
  /** Threads found only by the services' own search, among the hits (not in the counts above). */
  foundByServices?: number;
  /** False when the query stopped at MATCH_CAP matches: the counts are then "at least". */
  complete: boolean;
  /** Threads and messages indexed when the query ran, and whether indexing is still going. */
  indexed: { threads: number; messages: number; pending: boolean };
}

/** Hooks for the benchmark: the longest slice, and what the yield is (setImmediate by default). */
export interface IndexOptions {
  yieldToLoop?: () => Promise<void>;
  now?: () => number;
  onSlice?: (ms: number) => void;
}

/**
 * Words: split at spaces, punctuation and symbols, and at control, reordering and invisible
 * characters too (a title that starts with a bidi override still has its first word).
 */
const WORD_BREAK = /[\p{Z}\p{P}\p{S}\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]+/u;

function tokenize(text: string): string[] {
  return text.split(WORD_BREAK).filter(Boolean);
}

function peopleText(people: readonly Participant[]): string {
  return people.map((person) => `${person.name ?? ''} ${person.address ?? ''}`.trim()).join(' · ');
}

function sameContent(a: Message, b: Message): boolean {
  if (a.subject !== b.subject || a.deleted !== b.deleted || a.author.name !== b.author.name || a.author.address !== b.author.address || a.body.kind !== b.body.kind) return false;
  if (a.body.kind === 'html' && b.body.kind === 'html') return a.body.html === b.body.html && a.body.text === b.body.text;
  return a.body.kind !== 'html' && b.body.kind !== 'html' && a.body.text === b.body.text;
}

function documentIdOf(accountId: string, threadId: string, key: string): string {
  return `${accountId}\u0000${threadId}\u0000${key}`;
}

function threadKey(accountId: string, threadId: string): string {
  return `${accountId}\u0000${threadId}`;
}

export class ConversationIndex implements Subscription {
  /** Oldest first; MiniSearch is loaded with the first (its own file in the release build, miniSearchParts.ts). */
  private readonly shards: Shard[] = [];
  private newShard(): Shard {
    const { MiniSearch: Engine } = require('./miniSearchParts') as typeof MiniSearchParts;
    return new Engine<IndexedDocument>({
      idField: 'id',
      fields: ['title', 'people', 'author', 'text'],
      storeFields: ['kind', 'accountId', 'threadId', 'messageId', 'author', 'at', 'position'],
      tokenize,
      searchOptions: { boost: { title: 3, people: 2, author: 1.5 }, combineWith: 'AND', tokenize },
    });
  }

  /** Adds a document to the newest shard (a new one when it is full), or replaces it where it is held; returns its shard. */
  private put(document: IndexedDocument, held: Shard | undefined): Shard {
    if (held) {
      held.replace(document);
      return held;
    }
    let shard = this.shards.at(-1);
    if (!shard || shard.documentCount >= SHARD_SIZE) {
      shard = this.newShard();
      this.shards.push(shard);
    }
    shard.add(document);
    return shard;
  }
  private readonly threads = new Map<string, ThreadState>();
  /** Threads with something new to index, in arrival order. */
  private readonly dirty = new Map<string, { accountId: string; threadId: string }>();
  private sweepAll = true;
  private running: Promise<void> | undefined;
  private messageCount = 0;
  private disposed = false;
  private readonly subscription: Subscription;
  private readonly yieldToLoop: () => Promise<void>;
  private readonly now: () => number;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: ThreadStore,
    private readonly options: IndexOptions = {},
  ) {
    this.yieldToLoop = options.yieldToLoop ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.now = options.now ?? (() => performance.now());
    this.subscription = store.onDidChange((change) => this.changed(change));
    this.schedule();
  }

  /** Threads and messages indexed so far. */
  get size(): { threads: number; messages: number } {
    return { threads: this.threads.size, messages: this.messageCount };
  }

  /** Whether changes are waiting to be indexed. */
  get pending(): boolean {
    return this.running !== undefined || this.sweepAll || this.dirty.size > 0;
  }

  /** Resolves once everything the store has announced so far is indexed. */
  whenIdle(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The best matches for `query` (every word must match; the last may be the start of a word). */
  query(query: string, limit = RESULT_LIMIT): ConversationResults {
    const text = normalizeQuery(query);
    const indexed = { ...this.size, pending: this.pending };
    if (!text) return { hits: [], messages: 0, threads: 0, complete: true, indexed };
    const options = { prefix: (term: string, index: number, terms: string[]) => index === terms.length - 1 && term.length >= 3 };
    const found: ReturnType<Shard['search']> = [];
    let complete = true;
    // Newest shards first, until enough matched.
    for (let next = this.shards.length - 1; next >= 0; next--) {
      if (found.length >= MATCH_CAP) {
        complete = false;
        break;
      }
      for (const result of (this.shards[next] as Shard).search(text, options)) found.push(result);
    }
    found.sort((a, b) => b.score - a.score);
    const threads = new Set<string>();
    let messages = 0;
    for (const result of found) {
      threads.add(threadKey(String(result['accountId']), String(result['threadId'])));
      if (result['kind'] === 'message') messages++;
    }
    const hits = found.slice(0, Math.max(0, limit)).map((result): ConversationHit => ({
      kind: result['kind'] === 'thread' ? 'thread' : 'message',
      accountId: String(result['accountId']),
      threadId: String(result['threadId']),
      ...(typeof result['messageId'] === 'string' ? { messageId: result['messageId'] } : {}),
      ...(typeof result['author'] === 'string' && result['author'] ? { author: result['author'] } : {}),
      ...(typeof result['at'] === 'string' ? { at: result['at'] } : {}),
      ...(typeof result['position'] === 'number' ? { position: result['position'] } : {}),
      score: result.score,
      terms: [...new Set(result.terms)],
    }));
    return { hits, messages, threads: threads.size, complete, indexed };
  }

  /** The message a hit names, as it was indexed (held here even when the store has reopened its thread). */
  message(hit: ConversationHit): Message | undefined {
    if (hit.messageId === undefined) return undefined;
    const state = this.threads.get(threadKey(hit.accountId, hit.threadId));
    return state?.messages.get(documentIdOf(hit.accountId, hit.threadId, `m:${hit.messageId || `#${hit.position ?? 0}`}`))?.item;
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.dirty.clear();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private changed(change: StoreChange): void {
    switch (change.kind) {
      case 'thread':
      case 'messages':
        this.dirty.set(threadKey(change.accountId, change.threadId), { accountId: change.accountId, threadId: change.threadId });
        break;
      case 'accountRemoved':
        this.forgetAccount(change.accountId);
        break;
      case 'threadList': {
        // A list's page brought threads (their titles and people): look over that list's threads.
        // Looking over every held thread on each list change re-read 20,000 threads some hundred
        // times while 20 accounts refreshed (seconds of the extension host's time).
        const list = this.store.threadList(change.accountId, change.containerId);
        for (const threadId of list?.threadIds ?? []) this.dirty.set(threadKey(change.accountId, threadId), { accountId: change.accountId, threadId });
        break;
      }
      case 'containers':
        // An account's containers: no thread comes with them (their lists announce their own).
        return;
      default:
        // A lookup brought threads: look over every held thread.
        this.sweepAll = true;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.running || this.disposed) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (!this.disposed && (this.sweepAll || this.dirty.size > 0)) this.schedule();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** Works through what changed, a slice at a time. */
  private async run(): Promise<void> {
    let sliceStart = this.now();
    const maybeYield = async () => {
      const elapsed = this.now() - sliceStart;
      if (elapsed < SLICE_MS) return;
      this.options.onSlice?.(elapsed);
      await this.yieldToLoop();
      sliceStart = this.now();
    };
    await this.yieldToLoop();
    sliceStart = this.now();
    // One iterator for the run: it sees entries added later, and never walks again over those
    // taken (a fresh `entries()` each time starts from the first, past every one deleted).
    let pending = this.dirty.entries();
    while (!this.disposed && (this.sweepAll || this.dirty.size > 0)) {
      if (this.sweepAll) {
        this.sweepAll = false;
        for (const held of this.store.heldThreads()) this.dirty.set(threadKey(held.accountId, held.summary.threadId), { accountId: held.accountId, threadId: held.summary.threadId });
      }
      let next = pending.next();
      if (next.done) {
        // Emptied meanwhile (an account removed clears what it had): start over on what is left.
        pending = this.dirty.entries();
        next = pending.next();
      }
      if (next.done) break;
      const [key, target] = next.value;
      this.dirty.delete(key);
      // A thread's messages are indexed a slice at a time: it goes back on the list until done.
      const done = this.indexThread(key, target.accountId, target.threadId, () => this.now() - sliceStart >= SLICE_MS);
      if (!done) this.dirty.set(key, target);
      await maybeYield();
    }
    this.options.onSlice?.(this.now() - sliceStart);
  }

  /** Indexes what is new in one thread until `overBudget`; true when nothing is left. */
  private indexThread(key: string, accountId: string, threadId: string, overBudget: () => boolean): boolean {
    if (!this.store.hasAccount(accountId)) return true;
    const view = this.store.thread(accountId, threadId);
    if (!view) return true;
    const id = view.summary.threadId;
    let state = this.threads.get(threadKey(accountId, id));
    if (!state) {
      state = { summaryText: '', checked: 0, generation: view.generation, messages: new Map() };
      this.threads.set(threadKey(accountId, id), state);
    }
    const summaryText = `${view.summary.title}\u0000${peopleText(view.summary.participants)}`;
    if (summaryText !== state.summaryText) {
      state.summaryText = summaryText;
      const document: IndexedDocument = {
        id: documentIdOf(accountId, id, 'thread'),
        kind: 'thread',
        accountId,
        threadId: id,
        title: view.summary.title.slice(0, INDEXED_TEXT_MAX),
        people: peopleText(view.summary.participants).slice(0, INDEXED_TEXT_MAX),
        author: '',
        text: '',
        ...(view.summary.updatedAt ? { at: view.summary.updatedAt } : {}),
      };
      state.summaryShard = this.put(document, state.summaryShard);
    }
    // A thread opened anew may hold other copies of its messages: look at each again (unchanged ones cost a lookup).
    if (view.generation !== state.generation) {
      state.generation = view.generation;
      state.checked = 0;
    }
    const run = view.messages;
    while (state.checked < run.length) {
      this.indexMessage(accountId, id, state, run[state.checked], state.checked);
      state.checked++;
      if (state.checked % 16 === 0 && overBudget()) return false;
    }
    for (const range of view.ranges) range.items.forEach((item, offset) => this.indexMessage(accountId, id, state, item, range.offset + offset));
    if (key !== threadKey(accountId, id)) this.dirty.delete(threadKey(accountId, id));
    return true;
  }

  private indexMessage(accountId: string, threadId: string, state: ThreadState, item: MessageItem | undefined, position: number): void {
    if (!item || item.type !== 'message') return;
    const documentId = documentIdOf(accountId, threadId, `m:${item.id || `#${position}`}`);
    const before = state.messages.get(documentId);
    // A thread opened again brings new copies of the same messages: only a change is indexed again.
    if (before && before.position === position && (before.item === item || sameContent(before.item, item))) {
      before.item = item;
      return;
    }
    const body = messagePlainText(item);
    const document: IndexedDocument = {
      id: documentId,
      kind: 'message',
      accountId,
      threadId,
      messageId: item.id,
      title: '',
      people: '',
      author: `${item.author.name ?? ''} ${item.author.address ?? ''}`.trim(),
      text: `${item.subject ?? ''}\n${body.length > INDEXED_TEXT_MAX ? body.slice(0, INDEXED_TEXT_MAX) : body}`,
      ...(item.createdAt ? { at: item.createdAt } : {}),
      position,
    };
    state.messages.set(documentId, { item, position, shard: this.put(document, before?.shard) });
    if (before === undefined) this.messageCount++;
  }

  private forgetAccount(accountId: string): void {
    for (const [key, state] of [...this.threads]) {
      if (!key.startsWith(`${accountId}\u0000`)) continue;
      const threadId = key.slice(accountId.length + 1);
      state.summaryShard?.discard(documentIdOf(accountId, threadId, 'thread'));
      for (const [documentId, { shard }] of state.messages) {
        shard.discard(documentId);
        this.messageCount--;
      }
      this.threads.delete(key);
    }
    for (const key of [...this.dirty.keys()]) if (key.startsWith(`${accountId}\u0000`)) this.dirty.delete(key);
  }
}
