// Reading a thread in the editor: Open Thread as Markdown from a thread row's context menu, the
// editor title bar's Reload, and Export Thread… (the save dialog answered by typing a path), as
// Markdown or as JSON with every page fetched, with a Cancel that really stops it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { editor, notifications, quickInput, threadsView, titleOf, type TreeRow } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccounts, cleanSlate } from './helpers/threadline';
import { waitUntil } from '../support/wait';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('threads in the editor: Markdown and export', function () {
  this.timeout(120_000);
  let agentsend: string;
  let out: string;

  before(async () => {
    await cleanSlate();
    agentsend = (await addSampleAccounts(['agentsend'])).get('agentsend') ?? '';
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-export-'));
    await threadsView.show();
  });
  afterEach(async () => {
    await sample.setLatency(0);
    await sample.clearFaults();
    if (await quickInput.isOpen()) await quickInput.dismiss();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await notifications.clear();
  });
  after(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    await cleanSlate();
  });

  /** A thread of Acme Sales with several messages, as its row shows it. */
  async function salesThread(): Promise<{ title: string; messages: number; row: TreeRow }> {
    await threadsView.collapseAll();
    await threadsView.row('Sample AgentSend').expand();
    await threadsView.row('Acme Sales').expand();
    // The rows learn who wrote each thread just after they are drawn (AgentSend lists name
    // nobody), and are drawn again then: the gestures start once they have.
    const threads = await threadsView.row('Acme Sales').waitForChildren((rows) => rows.every((row) => row.sender !== undefined), 'naming who wrote');
    const index = threads.findIndex((row) => Number(/(\d+) msgs/.exec(row.description)?.[1] ?? 0) > 1);
    const thread = threads[index];
    assert.ok(thread, 'a thread with several messages');
    // Several threads may share a title: this is the how-many-th row with it.
    const nth = threads.slice(0, index).filter((row) => row.label === thread.label).length;
    return { title: titleOf(thread), messages: Number(/(\d+) msgs/.exec(thread.description)?.[1]), row: threadsView.row(thread.label, nth) };
  }

  it('Open Thread as Markdown, from a thread row’s context menu: a read-only document beside, one section per message', async () => {
    const { title, messages, row } = await salesThread();
    // Beside what is being read: the thread open in its panel first (with nothing open the
    // document takes the editor area, reading.test.ts).
    // Clicked again if the click landed while the row was redrawn (learning who wrote) and opened nothing.
    await row.clickUntil(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label.startsWith(title), 'the thread’s panel');
    await row.contextMenu('Open Thread as Markdown');
    await editor.waitForText(new RegExp(`# ${escaped(title)}`));
    const document = await waitUntil(() => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.scheme === 'threadline'), 'the document');
    assert.equal(document.document.languageId, 'markdown');
    assert.equal(document.viewColumn, vscode.ViewColumn.Two, 'opened beside');
    const text = document.document.getText();
    assert.match(text, /\| Service \| AgentSend — Sample AgentSend \|/);
    assert.equal(text.match(/^### /gm)?.length, messages, 'a section per message the row counts');
    // Read-only: the document's scheme has no file system to save to.
    assert.equal(vscode.workspace.fs.isWritableFileSystem('threadline'), undefined);
    await bridge.screenshot('markdown-document');
  });

  it('Reload Markdown Document, in the editor title bar, asks the service again', async () => {
    const { title, row } = await salesThread();
    await row.contextMenu('Open Thread as Markdown');
    await editor.waitForText(new RegExp(`# ${escaped(title)}`));
    await sample.clearRequests();
    await editor.titleAction('Reload Markdown Document');
    await waitUntil(async () => (await sample.requests()).some((request) => /^\/threads\/[^/]+/.test(request.path)), 'the thread to be asked for again');
  });

  it('Export Thread…, from the context menu: the save dialog takes a typed path, and the file is written', async () => {
    const { title, row } = await salesThread();
    await row.contextMenu('Export Thread…');
    // The format first, then where to save it.
    assert.equal((await quickInput.waitOpen()).title, 'Export Thread');
    await quickInput.pick('Markdown');
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Export Thread as Markdown', 'the save dialog');
    const file = path.join(out, 'typed.md');
    await quickInput.type(file);
    // The simple file dialog checks each typed prefix (its message can lag behind the path) and
    // completes folder names as they are typed, which on a busy machine can rewrite the value
    // under the keystrokes: accept once the whole path is in (again if an Enter came too early),
    // and type the path again if the box has settled on something else.
    let acceptedAt = 0;
    let seen = '';
    let seenSince = Date.now();
    await waitUntil(async () => {
      if (!(await quickInput.isOpen())) return true;
      const value = await quickInput.value();
      if (value !== seen) [seen, seenSince] = [value, Date.now()];
      if (value === file && Date.now() - acceptedAt > 2_000) {
        await quickInput.accept();
        acceptedAt = Date.now();
      } else if (value !== file && Date.now() - seenSince > 3_000) {
        await quickInput.type(file);
        seenSince = Date.now();
      }
      return false;
    }, () => `the save dialog to take the typed path; it shows "${seen}"`, { timeoutMs: 60_000 });
    const said = await notifications.waitFor(/^Exported \d+ messages to /);
    await waitUntil(() => fs.existsSync(file), 'the file');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^# ${escaped(title)}`));
    assert.equal(text.match(/^### /gm)?.length, Number(/^Exported (\d+)/.exec(said)?.[1]), 'a section per message exported');
  });

  it('exports every page of a 10,000-message thread as JSON (the whole domain model)', async () => {
    const file = path.join(out, 'long.json');
    const written = await vscode.commands.executeCommand<string>('threadline.exportThread', { accountId: agentsend, threadId: 'thr_longhistory0001', uri: file, format: 'json' });
    assert.equal(written, file);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; thread: { threadId: string }; messages: { id: string }[]; account: Record<string, unknown> };
    assert.equal(exported.format, 'threadline-thread/2');
    assert.equal(exported.thread.threadId, 'thr_longhistory0001');
    assert.equal(exported.messages.length, 10_000);
    assert.equal(exported.messages[9_999]?.id, 'msg_lh010000');
    assert.ok(!('apiKey' in exported.account) && !JSON.stringify(exported).includes((await sample.account('agentsend')).apiKey));
  });

  it('Cancel on the export’s progress notification stops it: the pages in flight end, no more are asked for, no file', async () => {
    const file = path.join(out, 'cancelled.json');
    await sample.setLatency(150);
    // After the first page no page answers, so the export is still running whenever the click
    // lands (the first matching rule applies).
    await sample.setFaults([
      { service: 'agentsend', pathIncludes: 'offset=0', fault: 'latency:0' },
      { service: 'agentsend', pathIncludes: '/messages', fault: 'hang' },
    ]);
    await sample.clearRequests();
    const exporting = vscode.commands.executeCommand('threadline.exportThread', { accountId: agentsend, threadId: 'thr_longhistory0001', uri: file, format: 'json' });
    await waitUntil(async () => (await sample.requests()).length >= 3, 'the export to start');
    await notifications.clickButton(/^Exporting “/, 'Cancel');
    assert.equal(await exporting, undefined);
    // Every worker stops at its next page once cancelled; what was in flight ends.
    await waitUntil(async () => (await sample.stats()).inFlight === 0, 'the pages in flight to end');
    const asked = (await sample.requests()).length;
    assert.ok(asked < 100, `stopped early: ${asked} of 101 pages asked for`);
    assert.equal(fs.existsSync(file), false);
  });
});
