// @ts-check
// Child processes the host starts, and the promise that they are all stopped on every path:
// normal exit, failure, time limit, Ctrl-C (SIGINT), SIGTERM and uncaught errors.
import { spawn } from 'node:child_process';
import { withDeadline } from './wait.mjs';

/** @type {Set<() => Promise<void>>} */
const cleanups = new Set();
let stopping = false;

/** Registers a cleanup; returns a function that runs it once and unregisters it. */
export function onCleanup(/** @type {() => Promise<void>} */ cleanup) {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await cleanup();
  };
  cleanups.add(once);
  return once;
}

/** Runs every registered cleanup (newest first), each at most once. */
export async function cleanupAll() {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Installs the signal handlers once: cleanup, then exit with the conventional code. */
export function exitCleanlyOnSignals() {
  for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]])) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping every process this run started…`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
}

/**
 * Starts a process in its own process group, so that stopping it also stops what it started
 * (the VS Code server forks extension hosts and a pty host).
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 */
export function startGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null, error?: Error }>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: 127, signal: null, error }));
  });
  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    killGroup(child.pid, 'SIGTERM');
    if ((await withDeadline(exited, 5000)) === undefined) {
      killGroup(child.pid, 'SIGKILL');
      await exited;
    }
    // The group may outlive its leader (forked children); make sure nothing is left behind.
    killGroup(child.pid, 'SIGKILL');
  });
  return { child, exited, stop };
}

function killGroup(/** @type {number} */ pid, /** @type {NodeJS.Signals} */ signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Runs a command to completion, streaming its output, and resolves with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  const { exited, stop } = startGroup(command, args, { stdio: 'inherit', ...options });
  return exited.then(async (result) => {
    await stop();
    if (result.error) console.error(`could not start ${command}: ${result.error.message}`);
    return typeof result.code === 'number' ? result.code : 1;
  });
}
