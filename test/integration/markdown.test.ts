// Reading a thread in the editor: the read-only Markdown document, and Export Thread… as
// Markdown or as JSON (every page fetched), with a Cancel that really stops it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { addSampleAccounts, removeAllAccounts, waitFor } from './helpers/threadline';

describe('threads in the editor: Markdown and export', function () {
  this.timeout(120_000);
  let agentsend: string;
  let sitegpt: string;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-export-'));

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    const ids = await addSampleAccounts(['agentsend', 'sitegpt']);
    agentsend = ids.get('agentsend') ?? '';
    sitegpt = ids.get('sitegpt') ?? '';
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await sample.setLatency(0);
    fs.rmSync(out, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a thread beside as a read-only Markdown document with a header and one section per message', async () => {
    // Beside what is being read (with nothing open it takes the editor area: reading.test.ts).
    await vscode.commands.executeCommand('threadline.openThread', { accountId: agentsend, threadId: 'thr_htmlmail0001' });
    const uri = await vscode.commands.executeCommand<string>('threadline.openThreadAsMarkdown', {
      accountId: sitegpt,
      threadId: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40',
      containerId: '412578301966815233',
    });
    assert.ok(uri);
    const editor = await waitFor(() => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri), 'the document');
    const document = editor.document;
    assert.equal(document.uri.scheme, 'threadline');
    assert.equal(document.languageId, 'markdown');
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'opened beside');
    const text = document.getText();
    assert.match(text, /^# /);
    assert.match(text, /\| Service \| SiteGPT — Sample SiteGPT \|/);
    const sections = text.match(/^### /gm)?.length ?? 0;
    assert.ok(sections >= 2, `${sections} sections`);
    // Read-only: the document's scheme has no file system to save to.
    assert.equal(vscode.workspace.fs.isWritableFileSystem('threadline'), undefined);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
    await bridge.screenshot('markdown-document');
  });

  it('exports every page of a 10,000-message thread as JSON (the whole domain model)', async () => {
    const file = path.join(out, 'long.json');
    const written = await vscode.commands.executeCommand<string>('threadline.exportThread', {
      accountId: agentsend,
      threadId: 'thr_longhistory0001',
      uri: file,
      format: 'json',
    });
    assert.equal(written, file);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; thread: { threadId: string }; messages: { id: string }[]; account: Record<string, unknown> };
    assert.equal(exported.format, 'threadline-thread/2');
    assert.equal(exported.thread.threadId, 'thr_longhistory0001');
    assert.equal(exported.messages.length, 10_000);
    assert.equal(exported.messages[9_999]?.id, 'msg_lh010000');
    assert.ok(!('apiKey' in exported.account) && !JSON.stringify(exported).includes((await sample.account('agentsend')).apiKey));
  });

  it('exports as Markdown', async () => {
    const file = path.join(out, 'html.md');
    await vscode.commands.executeCommand('threadline.exportThread', { accountId: agentsend, threadId: 'thr_htmlmail0001', uri: file, format: 'md' });
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^# /);
    assert.ok((text.match(/^### /gm)?.length ?? 0) > 1);
  });

  it('Cancel on the progress notification stops the export: no more requests, no file', async () => {
    const file = path.join(out, 'cancelled.json');
    await sample.setLatency(150);
    await sample.clearRequests();
    const exporting = vscode.commands.executeCommand('threadline.exportThread', { accountId: agentsend, threadId: 'thr_longhistory0001', uri: file, format: 'json' });
    await waitFor(async () => (await sample.requests()).length >= 3, 'the export to start');
    await bridge.pageClick('.notifications-toasts .notification-toast .monaco-button:has-text("Cancel")');
    const result = await exporting;
    assert.equal(result, undefined);
    const atCancel = (await sample.requests()).length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const later = (await sample.requests()).length;
    assert.ok(later - atCancel <= 6, `requests after Cancel: ${later - atCancel} (only those already in flight)`);
    assert.ok(atCancel < 100, `stopped early: ${atCancel} of 101 pages requested`);
    assert.equal(fs.existsSync(file), false);
  });
});
