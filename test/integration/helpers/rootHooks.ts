// Around every test of the main suite: a picture of the workbench as soon as a test fails (asked
// for before the test's own after-hooks clean the screen up), and the unhandled-rejection check
// after everything.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Mocha from 'mocha';
import { bridge } from './bridge';
import { runStateHooks } from './runState';
import { threadline } from './threadline';
import { watchUnhandledRejections } from './unhandledRejections';

export function rootHooks(): Mocha.RootHookObject {
  return { afterAll: watchUnhandledRejections().afterAll, beforeEach: runStateHooks().beforeEach };
}

/**
 * Saves a picture of the page named after the failed test, and the end of Threadline's log beside
 * it (what the extension did meanwhile: a flaky failure is read from there). Not awaited: the run goes on.
 */
export function pictureOfFailure(title: string): void {
  const artifacts = process.env['THREADLINE_ARTIFACTS'];
  if (artifacts) {
    void threadline().then(
      (api) => fs.writeFileSync(path.join(artifacts, `${`failed-${title}`.slice(0, 120).replace(/[^\w.-]+/g, '-')}.log`), api.logLines().slice(-80).join('\n') + '\n'),
      () => undefined,
    );
  }
  if (!bridge.available) return;
  void bridge.screenshot(`failed-${title}`.slice(0, 120)).then(
    (shot) => console.log(`[threadline-test] picture of the failure: ${shot.path}`),
    () => undefined,
  );
}
