// When a saved account's key is missing at start, say once why that can happen: on Linux
// without a keyring VS Code keeps secrets in memory only, so they are gone after a restart.
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
  const choice = await vscode.window.showWarningMessage(
    notice`Threadline has no saved key for ${missing}. If you had entered one, VS Code may be keeping secrets in memory only: on Linux this happens when no keyring (GNOME Keyring, KWallet) is running, and keys are lost on restart. Start or unlock a keyring, then set the keys again.`,
    'Set API Key',
  );
  if (choice === 'Set API Key') await vscode.commands.executeCommand('threadline.setApiKey');
}
