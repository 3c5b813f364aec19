// The welcome view a new user sees, and its two buttons: Add Account (the same steps as the
// title bar's +) and Try with Sample Data; then Remove Sample Data from the title bar's "…" menu;
// and the walkthrough's steps ticking from what the user really did.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVICES } from '../../src/providers/registry';
import { waitUntil } from '../support/wait';
import { bridge } from './helpers/bridge';
import { eachTestOnACleanWorkbench, gestureAndAnswerModal, notifications, quickInput, threadsView } from './helpers/gestures';
import { EXTENSION_ID, threadline } from './helpers/threadline';

const SAMPLE_ACCOUNTS = ['Sample AgentSend', 'Sample Cattix', 'Sample SiteGPT', 'Sample Thred', 'Sample Tybrite'];

describe('the welcome view', function () {
  this.timeout(120_000);

  eachTestOnACleanWorkbench();

  it('its Add Account button starts adding an account', async () => {
    await threadsView.welcomeButton('Add Account');
    assert.equal((await quickInput.waitOpen()).title, 'Add Threadline Account (1/4)');
    // One choice per service and API version (SiteGPT has two).
    assert.equal((await quickInput.items()).length, SERVICES.all.length);
    await quickInput.dismiss();
    assert.equal((await threadline()).accounts.list().length, 0, 'nothing added when the user backs out');
  });

  it('Try with Sample Data fills the tree from a local sample server; Remove Sample Data, from the “…” menu, takes it away after asking', async () => {
    assert.ok(!(await threadsView.moreActionItems()).includes('Remove Sample Data'), 'nothing to remove yet');
    await threadsView.welcomeButton('Try with Sample Data');
    const rows = await threadsView.waitForRows((shown) => shown.filter((row) => row.level === 1).length === 5, 'the five sample accounts');
    assert.deepEqual(rows.filter((row) => row.level === 1).map((row) => row.label), SAMPLE_ACCOUNTS);
    assert.deepEqual((await threadsView.row('Sample AgentSend').expand()).map((row) => row.label), ['Acme Support', 'Acme Sales', 'Bulk notifications', 'Empty inbox']);
    const asked = await gestureAndAnswerModal(() => threadsView.moreActions('Remove Sample Data'), /^Remove the 5 sample accounts\?$/, 'Remove Sample Data');
    // Threadline started this server itself (no demo server here): it stops, and the dialog says so.
    assert.match(asked.detail, /the sample server Threadline started stops/);
    assert.doesNotMatch(asked.detail, /keeps running/);
    await threadsView.waitForRows((shown) => shown.length === 0, 'the tree to empty');
    assert.match(await threadsView.welcomeText(), /Try with Sample Data/);
    assert.equal((await threadline()).accounts.list().length, 0);
    await notifications.clear();
  });
});

describe('the Get Started walkthrough', function () {
  this.timeout(90_000);
  const step = (id: string) => `${EXTENSION_ID}#threadline.start#${id}`;
  /** Whether the walkthrough page shows the step ticked. */
  const ticked = (id: string) => bridge.pageEvaluate<string | null>((stepId: string) => document.querySelector(`.getting-started-step[data-step-id="${stepId}"]`)?.getAttribute('aria-checked') ?? null, step(id) as never);

  eachTestOnACleanWorkbench();
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('ticks “Browse threads” when the Threads view is opened from the activity bar', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#threadline.start`, false);
    let steps: string[] = [];
    await waitUntil(async () => {
      steps = await bridge.pageEvaluate<string[]>(() => Array.from(document.querySelectorAll('.getting-started-step')).map((element) => `${element.getAttribute('data-step-id') ?? ''}=${element.getAttribute('aria-checked') ?? ''}`));
      return steps.some((entry) => entry.startsWith(step('browse')));
    }, () => `the walkthrough's steps; shown: ${steps.join(' | ')}`);
    // Marked not done (it was done as soon as any test showed the view), the step waits for the view.
    await vscode.commands.executeCommand('welcome.markStepIncomplete', step('browse'));
    await waitUntil(async () => (await ticked('browse')) === 'false', 'the step shown not done');
    await threadsView.show();
    await waitUntil(async () => (await ticked('browse')) === 'true', 'the step ticked');
  });
});
