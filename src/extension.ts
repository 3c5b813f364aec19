// Wires Threadline together; each part lives in its own module.
import * as vscode from 'vscode';
import { registerAccountCommands } from './accounts/accountCommands';
import { secretKey } from './accounts/accountSecrets';
import { AccountStore } from './accounts/accountStore';
import { hintIfKeysAreMissing } from './accounts/keyringHint';
import { ThreadlineLog } from './log';
import { SampleData, isSampleAccount, registerSampleDataCommands } from './sampleData';
import { THREAD_SCHEME, ThreadDocumentProvider } from './markdown/threadDocuments';
import { SourceRegistry } from './sources';
import { registerLookupCommands } from './lookup/lookupCommands';
import { RecentLookups, showRecentLookupsInTree } from './lookup/recentLookups';
import { SeenThreads } from './lookup/seenThreads';
import { ThreadPanelManager } from './panel/panelManager';
import { canLookUpByEmail } from './providers/types';
import { registerExportCommand } from './threads/exportThread';
import { registerThreadCommands } from './threads/threadCommands';
import { ThreadLoader } from './threads/threadLoader';
import { startAutoRefresh } from './tree/autoRefresh';
import { registerTreeCommands } from './tree/treeCommands';
import { ThreadTreeProvider } from './tree/threadTree';
import type { TreeNode } from './tree/treeNode';
import type { ThreadlineTestApi } from './testApi';
import { createTestHooks } from './testHooks';

export function activate(context: vscode.ExtensionContext): ThreadlineTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  const log = new ThreadlineLog(testing);
  const accounts = new AccountStore(context.secrets, log);
  log.scrubbing(() => accounts.secrets.knownValues());
  const hooks = createTestHooks(testing, accounts.secrets);
  const sources = new SourceRegistry(accounts, log, hooks.clock);
  const seen = new SeenThreads();
  const recentLookups = new RecentLookups(context.globalState);
  const sampleData = new SampleData(context.extensionUri, accounts, log);
  // Sample accounts need their server (and, where secrets live in memory only, their keys) again;
  // without sample accounts this loads nothing.
  const sampleReady = sampleData.resume().catch((error: unknown) => log.warn(`Sample data: ${error instanceof Error ? error.message : String(error)}`));
  const tree = new ThreadTreeProvider(accounts, sources, log, {
    threadsLoaded: (accountId, threads) => seen.record(accountId, threads),
    accountReady: (account) => (isSampleAccount(account) ? sampleReady : Promise.resolve()),
  });
  const view = vscode.window.createTreeView<TreeNode>('threadline.threads', { treeDataProvider: tree, showCollapseAll: true });
  const loader = new ThreadLoader(accounts, sources, (accountId, containerId) =>
    tree.accountNode(accountId)?.containerNodes().find((node) => node.containerId === containerId)?.container.label,
  );
  const documents = new ThreadDocumentProvider(loader, log);
  const panels = new ThreadPanelManager({
    loader,
    extensionUri: context.extensionUri,
    log,
    openExternal: hooks.openExternal,
    accounts,
    threadSeen: (accountId, thread) => seen.record(accountId, [thread], thread.participants),
    inspectOutgoing: hooks.inspectOutgoing,
    clock: hooks.clock,
  });
  /** A thread's title, when a panel or the tree has it: names documents and exports. */
  const titleOf = (accountId: string, threadId: string): string | undefined =>
    panels.get({ accountId, threadId })?.view?.thread.title ??
    tree
      .accountNode(accountId)
      ?.containerNodes()
      .flatMap((node) => node.threads)
      .find((thread) => thread.threadId === threadId)?.title;

  context.subscriptions.push(
    log,
    accounts,
    sources,
    tree,
    view,
    documents,
    panels,
    recentLookups,
    sampleData,
    ...registerSampleDataCommands(sampleData, accounts, () => tree.refresh()),
    // Accounts that can look customers up list their recent lookups beside their containers.
    showRecentLookupsInTree(tree, (account) => canLookUpByEmail(sources.get(account)), recentLookups),
    accounts.onDidChange(() => seen.retainAccounts(new Set(accounts.list().map((account) => account.id)))),
    tree.onDidChangeUnread((count) => {
      view.badge = count > 0 ? { value: count, tooltip: `${count} thread${count === 1 ? '' : 's'} with unread messages` } : undefined;
    }),
    vscode.workspace.registerTextDocumentContentProvider(THREAD_SCHEME, documents),
    vscode.commands.registerCommand('threadline.showLog', () => log.show()),
    ...registerAccountCommands({
      accounts,
      sources,
      log,
      reveal: (accountId) => {
        const node = tree.accountNode(accountId);
        if (node) void view.reveal(node, { expand: true, focus: false, select: true }).then(undefined, () => undefined);
      },
    }),
    ...registerTreeCommands(tree, log, hooks.openExternal),
    ...registerThreadCommands({ loader, documents, panels, log, titleOf }),
    registerExportCommand(loader, log, titleOf),
    ...registerLookupCommands({ accounts, sources, panels, seen, recent: recentLookups, log, clock: hooks.clock }),
    startAutoRefresh(view, tree, hooks.clock),
  );

  log.info(`Threadline ${String(context.extension.packageJSON.version)} activated in ${vscode.env.appName} ${vscode.version}`);
  // The keyring hint waits for the sample data, so sample keys restored there are not taken for lost ones.
  void sampleReady.then(() => hintIfKeysAreMissing(accounts, context.globalState)).catch((error: unknown) => log.warn(`Keyring hint: ${String(error)}`));
  const updateSampleContext = () => void vscode.commands.executeCommand('setContext', 'threadline.hasSampleData', accounts.list().some(isSampleAccount));
  updateSampleContext();
  context.subscriptions.push(accounts.onDidChange(updateSampleContext));

  if (!hooks.testRun) return undefined;
  context.subscriptions.push(hooks.testRun);
  return {
    clock: hooks.testRun.clock,
    nextModal: hooks.testRun.nextModal,
    tree,
    view,
    accounts,
    sources,
    panels,
    externalOpens: hooks.externalOpens,
    webviewAudit: hooks.webviewAudit,
    recentLookups,
    logLines: () => [...(log.recorded ?? [])],
    globalState: context.globalState,
    workspaceState: context.workspaceState,
    readSecret: (accountId, name) => context.secrets.get(secretKey(accountId, name)),
  };
}

export function deactivate(): void {}

