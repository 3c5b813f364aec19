// Adding accounts the way a user does, through the Add Account prompts: a SiteGPT key that is a
// v2 token offers API v2 (and takes its base URL along), and a Tybrite account for store staff
// chooses the signed-external-id credential and enters the store's HMAC secret.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TYBRITE_IDS } from '../../src/sample/ids';
import { DEFAULT_SAMPLE_KEYS } from '../../src/sample/keys';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { removeAllAccounts, threadline, waitFor } from './helpers/threadline';

/** Waits for the quick input to show `text`, then types `typed` (replacing what is there) and Enter. */
async function answer(text: string | RegExp, typed?: string): Promise<void> {
  await waitFor(
    async () => {
      const shown = await bridge.pageEvaluate<string>(() => {
        const widget = document.querySelector('.quick-input-widget');
        if (!widget?.checkVisibility()) return '';
        const input = widget.querySelector('input');
        return `${widget.textContent ?? ''} ${input?.getAttribute('placeholder') ?? ''} ${input?.getAttribute('aria-label') ?? ''}`;
      });
      return typeof text === 'string' ? shown.includes(text) : text.test(shown);
    },
    `the prompt ${String(text)}`,
  );
  if (typed !== undefined) await bridge.keyboard(['Control+A', 'Backspace'], typed);
  await bridge.keyboard(['Enter']);
}

describe('adding accounts through the prompts', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await removeAllAccounts();
    await sample.reset();
    // Add Account reveals the new account in the view: with the view open that happens at once,
    // not later when another test opens the view and the account is gone.
    await vscode.commands.executeCommand('workbench.view.extension.threadline');
  });
  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await removeAllAccounts();
  });

  it('a SiteGPT key that starts with sgpt_ offers API v2, and the account uses it', async () => {
    const v0 = await sample.account('sitegpt');
    const adding = vscode.commands.executeCommand<string | undefined>('threadline.addAccount');
    await answer('Which service is the account on?', 'API v0'); // the legacy API, picked by its description
    await answer('A name for this account in the sidebar', 'My SiteGPT');
    await answer('API base URL', v0.baseUrl);
    await answer('SiteGPT API key', DEFAULT_SAMPLE_KEYS.sitegptV2);
    await waitFor(() => bridge.pageEvaluate<boolean>(() => document.body.innerText.includes('That key looks like a SiteGPT API v2 token')), 'the offer of API v2');
    await bridge.pageClick('.notification-toast .monaco-button:has-text("Use API v2")');
    const id = await adding;
    const account = (await threadline()).accounts.get(id ?? '');
    assert.equal(account?.service, 'sitegpt-v2');
    assert.equal(account?.baseUrl, v0.baseUrl.replace(/\/api\/v0$/, '/api/v2'));
    assert.ok((await sample.requests()).some((entry) => entry.path === '/api/v2/chatbots' && entry.status === 200), 'the connection test spoke v2');
  });

  it('a Tybrite account for store staff: signed external id, with the store’s HMAC secret', async () => {
    const tybrite = await sample.account('tybrite');
    const adding = vscode.commands.executeCommand<string | undefined>('threadline.addAccount');
    await answer('Which service is the account on?', 'Tybrite');
    await answer('A name for this account in the sidebar', 'Support desk');
    await answer('API base URL', tybrite.baseUrl);
    await answer('Tybrite API key', tybrite.apiKey);
    await answer('The Tybrite customer whose threads', TYBRITE_IDS.sarahCustomerId);
    await answer('How the sidebar names this customer', 'Sarah Johnson');
    await answer('How Threadline proves it may read', 'signed external id');
    await answer("The customer's id in the store's own identity provider", TYBRITE_IDS.sarahExternalId);
    await answer('How long each signed claim is valid');
    await waitFor(() => bridge.pageEvaluate<boolean>(() => document.body.innerText.includes('Set HMAC Secret now?')), 'the offer to set the secret');
    await bridge.pageClick('.notification-toast .monaco-button:has-text("Set HMAC Secret")');
    await answer("The store's hmac_secret", DEFAULT_SAMPLE_KEYS.tybriteHmacSecret);
    const id = await adding;
    const api = await threadline();
    const account = api.accounts.get(id ?? '');
    assert.deepEqual(account?.options, { customerId: TYBRITE_IDS.sarahCustomerId, customerName: 'Sarah Johnson', credentialHeader: 'x-external-auth', externalId: TYBRITE_IDS.sarahExternalId });
    const stored = await api.readSecret(id ?? '', 'session');
    assert.ok(stored?.includes('hmacSecret'), 'the secret is kept in SecretStorage');
    const asked = await waitFor(async () => (await sample.requests()).find((entry) => entry.path === '/v1/messaging/threads' && entry.status === 200), 'the connection test');
    assert.ok(asked.headers['x-external-auth'], 'read with a signed claim');
    assert.ok(!JSON.stringify(asked).includes(DEFAULT_SAMPLE_KEYS.tybriteHmacSecret), 'the secret itself is never sent');
  });
});
