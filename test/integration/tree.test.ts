// Accounts and the sidebar tree in the real VS Code, against the sample server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/treeNode';
import { bridge } from './helpers/bridge';
import { capture, sample } from './helpers/sample';
import { addSampleAccounts, childByLabel, children, labelOf, removeAllAccounts, threadline, waitFor } from './helpers/threadline';

describe('accounts and the thread tree', function () {
  this.timeout(120_000);
  let accountIds: Map<string, string>;

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    accountIds = await addSampleAccounts();
  });
  after(async () => {
    await sample.clearFaults();
  });

  it('adds an account per service from command arguments', async () => {
    const api = await threadline();
    const roots = await children();
    assert.deepEqual(roots.map(labelOf), ['Sample AgentSend', 'Sample Cattix', 'Sample SiteGPT', 'Sample Thred', 'Sample Tybrite']);
    assert.equal(api.accounts.list().length, 5);
    const agentsend = api.accounts.get(accountIds.get('agentsend') ?? '');
    assert.equal(agentsend?.baseUrl, (await sample.account('agentsend')).baseUrl);
  });

  it('shows each service’s containers and their threads', async () => {
    const agentsend = await childByLabel(undefined, 'Sample AgentSend');
    assert.deepEqual((await children(agentsend)).map(labelOf), ['Acme Support', 'Acme Sales', 'Bulk notifications', 'Empty inbox']);
    const support = (await children(agentsend))[0] as TreeNode;
    const threads = await children(support);
    assert.ok(threads.length >= 40, `support threads: ${threads.length}`);
    const sarah = threads.find((node) => /order|sarah/i.test(labelOf(node)));
    assert.ok(sarah, 'a known thread title');
    const item = sarah.toTreeItem();
    assert.equal(item.command?.command, 'threadline.openThread');
    assert.ok((item.command?.arguments?.[0] as { accountId?: string }).accountId);

    const sitegpt = await childByLabel(undefined, 'Sample SiteGPT');
    assert.equal((await children(sitegpt)).length, 3);
    const docs = (await children(sitegpt))[0] as TreeNode;
    assert.equal((await children(docs)).length, 30);

    const tybrite = await childByLabel(undefined, 'Sample Tybrite');
    const [customer] = await children(tybrite);
    assert.ok(customer);
    assert.equal((await children(customer)).length, 25);

    const thred = await childByLabel(undefined, 'Sample Thred');
    const recent = await childByLabel(thred, 'Recent customers');
    assert.equal((await children(recent)).length, 15);

    const cattix = await childByLabel(undefined, 'Sample Cattix');
    const companies = await children(cattix);
    assert.equal(companies.length, 3);
    assert.equal((await children(companies[0])).length, 8);
  });

  it('sets the view badge from Tybrite’s unread counts', async () => {
    const api = await threadline();
    await waitFor(() => (api.view.badge?.value ?? 0) > 0, 'an unread badge');
    assert.match(api.view.badge?.tooltip ?? '', /unread/);
  });

  it('Load more appends the next page and redraws only its container', async () => {
    const api = await threadline();
    const bulk = await childByLabel(await childByLabel(undefined, 'Sample AgentSend'), 'Bulk notifications');
    const first = await children(bulk);
    assert.equal(first.filter((node) => node.id.includes('/t:')).length, 100);
    const pager = first.at(-1);
    assert.ok(pager && labelOf(pager) === 'Load more…', 'a pager row at the end');
    const redrawn: (string | undefined)[] = [];
    const subscription = api.tree.onDidChangeTreeData((node) => redrawn.push(node?.id));
    try {
      await vscode.commands.executeCommand('threadline.loadMore', { nodeId: bulk.id });
    } finally {
      subscription.dispose();
    }
    const second = await children(bulk);
    assert.equal(second.filter((node) => node.id.includes('/t:')).length, 200);
    assert.ok(redrawn.length > 0 && redrawn.every((id) => id === bulk.id), `redrawn: ${redrawn.join(', ')}`);
  });

  it('keeps the view responsive with 2,000 threads loaded through pagers', async () => {
    const bulk = await childByLabel(await childByLabel(undefined, 'Sample AgentSend'), 'Bulk notifications');
    while ((await children(bulk)).filter((node) => node.id.includes('/t:')).length < 2_000) {
      await vscode.commands.executeCommand('threadline.loadMore', { nodeId: bulk.id });
    }
    const started = Date.now();
    const rows = await children(bulk);
    rows.map((row) => row.toTreeItem());
    console.log(`[threadline-test] 2,000+ thread rows rebuilt in ${Date.now() - started} ms`);
    assert.ok(rows.length >= 2_000);
    // The extension host still answers a command promptly while the rows exist.
    const ping = Date.now();
    await vscode.commands.executeCommand('threadline.showLog');
    assert.ok(Date.now() - ping < 5_000);
  });

  it('shows an error row with Retry on a 503 and recovers once the fault clears', async () => {
    const api = await threadline();
    const sitegpt = await childByLabel(undefined, 'Sample SiteGPT');
    const pricing = await childByLabel(sitegpt, 'Pricing Bot');
    await sample.setFaults([{ service: 'sitegpt', pathIncludes: '/threads', fault: '503' }]);
    api.tree.refresh(pricing);
    const rows = await children(pricing);
    assert.equal(rows.length, 1);
    assert.match(labelOf(rows[0] as TreeNode), /^Couldn't load threads — SiteGPT answered 503/);
    const item = (rows[0] as TreeNode).toTreeItem();
    assert.equal(item.description, 'Retry');
    assert.equal(item.command?.command, 'threadline.retry');
    await sample.clearFaults();
    await vscode.commands.executeCommand('threadline.retry', ...(item.command?.arguments ?? []));
    const recovered = await children(pricing);
    assert.equal(recovered.length, 8);
  });

  it('filters a container on the server where the API has the parameter, and shows the filter', async () => {
    const tybrite = await childByLabel(undefined, 'Sample Tybrite');
    const [customer] = await children(tybrite);
    assert.ok(customer);
    await sample.clearRequests();
    await vscode.commands.executeCommand('threadline.filterThreads', { nodeId: customer.id, filter: { status: 'escalated' } });
    const filtered = await children(customer);
    assert.ok(filtered.length > 0 && filtered.length < 25);
    assert.match(String(customer.toTreeItem().description), /status: escalated/);
    assert.ok((await sample.requests()).some((request) => request.query['status'] === 'escalated'));
    await vscode.commands.executeCommand('threadline.filterThreads', { nodeId: customer.id, filter: { text: 'refund' } });
    const byText = (await children(customer)).filter((node) => node.id.includes('/t:'));
    assert.ok(byText.every((node) => /refund/i.test(labelOf(node))));
    await vscode.commands.executeCommand('threadline.clearFilter', { nodeId: customer.id });
    assert.equal((await children(customer)).length, 25);
  });

  it('shows "Key missing — Set API Key" for an account without a key, and loads once one is set', async () => {
    const api = await threadline();
    const account = await sample.account('cattix');
    const id = await vscode.commands.executeCommand<string>('threadline.addAccount', { service: 'cattix', label: 'Keyless Cattix', baseUrl: account.baseUrl });
    const node = await childByLabel(undefined, 'Keyless Cattix');
    const rows = await children(node);
    assert.equal(labelOf(rows[0] as TreeNode), 'Key missing — Set API Key');
    assert.equal((rows[0] as TreeNode).toTreeItem().command?.command, 'threadline.setApiKey');
    await vscode.commands.executeCommand('threadline.setApiKey', { accountId: id, apiKey: account.apiKey });
    await waitFor(async () => (await children(api.tree.accountNode(id))).length === 3, 'the companies after the key was set');
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: id });
  });

  it('offers Edit Account, not Set API Key, for a Tybrite account whose customer id is gone', async () => {
    const api = await threadline();
    const id = await vscode.commands.executeCommand<string>('threadline.addAccount', { ...(await sample.account('tybrite')), label: 'Customerless Tybrite' });
    await vscode.commands.executeCommand('threadline.editAccount', { accountId: id, options: { customerId: '' } });
    const node = await waitFor(() => api.tree.accountNode(id), 'the account');
    api.tree.refresh(node);
    const [row] = await children(node);
    assert.ok(row);
    assert.equal(labelOf(row), 'Customer id missing — Edit Account');
    assert.equal(row.toTreeItem().command?.command, 'threadline.editAccount');
    assert.deepEqual(row.toTreeItem().command?.arguments, [{ accountId: id }]);
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: id });
  });

  it('Remove Account deletes its secrets', async () => {
    const api = await threadline();
    const id = await vscode.commands.executeCommand<string>('threadline.addAccount', { ...(await sample.account('thred')), label: 'Doomed Thred' });
    assert.ok(await api.readSecret(id, 'apiKey'), 'saved');
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: id });
    assert.equal(api.accounts.get(id), undefined);
    assert.equal(await api.readSecret(id, 'apiKey'), undefined);
    assert.equal(await api.readSecret(id, 'session'), undefined);
    assert.ok(!(await children()).some((node) => labelOf(node) === 'Doomed Thred'));
  });

  it('does not send a key to a changed origin until the user confirms it', async () => {
    const api = await threadline();
    const account = await sample.account('agentsend');
    const id = await vscode.commands.executeCommand<string>('threadline.addAccount', { ...account, label: 'Moved AgentSend' });
    await capture.clearRequests();
    const moved = account.baseUrl.replace(sample.url, capture.url);
    await vscode.commands.executeCommand('threadline.editAccount', { accountId: id, baseUrl: moved });
    const node = await waitFor(() => api.tree.accountNode(id), 'the moved account');
    api.tree.refresh(node);
    const rows = await children(node);
    assert.equal(labelOf(rows[0] as TreeNode), 'Base URL changed — confirm the key for it');
    await vscode.commands.executeCommand('threadline.testConnection', { accountId: id }).then(
      () => assert.fail('the connection test must not run with an unconfirmed key'),
      (error: unknown) => assert.match(String(error), /saved key is for/),
    );
    assert.deepEqual(await capture.requests(), [], 'the capture server received nothing');
    await vscode.commands.executeCommand('threadline.confirmKeyOrigin', { accountId: id, confirm: true });
    api.tree.refresh(node);
    assert.equal((await children(node)).length, 4);
    const received = await capture.requests();
    assert.ok(received.length > 0 && received.every((request) => request.headers['x-api-key'] === account.apiKey), 'sent only after confirming');
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: id });
    await capture.clearRequests(); // sent with consent: the end-of-run audit looks for any other
  });

  it('ignores threadline.accounts set by a workspace: its capture server receives no key', async () => {
    const api = await threadline();
    const workspace = process.env['THREADLINE_TEST_WORKSPACE'];
    assert.ok(workspace);
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    const real = api.accounts.list();
    // The attack: same ids as the user's accounts, base URLs on the capture server.
    const hostile = real.map((account) => ({ ...account, baseUrl: account.baseUrl.replace(sample.url, capture.url) }));
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const original = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    // A window-scoped setting beside it shows when VS Code has read the file.
    fs.writeFileSync(settingsFile, JSON.stringify({ 'threadline.accounts': hostile, 'threadline.autoRefreshMinutes': 0 }, null, 2));
    await capture.clearRequests();
    try {
      await waitFor(() => vscode.workspace.getConfiguration('threadline').inspect('autoRefreshMinutes')?.workspaceValue !== undefined, 'VS Code to read the workspace settings');
      assert.deepEqual(api.accounts.list().map((account) => account.baseUrl), real.map((account) => account.baseUrl), 'user accounts unchanged');
      api.tree.refresh();
      for (const root of await children()) {
        for (const container of (await children(root)).slice(0, 2)) await children(container);
      }
      assert.deepEqual(await capture.requests(), [], 'the capture server received no request at all');
    } finally {
      if (original === undefined) fs.rmSync(settingsFile, { force: true });
      else fs.writeFileSync(settingsFile, original);
    }
  });

  it('ignores a hostile workspace present from the start, even for the fixed ids the demo uses', async () => {
    const api = await threadline();
    // The launcher wrote .vscode/settings.json before VS Code started: it defines sample-agentsend
    // (the demo's id) on the capture server.
    const inspected = vscode.workspace.getConfiguration('threadline').inspect<{ id: string }[]>('accounts');
    assert.equal(inspected?.workspaceValue, undefined, 'VS Code itself ignores application settings in a workspace');
    const account = await sample.account('agentsend');
    const current = api.accounts.list().map(({ id, service, label, baseUrl, options }) => ({ id, service, label, baseUrl, options }));
    await vscode.workspace
      .getConfiguration('threadline')
      .update('accounts', [...current, { id: 'sample-agentsend', service: 'agentsend', label: 'Demo-style AgentSend', baseUrl: account.baseUrl, options: {} }], vscode.ConfigurationTarget.Global);
    await waitFor(() => api.accounts.get('sample-agentsend'), 'the account');
    await capture.clearRequests();
    await vscode.commands.executeCommand('threadline.setApiKey', { accountId: 'sample-agentsend', apiKey: account.apiKey });
    const node = await waitFor(() => api.tree.accountNode('sample-agentsend'), 'its row');
    api.tree.refresh(node);
    assert.equal((await children(node)).length, 4, 'loaded from the real server');
    assert.equal(api.accounts.get('sample-agentsend')?.baseUrl, account.baseUrl);
    assert.deepEqual(await capture.requests(), []);
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: 'sample-agentsend' });
  });

  it('keeps the test keys out of settings, globalState and the log', async () => {
    const api = await threadline();
    const keys = (await sample.accounts()).flatMap((account) => [account.apiKey, account.session?.accessToken].filter((value): value is string => Boolean(value)));
    const host = JSON.parse(fs.readFileSync(path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', 'host.json'), 'utf8')) as { userDataDir: string };
    const settingsFiles = fs
      .readdirSync(host.userDataDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('settings.json'))
      .map((file) => fs.readFileSync(path.join(host.userDataDir, file), 'utf8'));
    assert.ok(settingsFiles.some((text) => text.includes('threadline.accounts')), 'found the user settings file');
    const globalState = JSON.stringify(api.globalState.keys().map((key) => [key, api.globalState.get(key)]));
    const workspaceState = JSON.stringify(api.workspaceState.keys().map((key) => [key, api.workspaceState.get(key)]));
    const log = api.logLines().join('\n');
    assert.ok(log.length > 0);
    for (const key of keys) {
      for (const text of [...settingsFiles, JSON.stringify(vscode.workspace.getConfiguration('threadline')), globalState, workspaceState, log]) {
        assert.ok(!text.includes(key), `a key leaked: ${key.slice(0, 6)}…`);
      }
    }
  });

  it('saves a screenshot of the populated tree', async () => {
    assert.ok(bridge.available, 'the host bridge takes screenshots');
    const api = await threadline();
    await vscode.commands.executeCommand('threadline.threads.focus');
    for (const label of ['Sample AgentSend', 'Sample Tybrite']) {
      const account = await childByLabel(undefined, label);
      const first = (await children(account))[0];
      if (first) await api.view.reveal(first, { expand: true, focus: false, select: false });
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    const shot = await bridge.screenshot('tree');
    assert.ok(fs.existsSync(shot.path));
  });
});
