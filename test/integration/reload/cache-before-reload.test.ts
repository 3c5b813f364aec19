// Phase 1 of the cache's reload check (run after reload/before-reload): with
// threadline.cache.persist on, read a thread by clicking its row and wait for it to be written to
// global storage; then the sample server stops answering for that thread (every request for it
// has its connection closed, as if the server were not running — the rest of the server stays up
// for the other reload checks) and the window reloads. reload/cache-after-reload opens it again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_ACCOUNT, CACHE_RELOAD_EXPECTATION, CACHE_THREAD_TITLE, cachedThreadFiles, clickThread, setPersist } from '../helpers/cache';
import { sample } from '../helpers/sample';
import { addSampleAccount, threadline } from '../helpers/threadline';
import { waitUntil } from '../../support/wait';


describe('conversation cache, before a window reload', function () {
  this.timeout(90_000);

  it('reads a thread with threadline.cache.persist on, sees it written, stops the service for it and records what must come back', async () => {
    const api = await threadline();
    const accountId = await addSampleAccount('agentsend', CACHE_ACCOUNT);
    await setPersist(true);
    const before = (await cachedThreadFiles()).length;
    // Beside the panel reload/before-reload left open, which stays visible (and unchanged, so
    // nothing of its thread is written while caching is on); it is the one restored after the reload.
    const threadId = await clickThread(CACHE_ACCOUNT, CACHE_THREAD_TITLE, { side: true });
    await waitUntil(async () => (await cachedThreadFiles()).length > before, 'the thread read to be written to global storage');
    const messages = api.store.thread(accountId, threadId)?.messages.length ?? 0;
    assert.ok(messages > 0);
    // The panel closes: the reloaded window opens the thread anew, from the cache.
    api.panels.all().find((panel) => panel.target.threadId === threadId)?.panel.dispose();
    await waitUntil(() => !api.panels.all().some((panel) => panel.target.threadId === threadId), 'the cached thread’s panel closed');
    await api.conversationCache.current()?.flush();
    assert.equal((await cachedThreadFiles()).length, before + 1, 'only the thread read here is cached');
    await sample.setFaults([{ service: 'agentsend', pathIncludes: threadId, fault: 'refuse' }]);
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    fs.writeFileSync(path.join(artifacts, CACHE_RELOAD_EXPECTATION), JSON.stringify({ accountId, threadId, messages }));
  });
});
