// @ts-check
// `npm test`: installs what is missing, then typecheck, lint, unit, build, integration, package
// (vsce) and packaged (the .vsix installed into the host and its smoke tests); prints each
// stage's result, where the time went (each stage, and each test file), and ends with one line
// `N passed, N failed` that sums every stage.
//   --only <stage>[,<stage>]   run just these stages (deps always run)
//   --electron                 run the integration stage in desktop VS Code (@vscode/test-electron)
//   --stress                   run the integration stage while a CPU burner occupies every core,
//                              so what only fails on a busy machine fails here first
//   --shuffle [seed]           run the integration test files in a shuffled order (seed printed)
//   --hosts <n>                how many VS Code hosts share the integration files, side by side
//                              (default 2 on a machine with two cores or more, else 1)
// Plain Node on purpose: it runs before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDependencies } from './host/deps.mjs';
import { BUILD_TOOLS, PROXY, ensureRequirements } from './host/prerequisites.mjs';
import { cleanupAll, startGroup } from './host/processes.mjs';
import { addResults } from './host/results.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RESULTS_DIR = path.join(ROOT, 'test-artifacts');
const { values: options, positionals } = parseArgs({
  options: {
    only: { type: 'string' },
    electron: { type: 'boolean', default: false },
    stress: { type: 'boolean', default: false },
    shuffle: { type: 'boolean', default: false },
    hosts: { type: 'string' },
  },
  allowPositionals: true,
});
const only = options.only ? new Set(options.only.split(',')) : undefined;
const shuffleSeed = options.shuffle ? Number(positionals[0] ?? Math.floor(Math.random() * 2 ** 31)) : undefined;
// The suite waits on the browser and the extension host in turn: one host leaves a 2-core machine
// about 40% idle, two side by side fill it. Desktop VS Code (--electron) runs one.
const integrationHosts = options.electron ? 1 : Math.max(1, Math.floor(Number(options.hosts ?? (os.availableParallelism() >= 2 ? 2 : 1))) || 1);

/** @typedef {{ name: string, passed: number, failed: number, seconds: number, note?: string, files?: { file: string, ms: number, tests: number }[] }} StageResult */
/** @type {StageResult[]} */
const results = [];
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true; // the running child gets the same SIGINT and cleans up after itself
  void cleanupAll(); // the CPU burners of --stress
});

/**
 * One CPU-burning process per core, started before the integration stage and stopped after it
 * (and on every exit path), so the suite meets the busy machine CI gives it.
 */
function startCpuBurners() {
  const cores = os.availableParallelism();
  const burners = Array.from({ length: cores }, () => startGroup(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  console.log(`stress: ${cores} CPU burner${cores === 1 ? '' : 's'} running (pids ${burners.map((burner) => burner.child.pid).join(', ')})`);
  return async () => {
    for (const burner of burners) await burner.stop();
    console.log('stress: CPU burners stopped');
  };
}

/**
 * Runs the integration suite in `integrationHosts` hosts side by side (each its own code-server,
 * browser, sample servers and artifacts folder), host 1's output streaming through and the
 * others' printed once they end; their results are added into `resultsFile`.
 * @param {string} resultsFile
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
async function runIntegrationHosts(resultsFile, env) {
  const script = 'test/host/run-integration.mjs';
  const extra = options.electron ? ['--electron'] : [];
  if (integrationHosts === 1) return exec(process.execPath, [script, '--results', resultsFile, ...extra], env);
  console.log(`${integrationHosts} VS Code hosts side by side; host 1 shown as it runs, the others when they end`);
  const others = Array.from({ length: integrationHosts - 1 }, (_, offset) => {
    const host = offset + 2;
    const results = resultsFile.replace(/\.json$/, `-host${host}.json`);
    fs.rmSync(results, { force: true });
    const args = [script, '--shard', `${host}/${integrationHosts}`, '--results', results, '--artifacts', `test-artifacts/integration-host${host}`];
    return { host, results, run: execCollected(process.execPath, args, env) };
  });
  const first = await exec(process.execPath, [script, '--shard', `1/${integrationHosts}`, '--results', resultsFile], env);
  let worst = first;
  for (const other of others) {
    const { code, output } = await other.run;
    console.log(`\n-- integration, host ${other.host} of ${integrationHosts}`);
    process.stdout.write(output);
    worst = Math.max(worst, code);
    addResults(resultsFile, other.results, { missing: `host ${other.host} (exit ${code})`, suffix: `  (host ${other.host})` });
  }
  return worst;
}

/**
 * Runs a command with its output collected (stdout and stderr, in order), for printing later.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ code: number, output: string }>}
 */
function execCollected(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 127, output: `${output}could not start ${command}: ${error.message}\n` }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/**
 * Runs a command and resolves with its exit code, output streaming through.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
function exec(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * A stage that counts as one check: passed when the command exits 0.
 * @param {string} name
 * @param {() => Promise<number>} body
 * @param {boolean} [required] run even when --only leaves it out (a later stage needs it)
 */
async function checkStage(name, body, required = false) {
  if (only && !only.has(name) && !required) return true;
  console.log(`\n== ${name}`);
  const started = Date.now();
  const code = interrupted ? 130 : await body();
  const ok = code === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - started) / 1000 });
  return ok;
}

