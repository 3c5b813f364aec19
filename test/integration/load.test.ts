// Twenty accounts refreshed at once against a slow server: requests stay capped, the extension
// host stays responsive, and every account ends up with its data.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { sample } from './helpers/sample';
import { addSampleAccounts, children, labelOf, removeAllAccounts, threadline } from './helpers/threadline';

const CAP = 8; // MAX_CONCURRENT_REQUESTS in src/sources.ts

describe('load: twenty accounts at once against a slow server', function () {
  this.timeout(300_000);

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    for (let round = 1; round <= 4; round++) {
      for (const account of await sample.accounts()) {
        await vscode.commands.executeCommand('threadline.addAccount', { ...account, label: `${account.label} ${round}` });
      }
    }
  });
  after(async () => {
    await sample.setLatency(0);
    await removeAllAccounts();
    await addSampleAccounts();
  });

  it('keeps requests capped, stays responsive, and loses nothing', async () => {
    const api = await threadline();
    assert.equal(api.accounts.list().length, 20);
    await sample.setLatency(400);
    await sample.reset(); // clears the latency too
    await sample.setLatency(400);

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
    const loading = (async () => {
      const roots = await children();
      const containersPerAccount = await Promise.all(roots.map((root) => children(root)));
      const containers = containersPerAccount.flat().filter((node) => !/^Recent lookups$/.test(labelOf(node)));
      const threads = await Promise.all(containers.map((container) => children(container)));
      return { roots, containersPerAccount, containers, threads };
    })();
    // A command during the load answers promptly.
    const ping = Date.now();
    await vscode.commands.executeCommand('threadline.showLog');
    const commandMs = Date.now() - ping;
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
    assert.ok(commandMs < 2_000, `a command waited ${commandMs} ms`);
    // Nothing lost: every account shows its containers, every container its threads.
    for (const [index, list] of containersPerAccount.entries()) {
      assert.ok(list.length > 0 && !list.some((node: TreeNode) => /^Couldn't|Key missing/.test(labelOf(node))), `account ${labelOf(roots[index] as TreeNode)}: ${list.map(labelOf).join(' | ')}`);
    }
    const failed = threads.filter((rows) => rows.some((node) => /^Couldn't load/.test(labelOf(node))));
    assert.equal(failed.length, 0);
  });
});
