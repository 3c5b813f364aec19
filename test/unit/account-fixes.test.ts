// Which fix a failure offers first, and how a system error reads: a wrong base URL (404 at the
// account's address, a host that cannot be reached) leads to Edit Account, not Set API Key, and
// no raw `getaddrinfo ENOTFOUND …` ever reaches the user.
import * as assert from 'node:assert/strict';
import type { Account } from '../../src/domain/model';
import { connectionFixes, fixForError } from '../../src/accounts/fixes';
import { InvalidResponseError, MissingCredentialError, NetworkError, NotFoundError, ServerError, UnauthorizedError, describeError } from '../../src/http/errors';

const agentsend: Account = { id: 'agentsend-1', service: 'agentsend', label: 'Support', baseUrl: 'https://api.agentsend.io', options: {} };
const tybrite: Account = { id: 'tybrite-1', service: 'tybrite', label: 'Store', baseUrl: 'https://api.tybrite.com', options: { customerId: 'x' } };

describe('the fix offered for a failure', () => {
  it('a 401 offers Set API Key first', () => {
    const error = new UnauthorizedError({ service: 'AgentSend', status: 401 });
    assert.equal(fixForError(error, agentsend, 'account'), 'setApiKey');
    assert.deepEqual(connectionFixes(error, agentsend), ['setApiKey', 'editAccount']);
  });

  it('a 404 at the account’s own address offers Edit Account (the base URL), and only that', () => {
    const error = new NotFoundError({ service: 'AgentSend', status: 404 });
    assert.equal(fixForError(error, agentsend, 'account'), 'editAccount');
    assert.deepEqual(connectionFixes(error, agentsend), ['editAccount']);
  });

  it('a 404 for one thread offers no change to the account', () => {
    assert.equal(fixForError(new NotFoundError({ service: 'AgentSend', status: 404 }), agentsend, 'item'), undefined);
  });

  it('a refused connection or an unknown host offers Edit Account, wherever it happened', () => {
    for (const detail of ['connection refused', 'no such host']) {
      const error = new NetworkError({ service: 'AgentSend', detail, host: 'cdn.example.com' });
      assert.equal(fixForError(error, agentsend, 'item'), 'editAccount');
      assert.deepEqual(connectionFixes(error, agentsend), ['editAccount']);
    }
  });

  it('an answer that is not the API (an HTML page at the base URL) offers Edit Account', () => {
    assert.equal(fixForError(new InvalidResponseError({ service: 'AgentSend', detail: 'the body is not valid JSON' }), agentsend, 'account'), 'editAccount');
  });

  it('a missing credential offers the fix for what is missing', () => {
    assert.equal(fixForError(new MissingCredentialError({ service: 'Tybrite', missing: 'session' }), tybrite, 'item'), 'signIn');
    assert.equal(fixForError(new MissingCredentialError({ service: 'Tybrite', missing: 'customerId' }), tybrite, 'item'), 'editAccount');
    assert.equal(fixForError(new MissingCredentialError({ service: 'AgentSend', missing: 'originChanged' }), agentsend, 'item'), 'confirmKey');
  });

  it('a service error that no change to the account fixes offers both, Edit Account first', () => {
    const error = new ServerError({ service: 'AgentSend', status: 503 });
    assert.equal(fixForError(error, agentsend, 'account'), undefined);
    assert.deepEqual(connectionFixes(error, agentsend), ['editAccount', 'setApiKey']);
  });
});

describe('network failures in plain words', () => {
  it('names the host the service was tried at', () => {
    assert.equal(new NetworkError({ service: 'AgentSend', detail: 'no such host', host: 'cdn.example.com' }).describe(), "Couldn't reach AgentSend at cdn.example.com: no such host");
  });

  it('a raw system error becomes “couldn’t reach <host>”', () => {
    const raw = Object.assign(new Error('getaddrinfo ENOTFOUND cdn.example.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'cdn.example.com' });
    assert.equal(describeError(raw), "Couldn't reach cdn.example.com: no such host");
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1' });
    assert.match(describeError(refused), /^Couldn't reach 127\.0\.0\.1: .*connection refused/);
    assert.doesNotMatch(describeError(raw), /getaddrinfo|ENOTFOUND/);
  });

  it('leaves other errors’ own messages alone', () => {
    assert.equal(describeError(new Error('Enter a name')), 'Enter a name');
  });
});
