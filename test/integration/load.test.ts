// Twenty accounts refreshed at once against a slow server (100 ms a request): requests stay capped, a command is
// answered while the load is still going on, and every account ends up with its data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { sample } from './helpers/sample';
import { children, cleanSlate, labelOf, threadline } from './helpers/threadline';
import { passAnswerDeadline } from './helpers/time';
import { waitUntil } from '../support/wait';

const CAP = 8; // MAX_CONCURRENT_REQUESTS in src/sources.ts

describe('load: twenty accounts at once against a slow server', function () {
  this.timeout(300_000);

  before(async () => {
    await cleanSlate();
    for (let round = 1; round <= 4; round++) {
      for (const account of await sample.accounts()) {
        await vscode.commands.executeCommand('threadline.addAccount', { ...account, label: `${account.label} ${round}` });
      }
    }
  });
  after(cleanSlate);

  it('keeps requests capped, stays responsive, and loses nothing but the one request that never answers', async () => {
    const api = await threadline();
    assert.equal(api.accounts.list().length, 20);
    await sample.reset();
    await sample.setLatency(100);
    // One thread list never answers: the load cannot end before the test lets that request
    // reach its deadline, so what happens meanwhile happens during the load.
    await sample.setFaults([{ service: 'agentsend', pathIncludes: '/inboxes/inb_sales/threads', fault: 'hang', times: 1 }]);

    // Watch the extension host's event loop while everything loads.
    let worstLag = 0;
    let last = performance.now();
    const watch = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 20);
      last = now;
    }, 20);
    const started = Date.now();
    api.tree.refresh();
    let loaded = false;
    const loading = (async () => {
      const roots = await children();
      const containersPerAccount = await Promise.all(roots.map((root) => children(root)));
      const containers = containersPerAccount.flat().filter((node) => !/^Recent lookups$/.test(labelOf(node)));
      const threads = await Promise.all(containers.map((container) => children(container)));
      loaded = true;
      return { roots, containersPerAccount, containers, threads };
    })();
    // A command given during the load is answered while the load goes on: nothing queues behind it.
    const ping = Date.now();
    await vscode.commands.executeCommand('threadline.showLog');
    const commandMs = Date.now() - ping;
    const answeredDuringLoad = !loaded;
    // Once only the held request is left, its deadline passes. "Left" is read from the store, not
    // only from the server: between two pages of a list nothing is in flight, yet that list's next
    // request is on its way and would see the jump in time as its own deadline passing. (On this
    // side too: the rows also learn in the background who wrote each email.)
    const unsettled = () =>
      api.accounts.list().flatMap((account) => {
        const view = api.store.containers(account.id);
        if (view.state !== 'loaded') return [account.label];
        return view.containers.filter((container) => api.store.threadList(account.id, container.id)?.state !== 'loaded').map((container) => `${account.label} / ${container.label}`);
      });
    await waitUntil(
      async () => (await sample.requests()).some((request) => request.fault === 'hang') && unsettled().length === 1 && (await sample.stats()).inFlight === 1 && api.providers.limiter.active === 1,
      () => `every other list to be loaded; still loading: ${unsettled().join(', ')}`,
      { timeoutMs: 90_000 },
    );
    await passAnswerDeadline();
    const { roots, containersPerAccount, containers, threads } = await loading;
    clearInterval(watch);
    const stats = await sample.stats();
    console.log(
      `[threadline-test] load: ${roots.length} accounts, ${containers.length} containers, ${threads.flat().length} rows in ${Date.now() - started} ms; ` +
        `at most ${stats.maxInFlight} requests at once (cap ${CAP}); worst event-loop lag ${Math.round(worstLag)} ms; a command answered in ${commandMs} ms`,
    );
    assert.equal(roots.length, 20);
    assert.ok(stats.maxInFlight <= CAP, `at most ${CAP} requests at once, saw ${stats.maxInFlight}`);
    assert.ok(stats.maxInFlight >= 2, 'requests did run side by side');
    assert.ok(answeredDuringLoad, 'the command was answered before the load had finished');
    // Nothing lost: every account shows its containers, every container its threads.
    for (const [index, list] of containersPerAccount.entries()) {
      assert.ok(list.length > 0 && !list.some((node: TreeNode) => /^Couldn't|Key missing/.test(labelOf(node))), `account ${labelOf(roots[index] as TreeNode)}: ${list.map(labelOf).join(' | ')}`);
    }
    const failed = threads.filter((rows) => rows.some((node) => /^Couldn't load/.test(labelOf(node)))).map((rows) => labelOf(rows[0] as TreeNode));
    assert.equal(failed.length, 1, `only the request held open failed: ${failed.join(' | ')}`);
    assert.match(failed[0] ?? '', /^Couldn't load threads — AgentSend did not answer in time/);
  });
});
