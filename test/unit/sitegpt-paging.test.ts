// SiteGPT v0 paging against deployments that read page/limit differently: documented, ignoring
// `page`, ignoring `limit`, capping `limit` at 20, repeating items across pages. Threads go
// through the store (its paging guard), as the tree pages them.
import * as assert from 'node:assert/strict';
import type { Container } from '../../src/domain/model';
import type { SiteGptProvider } from '../../src/providers/sitegpt/client';
import { SAMPLE_IDS, type SampleServer } from '../../src/sample';
import type { ThreadListView } from '../../src/store/threadStore';
import { memoryStore } from './support/memoryStore';
import { useSampleServer } from './support/sampleProviders';

const ids = SAMPLE_IDS.sitegpt;
const docs: Container = { kind: 'chatbot', id: ids.docsBot, label: 'Docs' };

describe('SiteGPT v0 paging that cannot silently stop or loop', function () {
  this.timeout(20_000);
  const sample = useSampleServer();
  let server: SampleServer;
  beforeEach(() => {
    server = sample.server;
  });

  /** Every thread of the docs bot, paged as the tree pages: first page, then Load More until the end. */
  async function allThreads(): Promise<{ view: ThreadListView; pages: string[] }> {
    const made = sample.make<SiteGptProvider>('sitegpt');
    const store = memoryStore([{ account: made.account, provider: made.source }]);
    let view = await store.ensureThreads(made.account.id, docs);
    for (let guard = 0; view.next !== undefined && guard < 20; guard++) {
      await store.loadMoreThreads(made.account.id, docs.id);
      view = store.threadList(made.account.id, docs.id) as ThreadListView;
    }
    const pages = server.control.requests().filter((entry) => entry.path.endsWith('/threads')).map((entry) => `${String(entry.query['page'])}/${String(entry.query['limit'])}`);
    return { view, pages };
  }

  it('asks 100 at a time and stops at the empty page', async () => {
    const { view, pages } = await allThreads();
    assert.equal(view.threadIds.length, ids.docsThreads);
    assert.deepEqual(pages, ['1/100', '2/100']);
    assert.equal(view.stopped, undefined);
  });

  for (const [name, trap] of [
    ['caps limit at 20', { maxLimit: 20 }],
    ['ignores limit (its default 20)', { ignoreLimit: true }],
    ['repeats items across pages', { maxLimit: 20, duplicates: true }],
  ] as const) {
    it(`a server that ${name} still yields every thread once`, async () => {
      server.control.sitegptPaging(trap);
      const { view, pages } = await allThreads();
      assert.equal(view.threadIds.length, ids.docsThreads);
      assert.equal(new Set(view.threadIds).size, ids.docsThreads);
      assert.deepEqual(pages, ['1/100', '2/100', '3/100']);
      assert.equal(view.stopped, undefined);
    });
  }

  it('a server that ignores page stops at the repeated page and says so', async () => {
    server.control.sitegptPaging({ ignorePage: true, maxLimit: 20 });
    const { view, pages } = await allThreads();
    assert.equal(view.threadIds.length, 20);
    assert.deepEqual(pages, ['1/100', '2/100']);
    assert.match(view.stopped ?? '', /Stopped at page 2: SiteGPT sent the same threads as on the page before/);
  });

  it('pages chatbots too: a server that caps the page at 1 still lists all three', async () => {
    server.control.sitegptPaging({ maxLimit: 1 });
    const made = sample.make<SiteGptProvider>('sitegpt');
    const bots = await made.source.listContainers();
    assert.deepEqual(bots.map((bot) => bot.id), [ids.docsBot, ids.pricingBot, ids.emptyBot]);
    assert.deepEqual(server.control.requests().map((entry) => entry.query['page']), ['1', '2', '3', '4']);
  });

  it('a chatbot list that ignores page ends at the first repeat instead of looping', async () => {
    server.control.sitegptPaging({ ignorePage: true });
    const made = sample.make<SiteGptProvider>('sitegpt');
    const bots = await made.source.listContainers();
    assert.equal(bots.length, 3);
    assert.equal(server.control.requests().length, 2);
  });
});
