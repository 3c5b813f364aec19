// "Open Thread as Markdown": a read-only virtual document (scheme `threadline:`) that works with
// editor find, the Markdown preview and copy.
import * as vscode from 'vscode';
import { describeError } from '../http/errors';
import type { Logger } from '../http/client';
import { renderThreadMarkdown } from '../render/markdownDocument';
import { safeFileName } from '../sinks/fileName';
import { documentParagraphs } from '../sinks/markdownDocument';
import type { ThreadLoader } from '../threads/threadLoader';
import { targetFromQuery, targetQuery, type ThreadTarget } from '../threads/threadTarget';

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
    private readonly loader: ThreadLoader,
    private readonly log: Logger,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const target = targetFromQuery(uri.query);
    if (!target) return '# Not a Threadline thread\n';
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const { account, thread, messages, stopped } = await this.loader.openAll(target, { signal: controller.signal });
      return renderThreadMarkdown(account, thread, messages, this.loader.containerLabel(account.id, target.containerId ?? thread.containerId), stopped);
    } catch (error) {
      this.log.warn(`Couldn't load ${target.threadId} as Markdown: ${describeError(error)}`);
      return `# Couldn't load this thread\n\n${documentParagraphs(describeError(error))}\n\nRun "Threadline: Reload Markdown Document" to try again.\n`;
    } finally {
      subscription.dispose();
    }
  }

  reload(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
