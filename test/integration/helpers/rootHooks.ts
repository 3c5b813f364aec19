// Around every test of the main suite: a picture of the workbench as soon as a test fails (asked
// for before the test's own after-hooks clean the screen up), and the unhandled-rejection check
// after everything.
import type Mocha from 'mocha';
import { bridge } from './bridge';
import { runStateHooks } from './runState';
import { watchUnhandledRejections } from './unhandledRejections';

export function rootHooks(): Mocha.RootHookObject {
  return { afterAll: watchUnhandledRejections().afterAll, beforeEach: runStateHooks().beforeEach };
}

/** Saves a picture of the page named after the failed test (not awaited: the run goes on). */
export function pictureOfFailure(title: string): void {
  if (!bridge.available) return;
  void bridge.screenshot(`failed-${title}`.slice(0, 120)).then(
    (shot) => console.log(`[threadline-test] picture of the failure: ${shot.path}`),
    () => undefined,
  );
}
