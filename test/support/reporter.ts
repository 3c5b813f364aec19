// The reporter both suites use: readable lines (prefixed so the launcher can pick the suite's
// output out of the page console) and a JSON file of counts that `npm test` sums.
import * as fs from 'node:fs';
import Mocha from 'mocha';

export const OUTPUT_PREFIX = '[threadline-test]';

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  durationMs: number;
}

export function createReporter(print: (line: string) => void, resultsFile: string | undefined) {
  return class ThreadlineReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const started = Date.now();
      const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [], durationMs: 0 };
      let depth = 0;
      runner.on(EVENT_SUITE_BEGIN, (suite) => {
        if (suite.title) print(`${'  '.repeat(depth)}${suite.title}`);
        depth++;
      });
      runner.on('suite end', () => {
        depth--;
      });
      runner.on(EVENT_TEST_PASS, (test) => {
        results.passed++;
        print(`${'  '.repeat(depth)}✓ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_PENDING, (test) => {
        results.pending++;
        print(`${'  '.repeat(depth)}- ${test.title} (pending)`);
      });
      runner.on(EVENT_TEST_FAIL, (test, error: Error) => {
        results.failed++;
        const title = test.fullTitle();
        const detail = error.stack ?? String(error);
        results.failures.push({ title, error: detail });
        print(`${'  '.repeat(depth)}✗ ${test.title}`);
        for (const line of detail.split('\n').slice(0, 12)) print(`${'  '.repeat(depth + 2)}${line}`);
      });
      runner.once(EVENT_RUN_END, () => {
        results.durationMs = Date.now() - started;
        print(`${results.passed} passing, ${results.failed} failing${results.pending ? `, ${results.pending} pending` : ''} (${results.durationMs} ms)`);
        if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      });
    }
  };
}

/** Loads every compiled `*.test.js` next to the entry and runs them with the reporter. */
export function runSuite(options: {
  directory: string;
  print: (line: string) => void;
  resultsFile: string | undefined;
  timeoutMs: number;
  grep?: string | undefined;
  /** Which compiled test files (paths relative to the directory) to load. */
  include?: (file: string) => boolean;
}): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: options.timeoutMs,
    reporter: createReporter(options.print, options.resultsFile),
    ...(options.grep ? { grep: options.grep } : {}),
  });
  const files = fs
    .readdirSync(options.directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js') && (options.include?.(file) ?? true))
    .sort();
  for (const file of files) mocha.addFile(`${options.directory}/${file}`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
