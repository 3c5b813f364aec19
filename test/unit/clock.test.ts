// The clocks time-dependent code runs on: the virtual clock tests drive, the extension's
// test-run clock that the integration suite moves forward, and the repeat loop behind
// auto-refresh.
import * as assert from 'node:assert/strict';
import { AdvanceableClock, repeatEvery } from '../../src/clock';
import { isAbortError } from '../../src/http/errors';
import { VirtualClock } from '../support/virtualClock';

/** Lets the callbacks already queued run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('clocks', () => {
  describe('the virtual clock', () => {
    it('ends sleeps only when time is moved past them, in the order they are due', async () => {
      const clock = new VirtualClock();
      const ended: string[] = [];
      void clock.sleep(300).then(() => ended.push(`300 at ${clock.now()}`));
      void clock.sleep(100).then(() => ended.push(`100 at ${clock.now()}`));
      void clock.sleep(200).then(() => ended.push(`200 at ${clock.now()}`));
      const start = clock.now();
      await clock.advance(99);
      assert.deepEqual(ended, []);
      await clock.advance(151);
      assert.deepEqual(ended, [`100 at ${start + 100}`, `200 at ${start + 200}`]);
      assert.equal(clock.now(), start + 250);
      await clock.advance(50);
      assert.equal(ended.length, 3);
    });

    it('ends, within one advance, a sleep that a woken sleeper starts', async () => {
      const clock = new VirtualClock();
      const start = clock.now();
      const times: number[] = [];
      const chain = (async () => {
        for (let step = 0; step < 3; step++) {
          await clock.sleep(1_000);
          times.push(clock.now() - start);
        }
      })();
      await clock.advance(2_500);
      assert.deepEqual(times, [1_000, 2_000]);
      await clock.advance(500);
      await chain;
      assert.deepEqual(times, [1_000, 2_000, 3_000]);
    });

    it('rejects a sleep with an AbortError when its signal aborts, and forgets it', async () => {
      const clock = new VirtualClock();
      const controller = new AbortController();
      const sleeping = clock.sleep(5_000, controller.signal);
      controller.abort();
      await assert.rejects(sleeping, (error) => isAbortError(error));
      assert.deepEqual(clock.pending(), []);
      await assert.rejects(clock.sleep(1, controller.signal), (error) => isAbortError(error));
    });

    it('says when the code under test has started a sleep, and how long it asked for', async () => {
      const clock = new VirtualClock();
      const seen = clock.whenSleeping((ms) => ms > 1_000);
      void clock.sleep(10);
      void clock.sleep(4_000);
      assert.equal(await seen, 4_000);
      assert.deepEqual(clock.pending(), [
        { ms: 10, remaining: 10 },
        { ms: 4_000, remaining: 4_000 },
      ]);
      assert.equal(await clock.advanceToNext(), 10);
      assert.deepEqual(clock.pending(), [{ ms: 4_000, remaining: 3_990 }]);
    });
  });

  describe('the clock of a test run (real time that can be moved forward)', () => {
    it('ends, when moved forward, exactly the sleeps the jump passes, and moves now()', async () => {
      const clock = new AdvanceableClock();
      const ended: number[] = [];
      void clock.sleep(60_000).then(() => ended.push(60));
      void clock.sleep(3_600_000).then(() => ended.push(3_600));
      const before = clock.now();
      assert.equal(clock.advance(120_000), 1);
      assert.ok(clock.now() >= before + 120_000);
      await settled();
      assert.deepEqual(ended, [60]);
      assert.equal(clock.pending().length, 1);
      assert.ok((clock.pending()[0] ?? 0) <= 3_600_000 - 120_000);
      clock.advance(3_600_000);
      await settled();
      assert.deepEqual(ended, [60, 3_600]);
    });

    it('still passes on an abort from the caller', async () => {
      const clock = new AdvanceableClock();
      const controller = new AbortController();
      const sleeping = clock.sleep(60_000, controller.signal);
      controller.abort();
      await assert.rejects(sleeping, (error) => isAbortError(error));
      assert.deepEqual(clock.pending(), []);
    });
  });

  describe('repeatEvery (auto-refresh)', () => {
    it('runs the action once per interval, the first one interval away, until stopped', async () => {
      const clock = new VirtualClock();
      const controller = new AbortController();
      let runs = 0;
      const loop = repeatEvery(clock, 5 * 60_000, () => runs++, controller.signal);
      await clock.advance(5 * 60_000 - 1);
      assert.equal(runs, 0);
      await clock.advance(1);
      assert.equal(runs, 1);
      await clock.advance(10 * 60_000);
      assert.equal(runs, 3);
      controller.abort();
      await loop;
      await clock.advance(60 * 60_000);
      assert.equal(runs, 3, 'nothing after it stopped');
      assert.deepEqual(clock.pending(), []);
    });
  });
});
