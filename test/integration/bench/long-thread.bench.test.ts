// Benchmark of a 100,000-message thread in the real host (npm run bench): the sample server serves
// its long AgentSend thread at that length for the run; the thread is opened in a new panel (at its
// oldest message), the panel's "Jump to latest" is clicked, then one phrase is typed into the
// panel's search — each timed to the page showing the result — and the page's JS heap is read
// after GC beside the webview floor's. A fresh account each run: nothing of the thread held.
// Writes bench-long-thread.json into the artifacts folder; run-bench.mjs adds it to the host's results.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEARCH_PHRASE } from '../../../src/sample';
import { BENCH_RUNS, heapOf, openFloorAndPaint, spread, workbenchHeap } from '../helpers/bench';
import { bridge } from '../helpers/bridge';
import { sample } from '../helpers/sample';
import { addSampleAccount, removeAllAccounts, threadline, waitFor, waitForPaint } from '../helpers/threadline';

const THREAD = 'thr_longhistory0001';
const MESSAGES = 100_000;
const PAGE = `[data-thread-id="${THREAD}"]`;
/** Each run loads and searches all 100,000 messages: a few runs (after a warm-up) show the spread. */
const RUNS = Math.min(BENCH_RUNS, 3);
const LAST_ID = `msg_lh${String(MESSAGES).padStart(6, '0')}`;
/** The one message holding the phrase (message 9,000). */
const MATCH_ID = 'msg_lh009000';

type Marks = { clickedAt?: number; typedAt?: number; lastShown?: Promise<number>; matchShown?: Promise<number> };

/** In the page: notes gestures (click, typing) and when the last message, then the match, show. */
async function watchPanel(): Promise<void> {
  const watching = await bridge.frameEvaluate(PAGE, (ids: { last: string; match: string }) => {
    const marks = window as unknown as Marks;
    document.addEventListener('click', () => (marks.clickedAt ??= Date.now()), true);
    document.addEventListener('input', () => (marks.typedAt = Date.now()), true);
    const when = (ready: () => boolean) =>
      new Promise<number>((resolve) => {
        const check = () => {
          if (!ready()) return;
          observer.disconnect();
          // Right after the frame that draws it: a task posted from that frame's callback.
          requestAnimationFrame(() => { const afterPaint = new MessageChannel(); afterPaint.port1.onmessage = () => resolve(Date.now()); afterPaint.port2.postMessage(undefined); });
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    const visible = (id: string) => {
      const box = document.querySelector(`.message[data-id="${id}"]`)?.getBoundingClientRect();
      return box !== undefined && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
    };
    marks.lastShown = when(() => visible(ids.last) && Boolean(document.querySelector(`.message[data-id="${ids.last}"] .body, .message[data-id="${ids.last}"]`)?.textContent?.trim()));
    marks.matchShown = when(() => {
      const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('threadline-search-current');
      const range = highlight ? [...highlight][0] : undefined;
      const at = (range?.startContainer.parentElement?.closest('.message') as HTMLElement | null)?.getAttribute('data-id');
      return at === ids.match && /1 of 1/.test(document.querySelector('.search-count')?.textContent ?? '') && visible(ids.match);
    });
    return true;
  }, { last: LAST_ID, match: MATCH_ID });
  assert.ok(watching.found, 'the panel shows the long thread');
}

async function markOf(name: 'lastShown' | 'matchShown', what: string): Promise<{ at: number; from: number }> {
  return waitFor(
    async () => {
      const read = await bridge.frameEvaluate<{ at: number; from: number }>(PAGE, async (mark: string) => {
        const marks = window as unknown as Marks;
        const at = await (mark === 'lastShown' ? marks.lastShown : marks.matchShown);
        return { at: at ?? 0, from: (mark === 'lastShown' ? marks.clickedAt : marks.typedAt) ?? 0 };
      }, name);
      return read.result && read.result.at ? read.result : undefined;
    },
    what,
    180_000,
  );
}

describe('a 100,000-message thread (benchmark)', function () {
  this.timeout(1_200_000);

  it('opens it, jumps to its end and searches one phrase; reads the page heap', async () => {
    const api = await threadline();
    await removeAllAccounts();
    await sample.reset();
    await sample.agentsendLongThread(MESSAGES);
    const settings = vscode.workspace.getConfiguration('threadline');
    await settings.update('openAt', 'oldest', vscode.ConfigurationTarget.Global);
    const open: number[] = [];
    const floor: number[] = [];
    const jump: number[] = [];
    const search: number[] = [];
    let heap: { jsHeapBytes: number | null; floorJsHeapBytes: number | null; workbenchJsHeapBytes: number | null; messagesHeld: number } | undefined;
    try {
      // Run 0 is a warm-up: the session's first webview starts without waiting for VS Code's
      // webview service worker, every later one (the floor's too) waits for it in code-server.
      for (let run = 0; run <= RUNS; run++) {
        const warmUp = run === 0;
        // The webview floor, interleaved: the command to a trivial webview's first paint.
        const floorMs = await openFloorAndPaint(3_000 + run);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        const accountId = await addSampleAccount('agentsend', `Long ${run}`);
        const started = Date.now();
        await vscode.commands.executeCommand('threadline.openThread', { accountId, threadId: THREAD });
        await waitForPaint(THREAD, 120_000);
        // The page marks its first window painted (threadline.painted): on the wall clock, from its time origin.
        const painted = await bridge.frameEvaluate<number>(PAGE, () => performance.timeOrigin + (performance.getEntriesByName('threadline.painted')[0]?.startTime ?? 0));
        if (!warmUp) {
          open.push((painted.result ?? 0) - started);
          floor.push(floorMs);
        }
        await watchPanel();
        await bridge.frameClick(PAGE, '[data-action="jump-latest"]');
        const last = await markOf('lastShown', `message ${MESSAGES.toLocaleString('en-US')} on screen`);
        if (!warmUp) jump.push(last.at - last.from);
        await bridge.frameClick(PAGE, 'input.search');
        await bridge.keyboard([], SEARCH_PHRASE);
        const match = await markOf('matchShown', 'the one match of the phrase, current and on screen');
        if (!warmUp) search.push(match.at - match.from);
        if (run === RUNS) {
          const jsHeapBytes = await heapOf(PAGE);
          const messagesHeld = api.store.thread(accountId, THREAD)?.messages.length ?? 0;
          // The page's own share: the workbench's reading right after the panel closed (its frame shares that heap).
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
          await waitFor(async () => !(await bridge.frameEvaluate(PAGE, () => true)).found, 'the thread page gone');
          const workbenchJsHeapBytes = await workbenchHeap();
          await openFloorAndPaint(-2_000, true);
          heap = { jsHeapBytes, floorJsHeapBytes: await heapOf('#bench-floor--2000'), workbenchJsHeapBytes, messagesHeld };
        }
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await removeAllAccounts();
      }
    } finally {
      await settings.update('openAt', undefined, vscode.ConfigurationTarget.Global);
      await sample.reset();
    }
    assert.ok(heap);
    const result = { messages: MESSAGES, open: spread(open), webviewFloor: spread(floor), jumpToEnd: spread(jump), search: spread(search), phrase: SEARCH_PHRASE, ...heap };
    console.log(`[threadline-test] ${MESSAGES}-message thread: ${JSON.stringify(result)}`);
    fs.writeFileSync(path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', 'bench-long-thread.json'), JSON.stringify(result, null, 2));
  });
});
