// Accounts, driven the way a user drives them: Add Account… from the title bar with every answer
// typed, the fix rows (key missing, customer id missing, base URL changed) clicked, and the
// account's context menu (Set API Key…, Edit Account…, Test Connection, Sign In to Tybrite…,
// Remove Account). The scripted API (command arguments) has its own tests at the end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clickAndAnswerModal, gestureAndAnswerModal, eachTestOnACleanWorkbench, notifications, quickInput, threadsView } from './helpers/gestures';
import { capture, sample } from './helpers/sample';
import { addSampleAccount, cleanSlate, threadline } from './helpers/threadline';
import { waitUntil } from '../support/wait';

describe('accounts, by gesture', function () {
  this.timeout(120_000);

  eachTestOnACleanWorkbench();

  it('Add Account… from the title bar: service, name, URL and key typed in; the account appears, connected', async () => {
    const account = await sample.account('agentsend');
    // The welcome view is up without accounts; the title bar's + is there either way.
    await threadsView.titleAction('Add Account…');
    assert.equal((await quickInput.waitOpen()).title, 'Add Threadline Account (1/4)');
    // SiteGPT twice, told apart by the API version (v2 has its own tokens).
    assert.deepEqual(
      (await quickInput.items()).map((item) => `${item.label}${item.description ? ` (${item.description})` : ''}`),
      ['AgentSend', 'SiteGPT (API v0)', 'SiteGPT (API v2)', 'Tybrite', 'Thred', 'Cattix'],
    );
    await quickInput.pick('AgentSend');
    await quickInput.waitOpen();
    assert.equal(await quickInput.value(), 'AgentSend', 'the name defaults to the service');
    await quickInput.type('Typed AgentSend');
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === 'https://api.agentsend.io', 'the base URL step, with the service’s default');
    await quickInput.type('ftp://example.com');
    await waitUntil(() => quickInput.message().then((text) => /Only https URLs are supported/.test(text)), 'the URL check');
    await quickInput.type(account.baseUrl);
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === '', 'the key step');
    await quickInput.type(account.apiKey);
    await quickInput.accept();
    await notifications.waitFor(/^Typed AgentSend: connected — /);
    const row = await threadsView.row('Typed AgentSend').read();
    assert.equal(row.description, '', 'its name says the service already: the row does not repeat it');
    assert.deepEqual((await threadsView.row('Typed AgentSend').expand()).map((child) => child.label), ['Acme Support', 'Acme Sales', 'Bulk notifications', 'Empty inbox']);
  });

  it('a first account through the UI only: a mistyped key shows the 401 row; Set API Key… there with the right key loads it without Retry', async () => {
    const account = await sample.account('agentsend');
    await threadsView.titleAction('Add Account…');
    await quickInput.waitOpen();
    await quickInput.pick('AgentSend');
    await quickInput.waitOpen();
    await quickInput.type('Mistyped AgentSend');
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === 'https://api.agentsend.io', 'the base URL step');
    await quickInput.type(account.baseUrl);
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === '', 'the key step');
    await quickInput.type(`${account.apiKey.slice(0, -4)}0000`);
    await quickInput.accept();
    await notifications.waitFor(/^Mistyped AgentSend: AgentSend did not accept the key \(401\)/);
    const [error, fix] = await threadsView.row('Mistyped AgentSend').expand();
    assert.match(error?.label ?? '', /AgentSend did not accept the key \(401\)/);
    assert.equal(fix?.label, 'Set API Key…');
    await threadsView.row('Set API Key…').clickUntil(() => quickInput.isOpen(), 'the input the click opens');
    assert.match((await quickInput.waitOpen()).title, /^Set API Key — Mistyped AgentSend/);
    await quickInput.type(account.apiKey);
    await quickInput.accept();
    // The error row gives way to the inboxes by itself: nothing clicked Retry.
    const inboxes = await threadsView.row('Mistyped AgentSend').waitForChildren((rows) => rows.some((row) => row.label === 'Acme Support'), 'with its inboxes');
    assert.ok(inboxes.every((row) => !/401/.test(row.label)), inboxes.map((row) => row.label).join(' | '));
  });

  it('clicking “Key missing — Set API Key” asks for the key; the account then loads', async () => {
    const account = await sample.account('cattix');
    await vscode.commands.executeCommand('threadline.addAccount', { service: 'cattix', label: 'Keyless Cattix', baseUrl: account.baseUrl });
    const [fix] = await threadsView.row('Keyless Cattix').expand();
    assert.equal(fix?.label, 'Key missing — Set API Key');
    await threadsView.row('Key missing — Set API Key').clickUntil(() => quickInput.isOpen(), 'the input the click opens');
    assert.match((await quickInput.waitOpen()).title, /^Set API Key — Keyless Cattix/);
    await quickInput.type(account.apiKey);
    await quickInput.accept();
    const companies = await threadsView.row('Keyless Cattix').waitForChildren((rows) => rows.length === 3, 'with its three companies');
    assert.deepEqual(companies.map((row) => row.label), ['Bluebird Bakery', 'Summit Dental Group', 'Nimbus Software']);
  });

  it('Set API Key… from the context menu replaces a key the service refuses', async () => {
    const account = await sample.account('thred');
    await addSampleAccount('thred', 'Refused Thred', { apiKey: 'thred_not_a_real_key_0000' });
    await threadsView.row('Refused Thred').expand();
    const rows = await threadsView.row('Recent customers').expand();
    assert.match(rows[0]?.label ?? '', /Thred did not accept the key \(401\)/);
    assert.equal(rows[1]?.label, 'Set API Key…', 'the fix offered beside the error');
    await threadsView.row('Refused Thred').contextMenu('Set API Key…');
    await quickInput.waitOpen();
    await quickInput.type(account.apiKey);
    await quickInput.accept();
    await threadsView.row('Recent customers').waitForChildren((shown) => shown.length === 15, 'with the recent customers');
  });

  it('Edit Account… from the context menu renames the account', async () => {
    await addSampleAccount('sitegpt', 'Before Rename');
    await threadsView.row('Before Rename').contextMenu('Edit Account…');
    await quickInput.waitOpen();
    assert.deepEqual((await quickInput.items()).map((item) => item.label), ['Name', 'Base URL', 'SiteGPT API key']);
    await quickInput.pick('Name');
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Edit Before Rename: Name', 'the name field');
    await quickInput.type('After Rename');
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Edit After Rename', 'the form again, with the new name');
    await quickInput.dismiss();
    const row = await threadsView.row('After Rename').read();
    assert.equal(row.description, 'SiteGPT');
    await threadsView.waitForRows((rows) => !rows.some((entry) => entry.label === 'Before Rename'), 'the old name to go');
  });

  it('clicking “Customer id missing — Edit Account” asks for the customer, and the threads load', async () => {
    const tybrite = await sample.account('tybrite');
    const id = await addSampleAccount('tybrite', 'Customerless Tybrite');
    await vscode.commands.executeCommand('threadline.editAccount', { accountId: id, options: { customerId: '' } });
    await threadsView.row('Customerless Tybrite').waitForChildren((rows) => rows[0]?.label === 'Customer id missing — Edit Account', 'asking for the customer id');
    await threadsView.row('Customer id missing — Edit Account').clickUntil(() => quickInput.isOpen(), 'the input the click opens');
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Edit Customerless Tybrite', 'the account’s form');
    assert.equal((await quickInput.items()).find((field) => field.label === 'Customer id')?.description, 'not set');
    await quickInput.pick('Customer id');
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Edit Customerless Tybrite: Customer id', 'the customer id field');
    await quickInput.type('not-a-uuid');
    await waitUntil(() => quickInput.message().then((text) => /A Tybrite customer id is a UUID/.test(text)), 'the UUID check');
    await quickInput.type(String(tybrite.options['customerId']));
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.waitOpen()).title === 'Edit Customerless Tybrite', 'the form again');
    await quickInput.dismiss();
    const [customer] = await threadsView.row('Customerless Tybrite').waitForChildren((rows) => rows[0]?.level === 2 && rows[0].icon === 'person', 'with the customer');
    assert.ok(customer);
    assert.equal((await threadsView.row(customer.label).expand())[0]?.siblings, 25);
  });

  it('Test Connection from the context menu reports the connection in a notification', async () => {
    await addSampleAccount('thred', 'Tested Thred');
    await threadsView.row('Tested Thred').read();
    await threadsView.row('Tested Thred').contextMenu('Test Connection');
    assert.match(await notifications.waitFor(/^Tested Thred: connected — /), /connected — .+/);
  });

  it('Sign In to Tybrite… from the context menu: the customer’s email and password, then the threads load', async () => {
    await addSampleAccount('tybrite', 'Signed-out Tybrite', { session: undefined });
    await threadsView.row('Signed-out Tybrite').waitForChildren((rows) => rows[0]?.label === 'Signed out — Sign In to Tybrite', 'asking to sign in');
    await threadsView.row('Signed-out Tybrite').contextMenu('Sign In to Tybrite…');
    assert.match((await quickInput.waitOpen()).title, /^Sign in to Tybrite — Signed-out Tybrite/);
    await quickInput.type('sarah.johnson@techcorp.example');
    await quickInput.accept();
    await waitUntil(async () => (await quickInput.value()) === '', 'the password step');
    await quickInput.type('sample-Passw0rd!');
    await quickInput.accept();
    const [customer] = await threadsView.row('Signed-out Tybrite').waitForChildren((rows) => rows[0]?.icon === 'person', 'with the customer');
    assert.equal(customer?.label, 'Sarah Johnson');
  });

  it('Remove Account from the context menu asks first: dismissing keeps it, Remove deletes the row and its secrets', async () => {
    const api = await threadline();
    const id = await addSampleAccount('thred', 'Doomed Thred');
    assert.ok(await api.readSecret(id, 'apiKey'), 'saved');
    await gestureAndAnswerModal(() => threadsView.row('Doomed Thred').contextMenu('Remove Account'), /^Remove Doomed Thred\?$/, undefined);
    assert.ok(api.accounts.get(id), 'kept after the question was dismissed');
    await threadsView.row('Doomed Thred').read();
    await gestureAndAnswerModal(() => threadsView.row('Doomed Thred').contextMenu('Remove Account'), /^Remove Doomed Thred\?$/, 'Remove');
    await threadsView.waitForRows((rows) => !rows.some((row) => row.label === 'Doomed Thred'), 'the row to go');
    assert.equal(api.accounts.get(id), undefined);
    assert.equal(await api.readSecret(id, 'apiKey'), undefined);
    assert.equal(await api.readSecret(id, 'session'), undefined);
  });

  it('Base URL changed: clicking the row asks before the key goes there; Use Saved Key loads from the new origin', async () => {
    const account = await sample.account('agentsend');
    const id = await addSampleAccount('agentsend', 'Moved AgentSend');
    await capture.clearRequests();
    const moved = account.baseUrl.replace(sample.url, capture.url);
    await vscode.commands.executeCommand('threadline.editAccount', { accountId: id, baseUrl: moved });
    await threadsView.row('Moved AgentSend').waitForChildren((rows) => rows[0]?.label === 'Base URL changed — confirm the key for it', 'asking to confirm');
    assert.deepEqual(await capture.requests(), [], 'nothing was sent to the new origin yet');
    await clickAndAnswerModal(
      threadsView.row('Base URL changed — confirm the key for it'),
      new RegExp(`^Send the key saved for ${new URL(sample.url).origin.replace(/[.]/g, '\\.')} to ${new URL(capture.url).origin.replace(/[.]/g, '\\.')}\\?$`),
      'Use Saved Key',
    );
    await threadsView.row('Moved AgentSend').waitForChildren((rows) => rows.length === 4, 'loaded from the new origin');
    const received = await capture.requests();
    assert.ok(received.length > 0 && received.every((request) => request.headers['x-api-key'] === account.apiKey), 'sent only after the user confirmed');
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: id });
    await capture.clearRequests(); // sent with consent: the end-of-run audit looks for any other
  });
});