/**
 * A stage that runs a mocha suite and counts its tests from the results file it writes.
 * @param {string} name
 * @param {(resultsFile: string) => Promise<number>} body
 * @param {boolean} runnable false when an earlier stage it needs failed
 */
async function suiteStage(name, body, runnable) {
  if (only && !only.has(name)) return;
  console.log(`\n== ${name}`);
  const started = Date.now();
  const resultsFile = path.join(RESULTS_DIR, `${name}-results.json`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  if (!runnable || interrupted) {
    results.push({ name, passed: 0, failed: 1, seconds: 0, note: interrupted ? 'interrupted' : 'not run: a stage it needs failed' });
    return;
  }
  const code = await body(resultsFile).catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  });
  const seconds = (Date.now() - started) / 1000;
  if (!fs.existsSync(resultsFile)) {
    results.push({ name, passed: 0, failed: 1, seconds, note: `exited ${code} without reporting results` });
    return;
  }
  const counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  // A suite that exits non-zero with no failing test (a crash after the last test) still fails.
  const failed = counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
  results.push({ name, passed: counts.passed, failed, seconds, files: counts.files ?? [], ...(failed > counts.failed ? { note: `exited ${code}` } : {}) });
}

const bin = (/** @type {string} */ tool) => path.join(ROOT, 'node_modules', '.bin', tool);

