// Search Conversations asks the services that search their own threads (SiteGPT API v2's
// `query`): what it sends, how it bounds the requests, and what it makes of the answers.
import * as assert from 'node:assert/strict';
import type { Account, Container, ThreadSummary } from '../../src/domain/model';
import type { ListThreadsOptions } from '../../src/providers/types';
import { MAX_CONTAINERS, extraServiceHits, searchOnServices } from '../../src/search/serviceSearch';
import { fakeProvider, summary } from './support/fakeProvider';
import { memoryStore } from './support/memoryStore';

const account = (id: string, service: string): Account => ({ id, service, label: `Label of ${id}`, baseUrl: 'https://api.example.com', options: {} });
const bot = (id: string): Container => ({ kind: 'chatbot', id, label: id });

/** A provider whose conversations hold `words`; it answers a list with a text filter as a search would. */
function searchingProvider(bots: Container[], threads: Record<string, { summary: ThreadSummary; words: string }[]>) {
  const sent: { container: string; text: string | undefined; cursor: string | undefined }[] = [];
  const provider = fakeProvider({ containers: bots });
  provider.listThreads = async (container: Container, options: ListThreadsOptions) => {
    const text = options.filter?.text;
    sent.push({ container: container.id, text, cursor: options.cursor });
    return { items: (threads[container.id] ?? []).filter((thread) => !text || thread.words.includes(text)).map((thread) => thread.summary) };
  };
  return { provider, sent };
}

describe('the services’ own search, in Search Conversations', () => {
  it('sends the words as the text filter to each container of a searching account, and records what it finds so it opens', async () => {
    const { provider, sent } = searchingProvider([bot('b1'), bot('b2')], {
      b1: [{ summary: summary('c1', { containerId: 'b1', updatedAt: '2026-11-01T00:00:00Z' }), words: 'refund for a broken kettle' }],
      b2: [
        { summary: summary('c2', { containerId: 'b2', updatedAt: '2026-11-03T00:00:00Z' }), words: 'the kettle arrived broken' },
        { summary: summary('c3', { containerId: 'b2' }), words: 'pricing question' },
      ],
    });
    const store = memoryStore([
      { account: account('v2', 'sitegpt-v2'), provider },
      // A service that does not search its threads is never asked.
      { account: account('as', 'agentsend'), provider: fakeProvider({ containers: [bot('inbox')] }) },
    ]);
    const found = await searchOnServices(store, 'kettle', new AbortController().signal);
    assert.deepEqual(found.hits.map((hit) => [hit.threadId, hit.kind, hit.foundByService]), [
      ['c2', 'thread', true],
      ['c1', 'thread', true],
    ], 'newest first');
    assert.deepEqual(sent.map((request) => `${request.container}:${request.text}:${request.cursor ?? ''}`).sort(), ['b1:kettle:', 'b2:kettle:'], 'one first page per chatbot');
    assert.equal(store.summary('v2', 'c2')?.containerId, 'b2', 'the store holds what was found');
    assert.deepEqual(found.failures, []);
  });

  it(`asks at most ${MAX_CONTAINERS} containers per account, and nothing for fewer than 3 characters`, async () => {
    const bots = Array.from({ length: MAX_CONTAINERS + 5 }, (_, index) => bot(`b${index}`));
    const { provider, sent } = searchingProvider(bots, {});
    const store = memoryStore([{ account: account('v2', 'sitegpt-v2'), provider }]);
    await searchOnServices(store, 'ke', new AbortController().signal);
    assert.equal(sent.length, 0, 'two characters send nothing');
    await searchOnServices(store, 'kettle', new AbortController().signal);
    assert.equal(sent.length, MAX_CONTAINERS);
  });

  it('reports an account that could not search, and still gives the others’ hits', async () => {
    const good = searchingProvider([bot('b1')], { b1: [{ summary: summary('c1', { containerId: 'b1' }), words: 'kettle' }] });
    const bad = fakeProvider({ containers: [bot('x')] });
    bad.listThreads = async () => {
      throw new Error('SiteGPT answered 500');
    };
    const store = memoryStore([
      { account: account('good', 'sitegpt-v2'), provider: good.provider },
      { account: account('bad', 'sitegpt-v2'), provider: bad },
    ]);
    const found = await searchOnServices(store, 'kettle', new AbortController().signal);
    assert.deepEqual(found.hits.map((hit) => hit.threadId), ['c1']);
    assert.deepEqual(found.failures, [{ accountId: 'bad', message: 'SiteGPT answered 500' }]);
  });

  it('shows a thread the index already found once, with the words the index matched', () => {
    const indexHit = { kind: 'message' as const, accountId: 'v2', threadId: 'c1', score: 3, terms: ['kettle'] };
    const serviceHits = [
      { kind: 'thread' as const, accountId: 'v2', threadId: 'c1', score: 0, terms: [], foundByService: true },
      { kind: 'thread' as const, accountId: 'v2', threadId: 'c2', score: 0, terms: [], foundByService: true },
    ];
    assert.deepEqual(extraServiceHits([indexHit], serviceHits).map((hit) => hit.threadId), ['c2']);
  });
});
