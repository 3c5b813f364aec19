// Show Customer (issue 19), the way a user does it: the palette (typing the address), and a
// recent lookup's context menu in the Threads view. Sarah Johnson of the sample data has
// conversations in AgentSend, SiteGPT, Tybrite and Thred; the page lists them on one timeline
// grouped by day, says which accounts could not be asked by email and why, and opens each.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENTSEND_IDS, SARAH } from '../../src/sample';
import { bridge } from './helpers/bridge';
import { palette, quickInput, threadPage, threadsView, webview } from './helpers/gestures';
import { addSampleAccounts, cleanSlate, threadline, waitFor } from './helpers/threadline';

const PAGE = `#app[data-email="${SARAH.email}"]`;

interface PageFacts {
  days: string[];
  services: string[];
  accounts: { kind: string; text: string }[];
}

async function readPage(): Promise<PageFacts | undefined> {
  const read = await bridge.frameEvaluate<PageFacts | undefined>(PAGE, () => {
    if (!document.querySelector('.timeline')) return undefined;
    return {
      days: Array.from(document.querySelectorAll('.day h2')).map((heading) => heading.textContent ?? ''),
      services: Array.from(document.querySelectorAll<HTMLElement>('.entry')).map((entry) => entry.dataset['service'] ?? ''),
      accounts: Array.from(document.querySelectorAll<HTMLElement>('.account')).map((entry) => ({ kind: entry.dataset['kind'] ?? '', text: entry.textContent ?? '' })),
    };
  });
  return read.result ?? undefined;
}

describe('Show Customer, by gesture', function () {
  this.timeout(180_000);

  // The view is shown before the accounts exist: with Tybrite's unread threads the activity bar
  // icon carries a badge, and its label is no longer just "Threadline".
  beforeEach(async () => {
    await cleanSlate();
    await threadsView.show();
    await addSampleAccounts(['agentsend', 'sitegpt', 'tybrite', 'thred']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    if (await quickInput.isOpen()) await quickInput.dismiss();
  });
  after(cleanSlate);

  it('from the palette: Sarah Johnson’s AgentSend, SiteGPT, Tybrite and Thred conversations on one timeline by day; AgentSend says why it was not asked; an entry opens its thread', async () => {
    await palette.run('Threadline: Show Customer…');
    assert.equal((await quickInput.waitOpen()).title, 'Show Customer');
    await quickInput.type(SARAH.email);
    await quickInput.accept();
    const facts = await waitFor(readPage, 'the customer page with its timeline', 60_000);
    console.log(`[threadline-test] Show Customer: ${facts.services.length} entries (${[...new Set(facts.services)].join(', ')}) over ${facts.days.length} days; accounts: ${JSON.stringify(facts.accounts)}`);
    for (const service of ['AgentSend', 'SiteGPT', 'Tybrite', 'Thred']) assert.ok(facts.services.includes(service), `a ${service} conversation`);
    assert.ok(facts.days.length > 1 && new Set(facts.days).size === facts.days.length, 'grouped by day, each day once');
    const thred = facts.accounts.find((account) => account.text.includes('Sample Thred'));
    assert.equal(thred?.kind, 'asked');
    const agentsend = facts.accounts.find((account) => account.text.includes('Sample AgentSend'));
    assert.equal(agentsend?.kind, 'notAsked');
    assert.match(agentsend?.text ?? '', /AgentSend offers no search by email/);
    // Opening an entry: the AgentSend one.
    const page = webview(PAGE);
    await page.click('.entry[data-service="AgentSend"] button.open');
    await threadPage(AGENTSEND_IDS.sarahThread).waitFor('.message');
  });

  it('from a lookup’s results: the pick’s last item shows the customer', async () => {
    // Sarah's AgentSend thread, once opened, is known to be with her address: the lookup lists her conversations.
    await vscode.commands.executeCommand('threadline.openThread', { accountId: (await threadline()).accounts.list().find((account) => account.service === 'agentsend')?.id, threadId: AGENTSEND_IDS.sarahThread });
    await threadPage(AGENTSEND_IDS.sarahThread).waitFor('.thread-header');
    await palette.run('Threadline: Look Up Customer by Email…');
    await quickInput.answer(SARAH.email);
    // Her conversations in every account (Tybrite's are listed too), then Show Customer: typing finds it.
    await waitFor(async () => (await quickInput.items().catch(() => [])).length > 2, 'the conversations');
    await quickInput.type('Show Customer');
    await waitFor(async () => (await quickInput.items().catch(() => [])).length === 1, 'only Show Customer left');
    await quickInput.pick(/Show Customer…/);
    const facts = await waitFor(readPage, 'the customer page', 60_000);
    assert.ok(facts.services.includes('AgentSend') && facts.services.includes('Thred'), facts.services.join(', '));
  });

  it('from a recent lookup’s context menu in the Threads view', async () => {
    await vscode.commands.executeCommand('threadline.lookupByEmail', { email: SARAH.email, open: false });
    await threadsView.collapseAll();
    await threadsView.row('Sample Thred').expand();
    await threadsView.row('Recent lookups').waitUntil((row) => row.description === '1', 'listing one lookup');
    await threadsView.row('Recent lookups').expand();
    await threadsView.row(SARAH.email).contextMenu('Show Customer…');
    const facts = await waitFor(readPage, 'the customer page', 60_000);
    assert.ok(facts.services.includes('Thred') && facts.services.includes('Tybrite'), facts.services.join(', '));
  });
});
