// Telling accounts apart: a new account that repeats one (same service, address and options) is
// recognised whatever the trailing slash; pickers name accounts of the same name apart; a
// lookup's "not found" is said once when every account said it.
import * as assert from 'node:assert/strict';
import type { Account } from '../../src/domain/model';
import { accountPickTexts, sameConnection } from '../../src/accounts/identity';
import { combineStatements } from '../../src/lookup/statements';

const account = (id: string, overrides: Partial<Account> = {}): Account => ({ id, service: 'agentsend', label: 'Support', baseUrl: 'https://api.agentsend.io', options: {}, ...overrides });

describe('telling accounts apart', () => {
  it('the same service and address are the same connection, a trailing slash or case aside', () => {
    assert.ok(sameConnection(account('a'), account('b', { baseUrl: 'HTTPS://API.agentsend.io/' })));
    assert.ok(!sameConnection(account('a'), account('b', { baseUrl: 'https://eu.agentsend.io' })));
    assert.ok(!sameConnection(account('a'), account('b', { service: 'thred' })));
  });

  it('a Tybrite account for another customer is another connection; an internal flag does not count', () => {
    const tybrite = (id: string, customerId: string, extra: Record<string, boolean> = {}) => account(id, { service: 'tybrite', baseUrl: 'https://api.tybritelabs.com', options: { customerId, ...extra } });
    assert.ok(!sameConnection(tybrite('a', 'c1'), tybrite('b', 'c2')));
    assert.ok(sameConnection(tybrite('a', 'c1'), tybrite('b', 'c1', { sampleData: true })));
  });

  it('pickers name each account by label, service and address, and add what tells two alike apart', () => {
    const texts = accountPickTexts([account('agentsend-1'), account('agentsend-2'), account('agentsend-3', { baseUrl: 'https://eu.agentsend.io' })]);
    assert.deepEqual(texts.map((text) => text.description), ['AgentSend', 'AgentSend', 'AgentSend']);
    assert.equal(texts[2]?.detail, 'eu.agentsend.io');
    assert.notEqual(texts[0]?.detail, texts[1]?.detail, 'the two alike are told apart');
    assert.match(texts[0]?.detail ?? '', /agentsend-1/);
  });
});

describe('what a lookup says', () => {
  it('says an answer every account gave once, without names', () => {
    assert.deepEqual(combineStatements([{ account: 'One', message: 'Customer not found with this email' }, { account: 'Two', message: 'Customer not found with this email' }], 2), ['Customer not found with this email']);
  });
  it('names the accounts when they answered differently', () => {
    assert.deepEqual(combineStatements([{ account: 'One', message: 'Customer not found with this email' }, { account: 'Two', message: 'No chat data found for this customer' }], 3), [
      'One: Customer not found with this email',
      'Two: No chat data found for this customer',
    ]);
  });
});
