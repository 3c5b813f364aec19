// What changes in test runs (ExtensionMode.Test) only: links are recorded instead of opened, so
// the suite can check what would have reached openExternal; everything handed to a webview is
// searched for known secret values; time runs on a clock the suite can move forward (request
// timeouts and polling waits end without being waited out); and modal questions, which VS Code
// refuses to show while extension tests run, are handed to the suite to read and answer.
// Normal runs get the plain behaviour and no hooks.
import * as vscode from 'vscode';
import type { AccountSecrets } from './accounts/accountSecrets';
import { AdvanceableClock, systemClock, type Clock } from './clock';
import { answerModalsWith } from './modal';
import type { ExternalOpener } from './tree/treeCommands';

/** A modal question the extension asked during a test run, waiting for the suite's answer. */
export interface ModalQuestion {
  message: string;
  detail: string;
  buttons: readonly string[];
  /** Clicks a button, or dismisses the dialog with undefined. */
  answer(button: string | undefined): void;
}

export interface TestHooks {
  clock: Clock;
  openExternal: ExternalOpener;
  inspectOutgoing: ((text: string) => void) | undefined;
  externalOpens(): string[];
  webviewAudit(): { inspectedBytes: number; leaks: string[] };
  /** Test runs only: the clock the suite can move forward, and the modal questions asked. */
  testRun?: { clock: AdvanceableClock; nextModal(): Promise<ModalQuestion>; dispose(): void };
}

export function createTestHooks(testing: boolean, secrets: AccountSecrets): TestHooks {
  if (!testing) {
    return {
      clock: systemClock,
      openExternal: (uri) => vscode.env.openExternal(uri),
      inspectOutgoing: undefined,
      externalOpens: () => [],
      webviewAudit: () => ({ inspectedBytes: 0, leaks: [] }),
    };
  }
  const opened: string[] = [];
  const audit = { inspectedBytes: 0, leaks: [] as string[] };
  const clock = new AdvanceableClock();
  const modals = new ModalQueue();
  const answering = answerModalsWith((message, detail, buttons) => modals.ask(message, detail, buttons));
  return {
    clock,
    openExternal: (uri) => {
      opened.push(uri.toString());
      return Promise.resolve(true);
    },
    inspectOutgoing: (text) => {
      audit.inspectedBytes += text.length;
      for (const secret of secrets.knownValues()) {
        if (secret.length >= 4 && text.includes(secret)) audit.leaks.push(`${secret.slice(0, 4)}… in ${text.slice(0, 40)}`);
      }
    },
    externalOpens: () => [...opened],
    webviewAudit: () => ({ ...audit, leaks: [...audit.leaks] }),
    testRun: { clock, nextModal: () => modals.next(), dispose: () => answering.dispose() },
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
