// The one query encoding of a thread, shared by "Copy link" URIs and Markdown documents.
import * as assert from 'node:assert/strict';
import { refOf, targetFromQuery, targetQuery } from '../../src/domain/target';

describe('thread targets in URI queries', () => {
  it('round-trips ids with characters that need escaping, with and without a container', () => {
    const withContainer = { accountId: 'thred-1a2b', threadId: 'email:sarah+vip@example.com', containerId: 'a/b?c&d=e' };
    assert.deepEqual(targetFromQuery(targetQuery(withContainer).toString()), withContainer);
    const without = { accountId: 'agentsend-9f', threadId: 'thr 1#2' };
    assert.deepEqual(targetFromQuery(targetQuery(without).toString()), without);
  });

  it('reads nothing from a query that lacks the account or the thread', () => {
    assert.equal(targetFromQuery('thread=t1'), undefined);
    assert.equal(targetFromQuery('account=a1&thread='), undefined);
    assert.equal(targetFromQuery(''), undefined);
  });

  it('hands the provider only the thread and its container', () => {
    assert.deepEqual(refOf({ accountId: 'a', threadId: 't', containerId: 'c' }), { threadId: 't', containerId: 'c' });
    assert.deepEqual(refOf({ accountId: 'a', threadId: 't' }), { threadId: 't' });
  });
});
