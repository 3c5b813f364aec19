// Pure pieces of the lookups: the email check that keeps bad input off the network, reading an
// id or link the user pasted, and the store's index of who is on which thread.
import * as assert from 'node:assert/strict';
import type { Account, ThreadSummary } from '../../src/domain/model';
import { emailProblem } from '../../src/domain/email';
import { serviceDescriptor } from '../../src/providers/registry';
import { fakeProvider, summary, thread as openedThread } from './support/fakeProvider';
import { memoryStore } from './support/memoryStore';

const parseThreadReference = (service: string, input: string) => serviceDescriptor(service).capabilities.threadReference.parse(input);

describe('email addresses', () => {
  for (const good of ['sarah@example.com', ' Sarah.Johnson+vip@techcorp.example ', 'a@b.co']) {
    it(`accepts ${good.trim()}`, () => assert.equal(emailProblem(good), undefined));
  }
  for (const bad of ['', 'sarah', 'sarah@', '@example.com', 'sarah@example', 'sarah@@example.com', 'sa rah@example.com', 'sarah@example..com', 'a@b.c', '<x>@y.com']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.ok(emailProblem(bad)));
  }
  it('rejects an address too long for any mailbox', () => assert.ok(emailProblem(`${'a'.repeat(250)}@example.com`)));
});

describe('thread ids and links', () => {
  it('takes a plain id as it is', () => {
    assert.deepEqual(parseThreadReference('agentsend', ' thr_01hx4z2k9m3p7qr8st5uvwxy '), { threadId: 'thr_01hx4z2k9m3p7qr8st5uvwxy' });
  });
  it('reads the customer id from a Thred share link', () => {
    assert.deepEqual(parseThreadReference('thred', 'https://app.thred.ai/share/cus_7Hq2LmX9pR4a'), { threadId: 'cus_7Hq2LmX9pR4a' });
    assert.ok('problem' in parseThreadReference('thred', 'https://app.thred.ai/leads/x'));
  });
  it('reads chatbot and thread from a SiteGPT API path', () => {
    assert.deepEqual(parseThreadReference('sitegpt', 'https://sitegpt.ai/api/v0/chatbots/412/threads/06b3b43c-5651-49a2-b618-d7f24667c1b6'), {
      threadId: '06b3b43c-5651-49a2-b618-d7f24667c1b6',
      containerId: '412',
    });
  });
  it('says a link with a malformed escape is malformed, for every service, instead of throwing', () => {
    for (const service of ['agentsend', 'sitegpt', 'sitegpt-v2', 'tybrite', 'cattix']) {
      const parsed = parseThreadReference(service, 'https://api.example.com/v1/threads/%E0%A4%A');
      assert.ok('problem' in parsed && /malformed escape/.test(parsed.problem), `${service}: ${JSON.stringify(parsed)}`);
    }
    const thred = parseThreadReference('thred', 'https://app.thred.ai/share/%E0%A4%A');
    assert.ok('problem' in thred && /malformed escape/.test(thred.problem), JSON.stringify(thred));
  });
  it('refuses links without an id, and ids with spaces', () => {
    assert.ok('problem' in parseThreadReference('tybrite', 'https://example.com/nothing/here'));
    assert.ok('problem' in parseThreadReference('tybrite', 'two words'));
    assert.ok('problem' in parseThreadReference('tybrite', '   '));
  });
});

describe('threads seen, by participant (the store\'s index)', () => {
  const thread = (threadId: string, address?: string, updatedAt = '2026-11-01T00:00:00.000Z'): ThreadSummary =>
    summary(threadId, { updatedAt, participants: address ? [{ role: 'customer', address }] : [] });
  const account = (id: string, service: string): Account => ({ id, service, label: id, baseUrl: 'https://api.example.com', options: {} });
  const inbox = { kind: 'inbox' as const, id: 'c', label: 'c' };

  it('finds every thread with an address, across accounts, newest first, case-insensitively', async () => {
    const store = memoryStore([
      { account: account('tybrite-1', 'tybrite'), provider: fakeProvider({ threads: () => ({ items: [thread('t1', 'Sarah@Example.com'), thread('t2', 'bob@example.com')] }) }) },
      { account: account('sitegpt-1', 'sitegpt'), provider: fakeProvider({ threads: () => ({ items: [thread('s1', 'sarah@example.com', '2026-11-05T00:00:00.000Z')] }) }) },
    ]);
    await store.ensureThreads('tybrite-1', inbox);
    await store.ensureThreads('sitegpt-1', inbox);
    assert.deepEqual(
      store.threadsWithAddress('SARAH@example.com').map((entry) => `${entry.accountId}/${entry.summary.threadId}`),
      ['sitegpt-1/s1', 'tybrite-1/t1'],
    );
  });

  it('learns participants when a thread is opened (AgentSend lists carry none)', async () => {
    const store = memoryStore([
      {
        account: account('agentsend-1', 'agentsend'),
        provider: fakeProvider({
          threads: () => ({ items: [thread('a1')] }),
          open: (threadId) => ({ thread: openedThread(threadId, { participants: [{ role: 'customer', address: 'sarah@example.com' }] }), messages: { items: [] } }),
        }),
      },
    ]);
    await store.ensureThreads('agentsend-1', inbox);
    assert.deepEqual(store.threadsWithAddress('sarah@example.com'), []);
    await store.openThread({ accountId: 'agentsend-1', threadId: 'a1' });
    assert.equal(store.threadsWithAddress('sarah@example.com')[0]?.summary.threadId, 'a1');
  });

  it('forgets the threads of removed accounts', async () => {
    const entries = ['gone', 'kept'].map((id) => ({ account: account(id, 'sitegpt'), provider: fakeProvider({ threads: () => ({ items: [thread(`${id}-1`, 'sarah@example.com')] }) }) }));
    const store = memoryStore(entries);
    await store.ensureThreads('gone', inbox);
    await store.ensureThreads('kept', inbox);
    entries.shift();
    store.accountsChanged();
    assert.deepEqual(store.threadsWithAddress('sarah@example.com').map((entry) => entry.accountId), ['kept']);
  });
});
