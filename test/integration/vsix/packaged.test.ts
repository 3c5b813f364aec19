// The packaged extension, installed from threadline.vsix with --install-extension — what users
// install is what is tested. No test API here (it runs in production mode): only commands and
// what the real page shows.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from '../helpers/bridge';
import { threadsView } from '../helpers/gestures';
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

  it('Try with Sample Data, clicked in the welcome view, starts the sample server in the extension and lists all five services', async () => {
    await threadsView.show();
    await threadsView.welcomeButton('Try with Sample Data');
    const rows = await waitFor(async () => {
      const labels = await treeRows();
      return ['Sample AgentSend', 'Sample Cattix', 'Sample SiteGPT', 'Sample Thred', 'Sample Tybrite'].every((label) => labels.includes(label)) && labels.length > 5 ? labels : undefined;
    }, 'the sample accounts and their containers');
    console.log(`[threadline-test] tree rows after Try with Sample Data: ${rows.slice(0, 12).join(' | ')}`);
    await bridge.screenshot('vsix-sample-data');
  });

  it('opens a sample thread in the panel when its row is clicked', async () => {
    await threadsView.collapseAll();
    await threadsView.row('Sample AgentSend').expand();
    const [thread] = await threadsView.row('Acme Support').expand();
    assert.ok(thread);
    await threadsView.row(thread.label).click();
    const title = await waitFor(async () => {
      const frames = await bridge.allFrames<string>(() => (document.querySelectorAll('.message').length > 0 ? (document.querySelector('.thread-header h1')?.textContent ?? '') : ''));
      return frames.map((frame) => frame.result).find((shown) => shown === thread.label);
    }, 'the thread, with its messages, in the panel');
    assert.equal(title, thread.label);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Remove Sample Data takes the accounts and their keys away again', async () => {
    const removed = await vscode.commands.executeCommand<number>('threadline.removeSampleData', {});
    assert.equal(removed, 5);
    assert.deepEqual(vscode.workspace.getConfiguration('threadline').get('accounts'), []);
    await waitFor(async () => /Try with Sample Data/.test(await bridge.pageEvaluate<string>(() => document.querySelector('.welcome-view-content')?.textContent ?? '')), 'the welcome view again');
  });
});
