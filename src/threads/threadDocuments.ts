// "Open Thread as Markdown": a read-only virtual document (scheme `threadline:`) that works with
// editor find, the Markdown preview and copy.
import * as vscode from 'vscode';
import { describeError } from '../http/errors';
import type { Logger } from '../logger';
import { renderThreadMarkdown } from '../markdown/render';
import { safeFileName } from '../sinks/fileName';
import { documentParagraphs } from '../sinks/markdownDocument';
import { notice } from '../sinks/notification';
import { parseTarget, targetFromQuery, targetQuery, type ThreadTarget } from '../domain/target';
import type { ThreadStore } from '../store/threadStore';

export const THREAD_SCHEME = 'threadline';

export function threadDocumentUri(target: ThreadTarget, accountLabel: string, title: string): vscode.Uri {
  // The name is the editor tab's title: the file name sink keeps it short, on one line, and free
  // of separators and dot segments.
  return vscode.Uri.from({
    scheme: THREAD_SCHEME,
    path: `/${safeFileName(accountLabel, 'account')}/${safeFileName(title)}.md`,
    query: targetQuery(target).toString(),
  });
}

export class ThreadDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly store: ThreadStore,
    private readonly log: Logger,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const target = targetFromQuery(uri.query);
    if (!target) return '# Not a Threadline thread\n';
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const { account, thread, messages, stopped } = await this.store.loadWholeThread(target, { signal: controller.signal, fresh: true });
      return renderThreadMarkdown(this.store.originOf(account.id, target.containerId ?? thread.containerId), thread, messages, stopped);
    } catch (error) {
      this.log.warn(`Couldn't load ${target.threadId} as Markdown: ${describeError(error)}`);
      return `# Couldn't load this thread\n\n${documentParagraphs(describeError(error))}\n\nRun "Threadline: Reload Markdown Document" to try again.\n`;
    } finally {
      subscription.dispose();
    }
  }

  /** "Open Thread as Markdown" and "Reload Markdown Document". */
  registerCommands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('threadline.openThreadAsMarkdown', async (args?: unknown) => {
        const target = parseTarget(args);
        if (!target) throw new Error('threadline.openThreadAsMarkdown needs {accountId, threadId}');
        const account = this.store.account(target.accountId);
        const title = this.store.titleOf(target.accountId, target.threadId) ?? target.threadId;
        const uri = threadDocumentUri(target, account.label, title);
        try {
          const document = await vscode.workspace.openTextDocument(uri);
          // Beside what is open; with nothing open, in the editor area itself (not half of it, empty).
          const somethingOpen = vscode.window.tabGroups.all.some((group) => group.tabs.length > 0);
          await vscode.window.showTextDocument(document, { viewColumn: somethingOpen ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: false });
          return uri.toString();
        } catch (error) {
          void vscode.window.showErrorMessage(notice`Couldn't open the thread: ${describeError(error)}`);
          return undefined;
        }
      }),
      vscode.commands.registerCommand('threadline.reloadMarkdown', () => {
        const uri = vscode.window.activeTextEditor?.document.uri;
        if (uri?.scheme === THREAD_SCHEME) this.reload(uri);
      }),
    ];
  }

  reload(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
