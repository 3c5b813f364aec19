// Optional polling (`threadline.autoRefreshMinutes`, off by default), only while the view is
// visible: a hidden view costs no requests.
import * as vscode from 'vscode';
import type { ThreadTreeProvider } from './threadTree';
import type { TreeNode } from './treeNode';

export function startAutoRefresh(view: vscode.TreeView<TreeNode>, tree: ThreadTreeProvider): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const minutes = vscode.workspace.getConfiguration('threadline').get<number>('autoRefreshMinutes') ?? 0;
    if (minutes > 0 && view.visible) timer = setInterval(() => tree.refresh(), Math.max(1, minutes) * 60_000);
  };
  schedule();
  const subscriptions = [
    view.onDidChangeVisibility(schedule),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('threadline.autoRefreshMinutes')) schedule();
    }),
  ];
  return new vscode.Disposable(() => {
    if (timer) clearInterval(timer);
    for (const subscription of subscriptions) subscription.dispose();
  });
}
