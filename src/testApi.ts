// What activate() returns in test runs only (ExtensionMode.Test): handles the integration suite
// uses to read the tree and audit state. Never exported to other extensions in normal use.
import type * as vscode from 'vscode';
import type { AccountStore } from './accounts/accountStore';
import type { AdvanceableClock } from './clock';
import type { ModalQuestion } from './testHooks';
import type { RecentLookups } from './lookup/recentLookups';
import type { ThreadPanelManager } from './panel/panelManager';
import type { SourceRegistry } from './sources';
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
  sources: SourceRegistry;
  panels: ThreadPanelManager;
  /** Links that reached openExternal (recorded, not opened, in test runs). */
  externalOpens(): string[];
  /** How much was handed to webviews, and any known secret value found in it (should be none). */
  webviewAudit(): { inspectedBytes: number; leaks: string[] };
  recentLookups: RecentLookups;
  /** Every line written to the Threadline log channel in this session. */
  logLines(): string[];
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
  /** The raw SecretStorage entry of an account's credential (to prove removal leaves none). */
  readSecret(accountId: string, name: 'apiKey' | 'session'): Thenable<string | undefined>;
}
