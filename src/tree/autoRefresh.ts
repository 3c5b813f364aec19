// Optional polling (`threadline.autoRefreshMinutes`, off by default), only while the view is
// visible: a hidden view costs no requests. Time comes from the clock, so tests run it virtually.
import * as vscode from 'vscode';
import { repeatEvery, type Clock } from '../clock';
import type { ThreadTreeProvider } from './threadTree';
import type { TreeNode } from './treeNode';

export function startAutoRefresh(view: vscode.TreeView<TreeNode>, tree: ThreadTreeProvider, clock: Clock): vscode.Disposable {
  let running: AbortController | undefined;
  const schedule = () => {
    running?.abort();
    running = undefined;
    const minutes = vscode.workspace.getConfiguration('threadline').get<number>('autoRefreshMinutes') ?? 0;
    if (minutes > 0 && view.visible) {
      running = new AbortController();
      void repeatEvery(clock, Math.max(1, minutes) * 60_000, () => tree.refresh(), running.signal);
    }
  };
  schedule();
  const subscriptions = [
    view.onDidChangeVisibility(schedule),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('threadline.autoRefreshMinutes')) schedule();
    }),
  ];
  return new vscode.Disposable(() => {
    running?.abort();
    for (const subscription of subscriptions) subscription.dispose();
  });
}
