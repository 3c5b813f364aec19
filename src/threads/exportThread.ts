// "Export Thread…": the whole thread — every page fetched — as Markdown or as JSON (the complete
// domain model), with a progress notification that can be cancelled. The format is asked first,
// the file name is suggested from the title (safe on every OS), and the end offers Open and Reveal.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Confirmations } from '../confirmations';
import { parseTarget } from '../domain/target';
import { describeError, isAbortError } from '../http/errors';
import type { Logger } from '../logger';
import { serviceName } from '../providers/registry';
import type { ThreadStore } from '../store/threadStore';
import { renderThreadMarkdown } from '../markdown/render';
import { safeFileName } from '../sinks/fileName';
import { notice } from '../sinks/notification';

export const EXPORT_FORMAT = 'threadline-thread/2';

const FORMATS = [
  { label: vscode.l10n.t('Markdown'), description: vscode.l10n.t('.md — readable, with the thread’s header and every message'), format: 'md' as const },
  { label: vscode.l10n.t('JSON'), description: vscode.l10n.t('.json — the complete thread as data'), format: 'json' as const },
];


const exportArgsSchema = z.object({ uri: z.optional(z.string()), format: z.optional(z.enum(['md', 'json'])) });

export function registerExportCommand(store: ThreadStore, log: Logger, confirmations: Confirmations): vscode.Disposable {
  return vscode.commands.registerCommand('threadline.exportThread', async (args?: unknown) => {
    const target = parseTarget(args);
    if (!target) throw new Error('threadline.exportThread needs {accountId, threadId}');
    const given = exportArgsSchema.safeParse(args);
    store.account(target.accountId); // fails early, and clearly, for an account that is gone
    const title = store.titleOf(target.accountId, target.threadId) ?? target.threadId;
    const scriptedUri = given.success && given.data.uri ? vscode.Uri.file(given.data.uri) : undefined;
    // A path given as an argument is written without asking only in test runs; otherwise it is
    // where the save dialog starts, and the user picks (or confirms) the file.
    let uri = scriptedUri && confirmations.argumentsTrusted ? scriptedUri : undefined;
    const formatOf = (file: vscode.Uri) => (file.path.toLowerCase().endsWith('.json') ? ('json' as const) : ('md' as const));
    // A path given as an argument already says the format; a user without one is asked.
    let format = (given.success ? given.data.format : undefined) ?? (scriptedUri ? formatOf(scriptedUri) : undefined);
    if (!uri) {
      // The format first: the save dialog then offers only its extension, and a name typed
      // with another one ("out.txt") is kept as typed.
      if (!format) {
        const picked = await vscode.window.showQuickPick(FORMATS, { title: vscode.l10n.t('Export Thread'), placeHolder: vscode.l10n.t('Export as') });
        if (!picked) return undefined;
        format = picked.format;
      }
      const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
      uri = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Thread as {0}', format === 'json' ? 'JSON' : 'Markdown'),
        defaultUri: scriptedUri ?? vscode.Uri.joinPath(base, `${safeFileName(title, 'thread', 60)}.${format}`),
        // "All files" too: a name typed with another extension ("out.txt") is kept, not given ".md".
        filters: format === 'json' ? { JSON: ['json'], 'All files': ['*'] } : { Markdown: ['md'], 'All files': ['*'] },
      });
      if (!uri) return undefined;
    }
    const quiet = uri === scriptedUri;
    format ??= formatOf(uri);
    try {
      const written = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: notice`Exporting “${title}”`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          const loaded = await store.loadWholeThread(target, {
            fresh: true,
            signal: controller.signal,
            onProgress: (count, total) => {
              const percent = total ? (count / total) * 100 : 0;
              progress.report({ message: total ? vscode.l10n.t('{0} of {1} messages', count, total) : vscode.l10n.t('{0} messages', count), increment: percent - reported });
              reported = percent;
            },
          });
          const content =
            format === 'json'
              ? JSON.stringify(
                  {
                    format: EXPORT_FORMAT,
                    exportedAt: new Date().toISOString(),
                    account: { service: loaded.account.service, serviceName: serviceName(loaded.account.service), label: loaded.account.label },
                    thread: loaded.thread,
                    messages: loaded.messages,
                    ...(loaded.stopped ? { incomplete: loaded.stopped } : {}),
                  },
                  null,
                  2,
                )
              : renderThreadMarkdown(store.originOf(target.accountId, target.containerId ?? loaded.thread.containerId), loaded.thread, loaded.messages, loaded.stopped);
          controller.signal.throwIfAborted();
          await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
          return { count: loaded.messages.length, stopped: loaded.stopped };
        },
      );
      log.info(`Exported ${written.count} messages to ${uri.fsPath}${written.stopped ? ` (${written.stopped})` : ''}`);
      if (written.stopped) void vscode.window.showWarningMessage(notice`Exported ${written.count} messages to ${vscode.workspace.asRelativePath(uri)}. ${written.stopped}`);
      else if (!quiet) {
        const file = uri;
        void vscode.window.showInformationMessage(notice`Exported ${written.count} messages to ${vscode.workspace.asRelativePath(file)}.`, vscode.l10n.t('Open'), vscode.l10n.t('Reveal')).then((choice) => {
          if (choice === vscode.l10n.t('Open')) void vscode.commands.executeCommand('vscode.open', file);
          else if (choice === vscode.l10n.t('Reveal')) void vscode.commands.executeCommand('revealFileInOS', file);
        });
      }
      return uri.fsPath;
    } catch (error) {
      if (isAbortError(error)) return undefined;
      void vscode.window.showErrorMessage(notice`Couldn't export the thread: ${describeError(error)}`);
      if (quiet) throw error;
      return undefined;
    }
  });
}
