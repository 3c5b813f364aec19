// What activate() returns in test runs only (ExtensionMode.Test): handles the integration suite
// uses to set up state and audit it. Never exported to other extensions in normal use.
import type * as vscode from 'vscode';
import type { AdvanceableClock, Clock } from './clock';
import type { ModalQuestion } from './testHooks';
import type { AccountStore } from './accounts/accountStore';
import type { ProviderRegistry } from './accounts/providerRegistry';
import type { ThreadPanelManager } from './panel/panelManager';
import type { SearchResultsView } from './search/searchView';
import type { ConversationIndex } from './store/conversationIndex';
import type { ThreadStore } from './store/threadStore';
import type { ConversationCacheSetup } from './conversationCacheSetup';
import type { ThreadTreeProvider } from './tree/threadTree';
import type { TreeNode } from './tree/treeNode';

export interface ThreadlineTestApi {
  /** The extension's time: real, but the suite can move it forward (timeouts, polling waits). */
  clock: AdvanceableClock;
  /**
   * The next modal question the extension asks (VS Code shows no modal dialog in extension
   * tests): the suite reads it and answers it as the user would.
   */
  nextModal(): Promise<ModalQuestion>;
  tree: ThreadTreeProvider;
  view: vscode.TreeView<TreeNode>;
  accounts: AccountStore;
  providers: ProviderRegistry;
  store: ThreadStore;
  /** What Search Conversations searches (tests wait for it to catch up with the store). */
  conversationIndex: ConversationIndex;
  /** The disk cache (threadline.cache.persist): its directory, and the cache while it is on (tests flush it). */
  conversationCache: ConversationCacheSetup;
  /** The Search Results view's rows (the injection test reads their hovers). */
  searchView: SearchResultsView;
  panels: ThreadPanelManager;
  /** Puts a test's clock under the store's waits (polling); undefined puts the system clock back. */
  useClock(clock: Clock | undefined): void;
  /** Links that reached openExternal (recorded, not opened, in test runs). */
  externalOpens(): string[];
  /** How much was handed to webviews, and any known secret value found in it (should be none). */
  webviewAudit(): { inspectedBytes: number; leaks: string[] };
  /** How much was handed to assistants (tool results, Copy for Chat), and any known secret value in it. */
  assistantAudit(): { inspectedBytes: number; results: number; leaks: string[] };
  /** Every message a webview sent, and whether it matched the protocol. */
  webviewMessages(): { type: string; accepted: boolean }[];
  /** Every line written to the Threadline log channel in this session. */
  logLines(): string[];
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
  /** The raw SecretStorage entry of an account's credential (to prove removal leaves none). */
  readSecret(accountId: string, name: 'apiKey' | 'session'): Thenable<string | undefined>;
}
