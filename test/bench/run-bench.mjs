// @ts-check
// `npm run bench`: speed, memory and size, each figure beside its fair baseline measured in the
// same run (the data floor in bare Node; the webview floor, a trivial webview made by the same
// extension host) and issue 18's goal, with the bench's own noise (the spread over its runs).
// Prints the table, writes bench-results/bench.json and regenerates the README's performance
// table from it (--no-readme leaves the README alone). Not part of `npm test`.
//   --only node   just the plain-Node half (the data floor, paging, search over 100,000 messages):
//                 needs no VS Code; prints the search figures and writes bench-results/node-bench.json
//                 (bench.json and the README are left alone).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDependencies } from '../host/deps.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const OUT = path.join(ROOT, 'bench-results');
const { values: options } = parseArgs({ options: { 'no-readme': { type: 'boolean', default: false }, only: { type: 'string' } } });
if (options.only !== undefined && options.only !== 'node') {
  console.error(`--only takes "node", not "${options.only}"`);
  process.exit(2);
}

if (!ensureDependencies(ROOT)) process.exit(1);
const { cleanupAll, exitCleanlyOnSignals, run } = await import('../host/processes.mjs');
const { startSampleServerProcess } = await import('../host/sampleServer.mjs');
exitCleanlyOnSignals();

const step = (/** @type {string} */ title) => console.log(`\n== ${title}`);
const must = async (/** @type {Promise<number>} */ code, /** @type {string} */ what) => {
  if ((await code) !== 0) throw new Error(`${what} failed`);
};
const readJson = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The plain-Node half against a sample server of its own; returns the file it wrote. */
async function runNodeBench() {
  const sample = await startSampleServerProcess();
  const nodeFile = path.join(OUT, 'node-bench.json');
  await must(run(process.execPath, ['out/test/bench/node-bench.js'], { cwd: ROOT, env: { ...process.env, SAMPLE_URL: sample.url, BENCH_OUT: nodeFile } }), 'the Node benchmark');
  await sample.stop();
  return nodeFile;
}

try {
  const loadAtStart = os.loadavg();
  fs.mkdirSync(OUT, { recursive: true });
  if (options.only === 'node') {
    step('build the benchmarks');
    await must(run(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT }), 'building the benchmarks');
    const report = /** @type {typeof import('./report')} */ (createRequire(import.meta.url)(path.join(ROOT, 'out', 'test', 'bench', 'report.js')));
    step('plain Node: the data floor, paging, search');
    const nodeFile = await runNodeBench();
    const figures = report.searchFigures(readJson(nodeFile));
    const loads = os.loadavg();
    console.log(`\n${report.renderTable({ when: new Date().toISOString(), machine: `${process.platform}-${process.arch}, Node ${process.version}, ${os.cpus().length} cores (shared)`, load: { start: loadAtStart, end: loads }, figures, inputs: /** @type {any} */ ({}) })}\nWrote bench-results/node-bench.json`);
    await cleanupAll();
    process.exit(0);
  }
  step('build (release bundles) and package');
  await must(run('npm', ['run', '--silent', 'package'], { cwd: ROOT }), 'packaging');
  const distDir = path.join(ROOT, 'dist');
  const sizes = {
    dist: Object.fromEntries(fs.readdirSync(distDir).map((file) => [file, fs.statSync(path.join(distDir, file)).size])),
    vsix: fs.statSync(path.join(ROOT, 'threadline.vsix')).size,
  };
  // Threadline's own share of activation: loading the bundle, then activate(), in bare Node with a
  // stand-in for VS Code, a fresh process each time.
  const inNode = Array.from({ length: 10 }, () => /** @type {{ loadMs: number, activateMs: number }} */ (JSON.parse(execFileSync(process.execPath, ['test/bench/bundle-load.cjs', 'dist/extension.js'], { cwd: ROOT, encoding: 'utf8' }))));
  const bundleLoadMs = inNode.map((run) => run.loadMs);
  const activateInNodeMs = inNode.map((run) => run.activateMs);
  await must(run(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT }), 'building the benchmarks');
  const report = /** @type {typeof import('./report')} */ (createRequire(import.meta.url)(path.join(ROOT, 'out', 'test', 'bench', 'report.js')));

  step('plain Node: the data floor, paging, search');
  const nodeFile = await runNodeBench();

  step('the real host: opening beside the webview floor, switching, memory, scrolling; the Threads view; a 100,000-message thread');
  const hostArtifacts = path.join(ROOT, 'test-artifacts', 'bench-host');
  await must(run(process.execPath, ['test/host/run-integration.mjs', '--suite', 'bench', '--artifacts', hostArtifacts, '--timeout', '1200'], { cwd: ROOT }), 'the host benchmark');

  step('the real host: activation, 20 fresh extension hosts');
  const activationArtifacts = path.join(ROOT, 'test-artifacts', 'bench-activation');
  await must(run(process.execPath, ['test/host/run-integration.mjs', '--suite', 'bench-activation', '--artifacts', activationArtifacts, '--timeout', '900'], { cwd: ROOT }), 'the activation benchmark');

  const result = report.buildReport({
    when: new Date().toISOString(),
    machine: `${process.platform}-${process.arch}, Node ${process.version}, ${os.cpus().length} cores (shared)`,
    load: { start: loadAtStart, end: os.loadavg() },
    node: readJson(nodeFile),
    host: {
      ...readJson(path.join(hostArtifacts, 'bench-host.json')),
      // The Threads view (tree.bench.test.ts) and the 100,000-message thread (long-thread.bench.test.ts).
      tree: readJson(path.join(hostArtifacts, 'bench-tree.json')),
      longThread: readJson(path.join(hostArtifacts, 'bench-long-thread.json')),
    },
    ...(() => {
      const activations = readJson(path.join(activationArtifacts, 'bench-activation.json'));
      return { activationsMs: activations.threadline, activationFloorMs: activations.floor };
    })(),
    bundleLoadMs,
    activateInNodeMs,
    sizes,
    goals: readJson(path.join(ROOT, 'test', 'bench', 'size-budgets.json')).goals,
  });
  fs.writeFileSync(path.join(OUT, 'bench.json'), JSON.stringify(result, null, 2));
  const table = report.renderTable(result);
  console.log(`\n${table}\nWrote bench-results/bench.json`);
  if (!options['no-readme']) {
    const readme = path.join(ROOT, 'README.md');
    fs.writeFileSync(readme, report.replaceReadmeTable(fs.readFileSync(readme, 'utf8'), table));
    console.log('Regenerated the performance table of README.md from it');
  }
  await cleanupAll();
  process.exit(0);
} catch (error) {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  await cleanupAll();
  process.exit(1);
}
