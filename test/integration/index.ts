// Entry of the integration suite: VS Code loads this in the extension host and calls run(),
// under code-server (test/host) and under @vscode/test-electron alike.
import { OUTPUT_PREFIX, runSuite } from '../support/reporter';

export function run(): Promise<void> {
  return runSuite({
    directory: __dirname,
    // The extension host forwards console output to the page console, where the launcher reads it.
    print: (line) => console.log(`${OUTPUT_PREFIX} ${line}`),
    resultsFile: process.env['THREADLINE_TEST_RESULTS'],
    timeoutMs: 60_000,
    grep: process.env['THREADLINE_TEST_GREP'],
  });
}
