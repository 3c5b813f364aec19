// Accounts and lookups as a first-time user meets them (issue #15), each through the gesture a user
// makes: Add Account… step by step with Back; a repeat of an existing account refused at the key
// step; Edit Account… as one form of fields; the fix offered for a wrong base URL; a refused
// Tybrite sign-in; "not found" said once; Open Thread by ID with a bad id or a broken link.
import * as assert from 'node:assert/strict';
import { editor, eachTestOnACleanWorkbench, notifications, quickInput, threadsView, webview } from './helpers/gestures';
import { sample } from './helpers/sample';
import { addSampleAccount, threadline } from './helpers/threadline';
import { waitUntil } from '../support/wait';

const SARAH = 'sarah.johnson@techcorp.example';

/** Waits until the quick input's title is `title` (a step opened). */
async function atStep(title: string): Promise<void> {
  let seen = '';
  await waitUntil(async () => (seen = (await quickInput.waitOpen()).title) === title, () => `the step “${title}” (seen: “${seen}”)`);
}

describe('accounts and lookups, as a new user meets them', function () {
  this.timeout(120_000);

  eachTestOnACleanWorkbench();

  it('Add Account… counts its steps and has Back; what was typed is there again going back', async () => {
    const account = await sample.account('agentsend');
    await threadsView.titleAction('Add Account…');
    await atStep('Add Threadline Account (1/4)');
    await quickInput.pick('AgentSend');
    await atStep('Add Threadline Account (2/4)');
    await quickInput.type('Stepped AgentSend');
    await quickInput.accept();
    await atStep('Add Threadline Account (3/4)');
    await quickInput.type(account.baseUrl);
    await quickInput.accept();
    await atStep('Add Threadline Account (4/4)');
    await quickInput.back();
    await atStep('Add Threadline Account (3/4)');
    assert.equal(await quickInput.value(), account.baseUrl, 'the base URL typed before');
    await quickInput.back();
    await atStep('Add Threadline Account (2/4)');
    assert.equal(await quickInput.value(), 'Stepped AgentSend', 'the name typed before');
    await quickInput.accept();
    await atStep('Add Threadline Account (3/4)');
    await quickInput.accept();
    await atStep('Add Threadline Account (4/4)');
    await quickInput.type(account.apiKey);
    await quickInput.accept();
    await notifications.waitFor(/^Stepped AgentSend: connected — /);
    assert.deepEqual((await threadline()).accounts.list().map((entry) => [entry.label, entry.baseUrl]), [['Stepped AgentSend', account.baseUrl]]);
  });

  it('Add Account… refuses a repeat of an account that exists (same service, address and key), naming it', async () => {
    const account = await sample.account('agentsend');
    await addSampleAccount('agentsend', 'Existing AgentSend');
    await threadsView.titleAction('Add Account…');
    await quickInput.pick('AgentSend');
    await atStep('Add Threadline Account (2/4)');
    await quickInput.type('Second AgentSend');
    await quickInput.accept();
    await atStep('Add Threadline Account (3/4)');
    await quickInput.type(account.baseUrl);
    await quickInput.accept();
    await atStep('Add Threadline Account (4/4)');
    await quickInput.type(account.apiKey);
    await quickInput.accept();
    const message = await waitUntil(async () => {
      const text = await quickInput.message();
      return /already reads/.test(text) ? text : undefined;
    }, 'the key step to say which account it repeats');
    assert.match(message, /^“Existing AgentSend” already reads .+ with this key/);
    await atStep('Add Threadline Account (4/4)');
    await quickInput.dismiss();
    assert.deepEqual((await threadline()).accounts.list().map((entry) => entry.label), ['Existing AgentSend'], 'not added twice');
  });

  it('Edit Account… is one form of fields with their values in words; a change is saved at once and Escape keeps it', async () => {
    const tybrite = await sample.account('tybrite');
    const id = await addSampleAccount('tybrite', 'Form Tybrite', { options: { ...tybrite.options, sampleData: true } });
    await threadsView.row('Form Tybrite').contextMenu('Edit Account…');
    await atStep('Edit Form Tybrite');
    const fields = await quickInput.items();
    assert.deepEqual(
      fields.map((field) => field.label),
      ['Name', 'Base URL', 'Tybrite API key', 'Customer id', 'Customer name', 'Customer credential'],
    );
    const described = Object.fromEntries(fields.map((field) => [field.label, field.description]));
    assert.equal(described['Name'], 'Form Tybrite');
    assert.equal(described['Tybrite API key'], 'saved', 'never the key itself');
    assert.equal(described['Customer name'], 'Sarah Johnson');
    assert.equal(described['Customer credential'], 'session (sign in)', 'a choice in words');
    assert.ok(!fields.some((field) => /[{}]|sampleData/.test(`${field.label} ${field.description}`)), 'no JSON, no internal flag');
    await quickInput.pick('Name');
    await atStep('Edit Form Tybrite: Name');
    assert.equal(await quickInput.value(), 'Form Tybrite');
    await quickInput.type('Renamed Tybrite');
    await quickInput.accept();
    await atStep('Edit Renamed Tybrite');
    assert.equal((await quickInput.items()).find((field) => field.label === 'Name')?.description, 'Renamed Tybrite', 'the form shows the saved value');
    await quickInput.pick('Customer name');
    await atStep('Edit Renamed Tybrite: Customer name');
    await quickInput.back();
    await atStep('Edit Renamed Tybrite');
    await quickInput.dismiss();
    const account = (await threadline()).accounts.get(id);
    assert.equal(account?.label, 'Renamed Tybrite', 'kept after Escape');
    assert.equal(account?.options['customerName'], 'Sarah Johnson', 'Back changed nothing');
    assert.equal(account?.options['sampleData'], true, 'the internal flag is untouched');
  });

  it('a wrong base URL (404): Test Connection offers Edit Account, not Set API Key; the tree offers it too; fixing the URL loads the account', async () => {
    const account = await sample.account('agentsend');
    await addSampleAccount('agentsend', 'Misaddressed AgentSend', { baseUrl: `${account.baseUrl}/nowhere` });
    const rows = await threadsView.row('Misaddressed AgentSend').expand();
    assert.match(rows[0]?.label ?? '', /^Couldn't load inboxes — AgentSend found nothing there \(404\)/);
    assert.equal(rows[1]?.label, 'Edit Account…', 'the fix beside the error');
    await threadsView.row('Misaddressed AgentSend').contextMenu('Test Connection');
    const said = await notifications.waitFor(/^Misaddressed AgentSend: /);
    assert.match(said, /AgentSend found nothing there \(404\)/);
    assert.deepEqual(await notifications.buttons(/^Misaddressed AgentSend: /), ['Edit Account'], 'the base URL is what to fix');
    await notifications.clickButton(/^Misaddressed AgentSend: /, 'Edit Account');
    await atStep('Edit Misaddressed AgentSend');
    await quickInput.pick('Base URL');
    await atStep('Edit Misaddressed AgentSend: Base URL');
    await quickInput.type(account.baseUrl);
    await quickInput.accept();
    await atStep('Edit Misaddressed AgentSend');
    await quickInput.dismiss();
    await threadsView.row('Misaddressed AgentSend').waitForChildren((shown) => shown.length === 4 && shown[0]?.label === 'Acme Support', 'the inboxes');
  });

  it('a wrong Tybrite password says the sign-in was refused; Try Again keeps the email; a sign-in that works says so', async () => {
    await addSampleAccount('tybrite', 'Refusing Tybrite', { session: undefined });
    await threadsView.row('Refusing Tybrite').waitForChildren((rows) => rows[0]?.label === 'Signed out — Sign In to Tybrite', 'asking to sign in');
    await threadsView.row('Refusing Tybrite').contextMenu('Sign In to Tybrite…');
    await quickInput.waitOpen();
    await quickInput.type(SARAH);
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === '', 'the password step');
    await quickInput.type('not-her-password');
    await quickInput.accept();
    const refused = await notifications.waitFor(/^Refusing Tybrite: /);
    assert.match(refused, /Tybrite refused the sign-in/);
    assert.doesNotMatch(refused, /key|401/, 'not about the key');
    await notifications.clickButton(/^Refusing Tybrite: /, 'Try Again');
    await waitUntil(async () => (await quickInput.value()) === SARAH, 'the email filled in again');
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === '', 'the password step');
    await quickInput.type('sample-Passw0rd!');
    await quickInput.accept();
    await notifications.waitFor(new RegExp(`^Refusing Tybrite: signed in to Tybrite as ${SARAH.replace(/\./g, '\\.')}\\.$`));
    await threadsView.row('Refusing Tybrite').waitForChildren((rows) => rows[0]?.icon === 'person', 'with the customer');
  });

  it('“not found” from two Thred accounts is said once', async () => {
    await addSampleAccount('thred', 'Thred One');
    await addSampleAccount('thred', 'Thred Two');
    await threadsView.titleAction('Look Up Customer by Email…');
    await quickInput.answer('nobody@nowhere.test');
    const said = await notifications.waitFor(/Customer not found with this email/);
    assert.equal(said, 'Customer not found with this email');
  });

  it('Open Thread by ID… with an id the service does not know ends in a clear error; a link with a broken escape is refused as typed', async () => {
    await addSampleAccount('agentsend', 'Only AgentSend');
    await threadsView.moreActions('Open Thread by ID…');
    await quickInput.waitOpen();
    assert.match(await quickInput.message(), /^An AgentSend thread id/);
    await quickInput.type('https://api.agentsend.io/v1/threads/%E0%A4%A');
    await waitUntil(() => quickInput.message().then((text) => /malformed escape/.test(text)), 'the broken link to be refused');
    await quickInput.type('thr_no_such_thread');
    await quickInput.accept();
    const failure = webview('.failure');
    await failure.waitFor('.failure');
    assert.match(await failure.text('.failure'), /AgentSend found nothing there \(404\)/);
    assert.notEqual(await editor.activeTab(), 'Loading thread…', 'the tab says what it is, not loading');
  });
});
