// Tree nodes own their children: each level asks the store for what is below it and builds rows
// from what the store holds. Ids are stable (account / container / thread) so expansion
// survives a refresh.
import type * as vscode from 'vscode';
import type { Logger } from '../logger';
import type { ThreadStore } from '../store/threadStore';
import type { ThreadNode } from './threadNode';
import { ViewNode } from '../ui/viewNode';

export interface TreeContext {
  store: ThreadStore;
  log: Logger;
  /** A node now shows this thread (so the row redraws when the store's record changes). */
  showing(node: ThreadNode): void;
  /** The words of the view's own filter (title bar, Filter…), if any: matched against loaded threads. */
  viewFilter(): string | undefined;
}

export abstract class TreeNode extends ViewNode {
  abstract readonly id: string;
  constructor(readonly parent: TreeNode | undefined) {
    super();
  }
  abstract toTreeItem(): vscode.TreeItem;
  getChildren(): TreeNode[] | Promise<TreeNode[]> {
    return [];
  }
  /** Tooltips are built only when hovered (resolveTreeItem). */
  tooltip(): vscode.MarkdownString | string | undefined {
    return undefined;
  }
}
