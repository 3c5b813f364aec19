// The sidebar tree as a user sees and drives it: rows read from the workbench DOM; opening,
// paging, refreshing, retrying, filtering, copying and opening threads through the gestures a
// user makes (row clicks, inline icons, context menus, the title bar, the keyboard).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { keyboard, notifications, quickInput, statusBar, threadsView, titleOf, type RowState } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccounts, cleanSlate, threadline } from './helpers/threadline';
import { waitUntil } from '../support/wait';

const ACCOUNTS = ['Sample AgentSend', 'Sample Cattix', 'Sample SiteGPT', 'Sample Thred', 'Sample Tybrite'];

/** Opens these accounts only (each test starts with every row closed), so what a test opens stays on screen. */
async function collapseAccountsBut(...keep: string[]): Promise<void> {
  await threadsView.collapseAll();
  for (const account of keep) await threadsView.row(account).expand();
}

describe('the thread tree', function () {
  this.timeout(180_000);

  before(async () => {
    await cleanSlate();
    await addSampleAccounts();
    await threadsView.show();
  });
  after(cleanSlate);
  afterEach(async () => {
    await sample.clearFaults();
    if (await quickInput.isOpen()) await quickInput.dismiss();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists every account, and each service’s containers below it', async () => {
    const rows = await threadsView.waitForRows((shown) => shown.filter((row) => row.level === 1).length === 5, 'five accounts');
    assert.deepEqual(
      rows.filter((row) => row.level === 1).map((row) => `${row.label} (${row.description})`),
      // The accounts' names say the service already: their rows do not repeat it.
      ['Sample AgentSend ()', 'Sample Cattix ()', 'Sample SiteGPT ()', 'Sample Thred ()', 'Sample Tybrite ()'],
    );
    const containers = async (account: string) => (await threadsView.row(account).expand()).map((row) => row.label);
    assert.deepEqual(await containers('Sample AgentSend'), ['Acme Support', 'Acme Sales', 'Bulk notifications', 'Empty inbox']);
    assert.deepEqual(await containers('Sample SiteGPT'), ['Docs Assistant', 'Pricing Bot', 'Empty Bot']);
    assert.deepEqual(await containers('Sample Cattix'), ['Bluebird Bakery', 'Summit Dental Group', 'Nimbus Software']);
    assert.deepEqual(await containers('Sample Thred'), ['Recent customers', 'Recent lookups']);
    assert.deepEqual(await containers('Sample Tybrite'), ['Sarah Johnson']);
  });

  it('opening a container lists all its threads (as many as the service has)', async () => {
    const count = async (account: string, container: string) => {
      await collapseAccountsBut(account);
      const threads = await threadsView.row(container).expand();
      await threadsView.row(container).collapse();
      return threads[0]?.siblings;
    };
    assert.equal(await count('Sample SiteGPT', 'Pricing Bot'), 8);
    assert.equal(await count('Sample SiteGPT', 'Docs Assistant'), 30);
    assert.equal(await count('Sample Tybrite', 'Sarah Johnson'), 25);
    assert.equal(await count('Sample Thred', 'Recent customers'), 15);
    assert.equal(await count('Sample Cattix', 'Bluebird Bakery'), 8);
  });

  it('shows, on the activity bar, how many loaded threads have unread messages', async () => {
    await collapseAccountsBut('Sample Tybrite');
    const threads = await threadsView.row('Sarah Johnson').expand();
    // Archived threads are not counted: they wait for nobody.
    const unread = threads.filter((row) => /\d+ unread/.test(row.description) && !/\barchived\b/.test(row.description)).length;
    assert.ok(unread > 0, 'the sample customer has unread threads');
    const badge = await waitUntil(
      () =>
        bridge.pageEvaluate<string>(() => {
          const item = Array.from(document.querySelectorAll('.part.activitybar .action-item')).find((element) => element.querySelector('.action-label[aria-label^="Threadline"]'));
          return item?.querySelector('.badge-content')?.textContent ?? '';
        }),
      'the activity bar badge',
    );
    assert.equal(Number(badge), unread);
  });

  it('clicking “Load more…” appends the next page to its container only', async () => {
    await collapseAccountsBut('Sample AgentSend');
    const first = await threadsView.row('Bulk notifications').expand();
    assert.equal(first[0]?.siblings, 101, '100 threads and the pager');
    const pager = await threadsView.pageDownTo('Bulk notifications', 'Load more…');
    assert.equal((await pager.read()).position, 101);
    // A click that lands while VS Code redraws the pager (the rows above it learning who wrote)
    // selects it but runs nothing: it is given again, only while the row still says "Load more…".
    await pager.clickUntil(async () => (await threadsView.rows()).some((row) => row.level === 3 && row.siblings === 201), '200 threads and the pager');
    await threadsView.pressInTree('Home');
    const containers = await threadsView.row('Sample AgentSend').children();
    assert.deepEqual(
      containers.slice(0, 3).map((row) => `${row.label} ${row.expanded}`),
      ['Acme Support false', 'Acme Sales false', 'Bulk notifications true'],
      'the other containers stayed as they were',
    );
  });

  it('clicking a thread row opens it in the panel; Enter on a focused row does too', async () => {
    await collapseAccountsBut('Sample AgentSend');
    await threadsView.row('Acme Sales').expand();
    // Once the rows name who wrote (they are drawn again then, and a click on a row being replaced is lost).
    const [first, second] = await threadsView.row('Acme Sales').waitForChildren((rows) => rows[0]?.sender !== undefined && rows[1]?.sender !== undefined, 'naming who wrote');
    assert.ok(first && second);
    const api = await threadline();
    await threadsView.row(first.label).clickUntil(() => api.panels.all().some((panel) => panel.threadTitle === titleOf(first)), 'a panel of the clicked row');
    await threadPageTitled(titleOf(first), 'after a click on its row');
    // Keyboard: back to the tree (its focused row is the one clicked), one row down, Enter.
    await threadsView.pressInTree('ArrowDown', 'Enter');
    await threadPageTitled(titleOf(second), 'after Enter on its row');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Refresh in the title bar reloads every account: an outage shows, and clears on the next Refresh', async () => {
    await collapseAccountsBut('Sample SiteGPT');
    await sample.setFaults([{ service: 'sitegpt', pathIncludes: '/chatbots', fault: '500' }]);
    await threadsView.titleAction('Refresh');
    const [error] = await threadsView.row('Sample SiteGPT').waitForChildren((rows) => /^Couldn't load/.test(rows[0]?.label ?? ''), 'showing the outage');
    assert.match(error?.label ?? '', /^Couldn't load .* — SiteGPT answered 500/);
    await sample.clearFaults();
    await threadsView.titleAction('Refresh');
    await threadsView.row('Pricing Bot').read();
  });

  it('a container’s inline Refresh icon reloads it; clicking the error row it shows retries', async () => {
    await collapseAccountsBut('Sample SiteGPT');
    await threadsView.row('Pricing Bot').expand();
    await sample.setFaults([{ service: 'sitegpt', pathIncludes: '/threads', fault: '500' }]);
    await threadsView.row('Pricing Bot').inlineAction('Refresh');
    const error = threadsView.row(/^Couldn't load threads — SiteGPT answered 500/);
    const shown = await error.read();
    assert.equal(shown.description, 'Retry');
    assert.equal(shown.icon, 'error');
    await sample.clearFaults();
    await error.click();
    await threadsView.row('Pricing Bot').waitForChildren((rows) => rows.length === 8, 'with its eight threads again');
  });

  it('an error row’s inline Retry icon retries', async () => {
    await collapseAccountsBut('Sample Cattix');
    await threadsView.row('Bluebird Bakery').expand();
    await sample.setFaults([{ service: 'cattix', fault: '500' }]);
    await threadsView.row('Bluebird Bakery').inlineAction('Refresh');
    const error = threadsView.row(/^Couldn't load threads — Cattix answered 500/);
    assert.deepEqual(await error.inlineActions(), ['Retry']);
    await sample.clearFaults();
    await error.inlineAction('Retry');
    await threadsView.row('Bluebird Bakery').waitForChildren((rows) => rows[0]?.siblings === 8, 'with its eight threads again');
  });

  describe('Filter Threads…', () => {
    const customer = threadsView.row('Sarah Johnson');
    before(() => collapseAccountsBut('Sample Tybrite'));
    afterEach(async () => {
      if ((await customer.read()).description.startsWith('filter:')) await customer.inlineAction('Clear Filter');
      await customer.waitUntil((state) => !state.description.startsWith('filter:'), 'without a filter');
    });
    after(() => customer.collapse());

    it('from the inline icon: a server-side filter (Tybrite status), shown on the row', async () => {
      assert.equal((await customer.expand())[0]?.siblings, 25);
      await sample.clearRequests();
      await customer.inlineAction('Filter Threads…');
      assert.equal((await quickInput.waitOpen()).placeholder, 'Filter threads by…');
      await quickInput.pick('Status');
      await quickInput.pick('escalated');
      const row = await customer.waitUntil((state) => state.description === 'filter: status: escalated', 'showing its filter');
      assert.equal(row.icon, 'filter');
      const filtered = await customer.children();
      assert.ok(filtered.length > 0 && (filtered[0]?.siblings ?? 0) < 25, `${filtered[0]?.siblings} escalated threads`);
      assert.ok((await sample.requests()).some((request) => request.query['status'] === 'escalated'), 'asked of the service');
    });

    it('from the context menu: “Title contains…”, typed into the input box', async () => {
      await customer.expand();
      await customer.contextMenu('Filter Threads…');
      await quickInput.pick('Title contains…');
      await quickInput.answer('refund');
      await customer.waitUntil((state) => state.description === 'filter: “refund”', 'showing its filter');
      const titles = (await customer.children()).map((row) => row.label);
      assert.ok(titles.length > 0 && titles.every((title) => /refund/i.test(title)), titles.join(' | '));
    });

    it('from the keyboard: Shift+F10 on the row, arrows to the item, Enter, then typing into the quick pick', async () => {
      await customer.expand();
      await customer.contextMenuByKeyboard('Filter Threads…');
      await quickInput.waitOpen();
      await quickInput.type('Unread');
      await quickInput.accept();
      await quickInput.pick('yes');
      await customer.waitUntil((state) => state.description === 'filter: unread', 'showing the unread filter');
      const shown = await customer.children();
      assert.ok(shown.every((thread) => /\d+ unread/.test(thread.description)), shown.map((thread) => thread.description).join(' | '));
    });

    it('Clear Filter, from the inline icon and from the context menu', async () => {
      await customer.expand();
      await customer.contextMenu('Filter Threads…');
      await quickInput.pick('Status');
      await quickInput.pick('escalated');
      await customer.waitUntil((state) => state.description.startsWith('filter:'), 'filtered');
      await customer.inlineAction('Clear Filter');
      const cleared = await customer.waitUntil((state) => !state.description.startsWith('filter:'), 'without a filter');
      assert.notEqual(cleared.icon, 'filter');
      assert.equal((await customer.children())[0]?.siblings, 25);
      assert.ok(!(await customer.contextMenuItems()).includes('Clear Filter'), 'offered only while filtered');
      await customer.contextMenu('Filter Threads…');
      await quickInput.pick('Status');
      await quickInput.pick('escalated');
      await customer.waitUntil((state) => state.description.startsWith('filter:'), 'filtered');
      await customer.contextMenu('Clear Filter');
      await customer.waitUntil((state) => !state.description.startsWith('filter:'), 'without a filter again');
    });
  });

  it('Copy ID from the context menu copies the thread’s id and says so in the status bar', async () => {
    await collapseAccountsBut('Sample Cattix');
    const [thread] = await threadsView.row('Bluebird Bakery').expand();
    assert.ok(thread);
    await threadsView.row(thread.label).contextMenu('Copy ID');
    const shown = await statusBar.waitFor(/^Copied /);
    const id = shown.replace(/^Copied /, '');
    assert.match(id, /^thread_/);
    assert.equal(await vscode.env.clipboard.readText(), id);
  });

  it('Open in Browser, from a thread’s inline icon and its context menu, opens only its web link', async () => {
    await collapseAccountsBut('Sample Thred');
    const api = await threadline();
    const customers = await threadsView.row('Recent customers').expand();
    // A customer Thred has finished with has a link (one still being processed has none).
    let customer: RowState | undefined;
    for (const row of customers) {
      if ((await threadsView.row(row.label).inlineActions()).includes('Open in Browser')) {
        customer = row;
        break;
      }
    }
    assert.ok(customer, 'a recent customer with a web link');
    const before = api.externalOpens().length;
    await threadsView.row(customer.label).inlineAction('Open in Browser');
    await waitUntil(() => api.externalOpens().length === before + 1, 'the link to be opened');
    await threadsView.row(customer.label).contextMenu('Open in Browser');
    await waitUntil(() => api.externalOpens().length === before + 2, 'the link to be opened again');
    const opened = api.externalOpens().slice(before);
    assert.equal(opened[0], opened[1]);
    assert.match(opened[0] ?? '', /^https:\/\//);
    await notifications.clear();
  });

  it('keeps 2,000 threads loaded through pagers in one container', async () => {
    await collapseAccountsBut('Sample AgentSend');
    const account = (await threadline()).accounts.list().find((entry) => entry.service === 'agentsend');
    assert.ok(account);
    const bulk = threadsView.row('Bulk notifications');
    await bulk.expand();
    // Set-up through the scripted API: the gesture itself is proved above.
    for (let page = 0; page < 19; page++) await vscode.commands.executeCommand('threadline.loadMore', { accountId: account.id, containerId: 'inb_bulk' });
    const rows = await bulk.waitForChildren((shown) => shown[0]?.siblings === 2_001, 'with 2,000 threads and the pager');
    assert.equal(rows[0]?.position, 1);
    await keyboard.press('Escape');
  });

  it('saves a picture of the tree, showing what its DOM says it shows', async () => {
    await collapseAccountsBut('Sample Cattix', 'Sample SiteGPT');
    const company = await threadsView.row('Summit Dental Group').expand();
    const rows = await threadsView.rows();
    const file = await threadsView.screenshot('tree');
    console.log(`[threadline-test] tree picture: ${file}`);
    assert.deepEqual(
      rows.filter((row) => row.level === 1).map((row) => row.label),
      ACCOUNTS,
    );
    const shownThreads = rows.filter((row) => row.level === 3).map((row) => row.label);
    assert.deepEqual(shownThreads, company.map((row) => row.label));
    assert.ok(shownThreads.length === 8, `the company’s threads are on screen: ${shownThreads.join(' | ')}`);
    assert.ok(fs.statSync(file).size > 10_000, 'the picture was written');
  });
});

/** Waits for a thread page whose title is the row's label. */
async function threadPageTitled(title: string, how: string): Promise<void> {
  await waitUntil(async () => {
    const titles = await bridge.allFrames<string>(() => document.querySelector('.thread-header h1')?.textContent ?? '');
    return titles.some((frame) => frame.result === title);
  }, `the panel of “${title}” ${how}`);
}
