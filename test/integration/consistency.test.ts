// One record per thread under every view: a Thred customer goes from processing to completed
// while its tree row and its panel are both on screen, and at every step both show the same
// state — read from the workbench's DOM and the webview's DOM. Time for the store's polling is
// a test clock, so each step happens when the test says.
import * as assert from 'node:assert/strict';
import { ManualClock } from '../unit/support/manualClock';
import { bridge } from './helpers/bridge';
import { threadsView, titleOf } from './helpers/gestures';
import { addSampleAccounts, cleanSlate, threadline, waitFor, waitForPaint } from './helpers/threadline';

const CUSTOMER = { name: 'Pat Pending' };

/** The row's state as the tree shows it: its description starts with the progress ("10% · …"). */
async function treeState(): Promise<string | undefined> {
  const rows = await threadsView.rows();
  const row = rows.find((candidate) => titleOf(candidate) === CUSTOMER.name);
  if (!row) return undefined;
  const percent = /^(\d+)%/.exec(row.description)?.[1];
  return percent ? `processing ${percent}%` : 'completed';
}

/** The same, as the panel shows it: the progress bar's value, or the insights once complete. */
async function panelState(): Promise<string | undefined> {
  // Opened from its row while processing, the customer is known by email: find its page by name.
  const read = await bridge.frameEvaluate<string | null>('.thread-header', () => {
    const bar = document.querySelector('[role="progressbar"]');
    if (bar) return `processing ${bar.getAttribute('aria-valuenow')}%`;
    return document.querySelector('[data-card="insights"]') ? 'completed' : null;
  });
  return read.found ? (read.result ?? undefined) : undefined;
}

describe('one thread, one state, in every view', function () {
  this.timeout(120_000);
  const clock = new ManualClock(Date.now());

  before(async () => {
    await cleanSlate();
    await addSampleAccounts(['thred']);
    (await threadline()).useClock(clock);
  });
  after(async () => {
    (await threadline()).useClock(undefined);
    await cleanSlate();
  });

  it('a processing Thred customer shows the same progress in its tree row and its panel until it completes', async () => {
    await threadsView.show();
    await threadsView.row('Sample Thred').expand();
    await threadsView.row('Recent customers').expand();
    await waitFor(treeState, 'the customer in the tree');
    // Opened as a user opens it: a click on its row.
    const api = await threadline();
    const panel = await threadsView.row(CUSTOMER.name).clickUntil(() => api.panels.all()[0], 'the panel the click opened');
    await waitForPaint(panel.target.threadId);
    const steps: string[] = [];
    // The store waits 1 s, then 1.5× longer each time; each wait ends when the test says.
    for (const wait of [0, 1_000, 1_500, 2_250]) {
      await clock.advance(wait);
      const previous = steps.at(-1);
      let seen = '';
      const agreed = await waitFor(
        async () => {
          const [tree, panel] = [await treeState(), await panelState()];
          seen = `tree ${tree ?? 'none'}, panel ${panel ?? 'none'}`;
          return tree && tree === panel && tree !== previous ? tree : undefined;
        },
        `the tree and the panel to agree on a new state after ${steps.join(' → ') || 'opening'}`,
        30_000,
      ).catch((error: unknown) => {
        throw new Error(`${String(error)} (last seen: ${seen})`);
      });
      steps.push(agreed);
    }
    assert.deepEqual(steps, ['processing 10%', 'processing 35%', 'processing 70%', 'completed']);
  });
});
