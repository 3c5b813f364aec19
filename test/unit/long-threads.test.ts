// Long threads in the store: the last page of an offset-paged thread without the pages before it,
// pages held apart joining the run, loading forward with progress and cancel, searching every
// page, and a restored panel waiting for its account before it loads.
import * as assert from 'node:assert/strict';
import type { Account, MessageItem, Page } from '../../src/domain/model';
import type { StoreChange } from '../../src/store/threadStore';
import { countOccurrences, findMatches } from '../../src/markdown/search';
import { fakeProvider, thread } from './support/fakeProvider';
import { memoryStore } from './support/memoryStore';

const account = (id: string, service: string): Account => ({ id, service, label: `${service} account`, baseUrl: 'https://api.example.com', options: {} });

function message(index: number, text = `message ${index + 1}`): MessageItem {
  return { type: 'message', id: `m${index}`, author: { role: index % 2 ? 'agent' : 'customer' }, to: [], cc: [], body: { kind: 'text', text }, attachments: [], sources: [] };
}

/** An offset-paged thread (AgentSend-like) of `total` messages, 100 a page; `text` overrides bodies. */
function offsetThread(total: number, text: (index: number) => string = (index) => `message ${index + 1}`) {
  const page = (offset: number): Page<MessageItem> => {
    const items: MessageItem[] = [];
    for (let index = offset; index < Math.min(total, offset + 100); index++) items.push(message(index, text(index)));
    return { items, total, ...(offset + 100 < total ? { next: String(offset + 100) } : {}) };
  };
  const provider = {
    ...fakeProvider({ open: () => ({ thread: thread('long'), messages: page(0) }), messages: (_id, cursor) => page(Number(cursor)) }),
    messageCursorAt: (offset: number) => String(offset),
  };
  return provider;
}

/** A cursor-paged thread (Tybrite-like): no total, one page after another. */
function cursorThread(total: number) {
  const page = (offset: number): Page<MessageItem> => {
    const items: MessageItem[] = [];
    for (let index = offset; index < Math.min(total, offset + 50); index++) items.push(message(index));
    return { items, ...(offset + 50 < total ? { next: `c${offset + 50}` } : {}) };
  };
  return fakeProvider({ open: () => ({ thread: thread('chat'), messages: page(0) }), messages: (_id, cursor) => page(Number(cursor.slice(1))) });
}

const messageCalls = (calls: readonly string[]) => calls.filter((call) => call.startsWith('listMessages'));

