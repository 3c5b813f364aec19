// SiteGPT API v2 against the sample server: sgpt_ tokens, the {ok, data, meta} envelope, cursor
// paging, the documented server-side filters and `query`, and what an opened conversation shows.
import * as assert from 'node:assert/strict';
import type { Container } from '../../src/domain/model';
import { UnauthorizedError } from '../../src/http/errors';
import { serviceDescriptor } from '../../src/providers/registry';
import type { SiteGptProvider } from '../../src/providers/sitegpt/client';
import type { SiteGptV2Provider } from '../../src/providers/sitegpt-v2/client';
import { V2_NO_MESSAGES_NOTE } from '../../src/providers/sitegpt-v2/mapping';
import { SAMPLE_IDS, type SampleServer } from '../../src/sample';
import { memoryStore } from './support/memoryStore';
import { useSampleServer, type sampleProvider } from './support/sampleProviders';

const ids = SAMPLE_IDS.sitegpt;
const docs: Container = { kind: 'chatbot', id: ids.docsBot, label: 'Docs' };

describe('SiteGPT API v2', function () {
  this.timeout(20_000);
  const sample = useSampleServer();
  const make = <S extends SiteGptV2Provider | SiteGptProvider = SiteGptV2Provider>(service = 'sitegpt-v2', overrides: Parameters<typeof sampleProvider>[2] = {}) => sample.make<S>(service, overrides);
  const v2Requests = () => sample.server.control.requests().filter((entry) => entry.path.startsWith('/api/v2/'));
  let server: SampleServer;
  beforeEach(() => {
    server = sample.server;
  });

  it('lists chatbots by name with an sgpt_ token', async () => {
    const bots = await make().source.listContainers();
    assert.deepEqual(bots.map((bot) => bot.id), [ids.docsBot, ids.pricingBot, ids.emptyBot]);
    assert.equal(bots[0]?.label, 'Docs Assistant');
    assert.equal(v2Requests()[0]?.headers['authorization'], `Bearer ${server.keys.sitegptV2}`);
  });

  it('follows nextCursor through every page of chatbots and conversations', async () => {
    server.control.sitegptPaging({ maxLimit: 7 });
    const made = make();
    assert.equal((await made.source.listContainers()).length, 3);
    const store = memoryStore([{ account: made.account, provider: made.source }]);
    let view = await store.ensureThreads(made.account.id, docs);
    while (view.next !== undefined) {
      await store.loadMoreThreads(made.account.id, docs.id);
      view = store.threadList(made.account.id, docs.id) ?? view;
    }
    assert.equal(view.threadIds.length, ids.docsThreads);
    const cursors = v2Requests().filter((entry) => entry.path.endsWith('/conversations')).map((entry) => entry.query['cursor'] !== undefined);
    assert.deepEqual(cursors, [false, true, true, true, true], '30 conversations, 7 a page');
  });

  it('filters by escalated on the server, and searches with query', async () => {
    const { source } = make();
    const v0 = make<SiteGptProvider>('sitegpt');
    const escalatedInV0 = (await v0.source.listThreads(docs, {})).items.filter((thread) => thread.badges.includes('escalated')).map((thread) => thread.threadId);
    assert.ok(escalatedInV0.length > 0 && escalatedInV0.length < ids.docsThreads);
    const escalated = await source.listThreads(docs, { filter: { escalated: true } });
    assert.deepEqual(escalated.items.map((thread) => thread.threadId).sort(), [...escalatedInV0].sort());
    const request = v2Requests().find((entry) => entry.path.endsWith('/conversations'));
    assert.equal(request?.query['escalated'], 'true');
    const found = await source.listThreads(docs, { filter: { text: 'webhook', status: 'open', reaction: 'POSITIVE', important: false, read: true } });
    const query = v2Requests().at(-1)?.query;
    assert.deepEqual(query, { limit: '100', status: 'open', important: 'false', read: 'true', reaction: 'POSITIVE', query: 'webhook' });
    assert.ok(found.items.length < ids.docsThreads);
  });

  it('the store sends the filter words as query for v2 accounts (and keeps them local for v0)', async () => {
    const made = make();
    const store = memoryStore([{ account: made.account, provider: made.source }]);
    await store.ensureThreads(made.account.id, docs);
    store.setFilter(made.account.id, docs.id, { text: 'refund' });
    await store.ensureThreads(made.account.id, docs);
    assert.equal(v2Requests().at(-1)?.query['query'], 'refund');
    assert.equal(serviceDescriptor('sitegpt').capabilities.textSearch, undefined);
  });

  it('an opened conversation says why its messages are not shown, and which fields are read', async () => {
    const { thread, messages } = await make().source.openThread({ threadId: ids.sarahThread, containerId: ids.docsBot });
    assert.equal(thread.messagesUnavailable, V2_NO_MESSAGES_NOTE);
    assert.deepEqual(messages.items, []);
    assert.equal(v2Requests().at(-1)?.path, `/api/v2/chatbots/${ids.docsBot}/conversations/${ids.sarahThread}`);
  });

  it('a token SiteGPT refuses → Unauthorized with its message; a v0 key is refused before sending', async () => {
    const error = await make('sitegpt-v2', { apiKey: 'sgpt_not_the_right_one' }).source.listContainers().catch((e: unknown) => e);
    assert.ok(error instanceof UnauthorizedError, String(error));
    assert.match(error.message, /The API token is missing, invalid or expired/);
    assert.match(serviceDescriptor('sitegpt-v2').keyProblem(server.keys.sitegpt) ?? '', /starts with sgpt_/);
    assert.equal(serviceDescriptor('sitegpt').keyBelongsTo?.(server.keys.sitegptV2), 'sitegpt-v2');
    assert.equal(serviceDescriptor('sitegpt').keyBelongsTo?.(server.keys.sitegpt), undefined);
  });
});
