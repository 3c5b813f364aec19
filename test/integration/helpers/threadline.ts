// Handles on the extension under test: its test API, accounts set up by command arguments, and
// walking the tree the way the view does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ThreadlineTestApi } from '../../../src/testApi';
import type { TreeNode } from '../../../src/tree/treeNode';
import { bridge } from './bridge';
import { sample, type SampleAccount } from './sample';

export const EXTENSION_ID = 'threadline.threadline';

export async function threadline(): Promise<ThreadlineTestApi> {
  const extension = vscode.extensions.getExtension<ThreadlineTestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api, 'the test API is returned in test runs');
  return api;
}

/** Adds one account per service (or the given ones) through `threadline.addAccount` arguments. */
export async function addSampleAccounts(services?: SampleAccount['service'][], overrides: Partial<SampleAccount> = {}): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // A service's other API (SiteGPT v2) only when asked for by name.
  const candidates = services ? [...(await sample.accounts()), ...(await sample.variantAccounts())] : await sample.accounts();
  for (const account of candidates) {
    if (services && !services.includes(account.service)) continue;
    const id = await vscode.commands.executeCommand<string>('threadline.addAccount', { ...account, ...overrides });
    assert.ok(id, `added ${account.service}`);
    ids.set(account.service, id);
  }
  return ids;
}

export async function removeAllAccounts(): Promise<void> {
  const api = await threadline();
  for (const account of [...api.accounts.list()]) {
    await vscode.commands.executeCommand('threadline.removeAccount', { accountId: account.id });
  }
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

export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
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
