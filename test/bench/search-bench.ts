// The search part of `npm run bench` (plain Node, no HTTP): the conversation index fed the sample
// data's long AgentSend thread with 100,000 messages (the sample generator's messages, through
// AgentSend's own validation and mapping, served from memory by a stand-in provider), and queries
// over it. Measured:
// - indexing: the index starts once the store holds all 100,000 messages (its sweep), with the
//   longest event-loop stall seen by perf_hooks' monitorEventLoopDelay and by a 1 ms timer probe
//   (the larger of the two is reported), the longest slice the index says it ran, and the total;
// - following: the same while the store loads the thread page by page (the index follows it);
// - queries: a rare phrase, a common word, two words, a prefix — median and max over the runs.
import type { Account, MessageItem, Page, ThreadRef } from '../../src/domain/model';
import { decodeMessagePage, decodeThread } from '../../src/providers/agentsend/mapping';
import type { OpenedThread, ServiceProvider } from '../../src/providers/types';
import { AGENTSEND_IDS, SEARCH_PHRASE } from '../../src/sample';
import { longThreadOf } from '../../src/sample/agentsend-data';
import { ConversationIndex } from '../../src/store/conversationIndex';
import type { ThreadStore } from '../../src/store/threadStore';
import { memoryStore } from '../unit/support/memoryStore';
import { withStallProbe } from './stallProbe';

const PAGE = 100;

export interface QueryFigure {
  query: string;
  what: string;
  /** What it found: messages and threads (the same on every run). */
  messages: number;
  threads: number;
  /** False when the index stopped counting (MATCH_CAP): the counts are "at least". */
  complete: boolean;
  medianMs: number;
  maxMs: number;
  runs: number[];
}

export interface IndexingFigure {
  totalMs: number;
  /** The longest event-loop stall while it ran (the larger of the two probes). */
  longestStallMs: number;
  /** The longest slice the index itself reported. */
  longestSliceMs: number;
  slices: number;
}

export interface SearchResults {
  messages: number;
  /** Indexing what the store already holds. */
  indexing: IndexingFigure;
  /** Loading the thread page by page while the index follows. */
  following: IndexingFigure & { loadMs: number };
  queries: QueryFigure[];
}

/** A provider that serves the long thread from memory, through AgentSend's decoders. */
function memoryProvider(count: number): ServiceProvider {
  const record = longThreadOf(count);
  // Generated up front: the generator's own time is not the network's, nor Threadline's.
  record.messages(0, count);
  const context = { service: 'agentsend', headers: {} };
  const page = (offset: number): Page<MessageItem> => decodeMessagePage(offset, PAGE)({ data: record.messages(offset, PAGE), total: count, limit: PAGE, offset }, context);
  const refuse = () => Promise.reject(new Error('not served by the benchmark'));
  // Each answer arrives on a later turn of the event loop, as a network answer does.
  const later = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    listContainers: refuse,
    listThreads: refuse,
    openThread: async (): Promise<OpenedThread> => {
      await later();
      return { thread: decodeThread(record.thread, context), messages: page(0) };
    },
    listMessages: async (_ref: ThreadRef, cursor: string) => {
      await later();
      return page(Number(cursor));
    },
    messageCursorAt: (offset: number) => String(offset),
    threadCursorAt: (offset: number) => String(offset),
    testConnection: async () => 'bench',
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const round = (value: number) => Math.round(value * 100) / 100;

async function indexHeld(store: ThreadStore): Promise<IndexingFigure> {
  const slices: number[] = [];
  const started = performance.now();
  const { longestStallMs } = await withStallProbe(async () => {
    const index = new ConversationIndex(store, { onSlice: (ms) => slices.push(ms) });
    await index.whenIdle();
    return index;
  }).then(async (probe) => {
    probe.result.dispose();
    return probe;
  });
  return { totalMs: round(performance.now() - started), longestStallMs: round(longestStallMs), longestSliceMs: round(Math.max(0, ...slices)), slices: slices.length };
}

const ACCOUNT: Account = { id: 'bench', service: 'agentsend', label: 'Bench', baseUrl: 'http://127.0.0.1:9/agentsend', options: {} };
const TARGET = { accountId: ACCOUNT.id, threadId: AGENTSEND_IDS.longThread, containerId: AGENTSEND_IDS.support };
const ASKED: { query: string; what: string }[] = [
  { query: SEARCH_PHRASE, what: 'a rare phrase (one message)' },
  { query: 'orders', what: 'a common word (every message)' },
  { query: 'order history', what: 'two words (every message)' },
  { query: 'harb', what: 'a prefix (the customer’s address, every other message)' },
];

/** The index over what the store already holds, then the queries. */
async function indexHeldAndQuery(count: number, runs: number): Promise<{ indexing: IndexingFigure; queries: QueryFigure[] }> {
  const store = memoryStore([{ account: ACCOUNT, provider: memoryProvider(count) }]);
  try {
    await store.openThread(TARGET);
    await store.loadWholeThread(TARGET);
    const held = store.thread(ACCOUNT.id, TARGET.threadId)?.messages.length ?? 0;
    if (held !== count) throw new Error(`the store holds ${held} messages, not ${count}`);
    const indexing = await indexHeld(store);
    const index = new ConversationIndex(store);
    await index.whenIdle();
    const queries = ASKED.map(({ query, what }): QueryFigure => {
      index.query(query); // warm
      const times: number[] = [];
      let found = { messages: 0, threads: 0, complete: true };
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        const results = index.query(query);
        times.push(performance.now() - started);
        found = { messages: results.messages, threads: results.threads, complete: results.complete };
      }
      return { query, what, ...found, medianMs: round(median(times)), maxMs: round(Math.max(...times)), runs: times.map(round) };
    });
    index.dispose();
    return { indexing, queries };
  } finally {
    store.dispose();
  }
}

/** The index following while the store loads the thread page by page. */
async function follow(count: number): Promise<SearchResults['following']> {
  const store = memoryStore([{ account: ACCOUNT, provider: memoryProvider(count) }]);
  const slices: number[] = [];
  const index = new ConversationIndex(store, { onSlice: (ms) => slices.push(ms) });
  const started = performance.now();
  try {
    const { result: loadMs, longestStallMs } = await withStallProbe(async () => {
      await store.openThread(TARGET);
      await store.loadWholeThread(TARGET);
      const loaded = performance.now() - started;
      await index.whenIdle();
      return loaded;
    });
    return { totalMs: round(performance.now() - started), loadMs: round(loadMs), longestStallMs: round(longestStallMs), longestSliceMs: round(Math.max(0, ...slices)), slices: slices.length };
  } finally {
    index.dispose();
    store.dispose();
  }
}

/** Indexes `messages` messages of the long thread (what the store holds, then following it) and queries them. */
export async function measureSearch(options: { messages: number; runs: number }): Promise<SearchResults> {
  const held = await indexHeldAndQuery(options.messages, options.runs);
  const following = await follow(options.messages);
  return { messages: options.messages, indexing: held.indexing, following, queries: held.queries };
}
