// Customer lookup from the command palette, in the real host against the sample server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LookupResult } from '../../src/lookup/lookupCommands';
import type { TreeNode } from '../../src/tree/treeNode';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { addSampleAccounts, childByLabel, children, labelOf, removeAllAccounts, threadline, waitFor, waitForPaint } from './helpers/threadline';

const SARAH = 'sarah.johnson@techcorp.example';
const PROCESSING = 'processing@sample-thred.test';

async function thredRequests(): Promise<number> {
  return (await sample.requests()).filter((request) => request.service === 'thred').length;
}

/** Text of the notification toasts on screen. */
async function toasts(): Promise<string> {
  return bridge.pageEvaluate<string>(() => Array.from(document.querySelectorAll('.notification-toast')).map((toast) => toast.textContent ?? '').join(' | '));
}

describe('customer lookup', function () {
  this.timeout(120_000);
  let thred: string;
  let agentsend: string;

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    const ids = await addSampleAccounts(['thred', 'agentsend']);
    thred = ids.get('thred') ?? '';
    agentsend = ids.get('agentsend') ?? '';
    await (await threadline()).store.recentLookups.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('opens a completed customer in the panel, with insights', async () => {
    const api = await threadline();
    const result = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: SARAH, accountId: thred });
    assert.deepEqual(result.opened, { accountId: thred, threadId: 'cus_7Hq2LmX9pR4a' });
    const panel = api.panels.get(result.opened);
    assert.ok(panel, 'the panel');
    await waitForPaint('cus_7Hq2LmX9pR4a');
    const cards = await waitFor(async () => {
      const read = await bridge.frameEvaluate<string[]>('[data-thread-id="cus_7Hq2LmX9pR4a"]', () => Array.from(document.querySelectorAll('[data-card]')).map((card) => card.getAttribute('data-card') ?? ''));
      return read.result?.length ? read.result : undefined;
    }, 'the insights card');
    assert.deepEqual(cards, ['insights']);
  });

  it('follows a processing customer with a progress notification to completed, then opens it', async () => {
    await sample.reset();
    const api = await threadline();
    const lookup = vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: PROCESSING, accountId: thred });
    const shown = await waitFor(async () => {
      const text = await toasts();
      return /Thred is processing/.test(text) && /\d+%/.test(text) ? text : undefined;
    }, 'the progress notification with a percentage');
    console.log(`[threadline-test] progress notification: ${shown.slice(0, 120)}`);
    const result = await lookup;
    assert.deepEqual(result.opened, { accountId: thred, threadId: 'cus_Pr0cessing01' });
    const panel = api.panels.get(result.opened);
    await waitFor(() => panel?.view, 'the panel');
    assert.ok(panel?.view !== undefined && panel.view.thread.state !== 'processing', 'completed');
  });

  it('Cancel stops the polling: no further requests reach the server', async () => {
    // A panel still showing the customer would rightly keep following it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sample.reset();
    const lookup = vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: PROCESSING, accountId: thred });
    const t0 = Date.now();
    void sample.requests().then((requests) => console.log(`[threadline-test] requests at start: ${requests.length}`));
    void lookup.then(
      async (r) => console.log(`[threadline-test] lookup resolved after ${Date.now() - t0} ms: ${JSON.stringify(r)} ${JSON.stringify((await sample.requests()).map((x) => [x.path, x.status]))}`),
      (e: unknown) => console.log(`[threadline-test] lookup rejected: ${String(e)}`),
    );
    let last = '';
    await waitFor(async () => {
      last = await toasts();
      return /Thred is processing/.test(last);
    }, 'the progress notification').catch((error: unknown) => {
      console.log(`[threadline-test] toasts were: ${last.slice(0, 400)}`);
      void bridge
        .pageEvaluate<string>(() => `${document.querySelector('.notifications-toasts')?.className} / center items ${document.querySelectorAll('.notifications-center .notification-list-item').length} / ${document.querySelector('.notifications-center')?.textContent?.slice(0, 300)} / dnd ${document.querySelector('.codicon-bell-slash') ? 'on' : 'off'}`)
        .then((text) => console.log(`[threadline-test] notifications: ${text}`));
      throw error;
    });
    await bridge.pageClick('.notification-toast:has-text("Thred is processing") .monaco-button:has-text("Cancel")');
    const result = await lookup;
    assert.equal(result.cancelled, true);
    assert.equal(result.opened, undefined);
    const atCancel = await thredRequests();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    assert.equal(await thredRequests(), atCancel, 'no request after Cancel');
  });

  it('checks the address as it is typed: an invalid one never reaches the server', async () => {
    await sample.clearRequests();
    const lookup = vscode.commands.executeCommand<LookupResult | undefined>('threadline.lookupByEmail');
    await waitFor(() => bridge.pageEvaluate<boolean>(() => document.querySelector('.quick-input-widget')?.checkVisibility() ?? false), 'the input box');
    await bridge.keyboard([], 'sarah@techcorp');
    const message = await waitFor(async () => {
      const text = await bridge.pageEvaluate<string>(() => document.querySelector('.quick-input-message')?.textContent ?? '');
      return /Enter a full address/.test(text) ? text : undefined;
    }, 'the validation message');
    assert.match(message, /such as sarah@example\.com/);
    await bridge.keyboard(['Enter']); // refused while invalid
    assert.ok(await bridge.pageEvaluate<boolean>(() => document.querySelector('.quick-input-widget')?.checkVisibility() ?? false), 'still open');
    await bridge.keyboard(['Escape']);
    assert.equal(await lookup, undefined);
    const scripted = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', 'not-an-email');
    assert.deepEqual(scripted.hits, []);
    assert.equal(await thredRequests(), 0, 'no request reached the server');
  });

  it('shows Thred’s own "not found" messages as plain statements', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const missing = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: 'nobody@nowhere.test', accountId: thred });
    assert.deepEqual(missing.statements, ['Customer not found with this email']);
    const text = await waitFor(async () => {
      const shown = await toasts();
      return shown.includes('Customer not found with this email') ? shown : undefined;
    }, 'the statement');
    assert.ok(!/404|Error|stack/i.test(text), `plain: ${text}`);
    const noChat = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: 'nochat@sample-thred.test', accountId: thred });
    assert.deepEqual(noChat.statements, ['No chat data found for this customer']);
  });

  it('lists, beside the lookup, conversations of any service seen with the same address', async () => {
    const api = await threadline();
    // Open Sarah's AgentSend thread: its participants are now known to Threadline.
    const target = { accountId: agentsend, threadId: 'thr_sarahjohnson01' };
    await vscode.commands.executeCommand('threadline.openThread', target);
    await waitFor(() => api.panels.get(target)?.view, 'the AgentSend thread');
    const result = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: SARAH, open: false });
    const found = result.hits.map((hit) => `${hit.service}/${hit.threadId}/${hit.seen ? 'seen' : 'lookup'}`);
    assert.ok(found.includes('agentsend/thr_sarahjohnson01/seen'), found.join(', '));
    assert.ok(found.includes('thred/cus_7Hq2LmX9pR4a/lookup'), found.join(', '));
  });

  it('keeps recent lookups under the Thred account, and clears them', async () => {
    const account = await childByLabel(undefined, 'Sample Thred');
    const recent = await waitFor(async () => (await children(account)).find((node) => labelOf(node) === 'Recent lookups'), 'the Recent lookups row');
    const rows = (await children(recent)).map(labelOf);
    assert.ok(rows.includes(SARAH) && rows.includes(PROCESSING), rows.join(', '));
    assert.ok(rows.length <= 50);
    const api = await threadline();
    assert.ok(!JSON.stringify(api.globalState.get('threadline.recentLookups')).includes((await sample.account('thred')).apiKey));
    await vscode.commands.executeCommand('threadline.clearRecentLookups', { accountId: thred });
    assert.deepEqual(await children(recent as TreeNode), []);
  });

  it('looks customers up by company', async () => {
    const result = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByCompany', 'TechCorp');
    assert.equal(result.hits.length, 3);
    const none = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByCompany', 'Nonexistent Ltd');
    assert.deepEqual(none.statements, ['No customers found matching this company name']);
  });

  it('opens a thread by id, or by a Thred share link', async () => {
    const api = await threadline();
    const byLink = await vscode.commands.executeCommand<{ accountId: string; threadId: string }>('threadline.openThreadById', { accountId: thred, id: 'https://app.thred.ai/share/cus_7Hq2LmX9pR4a' });
    assert.deepEqual(byLink, { accountId: thred, threadId: 'cus_7Hq2LmX9pR4a' });
    const byId = await vscode.commands.executeCommand<{ accountId: string; threadId: string }>('threadline.openThreadById', { accountId: agentsend, id: 'thr_htmlmail0001' });
    await waitFor(() => api.panels.get(byId)?.view, 'the AgentSend thread');
  });
});
