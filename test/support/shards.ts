// Splitting the integration test files between hosts that run side by side (npm test starts two
// on a machine with two cores or more): each file goes to the host with the least work so far,
// longest files first, so both finish at about the same time. The same list on every host gives
// the same split, so every file runs exactly once.

/**
 * Seconds each file took on an idle 2-core machine (the per-file report `npm test` prints).
 * Only for balancing: a stale or missing figure makes one host finish a little later, no more.
 */
export const FILE_SECONDS: Readonly<Record<string, number>> = {
  'faults.test.js': 45,
  'panel.test.js': 35,
  'lookup.test.js': 29,
  'sidebar.test.js': 21,
  'tree.test.js': 21,
  'injection.test.js': 19,
  'themes.test.js': 18,
  'reading.test.js': 17,
  'customer.test.js': 17,
  'accounts.test.js': 14,
  'tools.test.js': 13,
  'staff-access.test.js': 13,
  'load.test.js': 13,
  'markdown.test.js': 11,
  'misbehaving.test.js': 11,
  'account-steps.test.js': 11,
  'workspace-settings.test.js': 9,
  'search.test.js': 9,
  'conversation-cache.test.js': 8,
  'account-flows.test.js': 5,
  'consistency.test.js': 5,
};
/** What a file missing from the table counts as. */
export const UNKNOWN_FILE_SECONDS = 10;

/** "2/3" → { index: 2, count: 3 }; undefined when absent or malformed (then one host runs everything). */
export function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/** The files host `index` (1-based) of `count` runs, in their original order. */
export function filesOfShard(files: readonly string[], index: number, count: number, seconds: Readonly<Record<string, number>> = FILE_SECONDS): string[] {
  const load = new Array<number>(count).fill(0);
  const owner = new Map<string, number>();
  const weight = (file: string) => seconds[file] ?? UNKNOWN_FILE_SECONDS;
  // Longest first; equal weights by name, so every host computes the same split.
  const byWeight = [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  for (const file of byWeight) {
    const lightest = load.indexOf(Math.min(...load));
    owner.set(file, lightest);
    load[lightest] = (load[lightest] ?? 0) + weight(file);
  }
  return files.filter((file) => owner.get(file) === index - 1);
}
