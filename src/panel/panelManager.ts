// Thread panels as VS Code treats files: a single click shows a thread in the one preview panel,
// which the next single click reuses (same webview, new content); double-click, Keep Open, or
// scrolling or searching in it keeps it open as the thread's own panel. A thread already kept
// open is revealed, never opened twice. Tabs whose titles collide carry their service. The
// serializer rebuilds open panels after a window reload from the page's saved state.
import * as vscode from 'vscode';
import { parseTarget, targetKey, targetQuery, type ThreadTarget } from '../domain/target';
import { pageStateSchema } from './protocol';
import { PANEL_VIEW_TYPE, ThreadPanel, webviewOptions, type MessageAt, type OpenAt, type PanelDeps } from './threadPanel';
import { tabTitle } from './titles';

/** Set while the active editor is a preview thread panel (Keep Open shows in its title bar). */
const PREVIEW_CONTEXT = 'threadline.previewPanelActive';

export interface OpenOptions {
  /** Show it in the preview panel (a single click in the tree). */
  preview?: boolean;
  column?: vscode.ViewColumn;
  preserveFocus?: boolean;
  /** Show this message (0 = the first), with these words searched for and highlighted. */
  at?: MessageAt;
}

export class ThreadPanelManager implements vscode.WebviewPanelSerializer, vscode.Disposable {
  /** Panels kept open, one per thread. */
  private readonly panels = new Map<string, ThreadPanel>();
  private previewPanel: ThreadPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** What every panel gets; the link it copies is made here. */
  private readonly deps: PanelDeps;

  constructor(options: Omit<PanelDeps, 'linkTo' | 'openAt' | 'keepOpen' | 'titleChanged'>) {
    this.deps = {
      ...options,
      linkTo: (target, messageId) => threadLink(target, messageId),
      openAt: () => vscode.workspace.getConfiguration('threadline').get<OpenAt>('openAt', 'unreadOrLatest'),
      keepOpen: (panel) => this.keep(panel),
      titleChanged: () => this.retitle(),
    };
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, this),
      vscode.commands.registerCommand('threadline.keepThreadOpen', () => {
        if (this.previewPanel) this.keep(this.previewPanel);
      }),
      options.store.onDidChange((change) => {
        if (change.kind === 'accountRemoved') this.closeAccount(change.accountId);
      }),
    );
  }

  open(target: ThreadTarget, options: OpenOptions = {}): ThreadPanel {
    const kept = this.panels.get(targetKey(target));
    if (kept) {
      kept.reveal(options.preserveFocus);
      if (options.at) kept.goTo(options.at);
      return kept;
    }
    const preview = this.previewPanel;
    if (preview && targetKey(preview.target) === targetKey(target)) {
      if (!options.preview) this.keep(preview);
      preview.reveal(options.preserveFocus);
      if (options.at) preview.goTo(options.at);
      return preview;
    }
    if (options.preview && preview) {
      preview.show(target);
      preview.reveal(options.preserveFocus);
      if (options.at) preview.goTo(options.at);
      return preview;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      vscode.l10n.t('Loading thread…'),
      { viewColumn: options.column ?? vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      { ...webviewOptions(this.deps.extensionUri), enableFindWidget: true },
    );
    return this.adopt(panel, target, { preview: options.preview ?? false, ...(options.at ? { at: options.at } : {}) });
  }

  get(target: { accountId: string; threadId: string }): ThreadPanel | undefined {
    const key = targetKey(target);
    return this.panels.get(key) ?? (this.previewPanel && targetKey(this.previewPanel.target) === key ? this.previewPanel : undefined);
  }

  /** The preview panel, if one is open. */
  get preview(): ThreadPanel | undefined {
    return this.previewPanel;
  }

  all(): ThreadPanel[] {
    return [...this.panels.values(), ...(this.previewPanel ? [this.previewPanel] : [])];
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
    if (this.get(target)) {
      panel.dispose();
      return;
    }
    const anchor = saved.success && saved.data.anchorIndex !== undefined ? saved.data : undefined;
    const preview = saved.success && saved.data.preview === true && !this.previewPanel;
    this.adopt(panel, target, {
      preview,
      ...(anchor ? { position: { index: anchor.anchorIndex ?? 0, ...(anchor.anchorOffset !== undefined ? { offset: anchor.anchorOffset } : {}) } } : {}),
    });
  }

  dispose(): void {
    for (const panel of this.all()) panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, target: ThreadTarget, options: ConstructorParameters<typeof ThreadPanel>[3]): ThreadPanel {
    const threadPanel = new ThreadPanel(panel, target, this.deps, options);
    if (threadPanel.preview) {
      this.previewPanel?.dispose();
      this.previewPanel = threadPanel;
    } else this.panels.set(targetKey(target), threadPanel);
    threadPanel.onDidDispose(() => {
      if (this.previewPanel === threadPanel) this.previewPanel = undefined;
      const key = targetKey(threadPanel.target);
      if (this.panels.get(key) === threadPanel) this.panels.delete(key);
      this.retitle();
      this.updateContext();
    });
    panel.onDidChangeViewState(() => this.updateContext());
    this.retitle();
    this.updateContext();
    return threadPanel;
  }

  /** The preview becomes the thread's own panel; the next single click opens a new preview. */
  private keep(panel: ThreadPanel): void {
    if (panel !== this.previewPanel) return;
    this.previewPanel = undefined;
    this.panels.set(targetKey(panel.target), panel);
    panel.keep();
    this.updateContext();
  }

  private updateContext(): void {
    const active = this.previewPanel?.panel.active ?? false;
    void vscode.commands.executeCommand('setContext', PREVIEW_CONTEXT, active);
  }

  /** Titles every tab: the thread's title, with its service (and account) where titles collide. */
  private retitle(): void {
    const panels = this.all();
    const entries = panels.map((panel) => {
      const account = this.deps.store.hasAccount(panel.target.accountId) ? this.deps.store.account(panel.target.accountId) : undefined;
      return { panel, title: panel.threadTitle, service: account ? this.deps.store.descriptor(account.id).name : undefined, account: account?.label };
    });
    const titles = tabTitle(entries.map(({ title, service, account }) => ({ title, service, account })));
    entries.forEach((entry, index) => entry.panel.setTabTitle(titles[index] ?? vscode.l10n.t('Thread')));
  }

  /** An account was removed: its panels close, and the reader is told once. */
  private closeAccount(accountId: string): void {
    const closing = this.all().filter((panel) => panel.target.accountId === accountId);
    if (closing.length === 0) return;
    for (const panel of closing) panel.dispose();
    this.deps.log.info(`Closed ${closing.length} thread panel(s) of a removed account`);
    void vscode.window.showInformationMessage(
      closing.length === 1 ? vscode.l10n.t('Closed the thread panel of the removed account.') : vscode.l10n.t('Closed {0} thread panels of the removed account.', closing.length),
    );
  }
}

/** A link that opens a thread in Threadline (handled by the extension's URI handler). */
export async function threadLink(target: ThreadTarget, messageId?: string): Promise<string> {
  const query = targetQuery(target);
  if (messageId) query.set('message', messageId);
  const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://threadline.threadline/open`).with({ query: query.toString() });
  return (await vscode.env.asExternalUri(uri)).toString();
}
