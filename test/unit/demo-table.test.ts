// `npm run demo` prints each sample service's base URL and key, so a user can add an account by
// hand: one row per service, every value whole (nothing cut), the options Add Account asks for.
import * as assert from 'node:assert/strict';
import { sampleAccountsTable } from '../host/demoTable.mjs';
import { sampleAccounts } from '../../src/sample/accounts';
import { DEFAULT_SAMPLE_KEYS } from '../../src/sample/keys';

describe('the demo’s table of sample accounts', () => {
  it('lists every sample service with its whole base URL, key and options', () => {
    const accounts = sampleAccounts({ baseUrls: { agentsend: 'http://127.0.0.1:1/tok/agentsend', sitegpt: 'http://127.0.0.1:1/tok/sitegpt/api/v0', tybrite: 'http://127.0.0.1:1/tok/tybrite', thred: 'http://127.0.0.1:1/tok/thred', cattix: 'http://127.0.0.1:1/tok/cattix' }, keys: DEFAULT_SAMPLE_KEYS });
    const table = sampleAccountsTable(accounts);
    const lines = table.split('\n');
    assert.match(lines[0] ?? '', /Service\s+Base URL\s+Key\s+Options/);
    assert.equal(lines.length, accounts.length + 2, table);
    for (const account of accounts) {
      const row = lines.find((line) => line.includes(account.baseUrl));
      assert.ok(row, `${account.service} has a row`);
      assert.ok(row.includes(account.apiKey), `${account.service}: its key`);
      for (const value of Object.values(account.options)) assert.ok(row.includes(String(value)), `${account.service}: ${String(value)}`);
    }
  });
});
