// The composition root: builds the store and every feature, and wires them together. Features
// never import one another; what one needs of another is handed in here.
import './l10nSetup';
import * as vscode from 'vscode';
import { registerAccountCommands } from './accounts/accountCommands';
import { secretKey } from './accounts/accountSecrets';
import { AccountStore } from './accounts/accountStore';
import { hintIfKeysAreMissing } from './accounts/keyringHint';
import { ProviderRegistry } from './accounts/providerRegistry';
import { Confirmations } from './confirmations';
import { ThreadlineLog } from './log';
import { registerLookupCommands } from './lookup/lookupCommands';
import { THREAD_SCHEME, ThreadDocumentProvider } from './threads/threadDocuments';
import { ThreadPanelManager } from './panel/panelManager';
import { SERVICES } from './providers/registry';
import { SampleData, isSampleAccount, registerSampleDataCommands } from './sampleData';
import { ThreadStore } from './store/threadStore';
import type { ThreadlineTestApi } from './testApi';
import { createTestHooks } from './testHooks';
import { registerExportCommand } from './threads/exportThread';
import { registerThreadCommands, type PanelRequest } from './threads/threadCommands';
import { registerCopyForChat } from './tools/copyForChat';
import { registerTools } from './tools/registerTools';
import { LoadedConversationSearch } from './tools/search';
import { registerSearchCommand, type SearchDeps } from './search/searchConversations';
import { SearchResultsView, registerSearchView } from './search/searchView';
import { registerCustomerCommands } from './customer/customerCommands';
import { createNonce, renderPanelHtml } from './panel/html';
import { ConversationIndex } from './store/conversationIndex';
import { startAutoRefresh } from './tree/autoRefresh';
import { registerTreeCommands } from './tree/treeCommands';
import { ThreadTreeProvider } from './tree/threadTree';
import { UnreadDecorations } from './tree/threadNode';
import { treeDescription } from './sinks/treeLabel';
import type { TreeNode } from './tree/treeNode';
import { plural } from './domain/format';
import { setUpConversationCache } from './conversationCacheSetup';

