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
import { addSampleAccounts, removeAllAccounts, threadline, waitFor, waitForPaint } from './helpers/threadline';

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

/** The thread's row as the tree draws it (its aria label carries the description, "N unread"). */
async function rowLabel(title: string): Promise<string | undefined> {
  const label = await bridge.pageEvaluate<string | null>(
    (name: string) => Array.from(document.querySelectorAll('.monaco-list-row')).map((row) => row.getAttribute('aria-label') ?? '').find((text) => text.startsWith(`${name},`)) ?? null,
    title,
  );
  return label ?? undefined;
}

describe('live Tybrite threads', function () {
  this.timeout(120_000);
  const clock = new ManualClock(Date.now());
  let accountId: string;

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    accountId = (await addSampleAccounts(['tybrite'])).get('tybrite') ?? assert.fail('a Tybrite account');
    (await threadline()).useClock(clock);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    (await threadline()).useClock(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts();
    await sample.reset();
  });

  it('a message posted to the thread appears in the open panel and the tree without a reload', async () => {
    const api = await threadline();
    await vscode.commands.executeCommand('workbench.view.extension.threadline');
    await bridge.pageClick('.monaco-list-row[aria-label^="Sarah Johnson"]');
    const title = await waitFor(() => api.store.summary(accountId, THREAD)?.title, 'the thread in the tree');
    const before = await waitFor(() => rowLabel(title), 'the thread row');
    await bridge.pageClick(`.monaco-list-row[aria-label^="${title},"]`);
    const panel = await waitFor(() => api.panels.get({ accountId, threadId: THREAD }), 'the panel the click opened');
    await waitForPaint(THREAD);
    await waitFor(async () => (await liveState()) === 'live', 'the header to say live');
    const unreadBefore = Number(/(\d+) unread/.exec(before)?.[1] ?? 0);

    const text = `Any news on my order? (${Date.now()})`;
    const posted = Date.now();
    await sample.tybritePost(THREAD, text, 'customer');
    await waitFor(() => pageHas(text), 'the posted message in the panel', 15_000);
    const shownAfter = Date.now() - posted;
    const row = await waitFor(async () => {
      const label = await rowLabel(title);
      return label && label.includes(`${unreadBefore + 1} unread`) ? label : undefined;
    }, 'the row’s unread count to go up');
    assert.ok(row);
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
