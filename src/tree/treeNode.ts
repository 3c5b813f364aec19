// Tree nodes own their children: each level knows how to load, keep and refresh what is
// below it. Ids are stable (account / container / thread) so expansion survives a refresh.
import type * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import type { Account, ThreadSummary } from '../domain/model';
import type { Logger } from '../logger';
import type { SourceRegistry } from '../sources';

export interface TreeContext {
  accounts: AccountStore;
  sources: SourceRegistry;
  log: Logger;
  /** Redraw a node (and what is below it), or the whole tree. */
  changed(node?: TreeNode): void;
  /** Loaded threads changed: recount unread for the view badge. */
  unreadChanged(): void;
  /** Threads were loaded (the lookup index learns who is on them). */
  threadsLoaded(accountId: string, threads: readonly ThreadSummary[]): void;
  /** Resolves when an account is ready to be loaded (sample accounts wait for their server). */
  accountReady(account: Account): Promise<void>;
}

export abstract class TreeNode {
  abstract readonly id: string;
  constructor(readonly parent: TreeNode | undefined) {}
  abstract toTreeItem(): vscode.TreeItem;
  getChildren(): TreeNode[] | Promise<TreeNode[]> {
    return [];
  }
  /** Tooltips are built only when hovered (resolveTreeItem). */
  tooltip(): vscode.MarkdownString | string | undefined {
    return undefined;
  }
  /** Forget loaded children so the next getChildren loads them again. */
  invalidate(): void {}
}
