// @ts-check
// `npm run bench`: speed, memory and size, each figure side by side with its floor in the same
// run so machine noise cancels. Prints a table, writes bench-results/bench.json, and with
// --readme rewrites the README's performance section. Not part of `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDependencies } from '../host/deps.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const OUT = path.join(ROOT, 'bench-results');
const { values: options } = parseArgs({ options: { readme: { type: 'boolean', default: false } } });

if (!ensureDependencies(ROOT)) process.exit(1);
const { cleanupAll, exitCleanlyOnSignals, run } = await import('../host/processes.mjs');
const { startSampleServerProcess } = await import('../host/sampleServer.mjs');
exitCleanlyOnSignals();

const step = (/** @type {string} */ title) => console.log(`\n== ${title}`);
const must = async (/** @type {Promise<number>} */ code, /** @type {string} */ what) => {
  if ((await code) !== 0) throw new Error(`${what} failed`);
};
const readJson = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(file, 'utf8'));

try {
  fs.mkdirSync(OUT, { recursive: true });
  step('build (release bundles) and package');
  await must(run('npm', ['run', '--silent', 'package'], { cwd: ROOT }), 'packaging');
  await must(run(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT }), 'building the benchmarks');

  step('plain Node: the floor, and paging');
  const sample = await startSampleServerProcess();
  const nodeFile = path.join(OUT, 'node-bench.json');
  await must(run(process.execPath, ['out/test/bench/node-bench.js'], { cwd: ROOT, env: { ...process.env, SAMPLE_URL: sample.url, BENCH_OUT: nodeFile } }), 'the Node benchmark');
  await sample.stop();
  const node = readJson(nodeFile);

  step('the real host: opening, memory, scrolling');
  const hostArtifacts = path.join(ROOT, 'test-artifacts', 'bench-host');
  await must(run(process.execPath, ['test/host/run-integration.mjs', '--suite', 'bench', '--artifacts', hostArtifacts, '--timeout', '1200'], { cwd: ROOT }), 'the host benchmark');
  const host = readJson(path.join(hostArtifacts, 'bench-host.json'));

  step('the real host: activation, 20 fresh extension hosts');
  const activationArtifacts = path.join(ROOT, 'test-artifacts', 'bench-activation');
  await must(run(process.execPath, ['test/host/run-integration.mjs', '--suite', 'bench-activation', '--artifacts', activationArtifacts, '--timeout', '900'], { cwd: ROOT }), 'the activation benchmark');
  const activations = /** @type {number[]} */ (readJson(path.join(activationArtifacts, 'bench-activation.json')));

  const size = (/** @type {string} */ file) => fs.statSync(path.join(ROOT, file)).size;
  const sorted = [...activations].sort((a, b) => a - b);
  const result = {
    when: new Date().toISOString(),
    machine: `${process.platform}-${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
    open: Object.fromEntries(
      Object.entries(node.open).map(([latency, floor]) => {
        const threadline = host.open[latency];
        return [
          latency,
          {
            floorMs: floor.floorMs,
            nodeProviderMs: floor.providerMs,
            hostProviderMs: threadline.hostProviderMs,
            panelDataMs: threadline.dataMs,
            firstPaintMs: threadline.totalMs,
            pageMs: threadline.pageMs,
            scriptMs: threadline.scriptMs,
            documentMs: threadline.documentMs,
            workerWaitMs: threadline.workerWaitMs,
            providerOverFloor: threadline.hostProviderMs / floor.floorMs,
            paintOverFloor: threadline.totalMs / floor.floorMs,
          },
        ];
      }),
    ),
    firstWebview: host.firstWebview,
    paging: { ...node.paging, ratio: node.paging.sequentialMs / node.paging.threadlineMs, overIdeal: node.paging.threadlineMs / node.paging.idealMs },
    webview: host.webview,
    activation: { runs: activations.length, medianMs: sorted[Math.floor(sorted.length / 2)], minMs: sorted[0], maxMs: sorted.at(-1) },
    sizeBytes: { 'dist/extension.js': size('dist/extension.js'), 'dist/webview.js': size('dist/webview.js'), 'dist/webview.css': size('dist/webview.css'), 'dist/sample-server.js': size('dist/sample-server.js'), 'threadline.vsix': size('threadline.vsix') },
  };
  fs.writeFileSync(path.join(OUT, 'bench.json'), JSON.stringify(result, null, 2));
  const table = renderTable(result);
  console.log(`\n${table}\nWrote bench-results/bench.json`);
  if (options.readme) {
    const readme = path.join(ROOT, 'README.md');
    const text = fs.readFileSync(readme, 'utf8');
    fs.writeFileSync(readme, text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
    console.log('Updated the performance section of README.md');
  }
  await cleanupAll();
  process.exit(0);
} catch (error) {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  await cleanupAll();
  process.exit(1);
}

/** @param {any} result */
function renderTable(result) {
  const ms = (/** @type {number} */ value) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  const kb = (/** @type {number} */ value) => `${(value / 1024).toFixed(0)} KB`;
  const rows = [
    '| Measure | Threadline | Floor / comparison | Ratio |',
    '|---|---|---|---|',
  ];
  for (const [latency, open] of Object.entries(result.open)) {
    const o = /** @type {any} */ (open);
    rows.push(`| Open the 10,000-message thread at ${latency} latency: the thread and first page through the provider (undici, validation, mapping), in the extension host | ${ms(o.hostProviderMs)} (plain Node: ${ms(o.nodeProviderMs)}) | ${ms(o.floorMs)} (the same two requests + JSON.parse, bare Node) | ${o.providerOverFloor.toFixed(2)}× |`);
    rows.push(
      `| … whole path, command to the first window painted in the webview | ${ms(o.firstPaintMs)}: VS Code's webview start-up until the page's HTML arrives ${ms(o.documentMs)} (${ms(o.workerWaitMs)} of it waiting for the service worker), then ${ms(o.scriptMs)} in Threadline's script | ${ms(o.floorMs)} | ${o.paintOverFloor.toFixed(1)}× |`,
    );
  }
  const f = result.firstWebview;
  if (f) {
    const floor = result.open[`${f.latencyMs}ms`]?.floorMs;
    rows.push(
      `| … the same for the first webview of a session (no service-worker wait), ${f.latencyMs} ms latency, one run | ${ms(f.totalMs)}: ${ms(f.totalMs - f.pageMs)} before the page's navigation starts, its HTML after ${ms(f.documentMs)} more, ${ms(f.scriptMs)} in Threadline's script | ${floor === undefined ? '—' : ms(floor)} | ${floor === undefined ? '—' : `${(f.totalMs / floor).toFixed(1)}×`} |`,
    );
  }
  const p = result.paging;
  rows.push(`| Fetch all 10,000 messages, 100 per page, 50 ms latency (${p.concurrency} at once) | ${ms(p.threadlineMs)} | ${ms(p.sequentialMs)} (plain sequential loop); ideal ${ms(p.idealMs)} | ${p.ratio.toFixed(1)}× faster; ${p.overIdeal.toFixed(2)}× the ideal |`);
  const w = result.webview;
  const heap = w.jsHeapBytes && w.jsHeapBytesAtFirstPage ? `JS heap ${kb(w.jsHeapBytes)} after garbage collection (${kb(w.jsHeapBytes - w.jsHeapBytesAtFirstPage)} more than with the first 100)` : 'JS heap n/a';
  rows.push(`| Webview with all 10,000 messages loaded | ${w.domElements} DOM elements (${w.messageElements} of them messages), ${heap} | — | — |`);
  rows.push(`| Frame times scrolling through them (${w.frameMs.frames} frames) | p50 ${ms(w.frameMs.p50)}, p95 ${ms(w.frameMs.p95)}, max ${ms(w.frameMs.max)} | ${w.frameMs.over50ms} frames over 50 ms | — |`);
  rows.push(`| Activation (bundle load + activate()), median of ${result.activation.runs} | ${ms(result.activation.medianMs)} | min ${ms(result.activation.minMs)}, max ${ms(result.activation.maxMs)} | — |`);
  const s = result.sizeBytes;
  rows.push(`| Size | extension.js ${kb(s['dist/extension.js'])}, webview.js ${kb(s['dist/webview.js'])}, webview.css ${kb(s['dist/webview.css'])}, sample-server.js ${kb(s['dist/sample-server.js'])} (loaded only for sample data) | .vsix ${kb(s['threadline.vsix'])} | — |`);
  return `${rows.join('\n')}\n\nMeasured ${result.when.slice(0, 10)} on ${result.machine}.`;
}