describe('long threads in the store', () => {
  const target = { accountId: 'a', threadId: 'long' };

  it('loads the last page of a 10,000-message thread directly, without the pages before it', async () => {
    const provider = offsetThread(10_000);
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    const changes: StoreChange[] = [];
    store.onDidChange((change) => changes.push(change));
    await store.openThread(target);
    await store.loadMessagesAt(target, 9_999);
    assert.deepEqual(messageCalls(provider.calls), ['listMessages:long:9900'], 'one request, for the page that holds message 10,000');
    const record = store.thread('a', 'long');
    assert.equal(record?.messages.length, 100, 'the run from the first message is unchanged');
    assert.deepEqual(record?.ranges.map((range) => [range.offset, range.items.length]), [[9_900, 100]]);
    assert.equal(store.messagesIn(target, 9_998, 10_000).map((item) => item?.id).join(','), 'm9998,m9999');
    assert.equal(store.messagesIn(target, 5_000, 5_001)[0], undefined, 'a message in between is not held');
    assert.ok(changes.some((change) => change.kind === 'messages' && change.range?.offset === 9_900 && change.range.count === 100));
    // Asked again: nothing more is fetched.
    await store.loadMessagesAt(target, 9_950);
    assert.equal(messageCalls(provider.calls).length, 1);
  });

  it('opened again where the reader will land, a held thread asks for that page alongside the refresh, not after it', async () => {
    const provider = offsetThread(10_000);
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    await store.openThread(target);
    provider.calls.length = 0;
    await store.openThread(target, { force: true, landingAt: 9_999 });
    assert.deepEqual(provider.calls, ['listMessages:long:9900', 'openThread:long'], 'the landing page is asked for before the refresh is even sent');
    await store.loadMessagesAt(target, 9_999);
    assert.equal(messageCalls(provider.calls).length, 1, 'the reader waits for that answer rather than asking again');
    assert.equal(store.messagesIn(target, 9_999, 10_000)[0]?.id, 'm9999', 'held beside the fresh first page');
    assert.equal(store.thread('a', 'long')?.messages.length, 100);
  });

  it('a landing page whose thread changed meanwhile (its total moved) is dropped, and the reader’s page asked for again', async () => {
    let total = 10_000;
    const page = (offset: number): Page<MessageItem> => ({ items: Array.from({ length: Math.max(0, Math.min(100, total - offset)) }, (_, i) => message(offset + i)), total, ...(offset + 100 < total ? { next: String(offset + 100) } : {}) });
    const provider = { ...fakeProvider({ open: () => ({ thread: thread('long'), messages: page(0) }), messages: (_id, cursor) => page(Number(cursor)) }), messageCursorAt: (offset: number) => String(offset) };
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    await store.openThread(target);
    const opening = store.openThread(target, { force: true, landingAt: 9_999 });
    total = 10_050; // new messages arrive between the landing page's answer and the refresh's
    await opening;
    await store.loadMessagesAt(target, 9_999);
    assert.deepEqual(messageCalls(provider.calls), ['listMessages:long:9900', 'listMessages:long:9900'], 'asked again for the fresh thread');
    assert.equal(store.thread('a', 'long')?.total, 10_050);
    assert.equal(store.messagesIn(target, 9_999, 10_000)[0]?.id, 'm9999');
  });

  it('joins a page held apart to the run once the pages between arrive, and pages on after it', async () => {
    const provider = offsetThread(350);
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    await store.openThread(target);
    await store.loadMessagesAt(target, 250); // page 200–299
    await store.loadMoreMessages(target); // page 100–199, and 200–299 joins
    let record = store.thread('a', 'long');
    assert.equal(record?.messages.length, 300);
    assert.deepEqual(record?.ranges, []);
    assert.equal(record?.hasMore, true);
    await store.loadMoreMessages(target);
    record = store.thread('a', 'long');
    assert.equal(record?.messages.length, 350);
    assert.equal(record?.hasMore, false);
    assert.deepEqual(messageCalls(provider.calls), ['listMessages:long:200', 'listMessages:long:100', 'listMessages:long:300'], 'no page asked for twice');
    assert.deepEqual(record?.messages.map((item) => item.id), Array.from({ length: 350 }, (_, index) => `m${index}`));
  });

  it('a whole-thread fetch reuses the page held apart', async () => {
    const provider = offsetThread(1_000);
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    await store.openThread(target);
    await store.loadMessagesAt(target, 999);
    const whole = await store.loadWholeThread(target);
    assert.equal(whole.messages.length, 1_000);
    assert.equal(messageCalls(provider.calls).filter((call) => call.endsWith(':900')).length, 1, 'the last page was fetched once');
    assert.deepEqual(store.thread('a', 'long')?.ranges, []);
  });

  it('a cursor service loads forward to the end with progress after every page, and stops when cancelled', async () => {
    const provider = cursorThread(400);
    const store = memoryStore([{ account: account('t', 'tybrite'), provider }]);
    const chat = { accountId: 't', threadId: 'chat' };
    await store.openThread(chat);
    assert.equal(store.loadMessagesAt(chat, 399) instanceof Promise, true);
    await store.loadMessagesAt(chat, 399);
    assert.equal(store.thread('t', 'chat')?.messages.length, 50, 'a cursor service cannot jump');
    const controller = new AbortController();
    const progress: number[] = [];
    await assert.rejects(
      store.loadMessagesUntil(chat, undefined, {
        signal: controller.signal,
        onProgress: (loaded) => {
          progress.push(loaded);
          if (loaded >= 200) controller.abort();
        },
      }),
      (error: Error) => error.name === 'AbortError',
    );
    assert.deepEqual(progress, [100, 150, 200]);
    await store.loadMessagesUntil(chat, undefined, { onProgress: (loaded) => progress.push(loaded) });
    assert.deepEqual(progress.slice(3), [250, 300, 350, 400]);
    assert.equal(store.thread('t', 'chat')?.hasMore, false);
  });

  it('two calls for the next page make one request', async () => {
    const provider = cursorThread(400);
    const store = memoryStore([{ account: account('t', 'tybrite'), provider }]);
    const chat = { accountId: 't', threadId: 'chat' };
    await store.openThread(chat);
    await Promise.all([store.loadMoreMessages(chat), store.loadMoreMessages(chat)]);
    assert.deepEqual(messageCalls(provider.calls), ['listMessages:chat:c50']);
  });

  it('searches every page of the thread, with progress, and counts each occurrence', async () => {
    const provider = offsetThread(10_000, (index) => (index === 8_999 ? 'The quarterly reconciliation is attached. Reconciliation done.' : `message ${index + 1}`));
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    await store.openThread(target);
    const progress: number[] = [];
    const found = await store.searchMessages(target, '  Quarterly Reconciliation ', { onProgress: (loaded) => progress.push(loaded) });
    assert.deepEqual(found.matches, [{ index: 8_999, id: 'm8999', count: 1 }]);
    assert.equal(found.count, 1);
    assert.equal(found.searched, 10_000);
    assert.equal(found.total, 10_000);
    assert.ok(progress.length > 1 && progress.at(-1) === 10_000, 'progress up to every message');
    const twice = await store.searchMessages(target, 'reconciliation');
    assert.equal(twice.count, 2);
    assert.deepEqual(twice.matches.map((match) => match.count), [2]);
  });

  it('a search that is cancelled rejects and leaves what was loaded', async () => {
    const provider = offsetThread(1_000);
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    await store.openThread(target);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(store.searchMessages(target, 'x', { signal: controller.signal }), (error: Error) => error.name === 'AbortError');
    assert.equal(store.thread('a', 'long')?.state, 'loaded');
  });

  it('opening a thread waits until its account is ready (keys restored after a reload)', async () => {
    const provider = offsetThread(10);
    let ready: () => void = () => undefined;
    const whenReady = new Promise<void>((resolve) => (ready = resolve));
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }], { accountReady: () => whenReady });
    const opening = store.openThread(target);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(provider.calls, [], 'nothing asked before the account is ready');
    assert.equal(store.thread('a', 'long')?.state, 'loading');
    ready();
    assert.equal((await opening).state, 'loaded');
  });
});

describe('thread search text', () => {
  it('counts non-overlapping occurrences, ignoring case', () => {
    assert.equal(countOccurrences('Aaaa', 'aa'), 2);
    assert.equal(countOccurrences('abc', ''), 0);
  });

  it('searches the author, the subject and the text an HTML email reads as', () => {
    const items: MessageItem[] = [
      { ...(message(0) as Extract<MessageItem, { type: 'message' }>), body: { kind: 'html', html: '<p>Invoice &amp; <b>receipt</b></p>' } },
      { ...(message(1) as Extract<MessageItem, { type: 'message' }>), author: { role: 'agent', name: 'Receipt Desk' } },
      { type: 'unreadable', problem: 'receipt' },
    ];
    assert.deepEqual(findMatches(items, 'RECEIPT'), { matches: [{ index: 0, id: 'm0', count: 1 }, { index: 1, id: 'm1', count: 1 }], count: 2 });
    assert.deepEqual(findMatches(items, 'invoice & receipt').count, 1);
  });
});
