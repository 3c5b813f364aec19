// Pure pieces of the lookups: the email check that keeps bad input off the network, reading an
// id or link the user pasted, and the index of who is on which thread.
import * as assert from 'node:assert/strict';
import type { ThreadSummary } from '../../src/domain/model';
import { emailProblem } from '../../src/lookup/emailAddress';
import { SeenThreads } from '../../src/lookup/seenThreads';
import { parseThreadReference } from '../../src/lookup/threadReference';

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
  it('refuses links without an id, and ids with spaces', () => {
    assert.ok('problem' in parseThreadReference('tybrite', 'https://example.com/nothing/here'));
    assert.ok('problem' in parseThreadReference('tybrite', 'two words'));
    assert.ok('problem' in parseThreadReference('tybrite', '   '));
  });
});

describe('threads seen, by participant', () => {
  const thread = (threadId: string, address?: string, updatedAt = '2026-11-01T00:00:00.000Z'): ThreadSummary => ({
    threadId,
    title: threadId,
    state: 'open',
    badges: [],
    updatedAt,
    participants: address ? [{ role: 'customer', address }] : [],
  });

  it('finds every thread with an address, across accounts, newest first, case-insensitively', () => {
    const seen = new SeenThreads();
    seen.record('tybrite-1', [thread('t1', 'Sarah@Example.com', '2026-11-01T00:00:00.000Z'), thread('t2', 'bob@example.com')]);
    seen.record('sitegpt-1', [thread('s1', 'sarah@example.com', '2026-11-05T00:00:00.000Z')]);
    assert.deepEqual(
      seen.find('SARAH@example.com').map((entry) => `${entry.accountId}/${entry.summary.threadId}`),
      ['sitegpt-1/s1', 'tybrite-1/t1'],
    );
  });

  it('learns participants when a thread is opened (AgentSend lists carry none)', () => {
    const seen = new SeenThreads();
    seen.record('agentsend-1', [thread('a1')]);
    assert.deepEqual(seen.find('sarah@example.com'), []);
    seen.record('agentsend-1', [thread('a1')], [{ role: 'customer', address: 'sarah@example.com' }]);
    assert.equal(seen.find('sarah@example.com')[0]?.summary.threadId, 'a1');
  });

  it('forgets the threads of removed accounts', () => {
    const seen = new SeenThreads();
    seen.record('gone', [thread('g1', 'sarah@example.com')]);
    seen.record('kept', [thread('k1', 'sarah@example.com')]);
    seen.retainAccounts(new Set(['kept']));
    assert.deepEqual(seen.find('sarah@example.com').map((entry) => entry.accountId), ['kept']);
  });
});
