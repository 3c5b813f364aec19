// Entry of the integration suite: VS Code loads this in the extension host and calls run(),
// under code-server (test/host) and under @vscode/test-electron alike.
//
// One run, in explicit phases (never file names):
//   1. every test file of this folder, in any order — each sets up and removes its own state
//      (THREADLINE_TEST_SHUFFLE=<seed> runs them in a shuffled order to show it);
//   2. end-of-run/secrets-audit: what the whole run handed anywhere holds no key;
//   3. reload/before-reload: leaves a thread panel open and records what must come back;
//      reload/cache-before-reload: reads a thread with the disk cache on, then its service stops;
//   then, after the unhandled-rejection check (a root `after` hook, after everything), run()
//   reloads the window itself — while the extension host is still alive, so the workbench saves
//   the panel with its serializer — and the reloaded window runs reload/after-reload only.
// With THREADLINE_TEST_SHARD=i/n (npm test runs hosts side by side) this host runs its share of
// phase 1 (test/support/shards.ts), the secrets audit of its own run, and — on host 1 only — the
// reload phases.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OUTPUT_PREFIX, runSuite, shuffled, testFiles } from '../support/reporter';
import { filesOfShard, parseShard } from '../support/shards';
import { pictureOfFailure, rootHooks } from './helpers/rootHooks';

/** Phases that run after the main tests, in this order. */
const AUDIT = ['end-of-run/secrets-audit.test.js'];
const BEFORE_RELOAD = ['reload/before-reload.test.js', 'reload/cache-before-reload.test.js'];
const AFTER_RELOAD = ['reload/after-reload.test.js', 'reload/cache-after-reload.test.js'];
/**
 * Suites other than the main one, chosen with THREADLINE_SUITE: `vsix` (Threadline installed from
 * its .vsix), `bench` and `bench-activation` (npm run bench). Each lives in its own folder.
 */
const SUITE_DIRS = ['vsix', 'bench', 'bench-activation'];
const PHASE_DIRS = ['end-of-run', 'reload'];
/** How many fresh extension hosts the activation benchmark measures. */
const ACTIVATION_RUNS = 20;
const artifacts = process.env['THREADLINE_ARTIFACTS'];
const phaseFile = artifacts ? path.join(artifacts, 'phase.json') : undefined;
/** What the before-reload checks leave for the reloaded window (`reload-*.json`): the reload happens only when there is some. */
const hasReloadExpectations = (): boolean => artifacts !== undefined && fs.existsSync(artifacts) && fs.readdirSync(artifacts).some((file) => /^reload-.*\.json$/.test(file));

function phase(): 'main' | 'after-reload' {
  try {
    const value = JSON.parse(fs.readFileSync(phaseFile ?? '', 'utf8')) as { phase?: string };
    return value.phase === 'after-reload' ? 'after-reload' : 'main';
  } catch {
    return 'main';
  }
}

function filesToRun(suite: string | undefined, current: 'main' | 'after-reload'): string[] {
  const under = (dir: string) => (file: string) => file.startsWith(`${dir}${path.sep}`);
  if (suite && SUITE_DIRS.includes(suite)) return testFiles(__dirname, under(suite));
  if (current === 'after-reload') return AFTER_RELOAD;
  const every = testFiles(__dirname, (file) => ![...SUITE_DIRS, ...PHASE_DIRS].some((dir) => under(dir)(file)));
  const shard = parseShard(process.env['THREADLINE_TEST_SHARD']);
  const main = shard ? filesOfShard(every, shard.index, shard.count) : every;
  const endOfRun = [...AUDIT, ...(!shard || shard.index === 1 ? BEFORE_RELOAD : [])];
  if (shard) console.log(`${OUTPUT_PREFIX} host ${shard.index} of ${shard.count}: ${main.length} of ${every.length} test files`);
  // The end-of-run audit asks which files ran here: it expects tool results only after the tools' tests.
  process.env['THREADLINE_TEST_FILES_HERE'] = main.join(',');
  const seed = Number(process.env['THREADLINE_TEST_SHUFFLE']);
  if (process.env['THREADLINE_TEST_SHUFFLE'] && Number.isFinite(seed)) {
    console.log(`${OUTPUT_PREFIX} test files in shuffled order, seed ${seed}`);
    return [...shuffled(main, seed), ...endOfRun];
  }
  return [...main, ...endOfRun];
}

export async function run(): Promise<void> {
  const current = phase();
  const suite = process.env['THREADLINE_SUITE'];
  const results = process.env['THREADLINE_TEST_RESULTS'];
  await runSuite({
    directory: __dirname,
    // The extension host forwards console output to the page console, where the launcher reads it.
    print: (line) => console.log(`${OUTPUT_PREFIX} ${line}`),
    resultsFile: results && current === 'after-reload' ? results.replace(/\.json$/, '.after-reload.json') : results,
    timeoutMs: 90_000,
    grep: process.env['THREADLINE_TEST_GREP'],
    files: filesToRun(suite, current),
    ...(suite ? {} : { rootHooks: rootHooks(), onFail: pictureOfFailure }),
  });
  if (suite === 'bench-activation' && artifacts) {
    // One activation per extension host: reload for a fresh one until there are enough.
    const file = path.join(artifacts, 'bench-activation.json');
    const runs = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { threadline: unknown[] }).threadline.length : 0;
    if (runs < ACTIVATION_RUNS) {
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      await new Promise<never>(() => undefined);
    }
    return;
  }
  if (!suite && current === 'main' && phaseFile && hasReloadExpectations()) {
    fs.writeFileSync(phaseFile, JSON.stringify({ phase: 'after-reload' }));
    console.log(`${OUTPUT_PREFIX} reloading the window for the after-reload checks`);
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    await new Promise<never>(() => undefined); // this extension host ends with the window
  }
}
