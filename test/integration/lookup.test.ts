// Looking customers up, the way a user does: the title bar's search icon and the palette, typing
// the address; the "…" menu for a company or a thread id; the Recent lookups rows. Thred's
// polling of a customer still being processed runs on the extension's clock, which the test
// moves over each wait. The scripted API has its own tests at the end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LookupResult } from '../../src/lookup/lookupCommands';
import { bridge } from './helpers/bridge';
import { eachTestOnACleanWorkbench, gestureAndAnswerModal, notifications, palette, quickInput, threadPage, threadsView, webview } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccounts, cleanSlate, threadline } from './helpers/threadline';
import { PROCESSING_POLICY } from '../../src/store/processing';
import { untilWithWaitsSkipped } from './helpers/time';
import { waitUntil } from '../support/wait';

const SARAH = 'sarah.johnson@techcorp.example';
const SARAH_THRED = 'cus_7Hq2LmX9pR4a';
const PROCESSING = 'processing@sample-thred.test';
const PROCESSING_THRED = 'cus_Pr0cessing01';

/** Lookups of one address that reached the sample server's Thred. */
async function lookupsOf(email: string): Promise<number> {
  return (await sample.requests()).filter((request) => request.service === 'thred' && request.query['email'] === email).length;
}

/** Whether any open panel shows this thread. */
async function panelShows(threadId: string): Promise<boolean> {
  const frames = await bridge.allFrames<boolean>((id: string) => document.querySelector(`[data-thread-id="${id}"]`) !== null, threadId);
  return frames.some((frame) => frame.result === true);
}

