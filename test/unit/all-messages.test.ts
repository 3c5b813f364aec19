// Fetching a whole thread (export, the Markdown document) from a service that misbehaves: the
// number of requests is bounded by what the service delivers, never by what it claims, and the
// fetch says why it stopped.
import * as assert from 'node:assert/strict';
import type { Message, MessageItem, Page } from '../../src/domain/model';
import { MAX_MESSAGE_PAGES, fetchRemainingMessages } from '../../src/providers/allMessages';
import type { ThreadSource } from '../../src/providers/types';

const item = (id: string): MessageItem =>
  ({ type: 'message', id, author: { role: 'customer' }, to: [], cc: [], body: { kind: 'text', text: id }, attachments: [], sources: [] }) satisfies Message;
const items = (from: number, count: number) => Array.from({ length: count }, (_, index) => item(`m${from + index}`));

/** A service answering each request with `answer(cursor, call)`; a runaway fetch is cut off at 5,000 calls. */
function service(paging: 'offset' | 'cursor', answer: (cursor: string, call: number) => Page<MessageItem>) {
  const calls: string[] = [];
  const source = {
    service: 'agentsend',
    messagePaging: paging,
    messageCursorAt: (offset: number) => `offset=${offset}`,
    listMessages: async (_ref: unknown, cursor: string) => {
      calls.push(cursor);
      if (calls.length > 5_000) throw new Error('runaway: more than 5,000 requests');
      return answer(cursor, calls.length);
    },
  } as unknown as ThreadSource;
  return { source, calls };
}

async function fetchAll(source: ThreadSource, first: Page<MessageItem>) {
  let stopped: string | undefined;
  const messages = await fetchRemainingMessages(source, { threadId: 't' }, first, { onStopped: (reason) => (stopped = reason) });
  return { messages, stopped };
}

describe('fetching every message of a thread', () => {
  it('stops on a cursor it has already followed, and says so (issue 11)', async () => {
    const { source, calls } = service('cursor', (_cursor, call) => ({ items: [item(`n${call}`)], next: 'same' }));
    const { messages, stopped } = await fetchAll(source, { items: [item('m0')], next: 'same' });
    assert.equal(calls.length, 1);
    assert.deepEqual(messages.map((message) => message.id), ['m0', 'n1']);
    assert.match(stopped ?? '', /Stopped after 2 pages \(2 messages\): AgentSend returned a page it had already sent/);
  });

  it('stops on a cursor that cycles through several values', async () => {
    const { source, calls } = service('cursor', (cursor, call) => ({ items: [item(`n${call}`)], next: cursor === 'a' ? 'b' : cursor === 'b' ? 'c' : 'a' }));
    const { stopped } = await fetchAll(source, { items: [item('m0')], next: 'a' });
    assert.equal(calls.length, 3);
    assert.match(stopped ?? '', /already sent/);
  });

  it('stops when a page brings nothing new, or is empty but says more follow', async () => {
    const repeating = service('cursor', (_cursor, call) => ({ items: items(0, 2), next: `c${call}` }));
    const first = await fetchAll(repeating.source, { items: items(0, 2), next: 'c0' });
    assert.equal(repeating.calls.length, 1);
    assert.match(first.stopped ?? '', /kept returning the same messages/);
    const empty = service('cursor', (_cursor, call) => ({ items: [], next: `c${call}` }));
    const second = await fetchAll(empty.source, { items: items(0, 2), next: 'c0' });
    assert.equal(empty.calls.length, 1);
    assert.match(second.stopped ?? '', /empty page that said more would follow/);
  });

  it('stops at what the total justifies when cursors never end', async () => {
    const { source, calls } = service('cursor', (_cursor, call) => ({ items: [item(`n${call}`)], next: `c${call}`, total: 10 }));
    const { messages, stopped } = await fetchAll(source, { items: [item('m0')], next: 'c0', total: 10 });
    assert.equal(calls.length, 11, 'ten pages of one, plus a little slack');
    assert.equal(messages.length, 12);
    assert.match(stopped ?? '', /announced 10 messages and kept sending more pages/);
  });

  it('never asks for more than MAX_MESSAGE_PAGES pages without a total', async () => {
    const { source, calls } = service('cursor', (_cursor, call) => ({ items: [item(`n${call}`)], next: `c${call}` }));
    const { stopped } = await fetchAll(source, { items: [item('m0')], next: 'c0' });
    assert.equal(calls.length, MAX_MESSAGE_PAGES - 1);
    assert.match(stopped ?? '', /kept sending more pages/);
  });

  it('with offsets: an empty page ends it, however large the claimed total (issue 11)', async () => {
    const { source, calls } = service('offset', () => ({ items: [], total: 1_000_000_000 }));
    const { messages, stopped } = await fetchAll(source, { items: items(0, 1), next: 'x', total: 1_000_000_000 });
    assert.ok(calls.length <= 6, `${calls.length} requests after the service stopped sending`);
    assert.equal(messages.length, 1);
    assert.match(stopped ?? '', /announced 1000000000 messages but sent an empty page after 1/);
  });

  it('with offsets: asks for exactly the pages the total justifies, in order, and keeps them in order', async () => {
    const { source, calls } = service('offset', (cursor) => {
      const offset = Number(cursor.split('=')[1]);
      return { items: items(offset, Math.min(10, 95 - offset)), total: 95 };
    });
    const { messages, stopped } = await fetchAll(source, { items: items(0, 10), next: 'offset=10', total: 95 });
    assert.equal(calls.length, 9);
    assert.deepEqual(messages.map((message) => message.id), items(0, 95).map((message) => message.id));
    assert.equal(stopped, undefined);
  });

  it('with offsets: a huge total costs at most MAX_MESSAGE_PAGES requests and no memory up front', async () => {
    let served = 0;
    const { source, calls } = service('offset', () => ({ items: [item(`s${served++}`)], total: Number.MAX_SAFE_INTEGER }));
    const { stopped } = await fetchAll(source, { items: [item('m0')], next: 'x', total: Number.MAX_SAFE_INTEGER });
    assert.equal(calls.length, MAX_MESSAGE_PAGES);
    assert.match(stopped ?? '', new RegExp(`Stopped after ${MAX_MESSAGE_PAGES + 1} pages`));
  });

  it('a well-behaved cursor thread is fetched whole, without a note', async () => {
    const { source, calls } = service('cursor', (cursor) => {
      const page = Number(cursor.slice(1));
      return { items: items(page * 5, 5), ...(page < 3 ? { next: `p${page + 1}` } : {}) };
    });
    const { messages, stopped } = await fetchAll(source, { items: items(0, 5), next: 'p1' });
    assert.equal(calls.length, 3);
    assert.equal(messages.length, 20);
    assert.equal(stopped, undefined);
  });
});
