// Phase 1 of the reload check (runs last): leave a thread panel open at message 252 of the
// 10,000-message thread — reached the way a reader would, by searching for words in it — and
// record what the reloaded window must show. The launcher then reloads the window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { removeAllAccounts, addSampleAccounts, threadline, waitFor, waitForPaint } from './helpers/threadline';

export const RELOAD_EXPECTATION = 'reload-expect.json';

describe('before a window reload', function () {
  this.timeout(90_000);

  it('leaves a thread panel open at message 252, with its state saved', async () => {
    const api = await threadline();
    await removeAllAccounts();
    const ids = await addSampleAccounts(['agentsend']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const target = { accountId: ids.get('agentsend') ?? '', threadId: 'thr_longhistory0001' };
    await vscode.commands.executeCommand('threadline.openThread', target);
    const panel = api.panels.get(target);
    assert.ok(panel);
    await waitForPaint(target.threadId);
    const selector = `[data-thread-id="${target.threadId}"]`;
    // Message 252 is the only one that reads "Here is part 126 of 5000".
    await bridge.frameClick(selector, 'input.search');
    await bridge.keyboard([], 'Here is part 126 of');
    const anchorId = await waitFor(async () => {
      const read = await bridge.frameEvaluate<string | null>(selector, () => {
        const bar = document.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
        const top = Array.from(document.querySelectorAll<HTMLElement>('.message[data-id]')).find((element) => element.getBoundingClientRect().bottom > bar + 16);
        return document.querySelector('.search-count')?.textContent === '1 of 1' ? (top?.getAttribute('data-id') ?? null) : null;
      });
      return read.result ?? undefined;
    }, 'message 252 at the top of the view', 60_000);
    assert.equal(anchorId, 'msg_lh000252');
    await new Promise((resolve) => setTimeout(resolve, 600)); // the page saves its state 250 ms after scrolling
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    fs.writeFileSync(path.join(artifacts, RELOAD_EXPECTATION), JSON.stringify({ target, anchorId }));
  });
});
