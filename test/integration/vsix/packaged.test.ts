// The packaged extension, installed from threadline.vsix with --install-extension — what users
// install is what is tested. No test API here (it runs in production mode): only commands and
// what the real page shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from '../helpers/bridge';
import { threadsView, titleOf } from '../helpers/gestures';
import { waitFor } from '../helpers/threadline';

const EXTENSION_ID = 'threadline.threadline';

/**
 * VS Code refuses to show a modal dialog while extension tests run (its dialog service throws
 * "refused to show dialog in tests" with the dialog's text), so a command that asks first
 * rejects here with its question — which is how a test sees that it asked.
 */
const asked = (question: RegExp) => new RegExp(`refused to show dialog in tests[\\s\\S]*${question.source}`);

function sampleAccount(service: string): { id: string; baseUrl: string } {
  const accounts = vscode.workspace.getConfiguration('threadline').get<{ id: string; service: string; baseUrl: string }[]>('accounts') ?? [];
  const found = accounts.find((account) => account.service === service);
  assert.ok(found, `a sample ${service} account`);
  return found;
}

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
    await threadsView.row('Acme Support').expand();
    // Rows are drawn again once they learn who wrote each email; a click while VS Code replaces a
    // row is lost (a user would click again), so the click waits for the rows that name senders.
    const [thread] = await threadsView.row('Acme Support').waitForChildren((rows) => rows[0]?.sender !== undefined, 'naming who wrote');
    assert.ok(thread);
    // The row starts with who wrote and when; the page's header is the title. Clicked again if a
    // later redraw took the click.
    const expected = titleOf(thread);
    const title = await threadsView.row(thread.label).clickUntil(async () => {
      const frames = await bridge.allFrames<string>(() => (document.querySelectorAll('.message').length > 0 ? (document.querySelector('.thread-header h1')?.textContent ?? '') : ''));
      return frames.map((frame) => frame.result).find((shown) => shown === expected);
    }, `the thread “${expected}”, with its messages, in the panel`);
    assert.equal(title, expected);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('highlights a code block in a sample answer: the highlighter ships in the package', async () => {
    // Set-up by command (the row click is the test above); SiteGPT's sample answer to Sarah has a fenced block.
    const threadId = '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40';
    await vscode.commands.executeCommand('threadline.openThread', { accountId: sampleAccount('sitegpt').id, threadId, containerId: '412578301966815233' });
    const highlighted = await waitFor(async () => {
      const frames = await bridge.allFrames<number>(() => document.querySelectorAll('.body pre code.hljs span[class^="hljs-"]').length);
      return frames.map((frame) => frame.result ?? 0).find((count) => count > 0);
    }, 'highlighted tokens in the code block');
    assert.ok(highlighted > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('outside test runs, arguments that remove an account, move its key or write a file still ask first (issue 11)', async () => {
    const agentsend = sampleAccount('agentsend');
    // Before: `removeAccount {accountId}` deleted the account and its key without a word.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('threadline.removeAccount', { accountId: agentsend.id })), asked(/Remove Sample AgentSend\?/));
    assert.equal(sampleAccount('agentsend').id, agentsend.id, 'still there');
    // Before: `editAccount {baseUrl}` then `confirmKeyOrigin {confirm: true}` moved the key with no dialog.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('threadline.editAccount', { accountId: agentsend.id, baseUrl: 'https://evil.example/agentsend' })),
      asked(/Change Sample AgentSend: base URL to https:\/\/evil\.example\/agentsend\?/),
    );
    assert.equal(sampleAccount('agentsend').baseUrl, agentsend.baseUrl, 'the base URL did not move');
    // The user moves it by hand in settings.json: the key stays behind until confirmed, and
    // `confirm: true` from a command does not answer that question for them.
    const settings = vscode.workspace.getConfiguration('threadline');
    const original = settings.get<{ id: string; baseUrl: string }[]>('accounts') ?? [];
    await settings.update('accounts', original.map((entry) => (entry.id === agentsend.id ? { ...entry, baseUrl: 'https://evil.example/agentsend' } : entry)), vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => sampleAccount('agentsend').baseUrl === 'https://evil.example/agentsend', 'the moved base URL');
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('threadline.confirmKeyOrigin', { accountId: agentsend.id, confirm: true })),
        asked(/Send the key saved for http:\/\/127\.0\.0\.1:\d+ to https:\/\/evil\.example\?/),
      );
    } finally {
      await settings.update('accounts', original, vscode.ConfigurationTarget.Global);
    }
    // Before: `exportThread {uri}` wrote anywhere. Now the save dialog opens there instead.
    const target = path.join(os.tmpdir(), `threadline-vsix-export-${Date.now()}.md`);
    const exporting = vscode.commands.executeCommand('threadline.exportThread', { accountId: agentsend.id, threadId: 'thr_htmlmail0001', uri: target });
    // The dialog fills its path in as it reads the folder: wait for the file name.
    let shown = '';
    await waitFor(async () => {
      shown = await bridge.pageEvaluate<string>(() => (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value ?? '');
      return shown.endsWith(path.basename(target)) ? shown : undefined;
    }, 'the save dialog at the given path').catch((error: unknown) => assert.fail(`${String(error)}; the dialog shows ${shown}`));
    await bridge.keyboard(['Escape']);
    assert.equal(await exporting, undefined);
    assert.equal(fs.existsSync(target), false, 'nothing was written');
  });

  it('Remove Sample Data asks before it takes anything away, even when a command passes arguments', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('threadline.removeSampleData', {})), asked(/Remove the 5 sample accounts\?/));
    assert.equal((vscode.workspace.getConfiguration('threadline').get<unknown[]>('accounts') ?? []).length, 5, 'nothing removed without an answer');
  });
});
