// Issue 14's acceptance for the paging invariants, as properties over random misbehaving services:
// for every paging style (offset with a total, cursor, page number, the whole list at once) and
// every way the store is read (the tree's and the tools' thread lists, the panel's "Load more",
// the whole thread for the Markdown document, export and tools),
// - the requests made are at most ⌈distinct items delivered / page size⌉ + a small constant (the
//   page size being the service's first page);
// - every distinct item delivered is shown (or exported) exactly once, as its latest copy;
// - every operation ends, with the items or with a clear message.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Account, Container, MessageItem, Page, ThreadSummary } from '../../src/domain/model';
import { describeError } from '../../src/http/errors';
import { renderThreadMarkdown } from '../../src/markdown/render';
import { ServiceRegistry } from '../../src/providers/registry';
import type { MessagePaging, ServiceDescriptor, ServiceProvider } from '../../src/providers/types';
import { SLACK_PAGES } from '../../src/store/paging';
import type { ThreadStore } from '../../src/store/threadStore';
import { thread } from './support/fakeProvider';
import { parrot } from './support/fakeService/descriptor';
import { memoryStore } from './support/memoryStore';
import { MisbehavingService, TRICKS, marker, type Entry, type PagingStyle, type Trick } from './support/misbehavingService';

const STYLES: PagingStyle[] = ['offset', 'cursor', 'page', 'whole'];
const PAGING: Record<PagingStyle, MessagePaging> = { offset: 'offset', cursor: 'cursor', page: 'cursor', whole: 'single' };
/** The whole-thread fetch asks for offset pages six at a time: up to five may be in flight when one comes back empty. */
const IN_FLIGHT = 5;
/** Cases per property; THREADLINE_PROPERTY_RUNS raises it for a longer search. */
const RUNS = Number(process.env['THREADLINE_PROPERTY_RUNS'] ?? 150);
const STOPPED = /^Stopped after \d+ pages?: [^\n]+\.$/;
const container: Container = { kind: 'inbox', id: 'c', label: 'Box' };

const services = new ServiceRegistry(
  STYLES.map((style): ServiceDescriptor => ({ ...parrot, id: `model-${style}`, name: 'Model', capabilities: { ...parrot.capabilities, messagePaging: PAGING[style] } })),
);

function summaryOf(item: Entry): ThreadSummary {
  return { threadId: item.id, containerId: 'c', title: item.text, state: 'open', badges: [], participants: [] };
}

function messageOf(item: Entry): MessageItem {
  return { type: 'message', id: item.id, author: { role: 'customer' }, to: [], cc: [], body: { kind: 'text', text: item.text }, attachments: [], sources: [] };
}

const mapPage = <T>(page: Page<Entry>, map: (item: Entry) => T): Page<T> => ({ ...page, items: page.items.map(map) });

/** A provider whose every list (threads, or one thread's messages) is the model's. */
function providerOf(model: MisbehavingService): ServiceProvider {
  const offsets = model.options.style === 'offset' ? { threadCursorAt: String, messageCursorAt: String } : {};
  return {
    listContainers: async () => [container],
    listThreads: async (_container, options) => mapPage(model.answer(options.cursor), summaryOf),
    openThread: async () => ({ thread: thread('t', { containerId: 'c' }), messages: mapPage(model.answer(undefined), messageOf) }),
    listMessages: async (_ref, cursor) => mapPage(model.answer(cursor), messageOf),
    testConnection: async () => 'ok',
    ...offsets,
  };
}

interface Outcome {
  ids: readonly string[];
  stopped?: string;
  error?: unknown;
  /** The text each item is shown with. */
  text(id: string): string | undefined;
}

type Consumer = 'list' | 'panel' | 'whole';

