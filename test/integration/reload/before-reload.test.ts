// Phase 1 of the reload check (run last, by the suite's entry): leave a thread panel open at
// message 252 of the 10,000-message thread — reached the way a reader would, by searching for
// words in it — and record what the reloaded window must show. The entry then reloads the window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { keyboard, threadPage, threadsView } from '../helpers/gestures';
import { addSampleAccounts, cleanSlate, threadline, unreadThreadsAt } from '../helpers/threadline';
import { waitUntil } from '../../support/wait';

export const RELOAD_EXPECTATION = 'reload-expect.json';
/** The activity bar badge the reloaded window must show before anything is opened. */
export const BADGE_EXPECTATION = 'reload-badge.json';

describe('before a window reload', function () {
  this.timeout(90_000);

  it('leaves a thread panel open at message 252, with its place saved', async () => {
    await cleanSlate();
    const ids = await addSampleAccounts(['agentsend']);
    const target = { accountId: ids.get('agentsend') ?? '', threadId: 'thr_longhistory0001' };
    await vscode.commands.executeCommand('threadline.openThread', target);
    const page = threadPage(target.threadId);
    await page.waitFor('.message');
    // Message 252 is the only one that reads "Here is part 126 of 5000".
    await page.click('input.search');
    await keyboard.type('Here is part 126 of');
    const anchorId = await waitUntil(async () => {
      const read = await page.evaluateAll<string>('body', () => {
        const bar = document.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
        // The first message the reader sees below the sticky toolbar (more than a sliver of it).
        const top = Array.from(document.querySelectorAll<HTMLElement>('.message[data-id]')).find((element) => element.getBoundingClientRect().bottom > bar + 16);
        return document.querySelector('.search-count')?.textContent === '1 of 1' ? (top?.getAttribute('data-id') ?? '') : '';
      });
      return read || undefined;
    }, 'message 252 at the top of the view', { timeoutMs: 60_000 });
    assert.equal(anchorId, 'msg_lh000252');
    // The page saves its place a moment after scrolling stops.
    await waitUntil(async () => (await page.evaluateAll('body', (body) => body.map((element) => (element as HTMLElement).dataset['savedAnchor'])))[0] === anchorId, 'the page to save its place');
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    fs.writeFileSync(path.join(artifacts, RELOAD_EXPECTATION), JSON.stringify({ target, anchorId }));
  });

  it('adds the sample data and opens nothing: the badge counts its unread threads, recorded for the reloaded window', async () => {
    const api = await threadline();
    const ids = await vscode.commands.executeCommand<string[]>('threadline.trySampleData');
    const tybrite = ids.find((id) => api.accounts.get(id)?.service === 'tybrite');
    assert.ok(tybrite, 'a sample Tybrite account');
    // What the badge must say, asked of the service itself.
    const expected = await unreadThreadsAt(tybrite);
    assert.ok(expected > 0, 'the sample customer has unread threads');
    await threadsView.waitForBadge(String(expected));
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    fs.writeFileSync(path.join(artifacts, BADGE_EXPECTATION), JSON.stringify({ badge: String(expected), ids }));
  });
});
