// Tybrite as a store's support staff read it, in the real host: a signed external id account keeps
// reading the customer's threads well past a claim's lifetime (the sample server allows 2 s here),
// and an IdP token the verifier refuses shows a row asking for a new one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AdvanceableClock } from '../../src/clock';
import { TYBRITE_IDS } from '../../src/sample/ids';
import { DEFAULT_SAMPLE_KEYS } from '../../src/sample/keys';
import { sample } from './helpers/sample';
import { childByLabel, children, labelOf, removeAllAccounts, threadline, waitFor, waitForPaint } from './helpers/threadline';

const CLAIM_SECONDS = 2;

describe('Tybrite store staff', function () {
  this.timeout(120_000);

  // Claims are signed with the extension's time and checked against the sample server's: the two
  // start at real time here (other suites move the extension's own test clock) and move together.
  let clock: AdvanceableClock;
  async function passTime(ms: number): Promise<void> {
    clock.advance(ms);
    await sample.advanceClock(ms);
  }

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    await sample.tybriteMaxClaimLifetime(CLAIM_SECONDS);
    clock = new AdvanceableClock();
    (await threadline()).useClock(clock);
  });
  after(async () => {
    (await threadline()).useClock(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts();
    await sample.reset();
  });

  async function addStaffAccount(label: string, options: Record<string, string | number>, customerCredential: string): Promise<string> {
    const tybrite = await sample.account('tybrite');
    const id = await vscode.commands.executeCommand<string>('threadline.addAccount', {
      service: 'tybrite',
      label,
      baseUrl: tybrite.baseUrl,
      apiKey: tybrite.apiKey,
      options: { customerId: TYBRITE_IDS.sarahCustomerId, customerName: 'Sarah Johnson', ...options },
      customerCredential,
    });
    assert.ok(id);
    return id;
  }

  it(`a signed-external-id account reads threads for 10 s with ${CLAIM_SECONDS}-second claims and never gets a 401`, async () => {
    const accountId = await addStaffAccount(
      'Store staff',
      { credentialHeader: 'x-external-auth', externalId: TYBRITE_IDS.sarahExternalId, claimLifetimeSeconds: CLAIM_SECONDS },
      DEFAULT_SAMPLE_KEYS.tybriteHmacSecret,
    );
    await sample.clearRequests();
    const customer = await childByLabel(await childByLabel(undefined, 'Store staff'), 'Sarah Johnson');
    const started = clock.now();
    let reads = 0;
    // Reading again and again while time passes 5× the claim's lifetime is the point here.
    while (clock.now() - started < 10_000) {
      await vscode.commands.executeCommand('threadline.refreshNode', { nodeId: customer.id });
      const rows = (await children(customer)).filter((node) => node.id.includes('/t:'));
      assert.equal(rows.length, TYBRITE_IDS.sarahThreads, `read ${reads + 1}: ${rows.map(labelOf).slice(0, 3).join(' | ')}`);
      reads++;
      // The next read a second later, on both clocks (claims last two).
      await passTime(1_000);
    }
    // And a thread opened afterwards, in the panel.
    const first = (await children(customer)).find((node) => node.id.includes('/t:'));
    const threadId = first?.id.split('/t:')[1] ?? assert.fail('a thread row');
    await vscode.commands.executeCommand('threadline.openThread', { accountId, threadId });
    await waitForPaint(threadId);
    const elapsed = clock.now() - started;
    const requests = (await sample.requests()).filter((entry) => entry.service === 'tybrite');
    const statuses = [...new Set(requests.map((entry) => entry.status))].sort();
    // 101: the opened thread's live feed, authorised by a claim of its own.
    assert.deepEqual(statuses, [101, 200], 'every request answered (and the feed opened), none 401');
    const claims = requests.map((entry) => entry.headers['x-external-auth']);
    assert.ok(claims.every(Boolean), 'every request carried a signed claim');
    // Each claim was signed for the request it came with: issued within a second before it arrived.
    const lags = requests.map((entry) => {
      const claim = JSON.parse(Buffer.from(String(entry.headers['x-external-auth']).split('.')[0] ?? '', 'base64url').toString('utf8')) as { iat: number; exp: number };
      assert.equal(claim.exp - claim.iat, CLAIM_SECONDS);
      return entry.time - claim.iat * 1000;
    });
    assert.ok(lags.every((lag) => lag >= 0 && lag < 2_000), `claims signed just before sending (lags ${Math.max(...lags)} ms at most)`);
    assert.ok(new Set(claims).size >= reads, 'a new claim for every read');
    assert.ok(requests.every((entry) => entry.headers['x-auth-token'] === undefined && entry.headers['x-idp-token'] === undefined));
    // The account's tooltip shows what Tybrite's rate-limit headers say is left.
    const tooltip = (await childByLabel(undefined, 'Store staff')).tooltip();
    const tip = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
    // (The tooltip's Markdown escapes punctuation: "Requests left\: 9\,988 of 10\,000".)
    assert.match(tip.replace(/\\(.)/g, '$1'), /Requests left: [\d,.\s\u00a0]+ of 10[,.\s\u00a0]?000/);
    console.log(`[staff access] claim lifetime ${CLAIM_SECONDS} s: ${reads} reads of the thread list and one panel over ${elapsed} ms, ${requests.length} requests, ${new Set(claims).size} distinct claims, the oldest claim ${Math.max(...lags)} ms old when it arrived, no 401`);
  });

  it('an IdP token the verifier refuses shows a row that asks for a new one, and a new token reads again', async () => {
    const accountId = await addStaffAccount('IdP account', { credentialHeader: 'x-idp-token' }, 'an-expired-idp-token');
    const account = await childByLabel(undefined, 'IdP account');
    const customer = await childByLabel(account, 'Sarah Johnson');
    const row = await waitFor(async () => (await children(customer)).find((node) => /IdP token/.test(labelOf(node))), 'the IdP token row');
    assert.match(labelOf(row), /did not accept the IdP token: enter a new one — Enter IdP Token/);
    assert.equal(row.toTreeItem().command?.command, 'threadline.signInTybrite');
    await vscode.commands.executeCommand('threadline.signInTybrite', { accountId, credential: DEFAULT_SAMPLE_KEYS.tybriteIdpToken });
    const rows = await waitFor(async () => {
      const list = (await children(customer)).filter((node) => node.id.includes('/t:'));
      return list.length > 0 ? list : undefined;
    }, 'the threads after a new token');
    assert.equal(rows.length, TYBRITE_IDS.sarahThreads);
    assert.ok((await threadline()).logLines().every((line) => !line.includes(DEFAULT_SAMPLE_KEYS.tybriteIdpToken)), 'the token is never logged');
  });
});
