// The Threads view as a first-class VS Code view, driven through the workbench: rows that read
// well at the side bar's width (who wrote and the title first, the unread marker never cut), the
// activity bar badge over every account without opening anything, opening a thread marking it
// read, the title bar's Filter…, the thread context menu, and what a screen reader announces.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { eachTestOnACleanWorkbench, keyboard, quickInput, threadsView, titleOf } from './helpers/gestures';
import { addSampleAccounts, threadline, unreadThreadsAt } from './helpers/threadline';
import { waitUntil } from '../support/wait';

/** Where each drawn row's unread badge (the decoration after its label) is, against the side bar's right edge. */
async function unreadBadges(): Promise<{ label: string; badge: string; inside: boolean }[]> {
  return bridge.pageEvaluate(() => {
    const sidebar = document.querySelector('.part.sidebar')?.getBoundingClientRect();
    return Array.from(document.querySelectorAll<HTMLElement>('.part.sidebar .monaco-list[aria-label="Threads"] .monaco-list-row')).flatMap((row) => {
      const label = row.querySelector<HTMLElement>('.monaco-icon-label');
      if (!label || !sidebar) return [];
      const after = getComputedStyle(label, '::after');
      const badge = after.content && after.content !== 'none' && after.content !== 'normal' ? after.content.replace(/^"|"$/g, '') : '';
      if (!badge) return [];
      const box = label.getBoundingClientRect();
      return [{ label: row.querySelector('.label-name')?.textContent ?? '', badge, inside: box.right <= sidebar.right + 0.5 && box.right > sidebar.left }];
    });
  });
}

