// @ts-check
// Runs the integration suite (out/test/integration/index.js, built by `node esbuild.js --tests`)
// inside a real VS Code and exits with the suite's code.
//
//   node test/host/run-integration.mjs              code-server 4.100.3 (VS Code 1.100.3) + Debian's Chromium, offline
//   node test/host/run-integration.mjs --electron   desktop VS Code through @vscode/test-electron (downloads VS Code)
//   --vsix <file>      install this .vsix with --install-extension and test it instead of the source tree
//   --timeout <s>      time limit for the whole run (default 900)
//   --results <file>   where the suite writes its pass/fail counts (JSON)
//   --suite <name>     run another suite of the entry: bench, bench-activation (npm run bench)
//   --shard <i/n>      run host i's share of the main suite's files (npm test runs n side by side)
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBridge } from './bridge.mjs';
import { openBrowser } from './browser.mjs';
import { CACHE_DIR, REPO_ROOT, ensureCodeServer, installVsix, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { cleanupAll, exitCleanlyOnSignals, onCleanup, run } from './processes.mjs';
import { addResults } from './results.mjs';
import { startSampleServerProcess } from './sampleServer.mjs';
import { pollUntil, withDeadline } from './wait.mjs';

const { values: options } = parseArgs({
  options: {
    electron: { type: 'boolean', default: false },
    vsix: { type: 'string' },
    timeout: { type: 'string', default: '900' },
    results: { type: 'string' },
    artifacts: { type: 'string', default: path.join(REPO_ROOT, 'test-artifacts', 'integration') },
    suite: { type: 'string' },
    shard: { type: 'string' },
  },
});

const SUITE = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const artifactsDir = path.resolve(options.artifacts);
const timeoutMs = Number(options.timeout) * 1000;

exitCleanlyOnSignals();
main().then(
  async (code) => {
    await cleanupAll();
    process.exit(code);
  },
  async (error) => {
    console.error(`\nIntegration run failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanupAll();
    process.exit(1);
  },
);

async function main() {
  for (const file of [SUITE, path.join(REPO_ROOT, 'dist', 'extension.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`node esbuild.js --tests\` first`);
  }
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  const workspace = makeWorkspace();
  // The suite reads from one sample server; a second one stands in for an attacker's capture
  // server that a hostile workspace points Threadline at.
  const sample = await startSampleServerProcess();
  const capture = await startSampleServerProcess();
  writeHostileWorkspaceSettings(workspace, capture.url);
  const env = {
    THREADLINE_TEST_RESULTS: options.results ? path.resolve(options.results) : path.join(artifactsDir, 'results.json'),
    THREADLINE_ARTIFACTS: artifactsDir,
    THREADLINE_TEST_WORKSPACE: workspace,
    THREADLINE_SAMPLE_URL: sample.url,
    THREADLINE_CAPTURE_URL: capture.url,
    ...(options.vsix ? { THREADLINE_SUITE: 'vsix' } : options.suite ? { THREADLINE_SUITE: options.suite } : {}),
    ...(options.shard ? { THREADLINE_TEST_SHARD: options.shard } : {}),
  };
  if (options.electron && options.vsix) throw new Error('--vsix runs in the offline host (code-server) only');
  return options.electron ? runInElectron(workspace, env) : runInCodeServer(workspace, env);
}

/**
 * The workspace is hostile from the start: its settings try to point Threadline's accounts —
 * under the fixed ids the demo uses — at the capture server. The suite checks that server never
 * receives a key.
 * @param {string} workspace
 * @param {string} captureUrl
 */
function writeHostileWorkspaceSettings(workspace, captureUrl) {
  const services = { agentsend: 'agentsend', sitegpt: 'sitegpt/api/v0', tybrite: 'tybrite', thred: 'thred/v1', cattix: 'cattix' };
  const accounts = Object.entries(services).map(([service, mount]) => ({
    id: `sample-${service}`,
    service,
    label: `Hijacked ${service}`,
    baseUrl: `${captureUrl}/${mount}`,
    options: {},
  }));
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'threadline.accounts': accounts, 'threadline.requestTimeoutSeconds': 300 }, null, 2));
}

/** A throw-away copy of the fixture workspace, so tests may write into it. */
function makeWorkspace() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-workspace-'));
  if (fs.existsSync(FIXTURE_WORKSPACE)) fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  onCleanup(async () => fs.rmSync(workspace, { recursive: true, force: true }));
  return workspace;
}

/**
 * @param {string} workspace
 * @param {Record<string, string>} env
 */
