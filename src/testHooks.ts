// What changes in test runs (ExtensionMode.Test) only: links are recorded instead of opened, so
// the suite can check what would have reached openExternal; and a recording Instrumentation
// keeps the log lines, the messages webviews sent, and searches everything handed to a webview
// for known secret values; time runs on a clock the suite can move forward (request timeouts
// and polling waits end without being waited out); and modal questions, which VS Code refuses to
// show while extension tests run, are handed to the suite to read and answer. Normal runs get
// the plain behaviour, the no-op instrumentation and no hooks.
import * as vscode from 'vscode';
import { AdvanceableClock, systemClock, type Clock } from './clock';
import { answerModalsWith } from './modal';
import { NO_INSTRUMENTATION, type Instrumentation } from './instrumentation';
import type { ExternalOpener } from './ui/links';

/** A modal question the extension asked during a test run, waiting for the suite's answer. */
export interface ModalQuestion {
  message: string;
  detail: string;
  buttons: readonly string[];
  /** Clicks a button, or dismisses the dialog with undefined. */
  answer(button: string | undefined): void;
}

export interface TestHooks {
  /** The clock the store waits on: the system's, or in test runs whichever clock a test puts in. */
  clock: Clock;
  /** Test runs: puts a test's clock in (undefined puts the system clock back). */
  useClock(clock: Clock | undefined): void;
  openExternal: ExternalOpener;
  instrumentation: Instrumentation;
  externalOpens(): string[];
  webviewAudit(): { inspectedBytes: number; leaks: string[] };
  /** The same for what was handed to assistants (tool results, Copy for Chat). */
  assistantAudit(): { inspectedBytes: number; results: number; leaks: string[] };
  logLines(): string[];
  /** Every message a webview sent, and whether it matched the protocol. */
  webviewMessages(): { type: string; accepted: boolean }[];
  /** Test runs only: the clock the suite can move forward, and the modal questions asked. */
  testRun?: { clock: AdvanceableClock; nextModal(): Promise<ModalQuestion>; dispose(): void };
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
      assistantAudit: () => ({ inspectedBytes: 0, results: 0, leaks: [] }),
      logLines: () => [],
      webviewMessages: () => [],
    };
  }
  const opened: string[] = [];
  const audit = { inspectedBytes: 0, leaks: [] as string[] };
  const assistantAudit = { inspectedBytes: 0, results: 0, leaks: [] as string[] };
  const inspect = (record: { inspectedBytes: number; leaks: string[] }, text: string) => {
    record.inspectedBytes += text.length;
    for (const secret of knownSecrets()) {
      if (secret.length >= 4 && text.includes(secret)) record.leaks.push(`${secret.slice(0, 4)}… in ${text.slice(0, 40)}`);
    }
  };
  const lines: string[] = [];
  const messages: { type: string; accepted: boolean }[] = [];
  // Real time that the suite can move forward; a test may put its own clock in instead.
  const advanceable = new AdvanceableClock();
  let current: Clock = advanceable;
  const modals = new ModalQueue();
  const answering = answerModalsWith((message, detail, buttons) => modals.ask(message, detail, buttons));
  return {
    // Each call goes to the clock in place now, so a test can take over time from its next wait.
    clock: { now: () => current.now(), sleep: (ms, signal) => current.sleep(ms, signal) },
    useClock: (clock) => {
      current = clock ?? advanceable;
    },
    openExternal: (uri) => {
      opened.push(uri.toString());
      return Promise.resolve(true);
    },
    instrumentation: {
      toWebview: (text) => inspect(audit, text),
      toAssistant: (text) => {
        assistantAudit.results++;
        inspect(assistantAudit, text);
      },
      fromWebview: (type, accepted) => messages.push({ type, accepted }),
      logLine: (line) => lines.push(line),
    },
    externalOpens: () => [...opened],
    webviewAudit: () => ({ ...audit, leaks: [...audit.leaks] }),
    assistantAudit: () => ({ ...assistantAudit, leaks: [...assistantAudit.leaks] }),
    logLines: () => [...lines],
    webviewMessages: () => [...messages],
    testRun: { clock: advanceable, nextModal: () => modals.next(), dispose: () => answering.dispose() },
  };
}

/** Questions asked and not yet taken by the suite, and the suite waiting for the next one. */
class ModalQueue {
  private readonly asked: ModalQuestion[] = [];
  private waiting: ((question: ModalQuestion) => void) | undefined;

  ask(message: string, detail: string, buttons: readonly string[]): Promise<string | undefined> {
    return new Promise((resolve) => {
      const question: ModalQuestion = {
        message,
        detail,
        buttons,
        answer: (button) => resolve(button !== undefined && buttons.includes(button) ? button : undefined),
      };
      const taker = this.waiting;
      this.waiting = undefined;
      if (taker) taker(question);
      else this.asked.push(question);
    });
  }

  next(): Promise<ModalQuestion> {
    const first = this.asked.shift();
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