const installStarted = Date.now();
if (!ensureDependencies(ROOT)) {
  console.error('npm ci failed; nothing else can run.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const installSeconds = (Date.now() - installStarted) / 1000;

// The offline VS Code is installed (first run only) while typecheck, lint and unit run: its
// download and native build need no CPU those stages are short of for long. Debian packages come
// first, one apt-get at a time.
const needsHost = !options.electron && (!only || only.has('integration') || only.has('packaged'));
/** @type {Promise<{ code: number, seconds: number, output: string }> | undefined} */
const hostInstall = needsHost ? startHostInstall() : undefined;

function startHostInstall() {
  const started = Date.now();
  try {
    ensureRequirements([...BUILD_TOOLS, ...PROXY]);
  } catch (error) {
    return Promise.resolve({ code: 1, seconds: 0, output: error instanceof Error ? error.message : String(error) });
  }
  return execCollected(process.execPath, ['test/host/install-host.mjs']).then((result) => ({ ...result, seconds: (Date.now() - started) / 1000 }));
}

/** The host install's result, as a stage of its own (its output shown once it is done). */
async function hostStage() {
  if (!hostInstall) return true;
  console.log('\n== host (installed alongside the stages above)');
  const { code, seconds, output } = await hostInstall;
  process.stdout.write(output);
  results.push({ name: 'host', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds });
  return code === 0;
}
await checkStage('typecheck', async () => {
  let worst = 0;
  for (const project of ['tsconfig.json', 'test/tsconfig.json', 'src/webview/tsconfig.json']) {
    worst = Math.max(worst, await exec(bin('tsc'), ['-p', project]));
  }
  return worst;
});
await checkStage('lint', () => exec(bin('eslint'), ['.', '--max-warnings', '0']));
// The test bundles (out/test) are built once, ahead of the stages that run them.
const testsBuilt = spawnSync(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT, stdio: 'inherit' }).status === 0;
await suiteStage(
  'unit',
  async (resultsFile) => {
    ensureRequirements(PROXY); // the proxy tests run a real tinyproxy
    return exec(process.execPath, ['out/test/unit/index.js'], { THREADLINE_TEST_RESULTS: resultsFile });
  },
  testsBuilt,
);
// The extension bundle is built whenever a stage that runs it is asked for: `--only integration`
// must never test an old dist/.
const needsBuild = !only || ['build', 'integration', 'package', 'packaged'].some((stage) => only.has(stage));
const built = needsBuild ? await checkStage('build', () => exec(process.execPath, ['esbuild.js']), true) : true;
const hostReady = await hostStage();
await suiteStage(
  'integration',
  async (resultsFile) => {
    const stopBurners = options.stress ? startCpuBurners() : undefined;
    try {
      return await runIntegrationHosts(resultsFile, shuffleSeed === undefined ? {} : { THREADLINE_TEST_SHUFFLE: String(shuffleSeed) });
    } finally {
      await stopBurners?.();
    }
  },
  built && testsBuilt && hostReady,
);

// What users install is what is tested: the .vsix, installed into the host with --install-extension.
if (!options.electron) {
  const packaged = await checkStage('package', () => exec('npm', ['run', '--silent', 'package']));
  await suiteStage(
    'packaged',
    (resultsFile) =>
      exec(process.execPath, ['test/host/run-integration.mjs', '--vsix', 'threadline.vsix', '--artifacts', 'test-artifacts/packaged', '--results', resultsFile]),
    packaged && testsBuilt && hostReady,
  );
}

console.log('\n== where the time goes');
for (const stage of results.filter((entry) => entry.files?.length)) {
  console.log(`${stage.name}, per test file:`);
  for (const file of stage.files ?? []) console.log(`  ${(file.ms / 1000).toFixed(1).padStart(6)} s  ${String(file.tests).padStart(4)} tests  ${file.file}`);
  // Hosts side by side: the stage took as long as its busiest host.
  const byHost = new Map();
  for (const file of stage.files ?? []) {
    const host = /\(host (\d+)\)$/.exec(file.file)?.[1] ?? '1';
    byHost.set(host, (byHost.get(host) ?? 0) + file.ms / 1000);
  }
  if (byHost.size > 1) console.log(`  ${[...byHost].map(([host, seconds]) => `host ${host}: ${seconds.toFixed(1)} s in test files`).join('; ')}`);
  const inFiles = Math.max(0, ...byHost.values());
  console.log(`  ${(stage.seconds - inFiles).toFixed(1).padStart(6)} s             outside test files (bundling, starting the host and the browser, reloading, stopping)`);
}

console.log('\n== summary');
if (installSeconds >= 1) console.log(`${'install'.padEnd(12)} ${''.padStart(5)}        ${''.padStart(4)}         ${installSeconds.toFixed(1).padStart(6)} s`);
if (options.stress) console.log('(integration ran under --stress: a CPU burner on every core)');
if (integrationHosts > 1 && results.some((stage) => stage.name === 'integration')) console.log(`(integration ran in ${integrationHosts} VS Code hosts side by side)`);
if (shuffleSeed !== undefined) console.log(`(integration test files shuffled with seed ${shuffleSeed}: --shuffle ${shuffleSeed} repeats the order)`);
for (const stage of results) {
  console.log(
    `${stage.name.padEnd(12)} ${String(stage.passed).padStart(5)} passed ${String(stage.failed).padStart(4)} failed  ${stage.seconds.toFixed(1).padStart(6)} s${stage.note ? `  (${stage.note})` : ''}`,
  );
}
const passed = results.reduce((sum, stage) => sum + stage.passed, 0);
const failed = results.reduce((sum, stage) => sum + stage.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || interrupted ? 1 : 0);
