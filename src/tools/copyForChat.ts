// "Threadline: Copy Thread for Chat": the thread as the read tool gives it to an assistant — the
// same compact Markdown, the same customer-content block and notice — on the clipboard, for
// assistants that are not VS Code tools. From a thread's context menu in the Threads view, or
// from the thread panel's title bar (the panel that is active). A thread too long for an
// assistant keeps its most recent messages and says so.
import * as vscode from 'vscode';
import { parseTarget, type ThreadTarget } from '../domain/target';
import { describeError, isAbortError } from '../http/errors';
import type { Instrumentation } from '../instrumentation';
import type { Logger } from '../logger';
import type { ThreadStore } from '../store/threadStore';
import { COPY_FOR_CHAT_TOKENS, estimatedBudget } from './budget';
import { assistantOrigin, renderThreadForAssistant } from './readThread';
import { notice } from '../sinks/notification';
import { plural } from '../domain/format';

export interface CopyForChatDeps {
  store: ThreadStore;
  log: Logger;
  instrumentation: Instrumentation;
  /** The thread of the active thread panel, if one is active (the panel's title-bar button). */
  activeThread: () => ThreadTarget | undefined;
}

/** What the command returns to scripts. */
export interface CopiedForChat {
  characters: number;
  shown: number;
  total: number;
}

export function registerCopyForChat(deps: CopyForChatDeps): vscode.Disposable {
  return vscode.commands.registerCommand('threadline.copyThreadForChat', async (args?: unknown): Promise<CopiedForChat | undefined> => {
    // A tree row hands its node (which names the thread); the panel's title bar hands nothing useful.
    const target = parseTarget(args) ?? deps.activeThread();
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a thread, or right-click one in the Threads view, to copy it for chat.'));
      return undefined;
    }
    deps.store.account(target.accountId); // fails early, and clearly, for an account that is gone
    const title = deps.store.titleOf(target.accountId, target.threadId) ?? target.threadId;
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Copying the thread for chat'), cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          const whole = await deps.store.loadWholeThread(target, {
            signal: controller.signal,
            onProgress: (loaded, total) => progress.report({ message: total ? vscode.l10n.t('{0} of {1} messages', loaded, total) : vscode.l10n.t('{0} messages', loaded) }),
          });
          const threadId = deps.store.serviceIdOf(target.accountId, target.threadId);
          const containerId = target.containerId ?? whole.thread.containerId;
          const rendered = await renderThreadForAssistant(
            { origin: assistantOrigin(deps.store, target.accountId, containerId), thread: { ...whole.thread, threadId }, messages: whole.messages, ...(whole.stopped ? { stopped: whole.stopped } : {}) },
            { accountId: target.accountId, threadId, ...(containerId ? { containerId } : {}) },
            undefined,
            { signal: controller.signal, budget: estimatedBudget(COPY_FOR_CHAT_TOKENS) },
          );
          controller.signal.throwIfAborted();
          await vscode.env.clipboard.writeText(rendered.text);
          deps.instrumentation.toAssistant(rendered.text);
          deps.log.info(`Copied a thread for chat: ${rendered.shown} of ${rendered.total} messages, ${rendered.text.length} characters`);
          const which = rendered.shown === rendered.total ? `${plural(rendered.total, vscode.l10n.t('message'), vscode.l10n.t('messages'))}` : vscode.l10n.t('the latest {0} of {1} messages', rendered.shown, rendered.total);
          void vscode.window.showInformationMessage(notice`Copied “${title}” for chat (${which}). Paste it into your assistant.`);
          return { characters: rendered.text.length, shown: rendered.shown, total: rendered.total };
        } finally {
          cancel.dispose();
        }
      });
    } catch (error) {
      if (isAbortError(error)) return undefined;
      void vscode.window.showErrorMessage(notice`Couldn't copy the thread: ${describeError(error)}`);
      return undefined;
    }
  });
}
