// Live Tybrite threads in the real host: a thread opened from its tree row subscribes to the
// sample server's feed; a message posted there appears in the open panel and in the row's unread
// count without a reload; a dropped socket shows "reconnecting" and comes back (the store's
// backoff runs on a test clock, so it comes back when the test says); closing the panel ends
// the subscription.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TYBRITE_IDS } from '../../src/sample/ids';
import { ManualClock } from '../unit/support/manualClock';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { addSampleAccounts, childByLabel, children, cleanSlate, threadline, waitFor, waitForPaint } from './helpers/threadline';

const THREAD = TYBRITE_IDS.tombstoneThread;

/** The live indicator in the panel's header. */
async function liveState(): Promise<string | undefined> {
  const read = await bridge.frameEvaluate<string | null>(`[data-thread-id="${THREAD}"]`, () => document.querySelector('[data-live]')?.getAttribute('data-live') ?? null);
  return read.found ? (read.result ?? undefined) : undefined;
}

async function pageHas(text: string): Promise<boolean> {
  const read = await bridge.frameEvaluate<boolean>(`[data-thread-id="${THREAD}"]`, (wanted: string) => document.body.innerText.includes(wanted), text);
  return read.found && read.result === true;
}

/** The focused tree row's aria label ("Unread thread, N unread messages, <title>, …" or "Thread, <title>, …"). */
async function focusedRow(): Promise<string | undefined> {
  return (await bridge.pageEvaluate<string | null>(() => document.querySelector('.monaco-list-row.focused')?.getAttribute('aria-label') ?? null)) ?? undefined;
}

describe('live Tybrite threads', function () {
  this.timeout(120_000);
  const clock = new ManualClock(Date.now());
  let accountId: string;

  before(async () => {
    await cleanSlate();
    accountId = (await addSampleAccounts(['tybrite'])).get('tybrite') ?? assert.fail('a Tybrite account');
    (await threadline()).useClock(clock);
  });
  after(async () => {
    (await threadline()).useClock(undefined);
    await cleanSlate();
  });

  it('a message posted to the thread appears in the open panel and the tree without a reload', async () => {
    const api = await threadline();
    await vscode.commands.executeCommand('workbench.view.extension.threadline');
    const customer = await childByLabel(await childByLabel(undefined, 'Sample Tybrite'), 'Sarah Johnson');
    const node = (await children(customer)).find((row) => row.id.endsWith(`/t:${THREAD}`)) ?? assert.fail('the thread row');
    // Several threads share a subject, so the row is not found by its text: it is revealed and
    // focused, and opened with Enter as a keyboard user opens it.
    await api.view.reveal(node, { select: true, focus: true, expand: false });
    const title = api.store.summary(accountId, THREAD)?.title ?? assert.fail('a title');
    const before = await waitFor(() => focusedRow(), 'the focused thread row');
    assert.ok(before.includes(`, ${title}, `), before);
    await bridge.keyboard(['Enter']);
    const panel = await waitFor(() => api.panels.get({ accountId, threadId: THREAD }), 'the panel Enter opened');
    await waitForPaint(THREAD);
    await waitFor(async () => (await liveState()) === 'live', 'the header to say live');
    // Shown in the panel, the thread is read: its row says so before anything new arrives.
    await waitFor(async () => (await focusedRow())?.startsWith('Thread, '), 'the row to read as read');
    const unreadBefore = 0;

    const text = `Any news on my order? (${Date.now()})`;
    const posted = Date.now();
    await sample.tybritePost(THREAD, text, 'customer');
    await waitFor(() => pageHas(text), 'the posted message in the panel', 15_000);
    const shownAfter = Date.now() - posted;
    // The focused row is this thread's: its label shows the new unread count.
    const row = await waitFor(async () => {
      const label = await focusedRow();
      return label && label.includes(`${unreadBefore + 1} unread`) ? label : undefined;
    }, 'the row’s unread count to go up');
    assert.ok(row.startsWith('Unread thread, ') && row.includes(`, ${title}, `), row);
    assert.equal(panel.view?.messages.filter((item) => item.type === 'message' && item.body.kind === 'text' && item.body.text === text).length, 1, 'shown once');
    console.log(`[live] the posted message appeared in the open panel after ${shownAfter} ms; the row went from ${unreadBefore} to ${unreadBefore + 1} unread`);
    await bridge.screenshot('panel-tybrite-live');
  });

  it('a dropped socket shows reconnecting, then live again after the backoff, with what it missed', async () => {
    await sample.tybriteDropLive();
    await waitFor(async () => (await liveState()) === 'reconnecting', 'the header to say reconnecting');
    const missed = `Sent while the feed was down (${Date.now()})`;
    await sample.tybritePost(THREAD, missed, 'store');
    await clock.advance(1_000); // the live policy's first wait
    await waitFor(async () => (await liveState()) === 'live', 'live again');
    await waitFor(() => pageHas(missed), 'the missed message');
  });

  it('closing the panel ends the subscription', async () => {
    assert.equal(await sample.tybriteLiveSockets(), 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(async () => (await sample.tybriteLiveSockets()) === 0, 'no live socket');
  });
});
