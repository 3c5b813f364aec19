// A SiteGPT API v2 account in the real host: the tree's filter picker asks the service for
// escalated conversations and searches with SiteGPT's own `query` — the sample server's request
// log shows the parameters — and an opened conversation says why it shows no messages.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SITEGPT_IDS } from '../../src/sample/ids';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { addSampleAccounts, childByLabel, children, removeAllAccounts, waitFor, waitForPaint } from './helpers/threadline';

async function pick(text: string): Promise<void> {
  await waitFor(() => bridge.pageEvaluate<boolean>(() => document.querySelector('.quick-input-widget')?.checkVisibility() ?? false), 'the quick pick');
  await bridge.keyboard([], text);
  await bridge.keyboard(['Enter']);
}

describe('SiteGPT API v2', function () {
  this.timeout(120_000);
  let accountId: string;

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    accountId = (await addSampleAccounts(['sitegpt-v2'])).get('sitegpt-v2') ?? assert.fail('a v2 account');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts();
  });

  it('lists the conversations SiteGPT finds escalated, filtered on the server', async () => {
    const docs = await childByLabel(await childByLabel(undefined, 'Sample SiteGPT v2'), 'Docs Assistant');
    const all = (await children(docs)).filter((node) => node.id.includes('/t:'));
    assert.equal(all.length, SITEGPT_IDS.docsThreads);
    await sample.clearRequests();
    // The row's "Filter Threads…" action, then the picker as a user types into it.
    const filtering = vscode.commands.executeCommand('threadline.filterThreads', docs);
    await pick('Escalated');
    await pick('yes');
    await filtering;
    const escalated = await waitFor(async () => {
      const rows = (await children(docs)).filter((node) => node.id.includes('/t:'));
      return rows.length > 0 && rows.length < all.length ? rows : undefined;
    }, 'the escalated conversations');
    const asked = (await sample.requests()).filter((entry) => entry.path === `/api/v2/chatbots/${SITEGPT_IDS.docsBot}/conversations`);
    assert.equal(asked.at(-1)?.query['escalated'], 'true', 'the server was asked for escalated conversations');
    console.log(`[sitegpt v2] escalated=true on the server: ${escalated.length} of ${all.length} conversations; request ${asked.at(-1)?.path}?${new URLSearchParams(asked.at(-1)?.query as Record<string, string>).toString()}`);

    const searching = vscode.commands.executeCommand('threadline.filterThreads', docs);
    await pick('Search');
    await waitFor(
      () => bridge.pageEvaluate<boolean>(() => (document.querySelector('.quick-input-widget')?.textContent ?? '').includes('Find conversations with these words')),
      'the search box',
    );
    await bridge.keyboard([], 'webhook');
    await bridge.keyboard(['Enter']);
    await searching;
    const found = await waitFor(async () => {
      const rows = (await children(docs)).filter((node) => node.id.includes('/t:'));
      const sent = (await sample.requests()).some((entry) => entry.query['query'] === 'webhook' && entry.query['escalated'] === 'true');
      return sent ? rows : undefined;
    }, 'the search sent as query');
    assert.ok(found.length <= escalated.length, 'searching within the escalated ones');
  });

  it('an opened conversation says which of its parts SiteGPT v2 does not publish', async () => {
    await vscode.commands.executeCommand('threadline.openThread', { accountId, threadId: SITEGPT_IDS.sarahThread, containerId: SITEGPT_IDS.docsBot });
    await waitForPaint(SITEGPT_IDS.sarahThread).catch(() => undefined);
    const note = await waitFor(async () => {
      const read = await bridge.frameEvaluate<string>(`[data-thread-id="${SITEGPT_IDS.sarahThread}"]`, () => document.querySelector('.note')?.textContent ?? '');
      return read.found && read.result ? read.result : undefined;
    }, 'the note');
    assert.match(note, /does not publish the shape of a conversation's messages/);
  });
});
