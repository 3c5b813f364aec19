// Opening threads in the panel: from the tree (a single click previews, a double click keeps it
// open), the context menu (Open to the Side), a script, or a link (URI handler).
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Clock } from '../clock';
import { parseTarget, targetFromQuery, targetKey, type ThreadTarget } from '../domain/target';
import type { Logger } from '../logger';
import type { ThreadStore } from '../store/threadStore';

/** Two clicks on the same row within this time are a double click (the tree runs the command on each). */
export const DOUBLE_CLICK_MS = 500;

export interface PanelRequest {
  preview?: boolean;
  side?: boolean;
}

export interface ThreadCommandDeps {
  store: ThreadStore;
  log: Logger;
  clock: Clock;
  /** Shows the thread in a panel: the preview, its own panel, or its own panel beside the editor. */
  openPanel: (target: ThreadTarget, request?: PanelRequest) => void;
}

const optionsSchema = z.object({ preview: z.optional(z.boolean()) });

export function registerThreadCommands(deps: ThreadCommandDeps): vscode.Disposable[] {
  let lastPreview: { key: string; at: number } | undefined;
  const targetOf = (args: unknown, command: string): ThreadTarget => {
    const target = parseTarget(args);
    if (!target) throw new Error(`${command} needs {accountId, threadId}`);
    deps.store.account(target.accountId);
    return target;
  };
  const openInPanel = (args?: unknown) => {
    const target = targetOf(args, 'threadline.openThread');
    const options = optionsSchema.safeParse(args);
    const preview = options.success && options.data.preview === true;
    if (!preview) {
      deps.openPanel(target);
      return;
    }
    // The tree runs its row's command once per click: a second click on the same row soon after
    // the first is a double click, which keeps the thread open as VS Code does for files.
    const now = deps.clock.now();
    const key = targetKey(target);
    const doubleClick = lastPreview?.key === key && now - lastPreview.at <= DOUBLE_CLICK_MS;
    lastPreview = doubleClick ? undefined : { key, at: now };
    deps.openPanel(target, { preview: !doubleClick });
  };
  return [
    vscode.commands.registerCommand('threadline.openThread', openInPanel),
    vscode.commands.registerCommand('threadline.openThreadToSide', (args?: unknown) => deps.openPanel(targetOf(args, 'threadline.openThreadToSide'), { side: true })),
    // Links copied from a thread ("Copy link") open it again.
    vscode.window.registerUriHandler({
      handleUri(uri) {
        // Checked like command arguments: the link comes from outside.
        const target = targetFromQuery(uri.query);
        if (uri.path === '/open' && target && deps.store.hasAccount(target.accountId)) deps.openPanel(target);
        else void vscode.window.showWarningMessage(vscode.l10n.t('That Threadline link does not point to a thread of a connected account.'));
      },
    }),
  ];
}
