// The report of `npm run bench` is well-formed on a tiny run: the Node half measured for real
// (two runs, no paging) against the sample server, the host half a small stand-in (it needs VS
// Code, which only the bench itself starts). Nothing here judges a time: benchmarks are not tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureNode, type Spread } from '../bench/node-bench';
import { buildReport, renderTable, replaceReadmeTable, type HostResults } from '../bench/report';
import { startSampleServer, type SampleServer } from '../../src/sample';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const spread = (...runs: number[]): Spread => ({ median: runs[Math.floor(runs.length / 2)] ?? 0, min: Math.min(...runs), max: Math.max(...runs), runs });

/** What the host half writes, small: one latency, two runs of each. */
const host: HostResults = {
  open: {
    '0ms': {
      total: spread(300, 320),
      webviewFloor: spread(250, 260),
      switchPreview: spread(40, 45),
      switchOpenedMs: 15,
      switchLandingMs: 25,
      hostProvider: spread(6, 7),
      dataMs: 12,
      pageMs: 120,
      scriptMs: 40,
      documentMs: 60,
      workerWaitMs: 5,
    },
  },
  tree: {
    open: { total: spread(400, 420), hostLoaded: spread(300, 310), firstRequest: spread(150, 160), lastListRequest: spread(280, 290), requests: spread(30, 31), requestList: ['agentsend GET /inboxes'], window: { width: 1440, height: 3400 } },
    many: {
      accounts: 20,
      containers: 60,
      threads: 21_140,
      filterText: 'invoice',
      matching: 2_600,
      afterRefresh: 4_140,
      filter: { givenMs: 200, totalMs: 260, longestStallMs: 40 },
      clear: { givenMs: 300, totalMs: 380, longestStallMs: 70 },
      refresh: { givenMs: 500, totalMs: 600, longestStallMs: 30 },
    },
  },
  longThread: { messages: 100_000, open: spread(1500, 1600), webviewFloor: spread(1200, 1300), jumpToEnd: spread(80, 90), search: spread(4000, 4200), phrase: 'checksum manifest mismatch', jsHeapBytes: 90_000_000, floorJsHeapBytes: 75_000_000, workbenchJsHeapBytes: 20_000_000, messagesHeld: 100_000 },
  webview: { messagesLoaded: 10_000, domElements: 300, messageElements: 20, jsHeapBytes: 30_000_000, jsHeapBytesAtFirstPage: 8_000_000, floorJsHeapBytes: 7_000_000, workbenchJsHeapBytes: 6_000_000, frameMs: { p50: 16, p95: 18, max: 40, over50ms: 0, frames: 400 }, floorFrameMs: { p50: 16, p95: 17, max: 30, over50ms: 0, frames: 400, passes: [{ p95: 17, over50ms: 0 }, { p95: 18, over50ms: 0 }] }, textFloorFrameMs: { p50: 17, p95: 25, max: 45, over50ms: 0, frames: 400 } },
};

const inputsOf = (report: ReturnType<typeof buildReport>) => report.inputs;

