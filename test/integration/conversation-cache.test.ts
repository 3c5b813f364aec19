// The disk cache of conversations (threadline.cache.persist) in the real host: with the setting
// off, reading threads writes nothing about them to global storage; with it on, the thread read
// (a click on its row) is written there — without the account's key — and Clear Cached
// Conversations (the command palette) and Remove Account delete it. What a reload then shows from
// the cache is checked by reload/cache-before-reload and reload/cache-after-reload.
import * as assert from 'node:assert/strict';
import { cachedBytes, cachedThreadFiles, clickThread, setPersist } from './helpers/cache';
import { eachTestOnACleanWorkbench, notifications, palette } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccount, removeAccounts, threadline } from './helpers/threadline';
import { waitUntil } from '../support/wait';

const LABEL = 'Cache Support';
const FIRST = 'Q3 invoice split by workspace';
const SECOND = 'Escalation: outage report for Northstar account';

describe('the conversation cache on disk', function () {
  this.timeout(90_000);
  let accountId = '';
  eachTestOnACleanWorkbench(async () => {
    await setPersist(false);
    await (await threadline()).conversationCache.clear();
    accountId = await addSampleAccount('agentsend', LABEL);
  });
  after(() => setPersist(false));

  it('writes nothing about threads with threadline.cache.persist off; with it on, the thread read, without its key', async () => {
    const api = await threadline();
    await clickThread(LABEL, FIRST);
    await waitUntil(() => api.store.thread(accountId, api.store.heldThreads(accountId).find((entry) => entry.summary.title === FIRST)?.summary.threadId ?? '')?.state === 'loaded', 'the thread loaded');
    assert.deepEqual(await cachedThreadFiles(), [], 'no thread file with the setting off');
    assert.equal(api.conversationCache.current(), undefined, 'no cache at all');
    // The same check sees a file once the setting is on.
    await setPersist(true);
    await clickThread(LABEL, SECOND);
    const files = await waitUntil(async () => ((await cachedBytes()).includes('Northstar') ? await cachedThreadFiles() : undefined), 'the thread read to be written');
    assert.match(files[0] ?? '', /^t-[0-9a-f]{40}\.json$/, 'named by a hash, not by account or thread');
    const bytes = await cachedBytes();
    const key = (await sample.account('agentsend')).apiKey;
    assert.ok(!bytes.includes(key), 'the account’s key is not');
    // Off again: what was kept goes.
    await setPersist(false);
    await waitUntil(async () => (await cachedThreadFiles()).length === 0, 'the cached thread deleted when caching was turned off');
  });

  it('Clear Cached Conversations (command palette) deletes what was kept and says so; Remove Account deletes the account’s', async () => {
    await setPersist(true);
    await clickThread(LABEL, FIRST);
    await waitUntil(async () => (await cachedThreadFiles()).length === 1, 'the thread read to be written');
    await palette.run('Threadline: Clear Cached Conversations');
    await notifications.waitFor(/^Deleted 1 conversation \(.+\) cached on this computer\.$/);
    assert.deepEqual(await cachedThreadFiles(), []);
    // Another thread read, then the account goes.
    await clickThread(LABEL, SECOND);
    await waitUntil(async () => (await cachedThreadFiles()).length >= 1, 'the thread read to be written again');
    await removeAccounts([accountId]);
    await waitUntil(async () => (await cachedThreadFiles()).length === 0, 'the removed account’s cached threads deleted');
  });
});
