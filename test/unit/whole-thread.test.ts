// Fetching a whole thread (export, the Markdown document) from a service that misbehaves (issue
// 11): the number of requests is bounded by what the service delivers, never by what it claims,
// nothing is allocated from a claimed total, and the fetch says why it stopped.
import * as assert from 'node:assert/strict';
import type { Account, Message, MessageItem, Page } from '../../src/domain/model';
import { HARD_PAGE_CEILING } from '../../src/store/paging';
import { fakeProvider, thread } from './support/fakeProvider';
import { memoryStore } from './support/memoryStore';

const message = (id: string): MessageItem =>
  ({ type: 'message', id, author: { role: 'customer' }, to: [], cc: [], body: { kind: 'text', text: id }, attachments: [], sources: [] }) satisfies Message;
const messages = (from: number, count: number) => Array.from({ length: count }, (_, index) => message(`m${from + index}`));
const account = (service: string): Account => ({ id: 'a', service, label: `${service} account`, baseUrl: 'https://api.example.com', options: {} });

/** A thread of a service that pages by cursor (Tybrite) or by offset with a total (AgentSend). */
function service(paging: 'cursor' | 'offset', first: Page<MessageItem>, answer: (cursor: string, call: number) => Page<MessageItem>) {
  let calls = 0;
  const provider = {
    ...fakeProvider({
      open: () => ({ thread: thread('t'), messages: first }),
      messages: (_thread, cursor) => {
        if (++calls > HARD_PAGE_CEILING + 10) throw new Error('runaway: more requests than any ceiling allows');
        return answer(cursor, calls);
      },
    }),
    ...(paging === 'offset' ? { messageCursorAt: (offset: number) => String(offset) } : {}),
  };
  const store = memoryStore([{ account: account(paging === 'offset' ? 'agentsend' : 'tybrite'), provider }]);
  return { whole: () => store.loadWholeThread({ accountId: 'a', threadId: 't' }), requests: () => calls };
}

describe('fetching every message of a thread from a misbehaving service', () => {
  it('stops on a cursor it has already followed, and says so', async () => {
    const thread = service('cursor', { items: [message('m0')], next: 'same' }, (_cursor, call) => ({ items: [message(`n${call}`)], next: 'same' }));
    const whole = await thread.whole();
    assert.equal(thread.requests(), 1);
    assert.deepEqual(whole.messages.map((item) => item.id), ['m0', 'n1']);
    assert.match(whole.stopped ?? '', /kept returning the same page of messages/);
  });

  it('stops on a cursor that cycles through several values', async () => {
    const thread = service('cursor', { items: [message('m0')], next: 'a' }, (cursor, call) => ({ items: [message(`n${call}`)], next: cursor === 'a' ? 'b' : cursor === 'b' ? 'c' : 'a' }));
    const whole = await thread.whole();
    assert.equal(thread.requests(), 3);
    assert.match(whole.stopped ?? '', /Stopped after/);
  });

  it('stops when a page brings nothing new, or is empty but says more follow', async () => {
    const repeating = service('cursor', { items: messages(0, 2), next: 'c0' }, (_cursor, call) => ({ items: messages(0, 2), next: `c${call}` }));
    assert.match((await repeating.whole()).stopped ?? '', /kept returning the same page/);
    assert.equal(repeating.requests(), 1);
    const empty = service('cursor', { items: messages(0, 2), next: 'c0' }, (_cursor, call) => ({ items: [], next: `c${call}` }));
    await empty.whole();
    assert.equal(empty.requests(), 1);
  });

  it('stops at what the total justifies when the cursors never end', async () => {
    const thread = service('cursor', { items: [message('m0')], next: 'c0', total: 10 }, (_cursor, call) => ({ items: [message(`n${call}`)], next: `c${call}`, total: 10 }));
    const whole = await thread.whole();
    assert.ok(thread.requests() <= 12, `${thread.requests()} requests for a thread of 10`);
    assert.match(whole.stopped ?? '', /Stopped after/);
  });

  it('with offsets: an empty page ends it, however large the claimed total', async () => {
    const thread = service('offset', { items: messages(0, 1), next: '1', total: 1_000_000_000 }, () => ({ items: [], total: 1_000_000_000 }));
    const whole = await thread.whole();
    assert.ok(thread.requests() <= 6, `${thread.requests()} requests after the service stopped sending`);
    assert.equal(whole.messages.length, 1);
    assert.match(whole.stopped ?? '', /said 1000000000 messages but sent 1/);
  });

  it('with offsets: a huge total that keeps delivering costs at most HARD_PAGE_CEILING requests and no memory up front', async () => {
    // Before: an array of every offset up to the total was built first (here 2^53 of them).
    const thread = service('offset', { items: messages(0, 1), next: '1', total: Number.MAX_SAFE_INTEGER }, (cursor) => ({ items: [message(`s${cursor}`)], total: Number.MAX_SAFE_INTEGER }));
    const whole = await thread.whole();
    assert.equal(thread.requests(), HARD_PAGE_CEILING);
    assert.match(whole.stopped ?? '', new RegExp(`Stopped after ${HARD_PAGE_CEILING + 1} pages`));
  });

  it('with offsets: a well-behaved thread is fetched whole and in order, without a note', async () => {
    const thread = service('offset', { items: messages(0, 10), next: '10', total: 95 }, (cursor) => ({ items: messages(Number(cursor), Math.min(10, 95 - Number(cursor))), total: 95 }));
    const whole = await thread.whole();
    assert.equal(thread.requests(), 9);
    assert.deepEqual(whole.messages.map((item) => item.id), messages(0, 95).map((item) => item.id));
    assert.equal(whole.stopped, undefined);
  });
});
