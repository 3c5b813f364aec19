// Phase 2 of the cache's reload check: in the reloaded window, with the sample server refusing
// every request for the thread read before the reload, a click on its row opens it from the disk
// cache: the messages, the "cached · updated …" marker, and a line saying it could not be
// refreshed from AgentSend. Once the service is back, that line's Reload refreshes it and the
// marker goes. Then the account is removed, and its cached thread with it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from '../helpers/bridge';
import { CACHE_ACCOUNT, CACHE_RELOAD_EXPECTATION, CACHE_THREAD_TITLE, cachedBytes, cachedThreadFiles, clickThread, setPersist } from '../helpers/cache';
import { threadPage } from '../helpers/gestures';
import { sample } from '../helpers/sample';
import { removeAccounts, threadline } from '../helpers/threadline';
import { waitUntil } from '../../support/wait';
import { threadFileName } from '../../../src/store/conversationCache';

describe('conversation cache, after a window reload', function () {
  this.timeout(90_000);

  it('opens the thread read before the reload from the cache, marked cached, while the service cannot be reached', async () => {
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    const expected = JSON.parse(fs.readFileSync(path.join(artifacts, CACHE_RELOAD_EXPECTATION), 'utf8')) as { accountId: string; threadId: string; messages: number };
    const api = await threadline();
    assert.ok(api.conversationCache.current(), 'caching is on after the reload');
    const file = threadFileName(expected.accountId, expected.threadId);
    assert.ok((await cachedThreadFiles()).includes(file), 'the thread’s file survived the reload');
    const key = (await sample.account('agentsend')).apiKey;
    assert.ok(!(await cachedBytes()).includes(key), 'no key in the cache');
    // code-server keeps SecretStorage in memory: the key may be gone after the reload. The list
    // (which the service still answers) needs it; the thread itself is refused either way.
    const account = api.accounts.get(expected.accountId);
    assert.ok(account, 'the account came back');
    if (await api.accounts.secrets.problem(account)) {
      await vscode.commands.executeCommand('threadline.setApiKey', { accountId: expected.accountId, apiKey: key });
    }
    const since = (await sample.requests()).at(-1)?.seq ?? 0;
    await clickThread(CACHE_ACCOUNT, CACHE_THREAD_TITLE);
    const page = threadPage(expected.threadId);
    await page.waitFor('[data-cached="offline"]');
    assert.match(await page.text('[data-cached]'), /cached · updated .+/);
    const problem = await page.text('.cached-problem');
    console.log(`[threadline-test] cached thread: “${await page.text('[data-cached]')}” / “${problem}”`);
    assert.match(problem, /^Couldn’t refresh from AgentSend — you may be offline\./);
    assert.ok((await page.count('.message')) > 0, 'the cached messages are shown');
    const record = api.store.thread(expected.accountId, expected.threadId);
    assert.equal(record?.messages.length, expected.messages, 'every message cached before the reload');
    const refused = (await sample.requests(since)).filter((request) => request.path.includes(expected.threadId));
    assert.ok(refused.length > 0 && refused.every((request) => request.fault === 'refuse'), `the service was asked, and refused: ${JSON.stringify(refused.map((request) => request.fault))}`);
    await page.evaluateAll('header', (elements) => elements[0]?.scrollIntoView());
    await bridge.screenshot('cached-thread-after-reload');
    // The service is back: Reload on that line refreshes the thread, and the marker goes.
    await sample.clearFaults();
    await page.click('.cached-problem [data-action="reload"]');
    await waitUntil(async () => api.store.thread(expected.accountId, expected.threadId)?.cached === undefined && api.store.thread(expected.accountId, expected.threadId)?.state === 'loaded', 'the thread refreshed from the service');
    await waitUntil(async () => (await page.count('[data-cached]')) === 0 && (await page.count('.message')) > 0, 'the page showing the refreshed thread, no longer marked cached');
    // The refreshed thread is saved again; removing the account deletes its file (the thread
    // reload/after-reload restored, of another account, may be cached too: it stays).
    await waitUntil(async () => (await cachedThreadFiles()).includes(file), 'the refreshed thread saved');
    await removeAccounts([expected.accountId]);
    await waitUntil(async () => !(await cachedThreadFiles()).includes(file), 'the removed account’s cached thread deleted');
    await setPersist(false);
  });
});
