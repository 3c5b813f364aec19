// Handles on the extension under test: its test API, accounts set up (and removed) by command
// arguments, and walking the tree the way the view does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ThreadlineTestApi } from '../../../src/testApi';
import type { TreeNode } from '../../../src/tree/treeNode';
import { bridge } from './bridge';
import { waitUntil } from '../../support/wait';
import { sample, type SampleAccount } from './sample';

export const EXTENSION_ID = 'threadline.threadline';

export async function threadline(): Promise<ThreadlineTestApi> {
  const extension = vscode.extensions.getExtension<ThreadlineTestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api, 'the test API is returned in test runs');
  return api;
}

/**
 * Runs a command that writes `threadline.accounts`, and returns once VS Code has announced the
 * new setting (the extension redraws the tree on that event, so a gesture made later does not
 * land on a row being redrawn).
 */
async function changingAccounts<T>(command: string, args: unknown): Promise<T> {
  let announced = false;
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('threadline.accounts')) announced = true;
  });
  try {
    const result = await vscode.commands.executeCommand<T>(command, args);
    await waitUntil(() => announced, `VS Code to announce the change of threadline.accounts (${command})`);
    return result;
  } finally {
    subscription.dispose();
  }
}

/** Adds one account per service (or the given ones) through `threadline.addAccount` arguments. */
export async function addSampleAccounts(services?: SampleAccount['service'][], overrides: Partial<SampleAccount> = {}): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // A service's other API (SiteGPT v2) only when asked for by name.
  const candidates = services ? [...(await sample.accounts()), ...(await sample.variantAccounts())] : await sample.accounts();
  for (const account of candidates) {
    if (services && !services.includes(account.service)) continue;
    const id = await changingAccounts<string>('threadline.addAccount', { ...account, ...overrides });
    assert.ok(id, `added ${account.service}`);
    ids.set(account.service, id);
  }
  return ids;
}

/** Adds one sample account under a label of the test's own; returns its id. */
export async function addSampleAccount(service: SampleAccount['service'], label: string, overrides: Partial<SampleAccount> = {}): Promise<string> {
  const id = await changingAccounts<string>('threadline.addAccount', { ...(await sample.account(service)), label, ...overrides });
  assert.ok(id, `added ${label}`);
  return id;
}

export async function removeAccounts(ids: Iterable<string>): Promise<void> {
  const api = await threadline();
  let removed = false;
  for (const id of ids) {
    if (!api.accounts.get(id)) continue;
    await changingAccounts('threadline.removeAccount', { accountId: id });
    removed = true;
  }
  // The view drops the removed accounts' rows when it redraws. Until then a test that adds an
  // account of the same name would find the old row (with what it held) instead of the new one.
  if (removed && api.accounts.list().length === 0) {
    await waitUntil(
      () =>
        bridge.pageEvaluate<boolean>(() => {
          const list = document.querySelector<HTMLElement>('.part.sidebar .monaco-list[aria-label="Threads"]');
          // A hidden view draws nothing until shown, and then draws what is there now.
          return !list?.checkVisibility() || list.querySelectorAll('.monaco-list-row').length === 0;
        }),
      'the Threads view to show no account',
    );
  }
}

export async function removeAllAccounts(): Promise<void> {
  await removeAccounts((await threadline()).accounts.list().map((account) => account.id));
}

/**
 * The state a test file starts from: no accounts, no editors, no notifications, a sample server
 * without faults or latency. Files call it in `before` and `after`, so none depends on another.
 */
export async function cleanSlate(): Promise<void> {
  await removeAllAccounts();
  await sample.reset();
  await (await threadline()).store.recentLookups.clear();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  // An Output panel left open on the log (Show Log, the load test) redraws with every line the
  // run writes: each file starts without it.
  await vscode.commands.executeCommand('workbench.action.closePanel');
}

export async function children(node?: TreeNode): Promise<TreeNode[]> {
  return (await threadline()).tree.getChildren(node);
}

export function labelOf(node: TreeNode): string {
  const label = node.toTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export async function childByLabel(node: TreeNode | undefined, label: string | RegExp): Promise<TreeNode> {
  const list = await children(node);
  const found = list.find((child) => (typeof label === 'string' ? labelOf(child) === label : label.test(labelOf(child))));
  assert.ok(found, `no row ${String(label)} under ${node ? labelOf(node) : 'the root'}; rows: ${list.map(labelOf).join(' | ')}`);
  return found;
}

/** Waits for a state (see test/support/wait.ts); kept under this name for the existing tests. */
export function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string | (() => string), timeoutMs?: number): Promise<T> {
  return waitUntil(check, what, timeoutMs === undefined ? {} : { timeoutMs });
}

/** Whether the thread's page has painted its first window (the page marks #app when it has). */
export async function isPainted(threadId: string): Promise<boolean> {
  const painted = await bridge.frameEvaluate<boolean>(`[data-thread-id="${threadId}"]`, () => document.getElementById('app')?.dataset['painted'] === 'true');
  return painted.found && painted.result === true;
}

/** Waits until the thread's page has painted its first window. */
export async function waitForPaint(threadId: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(() => isPainted(threadId), `the page of ${threadId} to paint`, timeoutMs);
}

/**
 * How many of an account's threads have unread messages and are not archived, asked of its
 * service directly (each container's first page): what the activity bar badge must say.
 */
export async function unreadThreadsAt(accountId: string): Promise<number> {
  const provider = (await threadline()).store.provider(accountId);
  let count = 0;
  for (const container of await provider.listContainers()) {
    const page = await provider.listThreads(container, {});
    count += page.items.filter((thread) => (thread.unread ?? 0) > 0 && !thread.badges.includes('archived')).length;
  }
  return count;
}
