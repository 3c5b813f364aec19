// "Try with Sample Data" starts the sample server inside the extension, on 127.0.0.1, where any
// web page the user opens can reach it: it answers only requests that carry its random token and
// its own Host, and none that carry an Origin. "Remove Sample Data" takes the accounts, their
// keys and the server away (a script skips the question only in test runs; the packaged suite
// shows it asks otherwise).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { childByLabel, children, removeAllAccounts, threadline, waitFor } from './helpers/threadline';

describe('sample data inside the extension', function () {
  this.timeout(120_000);
  let ids: string[] = [];

  before(() => removeAllAccounts());
  after(() => removeAllAccounts());

  it('Try with Sample Data adds five accounts on a server that answers only with its token and without an Origin', async () => {
    const api = await threadline();
    ids = await vscode.commands.executeCommand<string[]>('threadline.trySampleData');
    assert.equal(ids.length, 5);
    const accounts = ids.map((id) => api.accounts.get(id) ?? assert.fail(`account ${id}`));
    const token = new URL(accounts[0]?.baseUrl ?? '').pathname.split('/')[1] ?? '';
    assert.match(token, /^[A-Za-z0-9_-]{24}$/, 'a random token in every base URL');
    assert.ok(accounts.every((account) => new URL(account.baseUrl).pathname.startsWith(`/${token}/`)));
    const agentsend = await childByLabel(undefined, 'Sample AgentSend');
    assert.ok((await waitFor(async () => (await children(agentsend)).length > 1, 'the sample inboxes')) === true);
    const base = accounts.find((account) => account.service === 'agentsend')?.baseUrl ?? '';
    const origin = new URL(base).origin;
    assert.equal((await fetch(`${origin}/agentsend/inboxes`)).status, 404, 'no token');
    assert.equal((await fetch(`${origin}/__control/info`)).status, 404, 'no control API without the token');
    assert.equal((await fetch(`${base}/inboxes`, { headers: { origin: 'https://evil.example' } })).status, 403, 'a page');
  });

  it('Remove Sample Data removes the accounts with their keys and stops the server', async () => {
    const api = await threadline();
    const base = api.accounts.get(ids[0] ?? '')?.baseUrl ?? '';
    const removed = await vscode.commands.executeCommand<number>('threadline.removeSampleData', {});
    assert.equal(removed, 5);
    for (const id of ids) {
      assert.equal(api.accounts.get(id), undefined);
      assert.equal(await api.readSecret(id, 'apiKey'), undefined);
    }
    await assert.rejects(fetch(base), 'the server stopped');
  });
});
