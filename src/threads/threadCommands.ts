// Opening threads: in the panel, as Markdown, or from a link (URI handler).
import * as vscode from 'vscode';
import type { Logger } from '../http/client';
import { describeError } from '../http/errors';
import { threadDocumentUri, type ThreadDocumentProvider } from '../markdown/threadDocuments';
import type { ThreadPanelManager } from '../panel/panelManager';
import { threadTargetSchema } from '../panel/protocol';
import { ThreadNode } from '../tree/threadNode';
import { TreeNode } from '../tree/treeNode';
import type { ThreadLoader } from './threadLoader';
import { targetFromQuery, type ThreadTarget } from './threadTarget';

/** The thread of a row of the view (told apart by its type), or of a script's {accountId, threadId, containerId?}. */
export function parseTarget(args: unknown): ThreadTarget | undefined {
  if (args instanceof ThreadNode) {
    return { accountId: args.accountId, threadId: args.threadId, ...(args.containerId ? { containerId: args.containerId } : {}) };
  }
  if (args instanceof TreeNode) return undefined;
  const parsed = threadTargetSchema.safeParse(args);
  if (!parsed.success) return undefined;
  return { accountId: parsed.data.accountId, threadId: parsed.data.threadId, ...(parsed.data.containerId ? { containerId: parsed.data.containerId } : {}) };
}

export interface ThreadCommandDeps {
  loader: ThreadLoader;
  documents: ThreadDocumentProvider;
  panels: ThreadPanelManager;
  log: Logger;
  /** The title of a thread the tree or a panel has loaded, for the document's name. */
  titleOf: (accountId: string, threadId: string) => string | undefined;
}

export function registerThreadCommands(deps: ThreadCommandDeps): vscode.Disposable[] {
  const openAsMarkdown = async (args?: unknown) => {
    const target = parseTarget(args);
    if (!target) throw new Error('threadline.openThreadAsMarkdown needs {accountId, threadId}');
    const account = deps.loader.account(target.accountId);
    const title = deps.titleOf(target.accountId, target.threadId) ?? target.threadId;
    const uri = threadDocumentUri(target, account.label, title);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return uri.toString();
    } catch (error) {
      void vscode.window.showErrorMessage(`Couldn't open the thread: ${describeError(error)}`);
      return undefined;
    }
  };
  const openInPanel = (args?: unknown) => {
    const target = parseTarget(args);
    if (!target) throw new Error('threadline.openThread needs {accountId, threadId}');
    deps.loader.account(target.accountId);
    deps.panels.open(target);
  };
  return [
    vscode.commands.registerCommand('threadline.openThread', openInPanel),
    vscode.commands.registerCommand('threadline.openThreadAsMarkdown', openAsMarkdown),
    vscode.commands.registerCommand('threadline.reloadMarkdown', () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      if (uri?.scheme === 'threadline') deps.documents.reload(uri);
    }),
    // Links copied from a thread ("Copy link") open it again.
    vscode.window.registerUriHandler({
      handleUri(uri) {
        // Checked like command arguments: the link comes from outside.
        const target = parseTarget(targetFromQuery(uri.query));
        if (uri.path === '/open' && target && deps.loader.hasAccount(target.accountId)) deps.panels.open(target);
        else void vscode.window.showWarningMessage('That Threadline link does not point to a thread of a connected account.');
      },
    }),
  ];
}
