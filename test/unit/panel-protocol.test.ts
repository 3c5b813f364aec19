// The panel's message protocol takes what services really send: free text of any length a
// service may write reaches the page (which cuts what it shows), while Threadline's own fields
// stay short.
import * as assert from 'node:assert/strict';
import { hostMessageSchema } from '../../src/panel/protocol';

const HUGE = 'x'.repeat(50_000);

function threadMessage(title: string, name: string) {
  return {
    type: 'thread',
    target: { accountId: 'a', threadId: 't' },
    view: {
      service: 'agentsend',
      serviceName: 'AgentSend',
      accountLabel: 'Account',
      thread: { threadId: 't', title, state: 'open', badges: [], participants: [{ role: 'customer', name }], links: [], cards: [] },
      messages: [],
      hasMore: false,
    },
  };
}

describe('the panel protocol', () => {
  it('carries a 50,000-character title and name from a service to the page', () => {
    assert.equal(hostMessageSchema.safeParse(threadMessage(HUGE, HUGE)).success, true);
  });

  it('still refuses an id longer than any service uses', () => {
    const message = threadMessage('Title', 'Name');
    message.target.threadId = HUGE;
    assert.equal(hostMessageSchema.safeParse(message).success, false);
  });
});
