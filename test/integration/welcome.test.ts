// The welcome view a new user sees, and its two buttons: Add Account (the same steps as the
// title bar's +) and Try with Sample Data; then Remove Sample Data from the title bar's "…" menu.
import * as assert from 'node:assert/strict';
import { SERVICES } from '../../src/providers/registry';
import { answerModal, eachTestOnACleanWorkbench, notifications, quickInput, threadsView } from './helpers/gestures';
import { threadline } from './helpers/threadline';

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
    await threadsView.moreActions('Remove Sample Data');
    const asked = await answerModal(/^Remove the 5 sample accounts\?$/, 'Remove Sample Data');
    // Threadline started this server itself (no demo server here): it stops, and the dialog says so.
    assert.match(asked.detail, /the sample server Threadline started stops/);
    assert.doesNotMatch(asked.detail, /keeps running/);
    await threadsView.waitForRows((shown) => shown.length === 0, 'the tree to empty');
    assert.match(await threadsView.welcomeText(), /Try with Sample Data/);
    assert.equal((await threadline()).accounts.list().length, 0);
    await notifications.clear();
  });
});