async function runInCodeServer(workspace, env) {
  const serverMain = await ensureCodeServer();
  const started = Date.now();
  /** @type {string | undefined} */
  let extensionsDir;
  if (options.vsix) {
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-extensions-'));
    onCleanup(async () => fs.rmSync(/** @type {string} */ (extensionsDir), { recursive: true, force: true }));
    await installVsix({ serverMain, vsix: path.resolve(options.vsix), extensionsDir });
  } else if (options.suite === 'bench-activation') {
    // The activation benchmark's baseline: a trivial extension, installed beside Threadline
    // (VS Code takes one extension under development), activated the same way in each host.
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-extensions-'));
    onCleanup(async () => fs.rmSync(/** @type {string} */ (extensionsDir), { recursive: true, force: true }));
    const vsix = path.join(extensionsDir, 'activation-floor.vsix');
    const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const packaged = await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: path.join(REPO_ROOT, 'test', 'fixtures', 'activation-floor') });
    if (packaged !== 0) throw new Error('packaging the activation floor failed');
    await installVsix({ serverMain, vsix, extensionsDir });
  }
  /** @type {string[]} */
  const consoleLines = [];
  const { page } = await openBrowser({
    closePopups: true,
    onConsole: (line) => {
      consoleLines.push(line);
      const text = suiteOutput(line);
      if (text !== undefined) console.log(text);
    },
  });
  const bridge = await startBridge({ consoleLines, artifactsDir });
  onCleanup(bridge.close);
  bridge.attach(page);
  const server = await startCodeServer({
    serverMain,
    env: { ...env, THREADLINE_HOST_BRIDGE: bridge.url },
    logFile: path.join(artifactsDir, 'server.log'),
    extensionsDir,
  });
  // Where this host keeps user settings, for the suite's secrets audit.
  fs.writeFileSync(path.join(artifactsDir, 'host.json'), JSON.stringify({ userDataDir: path.join(server.dataDir, 'user') }));
  /** @type {(code: number) => void} */
  let onExit = () => undefined;
  await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => onExit(code));
  const nextExit = () => /** @type {Promise<number>} */ (new Promise((resolve) => (onExit = resolve)));
  // With a .vsix, Threadline is the installed extension; a stub development extension hosts
  // the test runner (VS Code runs extension tests only with one).
  const url = workbenchUrl({
    port: server.port,
    folder: workspace,
    extensionDevelopmentPath: options.vsix ? path.join(REPO_ROOT, 'test', 'fixtures', 'vsix-host') : REPO_ROOT,
    extensionTestsPath: SUITE,
  });
  console.log(`VS Code server on ${server.baseUrl}; opening the workbench in Chromium`);
  // One exit code ends the run: the suite's, or — when it reloads the window for its
  // after-reload phase — the reloaded window's (codeAutomationExit survives the navigation).
  const exit = nextExit();
  await page.goto(url);
  const code = await withDeadline(exit, timeoutMs);
  console.log(`Suite finished with exit code ${code ?? 'none (time limit)'} after ${Math.round((Date.now() - started) / 1000)} s`);
  if (fs.existsSync(path.join(artifactsDir, 'phase.json'))) mergeAfterReloadResults(env.THREADLINE_TEST_RESULTS, code);
  fs.writeFileSync(path.join(artifactsDir, 'console.log'), consoleLines.join('\n') + '\n');
  if (code !== 0) {
    await page.screenshot({ path: path.join(artifactsDir, 'failure.png') }).catch(() => undefined);
    console.error(`Saved ${path.relative(REPO_ROOT, path.join(artifactsDir, 'failure.png'))} and console.log`);
  }
  if (code === undefined) {
    console.error(`The suite did not finish within ${timeoutMs / 1000} s`);
    return 1;
  }
  return Number(code);
}

/**
 * Adds the after-reload phase's counts to the main results file `npm test` reads.
 * @param {string | undefined} resultsFile
 * @param {number | undefined} code
 */
function mergeAfterReloadResults(resultsFile, code) {
  if (resultsFile) addResults(resultsFile, resultsFile.replace(/\.json$/, '.after-reload.json'), { missing: `after-reload phase (exit ${code})` });
}

/**
 * The suite's own lines, picked out of the page console by their prefix (the extension host
 * forwards its console there, decorated); the workbench's own messages stay in console.log.
 * @param {string} line
 */
function suiteOutput(line) {
  const at = line.indexOf('[threadline-test] ');
  return at === -1 ? undefined : line.slice(at + '[threadline-test] '.length);
}

/**
 * Desktop VS Code, for machines that can download it. Chromium's DevTools port lets the same
 * bridge reach the workbench page, so webview checks run there too.
 * @param {string} workspace
 * @param {Record<string, string>} env
 */
async function runInElectron(workspace, env) {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  const { chromium } = await import('playwright-core');
  if (process.platform === 'linux' && !process.env['DISPLAY']) {
    throw new Error('Desktop VS Code needs a display: run this under xvfb-run (Debian package xvfb).');
  }
  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: '1.100.3', cachePath: CACHE_DIR });
  const debugPort = await freePort();
  /** @type {string[]} */
  const consoleLines = [];
  const bridge = await startBridge({ consoleLines, artifactsDir });
  onCleanup(bridge.close);
  // Desktop VS Code opens its window on its own: attach to it once its DevTools port answers.
  const attachToWorkbench = () =>
    pollUntil(
      async () => {
        try {
          const browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
          const page = browser.contexts().flatMap((context) => context.pages()).find((p) => p.url().includes('workbench'));
          if (page) {
            page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
            bridge.attach(page);
            return true;
          }
          await browser.close();
        } catch {
          // not up yet
        }
        return false;
      },
      { intervalMs: 500, timeoutMs: 60_000 },
    );
  const attach = attachToWorkbench();
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-electron-user-'));
  onCleanup(async () => fs.rmSync(userData, { recursive: true, force: true }));
  const runOnce = () =>
    // The window reloads itself for the after-reload phase; VS Code exits after that phase.
    runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`, `--remote-debugging-port=${debugPort}`],
      extensionTestsEnv: { ...env, THREADLINE_HOST_BRIDGE: bridge.url },
    }).catch((/** @type {unknown} */ error) => {
      console.error(error instanceof Error ? error.message : String(error));
      return 1;
    });
  const code = await runOnce();
  if (fs.existsSync(path.join(artifactsDir, 'phase.json'))) mergeAfterReloadResults(env.THREADLINE_TEST_RESULTS, code);
  await withDeadline(attach, 1000);
  fs.writeFileSync(path.join(artifactsDir, 'console.log'), consoleLines.join('\n') + '\n');
  return code;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
