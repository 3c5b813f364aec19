import * as assert from 'node:assert/strict';
import { filesOfShard, parseShard } from '../support/shards';

describe('integration files split between hosts side by side', () => {
  const files = ['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js', 'e.test.js'];
  const seconds = { 'a.test.js': 40, 'b.test.js': 30, 'c.test.js': 20, 'd.test.js': 10 };

  it('runs every file exactly once across the hosts, each host keeping the original order', () => {
    for (const count of [1, 2, 3]) {
      const shards = Array.from({ length: count }, (_, index) => filesOfShard(files, index + 1, count, seconds));
      assert.deepEqual(shards.flat().sort(), files, `${count} hosts`);
      for (const shard of shards) assert.deepEqual(shard, files.filter((file) => shard.includes(file)));
    }
  });

  it('balances the known seconds: longest first onto the host with the least so far', () => {
    // a 40 → 1; b 30 → 2; c 20 → 2 (30 < 40); d 10 → 1 (40 < 50); e (unknown: 10) → 1 (50 = 50: the first)
    assert.deepEqual(filesOfShard(files, 1, 2, seconds), ['a.test.js', 'd.test.js', 'e.test.js']);
    assert.deepEqual(filesOfShard(files, 2, 2, seconds), ['b.test.js', 'c.test.js']);
  });

  it('reads "index/count", and refuses anything else', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    for (const bad of [undefined, '', '0/2', '3/2', 'x/2', '1/2 ']) assert.equal(parseShard(bad), undefined, String(bad));
  });
});
