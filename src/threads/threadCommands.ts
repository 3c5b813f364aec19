// Opening threads: as Markdown (and, until the panel exists, from the tree too).
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Logger } from '../http/client';
import { describeError } from '../http/errors';
import { threadDocumentUri, type ThreadDocumentProvider } from '../markdown/threadDocuments';
import type { ThreadLoader, ThreadTarget } from './threadLoader';

export const threadTargetSchema = z.object({
  accountId: z.string().min(1),
  threadId: z.string().min(1),
  containerId: z.string().min(1).optional(),
});

export function parseTarget(args: unknown): ThreadTarget | undefined {
  const parsed = threadTargetSchema.safeParse(args);
  if (!parsed.success) return undefined;
  return { accountId: parsed.data.accountId, threadId: parsed.data.threadId, ...(parsed.data.containerId ? { containerId: parsed.data.containerId } : {}) };
}

export interface ThreadCommandDeps {
  loader: ThreadLoader;
  documents: ThreadDocumentProvider;
  log: Logger;
}

export function registerThreadCommands(deps: ThreadCommandDeps): vscode.Disposable[] {
  const openAsMarkdown = async (args?: unknown) => {
    const target = parseTarget(args);
    if (!target) throw new Error('threadline.openThreadAsMarkdown needs {accountId, threadId}');
    const account = deps.loader.account(target.accountId);
    const title = (args as { summary?: { title?: string } })?.summary?.title ?? target.threadId;
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
  return [
    vscode.commands.registerCommand('threadline.openThreadAsMarkdown', openAsMarkdown),
    // Until the thread panel lands, clicking a thread opens it as Markdown.
    vscode.commands.registerCommand('threadline.openThread', openAsMarkdown),
  ];
}
