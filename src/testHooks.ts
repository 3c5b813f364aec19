// What changes in test runs (ExtensionMode.Test) only: links are recorded instead of opened, so
// the suite can check what would have reached openExternal; and a recording Instrumentation
// keeps the log lines, the messages webviews sent, and searches everything handed to a webview
// for known secret values. Normal runs get the plain behaviour and the no-op instrumentation.
import * as vscode from 'vscode';
import { systemClock, type Clock } from './clock';
import { NO_INSTRUMENTATION, type Instrumentation } from './instrumentation';
import type { ExternalOpener } from './ui/links';

export interface TestHooks {
  /** The clock the store waits on: the system's, or in test runs whichever clock a test puts in. */
  clock: Clock;
  /** Test runs: puts a test's clock in (undefined puts the system clock back). */
  useClock(clock: Clock | undefined): void;
  openExternal: ExternalOpener;
  instrumentation: Instrumentation;
  externalOpens(): string[];
  webviewAudit(): { inspectedBytes: number; leaks: string[] };
  logLines(): string[];
  /** Every message a webview sent, and whether it matched the protocol. */
  webviewMessages(): { type: string; accepted: boolean }[];
}

export function createTestHooks(testing: boolean, knownSecrets: () => Iterable<string>): TestHooks {
  if (!testing) {
    return {
      clock: systemClock,
      useClock: () => undefined,
      openExternal: (uri) => vscode.env.openExternal(uri),
      instrumentation: NO_INSTRUMENTATION,
      externalOpens: () => [],
      webviewAudit: () => ({ inspectedBytes: 0, leaks: [] }),
      logLines: () => [],
      webviewMessages: () => [],
    };
  }
  const opened: string[] = [];
  const audit = { inspectedBytes: 0, leaks: [] as string[] };
  const lines: string[] = [];
  const messages: { type: string; accepted: boolean }[] = [];
  let current: Clock = systemClock;
  return {
    // Each call goes to the clock in place now, so a test can take over time from its next wait.
    clock: { now: () => current.now(), sleep: (ms, signal) => current.sleep(ms, signal) },
    useClock: (clock) => {
      current = clock ?? systemClock;
    },
    openExternal: (uri) => {
      opened.push(uri.toString());
      return Promise.resolve(true);
    },
    instrumentation: {
      toWebview: (text) => {
        audit.inspectedBytes += text.length;
        for (const secret of knownSecrets()) {
          if (secret.length >= 4 && text.includes(secret)) audit.leaks.push(`${secret.slice(0, 4)}… in ${text.slice(0, 40)}`);
        }
      },
      fromWebview: (type, accepted) => messages.push({ type, accepted }),
      logLine: (line) => lines.push(line),
    },
    externalOpens: () => [...opened],
    webviewAudit: () => ({ ...audit, leaks: [...audit.leaks] }),
    logLines: () => [...lines],
    webviewMessages: () => [...messages],
  };
}
