// Phase 1 of the reload check (runs last): leave a thread panel open, scrolled into the thread,
// and record what the reloaded window must show. The launcher then reloads the window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bridge } from '../helpers/bridge';
import { removeAllAccounts, addSampleAccounts, threadline, waitFor } from '../helpers/threadline';

export const RELOAD_EXPECTATION = 'reload-expect.json';

describe('before a window reload', function () {
  this.timeout(60_000);

  it('leaves a thread panel open and scrolled, with its state saved', async () => {
    const api = await threadline();
    await removeAllAccounts();
    const ids = await addSampleAccounts(['agentsend']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const target = { accountId: ids.get('agentsend') ?? '', threadId: 'thr_longhistory0001' };
    await vscode.commands.executeCommand('threadline.openThread', target);
    const panel = api.panels.get(target);
    assert.ok(panel);
    await waitFor(() => panel.lastPaint, 'the panel to paint');
    const selector = `[data-thread-id="${target.threadId}"]`;
    // Scroll well into the thread, so restoring the position means something.
    await bridge.frameEvaluate(selector, () => window.scrollTo(0, 4_000));
    const anchorId = await waitFor(async () => {
      const read = await bridge.frameEvaluate<string | null>(selector, () => {
        const top = Array.from(document.querySelectorAll<HTMLElement>('.message')).find((element) => element.getBoundingClientRect().bottom > 0);
        return top?.getAttribute('data-id') ?? null;
      });
      return read.result ?? undefined;
    }, 'a message at the top of the view');
    await new Promise((resolve) => setTimeout(resolve, 600)); // the page saves its state 250 ms after scrolling
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    fs.writeFileSync(path.join(artifacts, RELOAD_EXPECTATION), JSON.stringify({ target, anchorId }));
  });
});
