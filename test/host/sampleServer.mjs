// @ts-check
// Starts the built sample server (dist/sample-server.js) as a child process for the integration
// suite, the demo and the benchmarks, and reads the address it prints.
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from './codeServer.mjs';
import { startGroup } from './processes.mjs';
import { withDeadline } from './wait.mjs';

/**
 * @param {{ port?: number, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<{ url: string, baseUrls: Record<string, string>, accounts: unknown[], stop: () => Promise<void> }>}
 */
export async function startSampleServerProcess({ port = 0, env = {} } = {}) {
  const script = path.join(REPO_ROOT, 'dist', 'sample-server.js');
  // The suite, the demo and the benchmarks all read the control API (`${url}/__control/…`).
  const { child, exited, stop } = startGroup(process.execPath, [script, '--port', String(port), '--control'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = readline.createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
  const first = await withDeadline(
    Promise.race([
      new Promise((resolve) => lines.once('line', resolve)),
      exited.then(({ code }) => {
        throw new Error(`The sample server exited (${code}) before it listened; is dist/ built?`);
      }),
    ]),
    10_000,
  );
  if (first === undefined) throw new Error('The sample server did not start within 10 s');
  lines.close();
  const info = JSON.parse(String(first));
  return { ...info, stop };
}
