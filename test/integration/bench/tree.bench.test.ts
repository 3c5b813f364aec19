// Benchmarks of the Threads view in the real host (npm run bench):
// - the view opened (hidden before, the accounts just added, nothing of theirs loaded) to the first
//   thread rows of each sample account drawn on the workbench page, in a window tall enough to
//   show them all; the first container of each account is expanded as the view opens;
// - 20 AgentSend accounts with over 20,000 threads loaded and shown: the view's text filter over
//   them, clearing it, and Refresh All — each timed to the workbench drawing the result, with the
//   longest event-loop stall of the extension host meanwhile.
// Writes bench-tree.json into the artifacts folder; run-bench.mjs adds it to the host's results.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountNode } from '../../../src/tree/accountNode';
import type { ContainerNode } from '../../../src/tree/containerNode';
import type { TreeNode } from '../../../src/tree/treeNode';
import { withStallProbe } from '../../bench/stallProbe';
import { BENCH_RUNS, profiled, spread } from '../helpers/bench';
import { bridge } from '../helpers/bridge';
import { sample } from '../helpers/sample';
import { addSampleAccount, addSampleAccounts, removeAllAccounts, threadline, waitFor } from '../helpers/threadline';

const ARTIFACTS = process.env['THREADLINE_ARTIFACTS'] ?? '';
/** Tall enough that every sample account's first thread row is drawn (the list draws only what shows). */
const TALL = { width: 1440, height: 3400 };
const NORMAL = { width: 1440, height: 900 };
const MANY_ACCOUNTS = 20;
/** Threads loaded into each of the 20 accounts' bulk inbox (its support and sales inboxes add 57). */
const BULK_LOADED = 1_000;
const FILTER_TEXT = 'invoice';

/** A container row (the suite's bundle has its own copy of the classes: no instanceof). */
const isContainer = (node: TreeNode): node is ContainerNode => 'container' in node && typeof (node as Partial<ContainerNode>).loadMore === 'function';

