// @ts-check
// A suite's results file (`{passed, failed, failures, files}`, written by test/support/reporter.ts)
// taking in another run's: the after-reload phase's, or another host's when hosts run side by side.
import fs from 'node:fs';

/**
 * Adds the counts, failures and file durations of `from` into `into`. A run that left no results
 * counts as one failure named `missing`; `suffix` marks its files (which host ran them).
 * @param {string} into
 * @param {string} from
 * @param {{ missing: string, suffix?: string }} how
 */
export function addResults(into, from, { missing, suffix = '' }) {
  const read = (/** @type {string} */ file, /** @type {string} */ title) =>
    fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { passed: 0, failed: 1, failures: [{ title, error: 'no results' }], files: [] };
  const main = read(into, 'the main run');
  const other = read(from, missing);
  main.passed += other.passed;
  main.failed += other.failed;
  main.failures = [...(main.failures ?? []), ...(other.failures ?? [])];
  const files = (other.files ?? []).map((/** @type {{ file: string }} */ file) => ({ ...file, file: `${file.file}${suffix}` }));
  main.files = [...(main.files ?? []), ...files].sort((a, b) => b.ms - a.ms);
  fs.writeFileSync(into, JSON.stringify(main, null, 2));
}
