// Entry of the unit suite: plain Node, no VS Code. `npm test` runs it after bundling.
import { runSuite } from '../support/reporter';

export function run(): Promise<void> {
  return runSuite({
    directory: __dirname,
    print: (line) => console.log(line),
    resultsFile: process.env['THREADLINE_TEST_RESULTS'],
    timeoutMs: 20_000,
    grep: process.env['THREADLINE_TEST_GREP'],
  });
}

if (require.main === module) {
  run().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
