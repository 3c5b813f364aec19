// When a saved account's key is missing at start, say once why that can happen: on Linux
// without a keyring VS Code keeps secrets in memory only, so they are gone after a restart; in a
// browser (VS Code for the Web, code-server) secrets may last only for the session.
// (An extension cannot detect that case; Threadline never falls back to plaintext.)
import * as vscode from 'vscode';
import { notice } from '../sinks/notification';
import type { AccountStore } from './accountStore';

const SHOWN_KEY = 'threadline.keyringHintShown';

export async function hintIfKeysAreMissing(accounts: AccountStore, state: vscode.Memento): Promise<void> {
  if (state.get<boolean>(SHOWN_KEY)) return;
  const missing: string[] = [];
  for (const account of accounts.list()) {
    if ((await accounts.secrets.state(account, 'apiKey')).status === 'missing') missing.push(account.label);
  }
  if (missing.length === 0) return;
  await state.update(SHOWN_KEY, true);
  // In a browser (code-server, vscode.dev) there is no keyring to start: say what happens there.
  const message =
    vscode.env.uiKind === vscode.UIKind.Web
      ? notice`Threadline has no saved key for ${missing}. If you had entered one: VS Code in a browser may keep secrets only for the session, so they are gone after a reload. Set the keys again.`
      : notice`Threadline has no saved key for ${missing}. If you had entered one, VS Code may be keeping secrets in memory only: on Linux this happens when no keyring (GNOME Keyring, KWallet) is running, and keys are lost on restart. Start or unlock a keyring, then set the keys again.`;
  const choice = await vscode.window.showWarningMessage(message, vscode.l10n.t('Set API Key'));
  if (choice === vscode.l10n.t('Set API Key')) await vscode.commands.executeCommand('threadline.setApiKey');
}