describe('customer lookup, by gesture', function () {
  this.timeout(120_000);
  let ids: Map<string, string>;

  eachTestOnACleanWorkbench(async () => {
    ids = await addSampleAccounts(['thred', 'agentsend']);
  });

  it('Look Up Customer by Email… from the title bar: typing the address opens the customer, with insights', async () => {
    await threadsView.titleAction('Look Up Customer by Email…');
    assert.equal((await quickInput.waitOpen()).title, 'Look Up Customer by Email');
    await quickInput.type(SARAH);
    await quickInput.accept();
    const page = threadPage(SARAH_THRED);
    await page.waitFor('[data-card="insights"]');
    assert.match(await page.text('.thread-header h1'), /Sarah Johnson/);
  });

  it('checks the address as it is typed: Enter is refused while it is incomplete, and nothing is sent', async () => {
    await sample.clearRequests();
    await threadsView.titleAction('Look Up Customer by Email…');
    await quickInput.waitOpen();
    await quickInput.type('sarah@techcorp');
    const message = await waitUntil(() => quickInput.message().then((text) => /Enter a full address/.test(text) && text), 'the validation message');
    assert.match(message, /such as sarah@example\.com/);
    await quickInput.accept();
    assert.equal(await quickInput.isOpen(), true, 'still open after Enter');
    await quickInput.dismiss();
    assert.deepEqual((await sample.requests()).filter((request) => request.service === 'thred'), [], 'nothing reached Thred');
  });

  it('a customer Thred is still processing, from the palette: a progress notification follows it to completed, then it opens', async () => {
    await palette.run('Threadline: Look Up Customer by Email…');
    await quickInput.waitOpen();
    await quickInput.type(PROCESSING);
    await quickInput.accept();
    const shown = new Set<string>([/(\d+)%/.exec(await notifications.waitFor(/^Thred is processing .*\d+%/))?.[1] ?? '']);
    // One notification for the lookup: the same one that said "Looking up…" now says Thred's progress.
    assert.deepEqual((await notifications.texts()).filter((text) => /^(Looking up|Thred is processing)/.test(text)).length, 1, 'one progress notification');
    await untilWithWaitsSkipped(async () => {
      for (const text of await notifications.texts()) {
        const percent = /^Thred is processing .*?(\d+)%/.exec(text)?.[1];
        if (percent) shown.add(percent);
      }
      // Known by its email until Thred gives it an id: either names the same record.
      return (await panelShows(PROCESSING_THRED)) || panelShows(`email:${PROCESSING}`);
    }, 'the customer to be completed and opened');
    assert.ok(shown.size > 0, 'the notification showed a percentage');
    assert.ok([...shown].every((percent) => ['10', '35', '70'].includes(percent)), `Thred’s own percentages: ${[...shown].join(', ')}`);
    assert.equal(await lookupsOf(PROCESSING), 4, 'asked until Thred said completed (10, 35, 70 %, then done)');
    await webview(`[data-thread-id="${PROCESSING_THRED}"], [data-thread-id="email:${PROCESSING}"]`).waitFor('[data-card="insights"]');
  });

  it('Cancel on that notification stops the polling: no wait left, no more requests, nothing opened', async () => {
    await threadsView.titleAction('Look Up Customer by Email…');
    await quickInput.answer(PROCESSING);
    await notifications.waitFor(/^Thred is processing /);
    await notifications.clickButton(/^Thred is processing /, 'Cancel');
    await waitUntil(async () => !(await notifications.texts()).some((text) => /^Thred is processing /.test(text)), 'the notification to close');
    await waitUntil(async () => (await sample.stats()).inFlight === 0, 'requests in flight to end');
    const atCancel = await lookupsOf(PROCESSING);
    assert.ok(atCancel >= 1 && atCancel < 4, `${atCancel} lookups before Cancel`);
    // Were the polling still alive, it would be waiting on the clock now: moving time past the
    // longest polling wait would send the next request. (Other short waits of the host may be
    // pending too; they send nothing to Thred.)
    (await threadline()).clock.advance(PROCESSING_POLICY.maxMs + 1);
    await waitUntil(async () => (await sample.stats()).inFlight === 0, 'nothing in flight');
    assert.equal(await lookupsOf(PROCESSING), atCancel, 'no request after Cancel');
    assert.equal(await panelShows(PROCESSING_THRED), false, 'nothing opened');
  });

  it('says Thred’s own “not found” as a plain statement', async () => {
    await threadsView.titleAction('Look Up Customer by Email…');
    await quickInput.answer('nobody@nowhere.test');
    const text = await notifications.waitFor(/Customer not found with this email/);
    assert.ok(!/404|Error|stack/i.test(text), `plain: ${text}`);
  });

  it('lists, beside Thred’s answer, conversations of any service seen with the address; the one picked opens', async () => {
    // Sarah's AgentSend thread, once opened, is known to be with her address.
    await vscode.commands.executeCommand('threadline.openThread', { accountId: ids.get('agentsend'), threadId: 'thr_sarahjohnson01' });
    await threadPage('thr_sarahjohnson01').waitFor('.thread-header');
    await threadsView.titleAction('Look Up Customer by Email…');
    await quickInput.answer(SARAH);
    // Both conversations, then Show Customer (every conversation of the address, by day).
    await waitUntil(async () => (await quickInput.items().catch(() => [])).length === 3, 'both conversations listed');
    const listed = await quickInput.items();
    assert.match(listed.at(-1)?.label ?? '', /Show Customer…/);
    const items = listed.slice(0, -1);
    assert.deepEqual(items.map((item) => item.description.replace(/ · .*/, '')).sort(), ['AgentSend', 'Thred']);
    assert.match(items.find((item) => item.description.startsWith('AgentSend'))?.detail ?? '', /seen in Threadline/);
    const thred = items.find((item) => item.description.startsWith('Thred'));
    assert.ok(thred);
    await quickInput.pick(thred.label);
    await threadPage(SARAH_THRED).waitFor('[data-card="insights"]');
  });

  it('Recent lookups under the Thred account: clicking one looks it up again; its inline icon clears the list', async () => {
    await vscode.commands.executeCommand('threadline.lookupByEmail', { email: SARAH, accountId: ids.get('thred'), open: false });
    await threadsView.collapseAll();
    await threadsView.row('Sample Thred').expand();
    const recent = await threadsView.row('Recent lookups').waitUntil((row) => row.description === '1', 'listing one lookup');
    assert.equal(recent.icon, 'search');
    const [entry] = await threadsView.row('Recent lookups').expand();
    assert.equal(entry?.label, SARAH);
    await sample.clearRequests();
    await threadsView.row(SARAH).clickUntil(async () => (await lookupsOf(SARAH)) > 0, 'the lookup the click runs');
    await threadPage(SARAH_THRED).waitFor('[data-card="insights"]');
    assert.equal(await lookupsOf(SARAH), 1, 'looked up again');
    await gestureAndAnswerModal(() => threadsView.row('Recent lookups').inlineAction('Clear Recent Lookups'), /^Clear the 1 recent lookup of Sample Thred\?$/, 'Clear');
    await threadsView.row('Recent lookups').waitUntil((row) => row.description === 'none yet', 'empty');
    await notifications.waitFor(/^Cleared 1 recent lookup of Sample Thred\.$/);
  });

  it('Look Up Customers by Company… from the “…” menu: the customers there, and the one picked opens', async () => {
    await threadsView.moreActions('Look Up Customers by Company…');
    assert.equal((await quickInput.waitOpen()).title, 'Look Up Customers by Company');
    await quickInput.answer('TechCorp');
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Customers at TechCorp', 'the customers');
    const items = await quickInput.items();
    assert.equal(items.length, 3);
    await quickInput.pick(items[0]?.label ?? '');
    await waitUntil(async () => {
      const titles = await bridge.allFrames<string>(() => document.querySelector('.thread-header h1')?.textContent ?? '');
      return titles.some((frame) => frame.result === items[0]?.label);
    }, 'the customer picked');
  });

  it('Open Thread by ID… from the “…” menu: pick the account, paste a Thred share link', async () => {
    await threadsView.moreActions('Open Thread by ID…');
    assert.equal((await quickInput.waitOpen()).placeholder, 'Which account is the thread in?');
    await quickInput.pick('Sample Thred');
    await waitUntil(async () => /^Open Thread by ID — Sample Thred/.test((await quickInput.waitOpen()).title), 'the id step');
    await quickInput.type('https://example.com/customers');
    await waitUntil(() => quickInput.message().then((text) => /A Thred link looks like https:\/\/app\.thred\.ai\/share\//.test(text)), 'the link to be refused');
    await quickInput.type(`https://app.thred.ai/share/${SARAH_THRED}`);
    await quickInput.accept();
    await threadPage(SARAH_THRED).waitFor('[data-card="insights"]');
  });
});

describe('customer lookup, by the scripted API', function () {
  this.timeout(60_000);
  let ids: Map<string, string>;

  before(async () => {
    await cleanSlate();
    ids = await addSampleAccounts(['thred', 'agentsend']);
  });
  after(cleanSlate);

  it('looks up by email: the customer’s thread, and Thred’s statements', async () => {
    const found = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: SARAH, accountId: ids.get('thred'), open: false });
    assert.deepEqual(found.hits.map((hit) => hit.threadId), [SARAH_THRED]);
    const missing = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: 'nobody@nowhere.test', accountId: ids.get('thred') });
    assert.deepEqual(missing.statements, ['Customer not found with this email']);
    const noChat = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', { email: 'nochat@sample-thred.test', accountId: ids.get('thred') });
    assert.deepEqual(noChat.statements, ['No chat data found for this customer']);
    const invalid = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByEmail', 'not-an-email');
    assert.deepEqual(invalid.hits, []);
  });

  it('looks customers up by company', async () => {
    const result = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByCompany', 'TechCorp');
    assert.equal(result.hits.length, 3);
    const none = await vscode.commands.executeCommand<LookupResult>('threadline.lookupByCompany', 'Nonexistent Ltd');
    assert.deepEqual(none.statements, ['No customers found matching this company name']);
  });

  it('opens a thread by id, or by a Thred share link', async () => {
    const api = await threadline();
    const byLink = await vscode.commands.executeCommand<{ accountId: string; threadId: string }>('threadline.openThreadById', { accountId: ids.get('thred'), id: `https://app.thred.ai/share/${SARAH_THRED}` });
    assert.deepEqual(byLink, { accountId: ids.get('thred'), threadId: SARAH_THRED });
    const byId = await vscode.commands.executeCommand<{ accountId: string; threadId: string }>('threadline.openThreadById', { accountId: ids.get('agentsend'), id: 'thr_htmlmail0001' });
    await waitUntil(() => api.panels.get(byId)?.view, 'the AgentSend thread');
  });
});
