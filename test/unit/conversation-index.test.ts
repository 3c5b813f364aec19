// The conversation index behind Search Conversations: it follows the store as threads and
// messages arrive, across accounts and services, ranks with all words required, and forgets a
// removed account.
import * as assert from 'node:assert/strict';
import { AGENTSEND_IDS, SEARCH_PHRASE, SITEGPT_IDS } from '../../src/sample';
import { ConversationIndex, MATCH_CAP, RESULT_LIMIT } from '../../src/store/conversationIndex';
import { memoryStore } from './support/memoryStore';
import { useSampleServer } from './support/sampleProviders';

describe('the conversation index', function () {
  this.timeout(60_000);
  const sample = useSampleServer();

  it('finds the sample phrase once in the 10,000-message AgentSend thread (message 9,000) and once in a SiteGPT answer, after both are loaded', async () => {
    const agentsend = sample.make('agentsend');
    const sitegpt = sample.make('sitegpt');
    const entries = [
      { account: agentsend.account, provider: agentsend.source },
      { account: sitegpt.account, provider: sitegpt.source },
    ];
    const store = memoryStore(entries);
    const slices: number[] = [];
    const index = new ConversationIndex(store, { onSlice: (ms) => slices.push(ms) });
    try {
      const long = { accountId: agentsend.account.id, threadId: AGENTSEND_IDS.longThread };
      const chat = { accountId: sitegpt.account.id, threadId: SITEGPT_IDS.sarahThread };
      await store.openThread(long);
      await store.openThread(chat);
      await index.whenIdle();
      // Only the first page of the long thread is held: its message 9,000 is not found yet.
      assert.deepEqual(
        index.query(SEARCH_PHRASE).hits.map((hit) => hit.accountId),
        [sitegpt.account.id],
      );
      await store.loadWholeThread(long);
      await index.whenIdle();
      const results = index.query(SEARCH_PHRASE);
      assert.equal(results.messages, 2);
      assert.equal(results.threads, 2);
      const fromLong = results.hits.find((hit) => hit.accountId === agentsend.account.id);
      assert.equal(fromLong?.kind, 'message');
      assert.equal(fromLong?.position, 8_999);
      assert.equal(store.thread(long.accountId, long.threadId)?.messages[8_999]?.id, fromLong?.messageId);
      assert.deepEqual([...(fromLong?.terms ?? [])].sort(), ['checksum', 'manifest', 'mismatch']);
      assert.ok(results.indexed.messages >= 10_000, `indexed ${results.indexed.messages}`);
      // The last word may be the start of one.
      assert.equal(index.query('checksum manifest mism').messages, 2);
      // Every word must match.
      assert.equal(index.query(`${SEARCH_PHRASE} zebra`).hits.length, 0);
      // A word in every message of the long thread, over three shards: past MATCH_CAP only when
      // shards are left unread, so 10,000 messages are still counted exactly; the best come first across shards.
      assert.equal(results.complete, true, 'the phrase is counted exactly');
      const common = index.query('orders');
      assert.ok(MATCH_CAP < 10_000);
      assert.equal(common.complete, true);
      assert.ok(common.messages >= 10_000, `counted ${common.messages}`);
      assert.equal(common.hits.length, RESULT_LIMIT);
      assert.ok(common.hits.every((hit, at) => at === 0 || (common.hits[at - 1]?.score ?? 0) >= hit.score), 'the best first across shards');
      // Indexing yielded to the event loop while it worked through the 10,000 messages.
      assert.ok(slices.length > 1, `indexed in ${slices.length} slices`);

      // Opened again (as a panel does), the same messages are not counted twice.
      await store.openThread(long, { force: true });
      await index.whenIdle();
      assert.equal(index.query(SEARCH_PHRASE).messages, 2);

      // A removed account's threads leave the index.
      entries.splice(0, 1);
      store.accountsChanged();
      await index.whenIdle();
      assert.deepEqual(
        index.query(SEARCH_PHRASE).hits.map((hit) => hit.accountId),
        [sitegpt.account.id],
      );
    } finally {
      index.dispose();
      store.dispose();
    }
  });

  it('indexes titles and people of listed threads, not only opened ones', async () => {
    const agentsend = sample.make('agentsend');
    const store = memoryStore([{ account: agentsend.account, provider: agentsend.source }]);
    const index = new ConversationIndex(store);
    try {
      const containers = await store.ensureContainers(agentsend.account.id);
      const support = containers.containers.find((container) => container.id === AGENTSEND_IDS.support);
      assert.ok(support);
      await store.ensureThreads(agentsend.account.id, support);
      await index.whenIdle();
      const results = index.query('webhook 410');
      assert.ok(results.hits.some((hit) => hit.kind === 'thread'), JSON.stringify(results.hits.slice(0, 3)));
      // Words start after a bidi override or an invisible character too (injected titles do).
      assert.ok(index.query('gone').hits.length > 0);
    } finally {
      index.dispose();
      store.dispose();
    }
  });

  it('a list that changes has its own threads looked over, not every thread held (the bulk inbox paged to 1,000 while the others reload)', async () => {
    const agentsend = sample.make('agentsend');
    const store = memoryStore([{ account: agentsend.account, provider: agentsend.source }]);
    const index = new ConversationIndex(store);
    try {
      const { containers } = await store.ensureContainers(agentsend.account.id);
      const bulk = containers.find((container) => container.id === AGENTSEND_IDS.bulk);
      const sales = containers.find((container) => container.id === AGENTSEND_IDS.sales);
      assert.ok(bulk && sales);
      await store.ensureThreads(agentsend.account.id, bulk);
      while ((store.threadList(agentsend.account.id, bulk.id)?.threadIds.length ?? 0) < 1_000) await store.loadMoreThreads(agentsend.account.id, bulk.id);
      await index.whenIdle();
      const held = index.size.threads;
      assert.ok(held >= 1_000, `${held} threads indexed`);
      // Each thread the index looks at is read from the store once: count the reads.
      let reads = 0;
      const read = store.thread.bind(store);
      store.thread = (accountId, threadId) => {
        reads++;
        return read(accountId, threadId);
      };
      store.invalidateAccount(agentsend.account.id);
      await store.ensureContainers(agentsend.account.id);
      const list = await store.ensureThreads(agentsend.account.id, sales);
      await index.whenIdle();
      assert.ok(list.threadIds.length > 0 && reads <= 2 * list.threadIds.length, `${reads} threads looked at for a list of ${list.threadIds.length}, of ${held} held`);
      assert.ok(index.query('invoice').hits.length > 0, 'what was indexed before stays found');
    } finally {
      index.dispose();
      store.dispose();
    }
  });

  it('splits words at reordering and invisible characters, so an injected title still has its first word', async () => {
    const agentsend = sample.make('agentsend');
    sample.server.control.setFaults([{ fault: 'inject' }]);
    const store = memoryStore([{ account: agentsend.account, provider: agentsend.source }]);
    const index = new ConversationIndex(store);
    try {
      await store.openThread({ accountId: agentsend.account.id, threadId: AGENTSEND_IDS.htmlThread });
      await index.whenIdle();
      const title = store.summary(agentsend.account.id, AGENTSEND_IDS.htmlThread)?.title ?? '';
      assert.ok(title.includes('\u202Efdp.exe'), 'the title carries a bidi override before the word');
      assert.ok(index.query('fdp exe').hits.some((hit) => hit.kind === 'thread'));
    } finally {
      index.dispose();
      store.dispose();
    }
  });
});
