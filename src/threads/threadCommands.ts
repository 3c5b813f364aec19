// Opening threads in the panel: from the tree, a script, or a link (URI handler).
import * as vscode from 'vscode';
import { parseTarget, targetFromQuery, type ThreadTarget } from '../domain/target';
import type { Logger } from '../logger';
import type { ThreadStore } from '../store/threadStore';

export interface ThreadCommandDeps {
  store: ThreadStore;
  log: Logger;
  /** Shows the thread in its panel. */
  openPanel: (target: ThreadTarget) => void;
}

export function registerThreadCommands(deps: ThreadCommandDeps): vscode.Disposable[] {
  const openInPanel = (args?: unknown) => {
    const target = parseTarget(args);
    if (!target) throw new Error('threadline.openThread needs {accountId, threadId}');
    deps.store.account(target.accountId);
    deps.openPanel(target);
  };
  return [
    vscode.commands.registerCommand('threadline.openThread', openInPanel),
    // Links copied from a thread ("Copy link") open it again.
    vscode.window.registerUriHandler({
      handleUri(uri) {
        // Checked like command arguments: the link comes from outside.
        const target = targetFromQuery(uri.query);
        if (uri.path === '/open' && target && deps.store.hasAccount(target.accountId)) deps.openPanel(target);
        else void vscode.window.showWarningMessage('That Threadline link does not point to a thread of a connected account.');
      },
    }),
  ];
}
