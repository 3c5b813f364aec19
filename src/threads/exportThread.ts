// "Export Thread…": the whole thread — every page fetched — as Markdown or as JSON (the complete
// domain model), with a progress notification that can be cancelled.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { SERVICE_NAMES } from '../domain/model';
import { describeError, isAbortError } from '../http/errors';
import type { Logger } from '../http/client';
import { renderThreadMarkdown } from '../render/markdownDocument';
import { TreeNode } from '../tree/treeNode';
import { parseTarget } from './threadCommands';
import type { ThreadLoader } from './threadLoader';

export const EXPORT_FORMAT = 'threadline-thread/1';

const exportArgsSchema = z.object({ uri: z.optional(z.string()), format: z.optional(z.enum(['md', 'json'])) });

export function registerExportCommand(
  loader: ThreadLoader,
  log: Logger,
  titleOf: (accountId: string, threadId: string) => string | undefined,
): vscode.Disposable {
  return vscode.commands.registerCommand('threadline.exportThread', async (args?: unknown) => {
    const target = parseTarget(args);
    if (!target) throw new Error('threadline.exportThread needs {accountId, threadId}');
    // Only a script says where and how; a row of the view (told apart by type) asks.
    const given = args instanceof TreeNode ? undefined : exportArgsSchema.safeParse(args).data;
    loader.account(target.accountId); // fails early, and clearly, for an account that is gone
    const title = titleOf(target.accountId, target.threadId) ?? target.threadId;
    let uri = given?.uri ? vscode.Uri.file(given.uri) : undefined;
    if (!uri) {
      const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
      uri = await vscode.window.showSaveDialog({
        title: 'Export Thread',
        defaultUri: vscode.Uri.joinPath(base, `${title.replace(/[\\/:*?"<>|]+/g, ' ').trim().slice(0, 60) || 'thread'}.md`),
        filters: { Markdown: ['md'], JSON: ['json'] },
      });
      if (!uri) return undefined;
    }
    const format = given?.format ?? (uri.path.toLowerCase().endsWith('.json') ? 'json' : 'md');
    try {
      const written = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Exporting “${title}”`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          const loaded = await loader.openAll(target, {
            signal: controller.signal,
            onProgress: (count, total) => {
              const percent = total ? (count / total) * 100 : 0;
              progress.report({ message: total ? `${count} of ${total} messages` : `${count} messages`, increment: percent - reported });
              reported = percent;
            },
          });
          const content =
            format === 'json'
              ? JSON.stringify(
                  {
                    format: EXPORT_FORMAT,
                    exportedAt: new Date().toISOString(),
                    account: { service: loaded.account.service, serviceName: SERVICE_NAMES[loaded.account.service], label: loaded.account.label },
                    thread: loaded.thread,
                    messages: loaded.messages,
                  },
                  null,
                  2,
                )
              : renderThreadMarkdown(loaded.account, loaded.thread, loaded.messages, loader.containerLabel(target.accountId, target.containerId));
          controller.signal.throwIfAborted();
          await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
          return loaded.messages.length;
        },
      );
      log.info(`Exported ${written} messages to ${uri.fsPath}`);
      if (!given?.uri) void vscode.window.showInformationMessage(`Exported ${written} messages to ${vscode.workspace.asRelativePath(uri)}.`);
      return uri.fsPath;
    } catch (error) {
      if (isAbortError(error)) return undefined;
      void vscode.window.showErrorMessage(`Couldn't export the thread: ${describeError(error)}`);
      if (given?.uri) throw error;
      return undefined;
    }
  });
}
