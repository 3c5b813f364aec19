// @ts-check
// `npm run demo`: installs what is missing, builds and packages Threadline, starts the sample
// server and the same real VS Code (code-server) the tests use with the packaged extension
// installed and one sample account per service, and prints the URL to open. Ctrl-C stops
// every process it started.
//   --port <n>        VS Code's port (default 8080; any free port if that one is taken)
//   --check           open it in headless Chromium, check the tree lists threads of all five
//                     services, save test-artifacts/demo/demo.png, and exit
//   --screenshots     regenerate the README's screenshots (media/screenshots/) and the icon
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDependencies } from './deps.mjs';
import { sampleAccountsTable } from './demoTable.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    check: { type: 'boolean', default: false },
    screenshots: { type: 'boolean', default: false },
  },
});

if (!ensureDependencies(ROOT)) {
  console.error('npm ci failed');
  process.exit(1);
}
// Everything below needs node_modules.
const { ensureCodeServer, installVsix, startCodeServer } = await import('./codeServer.mjs');
const { cleanupAll, exitCleanlyOnSignals, onCleanup, run } = await import('./processes.mjs');
const { startSampleServerProcess } = await import('./sampleServer.mjs');

exitCleanlyOnSignals();
try {
  const code = await main();
  await cleanupAll();
  process.exit(code);
} catch (error) {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  await cleanupAll();
  process.exit(1);
}

async function main() {
  console.log('== building and packaging Threadline');
  if ((await run('npm', ['run', '--silent', 'package'], { cwd: ROOT })) !== 0) throw new Error('packaging failed');
  const vsix = path.join(ROOT, 'threadline.vsix');
  const serverMain = await ensureCodeServer();

  const sample = await startSampleServerProcess();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-demo-'));
  onCleanup(async () => fs.rmSync(root, { recursive: true, force: true }));
  const extensionsDir = path.join(root, 'extensions');
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Threadline demo\n\nOpen the Threadline view in the activity bar.\n');
  writeUserSettings(path.join(root, 'user', 'User', 'settings.json'), sample, options.screenshots);
  await installVsix({ serverMain, vsix, extensionsDir });

  const logFile = path.join(ROOT, 'test-artifacts', 'demo', 'server.log');
  const env = { THREADLINE_SAMPLE_SERVER: sample.url };
  const start = (/** @type {number} */ port) => startCodeServer({ serverMain, env, logFile, extensionsDir, dataDir: root, port });
  const server = await start(Number(options.port)).catch(() => start(0));
  const url = `${server.baseUrl}/?folder=${encodeURIComponent(workspace)}`;

  if (options.check || options.screenshots) {
    const { checkDemo, takeScreenshots } = await import('./demoPage.mjs');
    return options.check ? checkDemo(url, path.join(ROOT, 'test-artifacts', 'demo')) : takeScreenshots(url, ROOT);
  }
  console.log(`\nThreadline demo is running.\n\n  Open ${url}\n\nSample server: ${sample.url}   ·   Press Ctrl-C to stop everything.\n`);
  console.log(`To add an account by hand (Threadline: Add Account…), use one of these. The keys are test keys\nof this local sample server only; they open nothing anywhere else.\n\n${sampleAccountsTable(sample.accounts)}\n`);
  await new Promise(() => undefined); // until Ctrl-C
  return 0;
}

/**
 * One sample account per service in the user settings of the demo's VS Code; the extension
 * gives them their keys from the sample server named in THREADLINE_SAMPLE_SERVER.
 * @param {string} file
 * @param {{ accounts: unknown[] }} sample
 * @param {boolean | undefined} forScreenshots
 */
function writeUserSettings(file, sample, forScreenshots) {
  const accounts = /** @type {{ service: string, label: string, baseUrl: string, options: Record<string, unknown> }[]} */ (sample.accounts).map((account) => ({
    id: `sample-${account.service}`,
    service: account.service,
    label: account.label,
    baseUrl: account.baseUrl,
    options: { ...account.options, sampleData: true },
  }));
  const settings = {
    'threadline.accounts': accounts,
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'extensions.ignoreRecommendations': true,
    'workbench.tips.enabled': false,
    ...(forScreenshots
      ? { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.welcomePage.walkthroughs.openOnInstall': false, 'window.zoomLevel': 0 }
      : {}),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

