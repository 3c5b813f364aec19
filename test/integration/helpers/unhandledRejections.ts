// The check that runs after every test of a phase: no promise rejection went unhandled in this
// extension host while the suite ran, and the host's own log reports none from Threadline.
// Installed before the first test file loads; its check is a root `after` hook, so it runs
// after every suite of the run, and fails the run on any rejection recorded during it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Mocha from 'mocha';

export function watchUnhandledRejections(): Mocha.RootHookObject & { afterAll(this: Mocha.Context): void } {
  const rejections: string[] = [];
  const record = (reason: unknown) => rejections.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  process.on('unhandledRejection', record);
  return {
    afterAll(this: Mocha.Context) {
      this.timeout(60_000);
      process.off('unhandledRejection', record);
      assert.deepEqual(rejections, [], 'no promise rejection went unhandled in the extension host during the run');
      const root = process.env['THREADLINE_HOST_DATA'];
      if (!root) return; // desktop VS Code keeps its logs elsewhere; the listener above still counts
      const logs = (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => /exthost.*\.log$/i.test(file));
      assert.ok(logs.length > 0, 'found the extension host log');
      const unhandled = logs.flatMap((file) =>
        fs
          .readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .filter((line) => /unhandled|rejected promise not handled/i.test(line) && /threadline/i.test(line)),
      );
      assert.deepEqual(unhandled, [], 'the extension host log reports no unhandled rejection from Threadline');
    },
  };
}
