// Phase 2 of the reload check: after the window reloaded, the panel is back (rebuilt by the
// WebviewPanelSerializer from the page's saved {accountId, threadId}) and shows the same thread
// at the same place.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bridge } from '../helpers/bridge';
import * as vscode from 'vscode';
import { editor, notifications, quickInput, threadPage, threadsView, webview } from '../helpers/gestures';
import { sample } from '../helpers/sample';
import { threadline } from '../helpers/threadline';
import { waitUntil } from '../../support/wait';

describe('after a window reload', function () {
  this.timeout(90_000);

  it('restores the open thread panel with the same thread, scrolled to where it was', async () => {
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    const expected = JSON.parse(fs.readFileSync(path.join(artifacts, 'reload-expect.json'), 'utf8')) as {
      target: { accountId: string; threadId: string };
      anchorId: string;
    };
    const page = threadPage(expected.target.threadId);
    // code-server keeps SecretStorage in memory (like Linux without a keyring), so the key may be
    // gone: the page says so and offers Set API Key; setting the key brings the thread back.
    const first = await waitUntil(async () => {
      const frames = await bridge.allFrames<string>((id: string) => {
        if (document.querySelector(`[data-thread-id="${id}"]`) && document.querySelector('.message')) return 'thread';
        return document.querySelector('.failure') ? 'failure' : '';
      }, expected.target.threadId);
      return frames.map((frame) => frame.result).find((result) => result === 'thread' || result === 'failure');
    }, 'the restored panel to show the thread, or why not');
    if (first === 'failure') {
      const failure = webview('.failure');
      const text = await failure.text('.failure');
      console.log(`[threadline-test] restored panel before the key is set: ${text}`);
      assert.match(text, /No key is saved for this AgentSend account.*Set API Key/);
      // Said once after the reload; VS Code runs in a browser here, which has no keyring to start.
      const hint = await notifications.waitFor(/^Threadline has no saved key for /);
      assert.match(hint, /VS Code in a browser/);
      assert.doesNotMatch(hint, /GNOME|KWallet|keyring/i);
      await failure.click('[data-action="fix-account"]');
      await quickInput.waitOpen();
      await quickInput.type((await sample.account('agentsend')).apiKey);
      await quickInput.accept();
    }
    await page.waitFor('.message');
    assert.equal(await editor.activeTab(), 'Order history export', 'restored under its thread title');
    assert.equal(await page.text('.thread-header h1'), 'Order history export');
    const top = await waitUntil(async () => {
      const shown = await page.evaluateAll<string>('body', () => {
        // The first message the reader sees below the sticky toolbar (more than a sliver of it).
        const bar = document.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
        return Array.from(document.querySelectorAll<HTMLElement>('.message[data-id]')).find((element) => element.getBoundingClientRect().bottom > bar + 16)?.getAttribute('data-id') ?? '';
      });
      return shown === expected.anchorId ? shown : undefined;
    }, `the message ${expected.anchorId} at the top, where the reader left it`);
    assert.equal(top, expected.anchorId);
    await bridge.screenshot('panel-after-reload');
  });

  it('shows the badge of every account’s unread threads with nothing expanded', async () => {
    const artifacts = process.env['THREADLINE_ARTIFACTS'];
    assert.ok(artifacts);
    const expected = JSON.parse(fs.readFileSync(path.join(artifacts, 'reload-badge.json'), 'utf8')) as { badge: string; ids: string[] };
    await threadsView.waitForBadge(expected.badge);
    // Nothing was opened to get there: no container of the view is expanded, no thread row drawn.
    const api = await threadline();
    assert.ok(expected.ids.every((id) => api.accounts.get(id)), 'the sample accounts came back');
    const rows = await threadsView.rows();
    assert.ok(rows.every((row) => row.level < 3), `no thread row drawn: ${rows.map((row) => row.label).join(' | ')}`);
    await bridge.screenshot('badge-after-reload');
    assert.equal(await vscode.commands.executeCommand('threadline.removeSampleData', {}), expected.ids.length);
  });
});