export function activate(context: vscode.ExtensionContext): ThreadlineTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  // The audit of what reaches a webview needs the secrets the account store learns; the account
  // store needs the log, which the hooks instrument: the audit asks for them when it runs.
  let knownSecrets: () => Iterable<string> = () => [];
  const hooks = createTestHooks(testing, () => knownSecrets());
  const log = new ThreadlineLog(hooks.instrumentation);
  const accountStore = new AccountStore(context.secrets, log);
  knownSecrets = () => accountStore.secrets.knownValues();
  log.scrubbing(knownSecrets);
  const providers = new ProviderRegistry(accountStore, log, hooks.clock);
  const confirmations = new Confirmations(testing);
  const sampleData = new SampleData(context.extensionUri, accountStore, log, testing);
  // Sample accounts need their server (and, where secrets live in memory only, their keys) again;
  // without sample accounts this loads nothing.
  const sampleReady = sampleData.resume().catch((error: unknown) => log.warn(`Sample data: ${error instanceof Error ? error.message : String(error)}`));
  // Threads read are kept on disk only with threadline.cache.persist (customer data; off by default).
  const conversationCache = setUpConversationCache({ globalStorageUri: context.globalStorageUri, clock: hooks.clock, log, secrets: () => knownSecrets() });
  const store = new ThreadStore({
    services: SERVICES,
    accounts: accountStore,
    providerFor: (account) => providers.get(account),
    credentialProblem: (account) => accountStore.secrets.problem(account),
    accountReady: (account) => (isSampleAccount(account) ? sampleReady : Promise.resolve()),
    memento: context.globalState,
    clock: hooks.clock,
    log,
    cache: () => conversationCache.current(),
  });
  // Every thread and message the store holds, indexed as they arrive (Search Conversations).
  const conversationIndex = new ConversationIndex(store);
  const tree = new ThreadTreeProvider(accountStore, store, log);
  const view = vscode.window.createTreeView<TreeNode>('threadline.threads', { treeDataProvider: tree, showCollapseAll: true });
  const documents = new ThreadDocumentProvider(store, log);
  const panels = new ThreadPanelManager({ store, extensionUri: context.extensionUri, log, openExternal: hooks.openExternal, instrumentation: hooks.instrumentation, now: () => hooks.clock.now() });
  // Search Conversations (a quick pick) and the Search Results view that keeps its last results.
  const searchDeps: SearchDeps = { store, index: conversationIndex, log, openAt: (target, at) => void panels.open(target, at ? { at } : {}) };
  const searchView = new SearchResultsView(searchDeps);
  const openPanel = (target: Parameters<ThreadPanelManager['open']>[0], request: PanelRequest = {}) =>
    void panels.open(target, { preview: request.preview ?? false, ...(request.side ? { column: vscode.ViewColumn.Beside } : {}), preserveFocus: request.preview ?? false });

  context.subscriptions.push(
    log,
    accountStore,
    providers,
    store,
    conversationCache,
    conversationIndex,
    tree,
    view,
    documents,
    panels,
    sampleData,
    accountStore.onDidChange((change) => {
      if (!change.accountIds) {
        const ids = new Set(accountStore.list().map((account) => account.id));
        for (const id of providers.accountIds()) if (!ids.has(id)) providers.forget(id);
        store.accountsChanged();
      } else {
        for (const accountId of change.accountIds) void store.credentialsChanged(accountId);
      }
    }),
    ...registerSampleDataCommands(sampleData, accountStore, () => tree.refresh(), confirmations),
    // The badge counts every account's unread threads, not only the containers someone opened.
    store.keepUnreadCountsLoaded(),
    vscode.window.registerFileDecorationProvider(new UnreadDecorations()),
    tree.onDidChangeUnread((count) => {
      view.badge = count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} with unread messages', plural(count, vscode.l10n.t('thread'), vscode.l10n.t('threads'))) } : undefined;
    }),
    tree.onDidChangeFilter((text) => {
      // The active filter stays in sight, with the way out.
      view.description = text ? treeDescription(vscode.l10n.t('Filter: “{0}”', text)) : undefined;
      view.message = text ? treeDescription(vscode.l10n.t('Showing loaded threads matching “{0}” — Clear Filter (title bar) shows all', text)) : undefined;
      void vscode.commands.executeCommand('setContext', 'threadline.viewFiltered', text !== undefined);
    }),
    vscode.workspace.registerTextDocumentContentProvider(THREAD_SCHEME, documents),
    ...documents.registerCommands(),
    vscode.commands.registerCommand('threadline.showLog', () => log.show()),
    ...registerAccountCommands({
      accounts: accountStore,
      providers,
      log,
      reveal: (accountId) => {
        const node = tree.accountNode(accountId);
        if (node) void view.reveal(node, { expand: true, focus: false, select: true }).then(undefined, () => undefined);
      },
      confirmations,
    }),
    ...registerTreeCommands(tree, log, hooks.openExternal),
    ...registerThreadCommands({ store, log, clock: hooks.clock, openPanel }),
    registerExportCommand(store, log, confirmations),
    ...registerLookupCommands({ store, accounts: accountStore, openPanel, log, confirmations }),
    ...registerCustomerCommands({ store, services: SERVICES, accounts: () => accountStore.list(), extensionUri: context.extensionUri, log, instrumentation: hooks.instrumentation, openThread: (target) => openPanel(target), shell: { render: renderPanelHtml, nonce: createNonce } }),
    ...registerSearchCommand({ ...searchDeps, onResults: (query, results) => searchView.show(query, results) }),
    ...registerSearchView(searchView),
    startAutoRefresh(view, tree, hooks.clock),
    ...registerTools({ store, accounts: accountStore, services: SERVICES, search: new LoadedConversationSearch(store), clock: hooks.clock, log, instrumentation: hooks.instrumentation }),
    registerCopyForChat({ store, log, instrumentation: hooks.instrumentation, activeThread: () => panels.all().find((panel) => panel.panel.active)?.target }),
  );

  log.info(`Threadline ${String(context.extension.packageJSON.version)} activated in ${vscode.env.appName} ${vscode.version}`);
  // The keyring hint waits for the sample data, so sample keys restored there are not taken for lost ones.
  void sampleReady.then(() => hintIfKeysAreMissing(accountStore, context.globalState)).catch((error: unknown) => log.warn(`Keyring hint: ${String(error)}`));
  const updateSampleContext = () => void vscode.commands.executeCommand('setContext', 'threadline.hasSampleData', accountStore.list().some(isSampleAccount));
  updateSampleContext();
  context.subscriptions.push(accountStore.onDidChange(updateSampleContext));

  if (!hooks.testRun) return undefined;
  context.subscriptions.push({ dispose: () => hooks.testRun?.dispose() });
  return {
    clock: hooks.testRun.clock,
    nextModal: hooks.testRun.nextModal,
    tree,
    view,
    accounts: accountStore,
    providers,
    store,
    conversationIndex,
    conversationCache,
    searchView,
    panels,
    useClock: hooks.useClock,
    externalOpens: hooks.externalOpens,
    webviewAudit: hooks.webviewAudit,
    assistantAudit: hooks.assistantAudit,
    webviewMessages: hooks.webviewMessages,
    logLines: hooks.logLines,
    globalState: context.globalState,
    workspaceState: context.workspaceState,
    readSecret: (accountId, name) => context.secrets.get(secretKey(accountId, name)),
  };
}

export function deactivate(): void {}
