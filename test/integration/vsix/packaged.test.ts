// The packaged extension, installed from threadline.vsix with --install-extension — what users
// install is what is tested. No test API here (it runs in production mode): only commands and
// what the real page shows.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from '../helpers/bridge';
import { waitFor } from '../helpers/threadline';

const EXTENSION_ID = 'threadline.threadline';

/** Labels of the Threads view's rows as the workbench shows them. */
function treeRows(): Promise<string[]> {
  return bridge.pageEvaluate<string[]>(() =>
    Array.from(document.querySelectorAll('.pane-body .monaco-list-row .label-name')).map((element) => element.textContent ?? ''),
  );
}

describe('the packaged .vsix', function () {
  this.timeout(120_000);

  it('is the installed extension, not a development copy', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'installed');
    const repository = path.resolve(__dirname, '..', '..', '..', '..');
    assert.ok(!extension.extensionPath.startsWith(repository), `installed at ${extension.extensionPath}`);
    console.log(`[threadline-test] installed from the .vsix at ${extension.extensionPath} (version ${String(extension.packageJSON.version)})`);
  });

  it('activates from its view and shows the welcome with Try with Sample Data', async () => {
    await vscode.commands.executeCommand('threadline.threads.focus');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor(() => extension?.isActive, 'activation through the view');
    const welcome = await waitFor(async () => {
      const text = await bridge.pageEvaluate<string>(() => document.querySelector('.welcome-view-content')?.textContent ?? '');
      return /Try with Sample Data/.test(text) ? text : undefined;
    }, 'the welcome view');
    assert.match(welcome, /Add Account/);
  });

  it('Try with Sample Data starts the sample server in the extension and lists all five services', async () => {
    const ids = await vscode.commands.executeCommand<string[]>('threadline.trySampleData');
    assert.equal(ids.length, 5);
    const rows = await waitFor(async () => {
      const labels = await treeRows();
      return ['Sample AgentSend', 'Sample Cattix', 'Sample SiteGPT', 'Sample Thred', 'Sample Tybrite'].every((label) => labels.includes(label)) && labels.length > 5 ? labels : undefined;
    }, 'the sample accounts and their containers');
    console.log(`[threadline-test] tree rows after Try with Sample Data: ${rows.slice(0, 12).join(' | ')}`);
    await bridge.screenshot('vsix-sample-data');
  });

  it('opens a sample thread in the panel', async () => {
    const accounts = vscode.workspace.getConfiguration('threadline').get<{ id: string; service: string }[]>('accounts') ?? [];
    const agentsend = accounts.find((account) => account.service === 'agentsend');
    assert.ok(agentsend);
    await vscode.commands.executeCommand('threadline.openThread', { accountId: agentsend.id, threadId: 'thr_htmlmail0001' });
    const count = await waitFor(async () => {
      const read = await bridge.frameEvaluate<number>('[data-thread-id="thr_htmlmail0001"]', () => document.querySelectorAll('.message').length);
      return read.result ? read.result : undefined;
    }, 'the messages in the panel');
    assert.ok(count > 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Remove Sample Data takes the accounts and their keys away again', async () => {
    const removed = await vscode.commands.executeCommand<number>('threadline.removeSampleData', {});
    assert.equal(removed, 5);
    assert.deepEqual(vscode.workspace.getConfiguration('threadline').get('accounts'), []);
    await waitFor(async () => /Try with Sample Data/.test(await bridge.pageEvaluate<string>(() => document.querySelector('.welcome-view-content')?.textContent ?? '')), 'the welcome view again');
  });
});
