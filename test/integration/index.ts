// Entry of the integration suite: VS Code loads this in the extension host and calls run(),
// under code-server (test/host) and under @vscode/test-electron alike.
//
// The suite runs in two phases around a real window reload. After the main tests pass, if the
// last one left a panel open (reload-expect.json), run() records phase 2 and reloads the window
// itself — while the extension host is still alive, so the workbench saves the panel with its
// serializer. The reloaded window runs only after-reload/, which checks what came back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OUTPUT_PREFIX, runSuite } from '../support/reporter';

const AFTER_RELOAD_DIR = 'after-reload';
/**
 * Suites other than the main one, chosen with THREADLINE_SUITE: `vsix` (Threadline installed from
 * its .vsix), `bench` and `bench-activation` (npm run bench). Each lives in its own folder.
 */
const SUITE_DIRS = ['vsix', 'bench', 'bench-activation'];
/** How many fresh extension hosts the activation benchmark measures. */
const ACTIVATION_RUNS = 20;
const artifacts = process.env['THREADLINE_ARTIFACTS'];
const phaseFile = artifacts ? path.join(artifacts, 'phase.json') : undefined;
const expectationFile = artifacts ? path.join(artifacts, 'reload-expect.json') : undefined;

function phase(): 'main' | 'after-reload' {
  try {
    const value = JSON.parse(fs.readFileSync(phaseFile ?? '', 'utf8')) as { phase?: string };
    return value.phase === 'after-reload' ? 'after-reload' : 'main';
  } catch {
    return 'main';
  }
}

export async function run(): Promise<void> {
  const current = phase();
  const suite = process.env['THREADLINE_SUITE'];
  const under = (file: string, dir: string) => file.startsWith(`${dir}${path.sep}`);
  const results = process.env['THREADLINE_TEST_RESULTS'];
  await runSuite({
    directory: __dirname,
    // The extension host forwards console output to the page console, where the launcher reads it.
    print: (line) => console.log(`${OUTPUT_PREFIX} ${line}`),
    resultsFile: results && current === 'after-reload' ? results.replace(/\.json$/, '.after-reload.json') : results,
    timeoutMs: 60_000,
    grep: process.env['THREADLINE_TEST_GREP'],
    include: (file) =>
      suite && SUITE_DIRS.includes(suite)
        ? under(file, suite)
        : !SUITE_DIRS.some((dir) => under(file, dir)) && under(file, AFTER_RELOAD_DIR) === (current === 'after-reload'),
  });
  if (suite === 'bench-activation' && artifacts) {
    // One activation per extension host: reload for a fresh one until there are enough.
    const file = path.join(artifacts, 'bench-activation.json');
    const runs = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[]).length : 0;
    if (runs < ACTIVATION_RUNS) {
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      await new Promise<never>(() => undefined);
    }
    return;
  }
  if (!suite && current === 'main' && phaseFile && expectationFile && fs.existsSync(expectationFile)) {
    fs.writeFileSync(phaseFile, JSON.stringify({ phase: 'after-reload' }));
    console.log(`${OUTPUT_PREFIX} reloading the window for the after-reload checks`);
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    await new Promise<never>(() => undefined); // this extension host ends with the window
  }
}
