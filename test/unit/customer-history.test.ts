// Show Customer's gathering: one person's threads across every account — asked of services that
// look customers up by email, found among the recent threads of the others — and why each
// account could not be asked.
import * as assert from 'node:assert/strict';
import { SERVICES } from '../../src/providers/registry';
import { AGENTSEND_IDS, SARAH, SITEGPT_IDS, THRED_IDS } from '../../src/sample';
import { customerHistory } from '../../src/store/customerHistory';
import { memoryStore } from './support/memoryStore';
import { useSampleServer } from './support/sampleProviders';

describe('a customer’s history across accounts', function () {
  this.timeout(60_000);
  const sample = useSampleServer();

  it('finds Sarah Johnson in AgentSend, SiteGPT, Tybrite and Thred, and says which accounts were not asked and why', async () => {
    const made = (['agentsend', 'sitegpt', 'tybrite', 'thred', 'cattix'] as const).map((service) => sample.make(service));
    const store = memoryStore(made.map((entry) => ({ account: entry.account, provider: entry.source })));
    try {
      const history = await customerHistory(store, SERVICES, made.map((entry) => entry.account), SARAH.email.toUpperCase(), new AbortController().signal);
      const services = new Map(made.map((entry) => [entry.account.id, entry.account.service]));
      const byService = new Map<string, string[]>();
      for (const entry of history.entries) byService.set(services.get(entry.accountId) ?? '', [...(byService.get(services.get(entry.accountId) ?? '') ?? []), entry.threadId]);
      console.log(`      found: ${JSON.stringify(Object.fromEntries(byService))}`);
      assert.ok(byService.get('agentsend')?.includes(AGENTSEND_IDS.sarahThread), 'her AgentSend thread');
      assert.ok(byService.get('sitegpt')?.includes(SITEGPT_IDS.sarahThread), 'her SiteGPT chat');
      assert.ok((byService.get('tybrite')?.length ?? 0) > 0, 'her Tybrite threads');
      assert.ok(byService.get('thred')?.includes(THRED_IDS.sarah), 'her Thred customer');
      // Newest first, one timeline.
      const times = history.entries.map((entry) => entry.at ?? '');
      assert.deepEqual(times, [...times].sort().reverse());
      const outcome = (service: string) => history.accounts.find((entry) => services.get(entry.accountId) === service);
      assert.equal(outcome('thred')?.kind, 'asked');
      assert.equal(outcome('agentsend')?.kind, 'notAsked');
      assert.match((outcome('agentsend') as { why: string }).why, /AgentSend offers no search by email/);
      assert.equal(outcome('cattix')?.found, 0);
    } finally {
      store.dispose();
    }
  });
});
