// What the Threads view's rows say (src/tree/rowText.ts, no VS Code needed), the view's own text
// filter, and the unread state under the tree and the badge: read here counts as read until the
// service moves on, and the badge's lists load without anyone opening a container.
import * as assert from 'node:assert/strict';
import type { Account, ThreadSummary } from '../../src/domain/model';
import { shortTime } from '../../src/domain/format';
import { matchesViewFilter } from '../../src/store/filters';
import { accountDescription, commonBadgesOf, threadRowText } from '../../src/tree/rowText';
import { fakeProvider, summary } from './support/fakeProvider';
import { MemoryMemento, memoryStore } from './support/memoryStore';

const UTC = { locale: 'en-GB', timeZone: 'UTC' };
const NOW = Date.parse('2026-12-03T12:00:00Z');
const account = (id: string, service: string): Account => ({ id, service, label: `${service} account`, baseUrl: 'https://api.example.com', options: {} });
const customer = { kind: 'customer' as const, id: 'cus_1', label: 'Sarah Johnson' };

describe('tree rows', () => {
  it('put who wrote and the title first, and when, the counts and the flags after', () => {
    const text = threadRowText(
      summary('t1', { title: 'Webhook failing', updatedAt: '2026-12-03T10:47:00Z', unread: 3, messageCount: 12, badges: ['urgent'], participants: [{ role: 'customer', address: 'pat@example.com' }] }),
      'Acme Support',
      new Set(),
      NOW,
      UTC,
    );
    assert.equal(text.label, 'pat, 10:47 · Webhook failing', 'an address by its local part, and when, before the title');
    assert.equal(text.sender, 'pat@example.com');
    assert.equal(text.description, '3 unread · 12 msgs · urgent');
    assert.equal(text.unread, 3);
  });

  it('keep naming the sender they named while that person is still on the thread', () => {
    const first = [{ role: 'customer' as const, address: 'pat@example.com' }];
    const opened = [{ role: 'customer' as const, address: 'kim@example.com' }, ...first];
    assert.equal(threadRowText(summary('t', { title: 'Quote', participants: opened }), 'Sales', new Set(), NOW, UTC, 'pat@example.com').label, 'pat · Quote');
    assert.equal(threadRowText(summary('t', { title: 'Quote', participants: opened }), 'Sales', new Set(), NOW, UTC).label, 'kim · Quote');
  });

  it('leave the sender out where the title or the container already names them', () => {
    const sarah = { role: 'customer' as const, name: 'Sarah Johnson', address: 'sarah@example.com' };
    assert.equal(threadRowText(summary('t1', { title: 'Refund', participants: [sarah] }), 'Sarah Johnson', new Set(), NOW, UTC).label, 'Refund');
    assert.equal(threadRowText(summary('t2', { title: 'Sarah Johnson', participants: [sarah] }), 'Recent customers', new Set(), NOW, UTC).label, 'Sarah Johnson');
    assert.equal(threadRowText(summary('t3', { title: 'Order 1234' }), 'Acme Support', new Set(), NOW, UTC).label, 'Order 1234');
  });

  it('say a flag every row of the list carries once, on the container, not at the end of each row', () => {
    const rows = [summary('a', { badges: ['sandbox', 'pinned'] }), summary('b', { badges: ['sandbox'] }), summary('c', { badges: ['urgent', 'sandbox'] })];
    const common = commonBadgesOf(rows);
    assert.deepEqual([...common], ['sandbox']);
    assert.ok(rows.every((row) => !threadRowText(row, 'Sarah Johnson', common, NOW, UTC).description.includes('sandbox')));
    assert.deepEqual([...commonBadgesOf([summary('only', { badges: ['sandbox'] })])], [], 'one row is no pattern');
  });

  it('announce what the row is and what it holds', () => {
    const text = threadRowText(
      summary('t1', { title: 'Webhook failing', state: 'waiting', status: 'pending', updatedAt: '2026-12-03T10:47:00Z', unread: 1, messageCount: 4, participants: [{ role: 'customer', name: 'Pat' }] }),
      'Acme Support',
      new Set(),
      NOW,
      UTC,
    );
    assert.match(text.accessibility, /^Unread thread, 1 unread message, from Pat, Webhook failing, waiting for an answer, status pending, last activity .*2026.*, 4 messages, in Acme Support$/);
    assert.match(threadRowText(summary('t2', { title: 'Done deal', state: 'done' }), 'Inbox', new Set(), NOW, UTC).accessibility, /^Thread, Done deal, done, in Inbox$/);
  });

  it('name the service on an account row only when the account’s name does not', () => {
    assert.equal(accountDescription('Sample AgentSend', 'AgentSend', undefined), '');
    assert.equal(accountDescription('Support mail', 'AgentSend', 'key missing'), 'AgentSend · key missing');
    assert.equal(accountDescription('my agentsend', 'AgentSend', 'key missing'), 'key missing');
  });

  it('give the time in as few characters as a row can spare', () => {
    assert.equal(shortTime('2026-12-03T10:47:00Z', NOW, UTC), '10:47');
    assert.equal(shortTime('2026-12-01T10:47:00Z', NOW, UTC), 'Tue');
    assert.equal(shortTime('2026-06-01T10:47:00Z', NOW, UTC), '1 Jun');
    assert.equal(shortTime('2025-06-01T10:47:00Z', NOW, UTC), 'Jun 2025');
    assert.equal(shortTime(undefined, NOW, UTC), undefined);
  });
});

