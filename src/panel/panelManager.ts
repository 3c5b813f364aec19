// One panel per thread (revealed when already open), and the serializer that rebuilds open
// panels after a window reload from the page's saved {accountId, threadId}.
import * as vscode from 'vscode';
import { parseTarget, targetKey, targetQuery, type ThreadTarget } from '../domain/target';
import { pageStateSchema } from './protocol';
import { PANEL_VIEW_TYPE, ThreadPanel, webviewOptions, type PanelDeps } from './threadPanel';

export class ThreadPanelManager implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, ThreadPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  /** What every panel gets; the link it copies is made here. */
  private readonly deps: PanelDeps;

  constructor(options: Omit<PanelDeps, 'linkTo'>) {
    this.deps = { ...options, linkTo: (target, messageId) => threadLink(target, messageId) };
    this.disposables.push(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, this));
  }

  open(target: ThreadTarget, column: vscode.ViewColumn = vscode.ViewColumn.Active): ThreadPanel {
    const existing = this.panels.get(targetKey(target));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Loading thread…', column, {
      ...webviewOptions(this.deps.extensionUri),
      enableFindWidget: true,
    });
    return this.adopt(panel, target);
  }

  get(target: { accountId: string; threadId: string }): ThreadPanel | undefined {
    return this.panels.get(targetKey(target));
  }

  all(): ThreadPanel[] {
    return [...this.panels.values()];
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.deps.log.info('Restoring a thread panel after a reload');
    const saved = pageStateSchema.safeParse(state);
    const target = saved.success ? saved.data.target : parseTarget((state as { target?: unknown } | undefined)?.target);
    if (!target || !this.deps.store.hasAccount(target.accountId)) {
      this.deps.log.info('A saved thread panel could not be restored (its account is gone)');
      panel.dispose();
      return;
    }
    if (this.panels.has(targetKey(target))) {
      panel.dispose();
      return;
    }
    this.adopt(panel, target);
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, target: ThreadTarget): ThreadPanel {
    const threadPanel = new ThreadPanel(panel, target, this.deps);
    const key = targetKey(target);
    this.panels.set(key, threadPanel);
    threadPanel.onDidDispose(() => {
      if (this.panels.get(key) === threadPanel) this.panels.delete(key);
    });
    return threadPanel;
  }
}

/** A link that opens a thread in Threadline (handled by the extension's URI handler). */
export async function threadLink(target: ThreadTarget, messageId?: string): Promise<string> {
  const query = targetQuery(target);
  if (messageId) query.set('message', messageId);
  const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://threadline.threadline/open`).with({ query: query.toString() });
  return (await vscode.env.asExternalUri(uri)).toString();
}
