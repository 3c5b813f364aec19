// Phase 1 of the reload check (run last, by the suite's entry): leave a thread panel open,
// scrolled into the thread, and record what the reloaded window must show. The entry then
// reloads the window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { threadPage } from '../helpers/gestures';
import { addSampleAccounts, cleanSlate } from '../helpers/threadline';
import { waitUntil } from '../../support/wait';

export const RELOAD_EXPECTATION = 'reload-expect.json';

describe('before a window reload', function () {
  this.timeout(60_000);

  it('leaves a thread panel open and scrolled, with its place saved', async () => {
    await cleanSlate();
    const ids = await addSampleAccounts(['agentsend']);
    const target = { accountId: ids.get('agentsend') ?? '', threadId: 'thr_longhistory0001' };
    await vscode.commands.executeCommand('threadline.openThread', target);
    const page = threadPage(target.threadId);
    await page.waitFor('.message');
    // Scroll well into the thread, so restoring the position means something.
    await page.evaluateAll('body', () => window.scrollTo(0, 4_000));
    const anchorId = await waitUntil(async () => {
      const [top] = await page.evaluateAll('.message', (messages) => messages.filter((element) => element.getBoundingClientRect().bottom > 0).map((element) => element.getAttribute('data-id') ?? ''));
      return top && top !== 'msg_lh000001' ? top : undefined;
    }, 'a message well into the thread at the top of the view');
    // The page saves its place a moment after scrolling stops.
    await waitUntil(async () => (await page.evaluateAll('body', (body) => body.map((element) => (element as HTMLElement).dataset['savedAnchor'])))[0] === anchorId, 'the page to save its place');
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    fs.writeFileSync(path.join(artifacts, RELOAD_EXPECTATION), JSON.stringify({ target, anchorId }));
  });
});
