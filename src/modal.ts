// Modal questions: confirming a removal, or where a saved key may be sent. Everywhere users are,
// they are VS Code's own modal dialogs. VS Code refuses to show a modal dialog while extension
// tests run ("DialogService: refused to show dialog in tests"), so in ExtensionMode.Test the
// question goes to the integration suite instead, which reads it and answers it as a user would
// (see testHooks.ts).
import * as vscode from 'vscode';

export type ModalAsker = (message: string, detail: string, buttons: readonly string[]) => Thenable<string | undefined>;

const vscodeDialog: ModalAsker = (message, detail, buttons) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
let asker: ModalAsker = vscodeDialog;

/** Asks a modal question; resolves with the button chosen, or undefined when dismissed. */
export function askModal(message: string, detail: string, ...buttons: string[]): Thenable<string | undefined> {
  return asker(message, detail, buttons);
}

/** Test runs only: who answers modal questions until the returned disposable is disposed. */
export function answerModalsWith(answer: ModalAsker): vscode.Disposable {
  asker = answer;
  return new vscode.Disposable(() => {
    asker = vscodeDialog;
  });
}