describe('accounts, by the scripted API', function () {
  this.timeout(60_000);
  before(cleanSlate);
  after(cleanSlate);

  it('adds an account per service from command arguments, with its base URL and key', async () => {
    const api = await threadline();
    for (const account of await sample.accounts()) {
      const id = await vscode.commands.executeCommand<string>('threadline.addAccount', account);
      assert.equal(api.accounts.get(id)?.baseUrl, account.baseUrl);
      assert.ok((await api.readSecret(id, 'apiKey'))?.includes(account.apiKey), 'the key is in secret storage');
    }
    assert.deepEqual(
      api.accounts
        .list()
        .map((account) => account.label)
        .sort(),
      ['Sample AgentSend', 'Sample Cattix', 'Sample SiteGPT', 'Sample Thred', 'Sample Tybrite'],
    );
  });

  it('refuses a connection test with a key not yet confirmed for a moved base URL', async () => {
    const account = await sample.account('agentsend');
    const id = await addSampleAccount('agentsend', 'Scripted Move');
    await capture.clearRequests();
    await vscode.commands.executeCommand('threadline.editAccount', { accountId: id, baseUrl: account.baseUrl.replace(new URL(sample.url).origin, new URL(capture.url).origin) });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('threadline.testConnection', { accountId: id })), /saved key is for/);
    assert.deepEqual(await capture.requests(), [], 'the capture server received nothing');
  });

  it('a scripted removal asks nothing', async () => {
    const api = await threadline();
    const id = await addSampleAccount('cattix', 'Scripted Removal');
    assert.equal(await vscode.commands.executeCommand('threadline.removeAccount', { accountId: id }), true);
    assert.equal(api.accounts.get(id), undefined);
  });
});