/** Waits until nothing is being answered by the sample server, then a little longer. */
async function quiet(): Promise<void> {
  await waitFor(async () => (await sample.stats()).inFlight === 0, 'the sample server to be idle', 60_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/**
 * Watches the Threads list on the page: resolves `window.threadlineTreeRows` with the page's
 * wall-clock time right after the frame that draws each of `count` account rows followed by a
 * thread row of its own (a row announced "Thread, …" or "Unread thread, …").
 */
async function watchFirstRows(count: number): Promise<void> {
  await bridge.pageEvaluate((accounts: number) => {
    const shown = (): boolean => {
      const list = document.querySelector('.part.sidebar .monaco-list[aria-label="Threads"]');
      if (!list?.checkVisibility()) return false;
      const rows = [...list.querySelectorAll('.monaco-list-row')].sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
      let seen = 0;
      let withThreads = 0;
      let current = false;
      for (const row of rows) {
        const level = Number(row.getAttribute('aria-level'));
        if (level === 1) {
          seen++;
          current = false;
        } else if (level === 3 && !current && /^(Unread thread|Thread), /.test(row.getAttribute('aria-label') ?? '')) {
          current = true;
          withThreads++;
        }
      }
      return seen === accounts && withThreads === accounts;
    };
    (window as unknown as { threadlineTreeRows?: Promise<number> }).threadlineTreeRows = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        // Right after the frame that draws it: a task posted from that frame's callback.
        requestAnimationFrame(() => { const afterPaint = new MessageChannel(); afterPaint.port1.onmessage = () => resolve(Date.now()); afterPaint.port2.postMessage(undefined); });
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    return true;
  }, count);
}

/** The time watchFirstRows saw (waits for it). */
async function firstRowsTime(): Promise<number> {
  return waitFor(async () => (await bridge.pageEvaluate<number>(() => ((window as unknown as { threadlineTreeRows?: Promise<number> }).threadlineTreeRows ?? 0) as unknown as number)) || undefined, 'the first thread rows of every account on the page', 120_000);
}

/** Wraps the view's data provider to note when each node's children were handed to VS Code. */
function recordFetches(tree: { getChildren(node?: TreeNode): Promise<TreeNode[]> }): { since(time: number): Map<TreeNode, number>; dispose(): void } {
  const fetched: { node: TreeNode; at: number }[] = [];
  const original = tree.getChildren;
  tree.getChildren = async function (this: unknown, node?: TreeNode) {
    const children = await original.call(tree, node);
    if (node) fetched.push({ node, at: performance.now() });
    return children;
  };
  return {
    since: (time) => new Map(fetched.filter((entry) => entry.at >= time).map((entry) => [entry.node, entry.at])),
    dispose: () => {
      tree.getChildren = original;
    },
  };
}

async function treeOpenFigure(): Promise<object> {
  const api = await threadline();
  await bridge.viewport(TALL.width, TALL.height);
  const runs: number[] = [];
  const hostMs: number[] = [];
  const requests: number[] = [];
  const firstRequest: number[] = [];
  const lastListRequest: number[] = [];
  let requestList: string[] = [];
  try {
    for (let run = 0; run <= BENCH_RUNS; run++) {
      await vscode.commands.executeCommand('workbench.view.extension.threadline');
      await removeAllAccounts();
      await vscode.commands.executeCommand('workbench.view.explorer');
      const ids = [...(await addSampleAccounts()).values()];
      await quiet(); // Tybrite's first page loads in the background for the view's badge
      const before = (await sample.requests()).at(-1)?.seq ?? 0;
      await watchFirstRows(ids.length);
      const started = Date.now();
      const startedHost = performance.now();
      // Refresh All with the gesture, so what the badge loaded is asked for again in this window too.
      api.tree.refresh();
      const opened = vscode.commands.executeCommand('workbench.view.extension.threadline');
      // Each account's first container is expanded as soon as it is listed (as a reader, or the
      // view's remembered state, would).
      const given = await Promise.all(
        ids.map(async (id) => {
          const account = api.tree.accountNode(id);
          assert.ok(account, `the row of ${id}`);
          const listed = await api.tree.getChildren(account);
          const first = listed.find(isContainer);
          assert.ok(first, `a container under ${account.account.label}: ${listed.map((node) => String(node.toTreeItem().label)).join(', ')}`);
          // When the store has the first page (loaded by the view's own fetch, not asked for here).
          const loaded = () => api.store.threadList(id, first.containerId)?.state === 'loaded';
          const storeHas = new Promise<number>((resolve) => {
            if (loaded()) return resolve(performance.now() - startedHost);
            const watching = api.store.onDidChange(() => {
              if (!loaded()) return;
              watching.dispose();
              resolve(performance.now() - startedHost);
            });
          });
          await api.view.reveal(first, { expand: true, focus: false, select: false });
          return storeHas;
        }),
      );
      await opened;
      const painted = await firstRowsTime();
      const inWindow = (await sample.requests(before)).filter((entry) => entry.time <= painted);
      if (run === 0) continue; // warm-up
      runs.push(painted - started);
      hostMs.push(Math.max(...given));
      requests.push(inWindow.length);
      // When the first request reached the server, and the last of the lists (not the first rows' messages, asked for their senders).
      firstRequest.push(Math.min(...inWindow.map((entry) => entry.time)) - started);
      lastListRequest.push(Math.max(...inWindow.filter((entry) => !entry.path.endsWith('/messages')).map((entry) => entry.time)) - started);
      requestList = inWindow.map((entry) => `${entry.service} ${entry.method} ${entry.path}`);
    }
  } finally {
    await bridge.viewport(NORMAL.width, NORMAL.height);
  }
  await removeAllAccounts();
  const result = { total: spread(runs), hostLoaded: spread(hostMs), firstRequest: spread(firstRequest), lastListRequest: spread(lastListRequest), requests: spread(requests), requestList, window: TALL };
  console.log(`[threadline-test] tree open: ${JSON.stringify(result)}`);
  return result;
}

async function manyAccountsFigure(): Promise<object> {
  const api = await threadline();
  await removeAllAccounts();
  await sample.reset();
  await vscode.commands.executeCommand('workbench.view.extension.threadline');
  const ids: string[] = [];
  for (let index = 1; index <= MANY_ACCOUNTS; index++) ids.push(await addSampleAccount('agentsend', `Bench ${String(index).padStart(2, '0')}`));
  // Support, sales and bulk inboxes of every account expanded; the bulk inbox paged to 1,000.
  const containers: ContainerNode[] = [];
  for (const id of ids) {
    const account = api.tree.accountNode(id) as AccountNode;
    const listed = (await api.tree.getChildren(account)).filter(isContainer).slice(0, 3);
    for (const container of listed) {
      await api.view.reveal(container, { expand: true, focus: false, select: false });
      await api.store.ensureThreads(id, container.container);
      while ((api.store.threadList(id, container.containerId)?.threadIds.length ?? 0) < Math.min(BULK_LOADED, api.store.threadList(id, container.containerId)?.total ?? 0)) {
        await api.store.loadMoreThreads(id, container.containerId);
      }
      containers.push(container);
    }
  }
  const loaded = () => containers.reduce((sum, node) => sum + (api.store.threadList(node.accountId, node.containerId)?.threadIds.length ?? 0), 0);
  const threads = loaded();
  await quiet();
  const fetches = recordFetches(api.tree);
  /** Times a gesture until every expanded container has been handed its rows again and the page drew them. */
  const timed = async (name: string, gesture: () => Thenable<unknown> | void, done: () => boolean = () => true) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const probe = await withStallProbe(() => profiled(`tree-${name}`, async () => {
      const started = performance.now();
      await gesture();
      await waitFor(() => {
        const since = fetches.since(started);
        return containers.every((node) => since.has(node)) && done() ? since : undefined;
      }, 'every expanded container to be drawn again', 120_000);
      const given = Math.max(...containers.map((node) => fetches.since(started).get(node) ?? 0)) - started;
      // The workbench has drawn what it was given: right after the page's next frame.
      await bridge.pageEvaluate(() => new Promise((resolve) => requestAnimationFrame(() => { const afterPaint = new MessageChannel(); afterPaint.port1.onmessage = resolve; afterPaint.port2.postMessage(undefined); })));
      return { givenMs: given, totalMs: performance.now() - started };
    }));
    return { ...probe.result, longestStallMs: probe.longestStallMs };
  };
  try {
    const filter = await timed('filter', () => vscode.commands.executeCommand('threadline.filterView', { text: FILTER_TEXT }));
    const matching = containers.reduce((sum, node) => sum + (api.store.threadList(node.accountId, node.containerId)?.threadIds.filter((threadId) => (api.store.summary(node.accountId, threadId)?.title ?? '').toLowerCase().includes(FILTER_TEXT)).length ?? 0), 0);
    const clear = await timed('clear', () => vscode.commands.executeCommand('threadline.filterView', { text: '' }));
    const refresh = await timed(
      'refresh',
      () => vscode.commands.executeCommand('threadline.refresh'),
      () => containers.every((node) => api.store.threadList(node.accountId, node.containerId)?.state === 'loaded'),
    );
    const result = { accounts: ids.length, containers: containers.length, threads, filterText: FILTER_TEXT, matching, afterRefresh: loaded(), filter, clear, refresh };
    console.log(`[threadline-test] tree with ${ids.length} accounts: ${JSON.stringify(result)}`);
    return result;
  } finally {
    fetches.dispose();
    await removeAllAccounts();
  }
}

describe('Threads view (benchmark)', function () {
  this.timeout(1_200_000);
  const results: Record<string, object> = {};
  const write = () => fs.writeFileSync(path.join(ARTIFACTS, 'bench-tree.json'), JSON.stringify(results, null, 2));

  it('measures opening the view to the first thread rows of each account', async () => {
    await removeAllAccounts();
    await sample.reset();
    results['open'] = await treeOpenFigure();
    write();
  });

  it('measures 20 accounts with 20,000 threads: filter by text, clear, Refresh All', async () => {
    results['many'] = await manyAccountsFigure();
    write();
  });
});