describe('npm run bench: the report', function () {
  this.timeout(30_000);
  let server: SampleServer;
  before(async () => {
    server = await startSampleServer({ control: true });
  });
  after(async () => server.close());

  it('on a tiny run, every figure has its value or says it was not measured, its baseline, ratio, goal, verdict and noise; the table and README follow from it', async () => {
    const node = await measureNode({ sampleUrl: server.url, runs: 2, latencies: [0], paging: false, search: { messages: 2_000, runs: 2 }, treeFirstRows: true });
    // The tree's floor: each sample account's list calls for its first rows, read back from the server's log.
    assert.deepEqual(
      node.treeFirstRows?.accounts.map((account) => account.service),
      ['agentsend', 'sitegpt', 'tybrite', 'thred', 'cattix'],
    );
    assert.deepEqual(node.treeFirstRows?.accounts[0]?.requests, ['GET /inboxes?limit=100&offset=0', 'GET /inboxes/inb_support/threads?limit=100&offset=0']);
    assert.equal(node.treeFirstRows?.floor.runs.length, 2);
    assert.equal(node.treeFirstRows?.provider.runs.length, 2);
    assert.equal(node.open['0ms']?.floor.runs.length, 2);
    assert.equal(node.search?.messages, 2_000);
    assert.deepEqual(
      node.search?.queries.map((query) => query.runs.length),
      [2, 2, 2, 2],
    );
    const report = buildReport({
      when: '2026-12-04T00:00:00.000Z',
      machine: 'test',
      load: { start: [1, 1, 1], end: [1, 1, 1] },
      node,
      host,
      activationsMs: [40, 35, 50],
      activationFloorMs: [12, 10, 11],
      bundleLoadMs: [20, 22],
      activateInNodeMs: [3, 4],
      sizes: { dist: { 'extension.js': 200_000, 'undici.js': 300_000 }, vsix: 400_000 },
      goals: { activationBundle: 153_600, dist: 716_800, vsix: 512_000 },
    });
    const ids = report.figures.map((entry) => entry.id);
    assert.deepEqual(new Set(ids).size, ids.length, 'each figure once');
    for (const id of ['open-0ms', 'switch-0ms', 'adapter-0ms', 'tree-first-rows', 'activation', 'heap-10000', 'thread-100000', 'thread-100000-open', 'thread-100000-end', 'thread-100000-search', 'search-indexing', 'search-following', 'search-query-checksum-manifest-mismatch', 'search-query-orders', 'search-query-order-history', 'search-query-harb', 'scroll-frames', 'tree-20-accounts', 'size-activation', 'size-dist', 'size-vsix']) {
      assert.ok(ids.includes(id), `the report has ${id}`);
    }
    for (const entry of report.figures) {
      assert.ok(entry.label && entry.goal && entry.noise && entry.breakdown, `${entry.id} is described`);
      if (entry.value === null) {
        assert.equal(entry.met, null, `${entry.id}: nothing measured, no verdict`);
        assert.match(entry.breakdown, /^Not measured: /);
        continue;
      }
      assert.ok(Number.isFinite(entry.value) && entry.value >= 0, `${entry.id} has a value`);
      assert.equal(typeof entry.met, 'boolean', `${entry.id} has a verdict`);
      if (entry.baseline) {
        assert.ok(Number.isFinite(entry.baseline.value) && entry.baseline.value > 0, `${entry.id} has a baseline`);
        assert.equal(entry.ratio, entry.value / entry.baseline.value);
      } else {
        assert.equal(entry.ratio, null);
      }
    }
    const open = report.figures.find((entry) => entry.id === 'open-0ms');
    assert.equal(open?.baseline?.value, (node.open['0ms']?.floor.median ?? 0) + (host.open['0ms']?.webviewFloor.median ?? 0), 'the whole path against the data floor plus the webview floor');
    assert.equal(report.figures.find((entry) => entry.id === 'size-dist')?.value, 500_000);
    // 30 MB read with all messages, 6 MB the workbench's own (the trivial webview 7 MB): 24 MB (22.9 MiB) is Threadline's, within 25 MiB.
    const heap = report.figures.find((entry) => entry.id === 'heap-10000');
    assert.equal(heap?.met, true);
    assert.equal(heap?.baseline?.value, 6_000_000, 'the lower baseline: the larger share counts as the page’s');
    assert.equal(buildReport({ ...inputsOf(report), host: { ...host, webview: { ...host.webview, workbenchJsHeapBytes: 9_000_000, floorJsHeapBytes: 1_000_000 } } }).figures.find((entry) => entry.id === 'heap-10000')?.met, false, 'over a 1 MB trivial webview it is 29 MB');
    const firstRows = report.figures.find((entry) => entry.id === 'tree-first-rows');
    assert.equal(firstRows?.value, host.tree?.open.total.median, 'the median of the runs to the rows on the page');
    assert.equal(firstRows?.baseline?.value, node.treeFirstRows?.floor.median, 'against the same requests in bare Node');
    assert.equal(firstRows?.met, (host.tree?.open.total.median ?? 0) <= 1.5 * (node.treeFirstRows?.floor.median ?? 0) + 50);
    const many = report.figures.find((entry) => entry.id === 'tree-20-accounts');
    assert.equal(many?.value, 70, 'the longest stall of the three gestures');
    assert.equal(many?.met, false);
    assert.match(many?.breakdown ?? '', /filter “invoice” \(2,600 match\) 260 ms .*clearing it 380 ms .*Refresh All .* 600 ms/);
    // 90 MB read, 20 MB the workbench's own: 70 MB (66.8 MiB) is the page's, over 60.
    assert.equal(report.figures.find((entry) => entry.id === 'thread-100000')?.met, false, '70 MB above the workbench is over 60 MB');
    assert.match(report.figures.find((entry) => entry.id === 'thread-100000')?.breakdown ?? '', /^Threadline's page: 66\.8 MB; it works/);
    assert.equal(report.figures.find((entry) => entry.id === 'thread-100000-search')?.value, host.longThread?.search.median);
    // The rare phrase is in message 9,000 only when the thread is that long; a tiny run finds nothing, counted exactly.
    assert.match(report.figures.find((entry) => entry.id === 'search-query-checksum-manifest-mismatch')?.breakdown ?? '', /^0 messages in 0 threads, counted exactly$/);
    // Activation is judged by what it takes beyond the floor: 40 − 11 = 29 ms.
    const activation = report.figures.find((entry) => entry.id === 'activation');
    assert.equal(activation?.baseline?.value, 11);
    assert.equal(activation?.met, true);
    assert.equal(buildReport({ ...inputsOf(report), activationFloorMs: [5, 6, 7] }).figures.find((entry) => entry.id === 'activation')?.met, false, '40 − 6 = 34 ms is over');
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'bench.json holds it all');

    const table = renderTable(report);
    const rows = table.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(rows.length, report.figures.length + 1, 'a header and one row per figure');
    for (const row of rows) assert.equal(row.split(' | ').length, 8, `eight columns: ${row}`);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const regenerated = replaceReadmeTable(readme, table);
    assert.ok(regenerated.includes(`<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
    assert.equal(regenerated.split('<!-- bench:start -->')[0], readme.split('<!-- bench:start -->')[0], 'nothing before the table changes');
  });
});