describe('the Threads view, as a user reads it', function () {
  this.timeout(180_000);
  let ids: Map<string, string>;
  eachTestOnACleanWorkbench(async () => {
    ids = await addSampleAccounts(['agentsend', 'tybrite']);
  });

  it('rows put who wrote and the title first: account rows without the service twice, email rows with the sender, no “sandbox” on every Tybrite row', async () => {
    const accounts = await threadsView.waitForRows((rows) => rows.filter((row) => row.level === 1).length === 2, 'two accounts');
    for (const row of accounts.filter((entry) => entry.level === 1)) assert.doesNotMatch(`${row.label} ${row.description}`, /(AgentSend|Tybrite).*\1/, 'the service named once');
    await threadsView.collapseAll();
    await threadsView.row('Sample AgentSend').expand();
    // Who wrote comes from each thread's first message (the list names nobody): rows learn it.
    await threadsView.row('Acme Support').expand();
    const email = await threadsView.row('Acme Support').waitForChildren((rows) => rows.slice(0, 5).every((row) => row.sender !== undefined), 'naming who wrote');
    for (const row of email.slice(0, 5)) {
      assert.ok(row.sender && row.label.startsWith(`${row.sender}, `) && !row.sender.includes('@'), `sender first, an address by its local part: ${row.label}`);
      assert.match(row.ariaLabel, new RegExp(`, from ${row.sender}@[^,]+, `), `announced with the whole address: ${row.ariaLabel}`);
      // Then when, before the title: "10:47" (or "10:47 AM"), "Thu", "4 Dec" (or "Dec 4"), "Dec 2025".
      assert.match(row.head ?? '', /^[^,]+, [^,·]{2,9}$/, `who, then when, before the title: ${row.label}`);
    }
    await threadsView.row('Acme Support').collapse();
    await threadsView.row('Sample AgentSend').collapse();
    await threadsView.row('Sample Tybrite').expand();
    const customer = await threadsView.row('Sarah Johnson').read();
    const threads = await threadsView.row('Sarah Johnson').expand();
    assert.ok(threads.every((row) => !/\bsandbox\b/.test(row.description)), threads.map((row) => row.description).join(' | '));
    assert.match((await threadsView.row('Sarah Johnson').read()).description, /\bsandbox\b/, `said once, on the customer: ${customer.description}`);
    // Unread threads: a dot for an icon, and their count after the label, inside the side bar.
    const unread = threads.filter((row) => /\d+ unread/.test(row.description));
    assert.ok(unread.length > 0 && unread.every((row) => row.icon === 'circle-filled'), unread.map((row) => `${row.icon} ${row.label}`).join(' | '));
    assert.ok(threads.filter((row) => !/\d+ unread/.test(row.description)).every((row) => row.icon !== 'circle-filled'), 'read rows look read');
    const badges = await waitUntil(async () => {
      const found = await unreadBadges();
      return found.length > 0 ? found : undefined;
    }, 'unread badges drawn');
    for (const badge of badges) assert.ok(badge.inside && /^\d+$/.test(badge.badge), `the count of ${badge.label} is on screen: ${JSON.stringify(badge)}`);
    console.log(`[threadline-test] side bar ${await threadsView.width()} px; first rows: ${threads.slice(0, 3).map((row) => `${row.icon} ${row.label} — ${row.description}`).join(' | ')}`);
  });

  it('the activity bar badge counts every account’s unread threads without anything opened, and a thread opened from its row is read', async () => {
    await threadsView.collapseAll();
    const expected = await unreadThreadsAt(ids.get('tybrite') ?? '');
    assert.ok(expected > 1, 'the sample customer has unread threads');
    await threadsView.waitForBadge(String(expected));
    await threadsView.row('Sample Tybrite').expand();
    const threads = await threadsView.row('Sarah Johnson').expand();
    const target = threads.find((row) => row.icon === 'circle-filled' && !/\barchived\b/.test(row.description));
    assert.ok(target, 'an unread thread');
    const api = await threadline();
    await threadsView.row(target.label).clickUntil(() => api.panels.all().length > 0, 'the panel the click opens');
    const read = await threadsView.row(target.label).waitUntil((row) => row.icon !== 'circle-filled' && !/\d+ unread/.test(row.description), 'marked read');
    assert.doesNotMatch(read.ariaLabel, /^Unread/);
    await threadsView.waitForBadge(String(expected - 1));
  });

  it('Filter… in the title bar narrows every loaded container by title, keeps the filter in sight, and Clear Filter shows all again', async () => {
    await threadsView.collapseAll();
    await threadsView.row('Sample Tybrite').expand();
    const all = await threadsView.row('Sarah Johnson').expand();
    await threadsView.titleAction('Filter…');
    await quickInput.waitOpen();
    await quickInput.type('refund');
    await quickInput.accept();
    await quickInput.waitClosed();
    const filtered = await threadsView.row('Sarah Johnson').waitForChildren((rows) => rows[0]?.siblings !== all[0]?.siblings, 'filtered');
    assert.ok(filtered.length > 0 && filtered.every((row) => /refund/i.test(row.label)), filtered.map((row) => row.label).join(' | '));
    assert.match(await threadsView.message(), /refund/, 'the filter stays in sight');
    await threadsView.titleAction('Clear Filter');
    await threadsView.row('Sarah Johnson').waitForChildren((rows) => rows[0]?.siblings === all[0]?.siblings, 'every thread again');
    assert.equal(await threadsView.message(), '');
    // Escape puts back what was there before.
    await threadsView.titleAction('Filter…');
    await quickInput.waitOpen();
    await quickInput.type('zzzz-nothing');
    await threadsView.row('Sarah Johnson').waitForChildren((rows) => rows[0]?.label === 'No loaded threads match the filter', 'filtering as you type');
    await quickInput.dismiss();
    await threadsView.row('Sarah Johnson').waitForChildren((rows) => rows[0]?.siblings === all[0]?.siblings, 'unfiltered after Escape');
  });

  it('a thread’s context menu has Open and Open to the Side, and Open in Browser only where the service publishes a page', async () => {
    await threadsView.collapseAll();
    await threadsView.row('Sample AgentSend').expand();
    await threadsView.row('Acme Support').expand();
    // Once the rows name who wrote (learned just after they are drawn, then drawn again).
    const [first] = await threadsView.row('Acme Support').waitForChildren((rows) => rows[0]?.sender !== undefined, 'naming who wrote');
    assert.ok(first);
    const items = await threadsView.row(first.label).contextMenuItems();
    assert.ok(items.includes('Open') && items.includes('Open to the Side'), items.join(' | '));
    assert.ok(!items.includes('Open in Browser'), 'AgentSend documents no page for a thread');
    await threadsView.row(first.label).contextMenu('Open');
    const api = await threadline();
    const panel = await waitUntil(() => api.panels.all().find((entry) => entry.threadTitle === titleOf(first)), 'its panel');
    assert.equal(panel.preview, false, 'Open keeps it open');
  });

  it('every row tells a screen reader what it is and what it holds', async () => {
    await threadsView.collapseAll();
    const account = await threadsView.row('Sample AgentSend').read();
    assert.match(account.ariaLabel, /^AgentSend account Sample AgentSend\b/);
    await threadsView.row('Sample AgentSend').expand();
    const inbox = await threadsView.row('Acme Support').read();
    assert.match(inbox.ariaLabel, /^inbox Acme Support, support@/);
    const [thread] = await threadsView.row(inbox.label).expand();
    assert.ok(thread);
    assert.match(thread.ariaLabel, /^(Unread thread, \d+ unread messages?|Thread), /);
    assert.ok(thread.ariaLabel.includes(titleOf(thread)) && thread.ariaLabel.endsWith(`in ${inbox.label}`), thread.ariaLabel);
    await keyboard.press('Escape');
  });
});

describe('recent lookups, as a screen reader announces them', function () {
  this.timeout(90_000);
  let thred = '';
  eachTestOnACleanWorkbench(async () => {
    thred = (await addSampleAccounts(['thred'])).get('thred') ?? '';
  });

  it('the list says what it holds, each lookup names the customer and when', async () => {
    await threadsView.collapseAll();
    const rows = await threadsView.row('Sample Thred').expand();
    const list = rows.find((row) => row.label === 'Recent lookups');
    assert.equal(list?.ariaLabel, 'Recent lookups, none yet');
    await vscode.commands.executeCommand('threadline.lookupByEmail', { email: 'sarah.johnson@techcorp.example', accountId: thred, open: false });
    const updated = await threadsView.row('Recent lookups').waitUntil((row) => row.expanded !== undefined, 'with a lookup');
    assert.equal(updated.ariaLabel, 'Recent lookups, 1 customer looked up by email');
    const [lookup] = await threadsView.row('Recent lookups').expand();
    assert.match(lookup?.ariaLabel ?? '', /^Recent lookup sarah\.johnson@techcorp\.example, looked up .+; look up again$/);
  });
});