describe('the view’s text filter', () => {
  const row: ThreadSummary = summary('t', { title: 'Webhook returns 410', participants: [{ role: 'customer', name: 'Pat Lee', address: 'pat@techcorp.example' }] });
  it('keeps a thread when every word is in its title or its people, in any case', () => {
    assert.ok(matchesViewFilter(row, 'webhook 410'));
    assert.ok(matchesViewFilter(row, 'TECHCORP webhook'));
    assert.ok(matchesViewFilter(row, '  '));
    assert.ok(matchesViewFilter(row, undefined));
    assert.ok(!matchesViewFilter(row, 'webhook refund'));
  });
});

describe('unread state under the tree and the badge', () => {
  const tybrite = account('ty', 'tybrite');
  const threads = [
    summary('a', { unread: 2, updatedAt: '2026-12-03T10:00:00Z' }),
    summary('b', { unread: 1, updatedAt: '2026-12-03T09:00:00Z', badges: ['archived'] }),
    summary('c', { unread: 0 }),
  ];

  it('a thread read here counts as read (after a restart too) until the service reports newer activity', async () => {
    const memento = new MemoryMemento();
    let answer = threads;
    const provider = () => fakeProvider({ containers: [customer], threads: () => ({ items: answer }) });
    const store = memoryStore([{ account: tybrite, provider: provider() }], { memento });
    await store.ensureThreads('ty', customer);
    assert.equal(store.unreadThreadCount(), 1, 'archived threads wait for nobody');
    store.markRead('ty', 'a');
    assert.equal(store.summary('ty', 'a')?.unread, 0);
    assert.equal(store.unreadThreadCount(), 0);

    // A new window: the service still counts two unread, but nothing moved since they were read.
    const again = memoryStore([{ account: tybrite, provider: provider() }], { memento });
    await again.ensureThreads('ty', customer);
    assert.equal(again.summary('ty', 'a')?.unread, 0);
    assert.equal(again.unreadThreadCount(), 0);

    // A new message: unread again.
    answer = [summary('a', { unread: 3, updatedAt: '2026-12-03T11:00:00Z' }), ...threads.slice(1)];
    again.invalidateThreads('ty', customer.id);
    await again.ensureThreads('ty', customer);
    assert.equal(again.summary('ty', 'a')?.unread, 3);
    assert.equal(again.unreadThreadCount(), 1);
  });

  it('loads what the badge counts for services that report unread messages, without anyone opening a container', async () => {
    const tybriteProvider = fakeProvider({ containers: [customer], threads: () => ({ items: threads }) });
    const agentsend = fakeProvider({ containers: [{ kind: 'inbox', id: 'inbox', label: 'Inbox' }], threads: () => ({ items: [] }) });
    const store = memoryStore([
      { account: tybrite, provider: tybriteProvider },
      { account: account('as', 'agentsend'), provider: agentsend },
    ]);
    const keeping = store.keepUnreadCountsLoaded();
    const settle = async () => {
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    };
    await settle();
    assert.deepEqual(tybriteProvider.calls, ['listContainers', 'listThreads:cus_1:']);
    assert.deepEqual(agentsend.calls, [], 'a service without unread counts is not asked');
    assert.equal(store.unreadThreadCount(), 1);
    // A refresh makes the list stale: loaded again for the badge.
    store.invalidateAccount('ty');
    await settle();
    assert.deepEqual(tybriteProvider.calls, ['listContainers', 'listThreads:cus_1:', 'listContainers', 'listThreads:cus_1:']);
    assert.equal(store.unreadThreadCount(), 1);
    keeping.dispose();
    store.invalidateAccount('ty');
    await settle();
    assert.equal(tybriteProvider.calls.length, 4, 'nothing loads once disposed');
  });
});

describe('who wrote, for a list that does not say', () => {
  it('asks the provider once per listed thread of the first page, and the row then names the customer', async () => {
    const inbox = { kind: 'inbox' as const, id: 'inb', label: 'Acme Support' };
    const asked: string[] = [];
    const provider = {
      ...fakeProvider({
        containers: [inbox],
        threads: (_container, cursor) => (cursor === undefined ? { items: [summary('t1', { title: 'Refund' }), summary('t2', { title: 'Invoice' })], next: '2' } : { items: [summary('t3')] }),
      }),
      threadPeople: async (ref: { threadId: string }) => {
        asked.push(ref.threadId);
        return [
          { role: 'agent' as const, address: 'support@acme.example' },
          { role: 'customer' as const, address: `${ref.threadId}@example.com` },
        ];
      },
    };
    const store = memoryStore([{ account: account('as', 'agentsend'), provider }]);
    await store.ensureThreads('as', inbox);
    for (let turn = 0; turn < 20 && asked.length < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(asked.sort(), ['t1', 't2']);
    assert.equal(threadRowText(store.summary('as', 't1') as ThreadSummary, inbox.label, new Set(), NOW, UTC).label, 't1 · Refund');
    // A refresh keeps what was learned and asks nobody again; the next page is not asked about.
    store.invalidateThreads('as', inbox.id);
    await store.ensureThreads('as', inbox);
    await store.loadMoreThreads('as', inbox.id);
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(asked.sort(), ['t1', 't2']);
    assert.equal(senderLabel(store.summary('as', 't1')), 't1 · Refund');
  });
});

function senderLabel(found: ThreadSummary | undefined): string {
  return found ? threadRowText(found, 'Acme Support', new Set(), NOW, UTC).label : '';
}

