// Tab titles of thread panels: one line, short, and told apart by service (then account) when two
// would read the same.
import * as assert from 'node:assert/strict';
import { shortTitle, tabTitle } from '../../src/panel/titles';

describe('thread tab titles', () => {
  it('carry the service only where titles collide', () => {
    const titles = tabTitle([
      { title: 'Sarah Johnson', service: 'SiteGPT', account: 'Support bot' },
      { title: 'Sarah Johnson', service: 'Thred', account: 'Leads' },
      { title: 'sarah johnson', service: 'Tybrite', account: 'Shop' },
      { title: 'Order history export', service: 'AgentSend', account: 'Acme' },
    ]);
    assert.deepEqual(titles, ['Sarah Johnson — SiteGPT', 'Sarah Johnson — Thred', 'sarah johnson — Tybrite', 'Order history export']);
  });

  it('add the account when the service is the same too', () => {
    const titles = tabTitle([
      { title: 'Refund', service: 'Tybrite', account: 'EU shop' },
      { title: 'Refund', service: 'Tybrite', account: 'US shop' },
    ]);
    assert.deepEqual(titles, ['Refund — Tybrite · EU shop', 'Refund — Tybrite · US shop']);
  });

  it('keep a title to one short line', () => {
    assert.equal(shortTitle('  Line one\n\tline two  '), 'Line one line two');
    assert.equal(shortTitle('x'.repeat(80)).length, 50);
    assert.equal(shortTitle(''), 'Thread');
  });
});
