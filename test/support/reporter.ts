// The reporter both suites use: readable lines (prefixed so the launcher can pick the suite's
// output out of the page console), how long each test file took, and a JSON file of counts and
// per-file durations that `npm test` sums and prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export const OUTPUT_PREFIX = '[threadline-test]';

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export interface FileTiming {
  file: string;
  ms: number;
  tests: number;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  durationMs: number;
  /** Where the time went: every test file, slowest first (its hooks included). */
  files: FileTiming[];
}

export function createReporter(print: (line: string) => void, resultsFile: string | undefined, root: string, onFail?: (title: string) => void) {
  return class ThreadlineReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const started = Date.now();
      const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [], durationMs: 0, files: [] };
      const fileOf = (suite: Mocha.Suite | Mocha.Runnable | undefined) => path.relative(root, suite?.file ?? '(root)').replace(/\.js$/, '.ts');
      const timings = new Map<string, FileTiming>();
      const fileStarts = new Map<Mocha.Suite, number>();
      let depth = 0;
      runner.on(EVENT_SUITE_BEGIN, (suite) => {
        if (suite.title) print(`${'  '.repeat(depth)}${suite.title}`);
        if (suite.parent?.root) fileStarts.set(suite, Date.now());
        depth++;
      });
      runner.on(EVENT_SUITE_END, (suite) => {
        depth--;
        const start = fileStarts.get(suite);
        if (start === undefined) return;
        const file = fileOf(suite);
        const timing = timings.get(file) ?? { file, ms: 0, tests: 0 };
        timing.ms += Date.now() - start;
        timing.tests += suite.total();
        timings.set(file, timing);
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
        // Before the test's own after-hooks clear what it left on screen.
        onFail?.(title);
        for (const line of detail.split('\n').slice(0, 12)) print(`${'  '.repeat(depth + 2)}${line}`);
      });
      runner.once(EVENT_RUN_END, () => {
        results.durationMs = Date.now() - started;
        results.files = [...timings.values()].sort((a, b) => b.ms - a.ms);
        print(`${results.passed} passing, ${results.failed} failing${results.pending ? `, ${results.pending} pending` : ''} (${results.durationMs} ms)`);
        print('time per file:');
        for (const timing of results.files) print(`  ${(timing.ms / 1000).toFixed(1).padStart(6)} s  ${String(timing.tests).padStart(4)} tests  ${timing.file}`);
        if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      });
    }
  };
}

/** Every compiled `*.test.js` below a folder, as paths relative to it, sorted. */
export function testFiles(directory: string, include: (file: string) => boolean = () => true): string[] {
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js') && include(file))
    .sort();
}

/**
 * A seeded shuffle (mulberry32): `--shuffle` runs the files in a different order each time, to
 * show that none depends on another; the seed printed reproduces an order.
 */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

/** Runs the given compiled test files, in this order, with the reporter. */
export function runSuite(options: {
  directory: string;
  print: (line: string) => void;
  resultsFile: string | undefined;
  timeoutMs: number;
  grep?: string | undefined;
  /** Compiled test files, relative to the directory, in the order to run them (default: all, sorted). */
  files?: readonly string[];
  /** Hooks around the whole run (e.g. a check that runs after every test). */
  rootHooks?: Mocha.RootHookObject;
  /** Called as soon as a test fails (a picture of the screen, say), before any after-hook runs. */
  onFail?: (title: string) => void;
}): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: options.timeoutMs,
    reporter: createReporter(options.print, options.resultsFile, options.directory, options.onFail),
    ...(options.grep ? { grep: options.grep } : {}),
    ...(options.rootHooks ? { rootHooks: options.rootHooks } : {}),
  });
  for (const file of options.files ?? testFiles(options.directory)) mocha.addFile(path.join(options.directory, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
