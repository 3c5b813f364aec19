// Thred customers whose share link does not end in their id, and the Recent list's time ranges.
import * as assert from 'node:assert/strict';
import type { ThredProvider } from '../../src/providers/thred/client';
import { RECENT_CONTAINER } from '../../src/providers/thred/client';
import { SAMPLE_IDS } from '../../src/sample';
import { memoryStore } from './support/memoryStore';
import { useSampleServer } from './support/sampleProviders';

const ids = SAMPLE_IDS.thred;
const DAY = 24 * 60 * 60 * 1000;

describe('Thred ids and Recent periods', function () {
  this.timeout(20_000);
  const sample = useSampleServer();

  it('a customer listed under a share-link token that /customers/{id} refuses opens by email, quietly', async () => {
    const made = sample.make<ThredProvider>('thred');
    const store = memoryStore([{ account: made.account, provider: made.source }]);
    const recent = await store.ensureThreads(made.account.id, RECENT_CONTAINER);
    assert.ok(recent.threadIds.includes(ids.sharedOnly), 'listed under the token from its link');
    const view = await store.openThread({ accountId: made.account.id, threadId: ids.sharedOnly });
    assert.equal(view.state, 'loaded', String(view.error));
    assert.equal(view.thread?.participants.find((person) => person.role === 'customer')?.address, ids.sharedOnlyEmail);
    assert.ok(view.messages.length > 0);
    const asked = sample.server.control.requests().map((entry) => `${entry.status} ${entry.path}${entry.query['email'] ? `?email=${String(entry.query['email'])}` : ''}`);
    assert.deepEqual(asked.slice(-2), [`400 /v1/customers/${ids.sharedOnly}`, `200 /v1/customers?email=${ids.sharedOnlyEmail}`]);
  });

  it('without a known email the 400 or 404 is reported as it is', async () => {
    const { source } = sample.make<ThredProvider>('thred');
    await assert.rejects(source.openThread({ threadId: 'cus_Unknown00000' }), /found nothing there \(404\)/);
    assert.equal(sample.server.control.requests().length, 1);
  });

  it('Recent by period sends startDate/endDate in milliseconds ending now', async () => {
    const now = Date.UTC(2026, 10, 20);
    const { source } = sample.make<ThredProvider>('thred', { now: () => now });
    const week = await source.listThreads(RECENT_CONTAINER, { filter: { period: 'last 7 days' } });
    const quarter = await source.listThreads(RECENT_CONTAINER, { filter: { period: 'last 90 days' } });
    const [first, second] = sample.server.control.requests();
    assert.equal(first?.query['endDate'], String(now));
    assert.equal(first?.query['startDate'], String(now - 7 * DAY));
    assert.equal(second?.query['startDate'], String(now - 90 * DAY));
    assert.ok(week.items.length < quarter.items.length, `${week.items.length} in a week, ${quarter.items.length} in 90 days`);
  });
});
