// What changes in test runs (ExtensionMode.Test) only: links are recorded instead of opened, so
// the suite can check what would have reached openExternal, and everything handed to a webview
// is searched for known secret values. Normal runs get the plain behaviour and no hooks.
import * as vscode from 'vscode';
import type { AccountSecrets } from './accounts/accountSecrets';
import type { ExternalOpener } from './tree/treeCommands';

export interface TestHooks {
  openExternal: ExternalOpener;
  inspectOutgoing: ((text: string) => void) | undefined;
  externalOpens(): string[];
  webviewAudit(): { inspectedBytes: number; leaks: string[] };
}

export function createTestHooks(testing: boolean, secrets: AccountSecrets): TestHooks {
  if (!testing) {
    return {
      openExternal: (uri) => vscode.env.openExternal(uri),
      inspectOutgoing: undefined,
      externalOpens: () => [],
      webviewAudit: () => ({ inspectedBytes: 0, leaks: [] }),
    };
  }
  const opened: string[] = [];
  const audit = { inspectedBytes: 0, leaks: [] as string[] };
  return {
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
  };
}