async function read(consumer: Consumer, store: ThreadStore): Promise<Outcome> {
  const target = { accountId: 'a', threadId: 't', containerId: 'c' };
  let rounds = 0;
  const more = () => {
    if (++rounds > 20_000) throw new Error('runaway: the consumer was never told the end');
  };
  if (consumer === 'list') {
    // The tree's thread list (and the tools' listing): "Load more" until there is no more.
    let view = await store.ensureThreads('a', container);
    while (view.state === 'loaded' && view.next !== undefined && view.moreError === undefined) {
      more();
      await store.loadMoreThreads('a', 'c');
      view = store.threadList('a', 'c') ?? view;
    }
    const error = view.state === 'failed' ? view.error : view.moreError;
    return { ids: view.threadIds, ...(view.stopped ? { stopped: view.stopped } : {}), ...(error ? { error } : {}), text: (id) => store.summary('a', id)?.title };
  }
  const text = (messages: readonly MessageItem[]) => (id: string) => {
    const found = messages.find((item) => item.id === id);
    return found?.type === 'message' && found.body.kind === 'text' ? found.body.text : undefined;
  };
  if (consumer === 'panel') {
    // The panel: the thread's first page, then "Load more" until there is no more.
    let view = await store.openThread(target);
    while (view.state === 'loaded' && view.hasMore && view.moreError === undefined) {
      more();
      await store.loadMoreMessages(target);
      view = store.thread('a', 't') ?? view;
    }
    const error = view.state === 'failed' ? view.error : view.moreError;
    return { ids: view.messages.map((item) => item.id ?? '?'), ...(view.stopped ? { stopped: view.stopped } : {}), ...(error ? { error } : {}), text: text(view.messages) };
  }
  // The Markdown document, export and the tools: the whole thread, rendered.
  try {
    const whole = await store.loadWholeThread(target, { fresh: true });
    const document = renderThreadMarkdown({ serviceName: 'Model', accountLabel: 'Account' }, whole.thread, whole.messages, whole.stopped);
    // Each message is found in the document by its token, exactly once.
    for (const item of whole.messages) {
      const version = /tok(i\d+)v(\d+)end/.exec(item.type === 'message' && item.body.kind === 'text' ? item.body.text : '');
      assert.ok(version, `message ${item.id} carries its token`);
      assert.equal(document.split(version[0]).length - 1, 1, `${version[0]} appears once in the document`);
    }
    if (whole.stopped) assert.ok(document.includes('Stopped after'), 'the document says why it stopped');
    return { ids: whole.messages.map((item) => item.id ?? '?'), ...(whole.stopped ? { stopped: whole.stopped } : {}), text: text(whole.messages) };
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return { ids: [], error, text: () => undefined };
  }
}

/** The most requests over ⌈distinct / page size⌉ seen, per style and consumer (printed for the record). */
const worst = new Map<string, { cases: number; over: number; requests: number }>();

async function holds(style: PagingStyle, consumer: Consumer, size: number, pageSize: number, tricks: Trick[], seed: number): Promise<void> {
  const model = new MisbehavingService({ style, size, pageSize, tricks, growAt: consumer === 'list' ? 'front' : 'end', seed });
  const account: Account = { id: 'a', service: `model-${style}`, label: 'Model account', baseUrl: 'https://model.example', options: {} };
  const store = memoryStore([{ account, provider: providerOf(model) }], { services });
  const outcome = await read(consumer, store);

  // Bounded requests.
  const distinct = model.delivered.size;
  const justified = Math.ceil(distinct / Math.max(1, model.firstPage ?? 0));
  const allowance = SLACK_PAGES + (consumer === 'whole' && style === 'offset' ? IN_FLIGHT : 0);
  assert.ok(model.requests <= justified + allowance, `${model.requests} requests for ${distinct} distinct items in pages of ${model.firstPage} (allowed ${justified + allowance})`);
  const key = `${style} · ${consumer}`;
  const record = worst.get(key) ?? { cases: 0, over: 0, requests: 0 };
  worst.set(key, { cases: record.cases + 1, over: Math.max(record.over, model.requests - justified), requests: Math.max(record.requests, model.requests) });

  if (outcome.error !== undefined) {
    // Ended with a clear message: the typed error names the service and what went wrong.
    assert.match(describeError(outcome.error), /^Model answered 500$/);
    if (consumer === 'whole') return;
  }
  if (outcome.stopped !== undefined) assert.match(outcome.stopped, STOPPED);

  // Each delivered item shown once, as the latest copy the service sent.
  assert.equal(new Set(outcome.ids).size, outcome.ids.length, `no item twice: ${outcome.ids.join(' ')}`);
  assert.deepEqual([...outcome.ids].sort(), [...model.delivered.keys()].sort(), 'every item delivered is shown');
  for (const [id, copy] of model.delivered) {
    const shown = outcome.text(id) ?? '';
    assert.ok(shown.includes(marker(id, copy.version)), `${id} shows its latest copy (v${copy.version}): ${shown.slice(0, 40)}`);
  }

  // The items, or a clear message: nothing the service held throughout goes missing in silence.
  const missing = model.stable().filter((id) => !outcome.ids.includes(id));
  if (missing.length > 0 && outcome.error === undefined && !model.endedByEmptyPage) {
    assert.ok(outcome.stopped, `${missing.length} items missing (${missing.slice(0, 5).join(' ')}) without a word`);
  }
  store.dispose();
}

const trick = fc.constantFrom<Trick>(...TRICKS);
/** Mostly well-behaved requests, each of the tricks now and then. */
const tricks = fc.array(fc.oneof({ arbitrary: fc.constant<Trick>('normal'), weight: 3 }, { arbitrary: trick, weight: 2 }), { maxLength: 24 });

