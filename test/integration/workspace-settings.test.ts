// A workspace cannot redirect a key: threadline.accounts is an application setting, so a
// workspace's copy — one written during the session, or one there from the start under the ids
// the demo uses — is ignored, and its capture server never receives a request. The keys also
// stay out of settings, state and the log.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { threadsView } from './helpers/gestures';
import { capture, sample } from './helpers/sample';
import { addSampleAccounts, cleanSlate, threadline } from './helpers/threadline';
import { waitUntil } from '../support/wait';

/** Refreshes from the title bar and opens the first container of every account, as a user looking around would. */
async function browseEveryAccount(): Promise<void> {
  await threadsView.titleAction('Refresh');
  await threadsView.collapseAll();
  for (const account of (await threadsView.rows()).filter((row) => row.level === 1).map((row) => row.label)) {
    const [first] = await threadsView.row(account).expand();
    if (first?.expanded === false) await threadsView.row(first.label).expand();
    await threadsView.collapseAll();
  }
}

describe('settings a workspace cannot override', function () {
  this.timeout(120_000);

  before(async () => {
    await cleanSlate();
    await addSampleAccounts();
    await threadsView.show();
  });
  after(cleanSlate);

  it('ignores threadline.accounts written into the workspace: its capture server receives nothing', async () => {
    const api = await threadline();
    const workspace = process.env['THREADLINE_TEST_WORKSPACE'];
    assert.ok(workspace);
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    const real = api.accounts.list();
    // The attack: the user's ids, with base URLs on the capture server.
    const hostile = real.map((account) => ({ ...account, baseUrl: account.baseUrl.replace(new URL(sample.url).origin, new URL(capture.url).origin) }));
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const original = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    // A window-scoped setting beside it shows when VS Code has read the file.
    fs.writeFileSync(settingsFile, JSON.stringify({ 'threadline.accounts': hostile, 'threadline.autoRefreshMinutes': 0 }, null, 2));
    await capture.clearRequests();
    try {
      await waitUntil(() => vscode.workspace.getConfiguration('threadline').inspect('autoRefreshMinutes')?.workspaceValue !== undefined, 'VS Code to read the workspace settings');
      assert.deepEqual(api.accounts.list().map((account) => account.baseUrl), real.map((account) => account.baseUrl), 'user accounts unchanged');
      await browseEveryAccount();
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
    await waitUntil(() => api.accounts.get('sample-agentsend'), 'the account');
    await capture.clearRequests();
    await vscode.commands.executeCommand('threadline.setApiKey', { accountId: 'sample-agentsend', apiKey: account.apiKey });
    await threadsView.collapseAll();
    // The row may first show what it had before the key arrived ("No key is saved"); the saved
    // key reloads it, so wait for the reload rather than reading the first rows drawn.
    const row = threadsView.row('Demo-style AgentSend');
    await row.expand();
    const containers = await row.waitForChildren((rows) => rows.every((child) => child.icon === 'inbox'), 'loaded as inboxes');
    assert.equal(containers.length, 4, 'loaded from the real server');
    assert.equal(api.accounts.get('sample-agentsend')?.baseUrl, account.baseUrl);
    assert.deepEqual(await capture.requests(), []);
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: 'sample-agentsend' });
    await threadsView.waitForRows((rows) => !rows.some((row) => row.label === 'Demo-style AgentSend'), 'the removed account gone from the tree');
  });

  it('keeps the test keys out of settings, globalState and the log', async () => {
    const api = await threadline();
    await browseEveryAccount();
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
});
