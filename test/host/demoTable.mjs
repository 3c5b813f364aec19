// @ts-check
// What `npm run demo` prints so a user can add an account by hand: each sample service's base URL
// and key (test keys of the local sample server only).
/**
 * The sample services as a table a user can copy from: service, API base URL, key, and the
 * options Add Account asks for (the Tybrite customer).
 * @param {unknown[]} accounts
 * @returns {string}
 */
export function sampleAccountsTable(accounts) {
  const rows = /** @type {{ service: string, label: string, baseUrl: string, apiKey: string, options: Record<string, unknown> }[]} */ (accounts).map((account) => [
    account.label.replace(/^Sample /, ''),
    account.baseUrl,
    account.apiKey,
    Object.entries(account.options)
      .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
      .join('; '),
  ]);
  const header = ['Service', 'Base URL', 'Key', 'Options'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (/** @type {string[]} */ row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