describe('paging invariants over random misbehaving services (fast-check)', function () {
  this.timeout(120_000);

  after(() => {
    for (const [key, record] of worst) {
      console.log(`    [paging] ${key}: ${record.cases} cases, at most ${record.over} requests over ⌈distinct / page size⌉ (bound ${SLACK_PAGES}${key === 'offset · whole' ? ` + ${IN_FLIGHT} in flight` : ''}); most requests in one case ${record.requests}`);
    }
  });

  for (const consumer of ['list', 'panel', 'whole'] as const) {
    for (const style of STYLES) {
      const what = consumer === 'list' ? 'a thread list read to its end (tree, tools)' : consumer === 'panel' ? 'a thread in the panel, "Load more" to the end' : 'a whole thread rendered (document, export, tools)';
      it(`${style} paging: ${what} — bounded requests, each item once, a clear end`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 }), tricks, fc.integer({ min: 1, max: 2 ** 30 }), (size, pageSize, sequence, seed) =>
            holds(style, consumer, size, pageSize, sequence, seed),
          ),
          { numRuns: RUNS, includeErrorInReport: true },
        );
      });
    }
  }

  it('a service that keeps re-serving most of each page is stopped by the budget, and says so', async () => {
    // Pages of ten, each bringing one new item: never "nothing new", never a repeated cursor.
    let served = 0;
    const store = memoryStore([
      {
        account: { id: 'a', service: 'model-cursor', label: 'Model account', baseUrl: 'https://model.example', options: {} },
        provider: {
          ...providerOf(new MisbehavingService({ style: 'cursor', size: 0, pageSize: 1, tricks: [], growAt: 'end', seed: 1 })),
          listThreads: async (_container, options) => {
            served++;
            const step = Number(options.cursor ?? 0);
            const items = Array.from({ length: 10 }, (_, index) => summaryOf({ id: `i${index === 9 ? 100 + step : index}`, key: index, version: 0, text: 't' }));
            return { items, next: String(step + 1) };
          },
        },
      },
    ], { services });
    let view = await store.ensureThreads('a', container);
    while (view.next !== undefined) {
      await store.loadMoreThreads('a', 'c');
      view = store.threadList('a', 'c') ?? view;
    }
    assert.equal(view.threadIds.length, 9 + served, 'every new item shown');
    assert.ok(served <= Math.ceil(view.threadIds.length / 10) + SLACK_PAGES, `${served} requests`);
    assert.match(view.stopped ?? '', /^Stopped after \d+ pages: the service kept sending threads it had already sent\.$/);
  });

  it('offsets: items that moved up while the list was paged are read again, in their place', async () => {
    // Page two comes back after two items before it were deleted: without reading offsets 3–4
    // again, the two items that moved up into page one's range would be skipped.
    const list = Array.from({ length: 12 }, (_, index) => `i${index}`);
    const calls: number[] = [];
    const store = memoryStore([
      {
        account: { id: 'a', service: 'model-offset', label: 'Model account', baseUrl: 'https://model.example', options: {} },
        provider: {
          ...providerOf(new MisbehavingService({ style: 'offset', size: 0, pageSize: 1, tricks: [], growAt: 'end', seed: 1 })),
          threadCursorAt: String,
          listThreads: async (_container, options) => {
            const offset = Number(options.cursor ?? 0);
            calls.push(offset);
            if (calls.length === 2) list.splice(1, 2); // i1 and i2 are gone
            const items = list.slice(offset, offset + 5).map((id) => summaryOf({ id, key: 0, version: 0, text: id }));
            const next = offset + items.length < list.length ? String(offset + items.length) : undefined;
            return { items, offset, total: list.length, ...(next ? { next } : {}) };
          },
        },
      },
    ], { services });
    let view = await store.ensureThreads('a', container);
    while (view.next !== undefined) {
      await store.loadMoreThreads('a', 'c');
      view = store.threadList('a', 'c') ?? view;
    }
    assert.deepEqual(calls, [0, 5, 3], 'offsets 3–4 read again after the total went from 12 to 10');
    assert.deepEqual(view.threadIds, ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9', 'i10', 'i11'], 'nothing skipped, nothing twice, in the service’s order');
    assert.equal(view.stopped, undefined);
  });
});

describe('containers', () => {
  it('each container once, whatever the service repeats', async () => {
    const box = (id: string, label: string): Container => ({ kind: 'inbox', id, label });
    const store = memoryStore(
      [
        {
          account: { id: 'a', service: 'model-cursor', label: 'Model account', baseUrl: 'https://model.example', options: {} },
          provider: { ...providerOf(new MisbehavingService({ style: 'cursor', size: 0, pageSize: 1, tricks: [], growAt: 'end', seed: 1 })), listContainers: async () => [box('1', 'One'), box('2', 'Two'), box('1', 'One, renamed')] },
        },
      ],
      { services },
    );
    const view = await store.ensureContainers('a');
    assert.deepEqual(view.containers.map((container) => `${container.id}:${container.label}`), ['1:One, renamed', '2:Two']);
  });
});
