// The disk cache of conversations as tests see it: its thread files and bytes, the setting, and
// opening a thread by clicking its row.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { threadPage, threadsView } from './gestures';
import { childByLabel, threadline } from './threadline';
import { waitUntil } from '../../support/wait';

/** What reload/cache-before-reload leaves for reload/cache-after-reload. */
export const CACHE_RELOAD_EXPECTATION = 'reload-cache.json';
export const CACHE_ACCOUNT = 'Cache Reload';
export const CACHE_THREAD_TITLE = 'Q3 invoice split by workspace';

/** The thread files in the cache's directory (the index is not one). */
export async function cachedThreadFiles(): Promise<string[]> {
  const directory = (await threadline()).conversationCache.directory;
  assert.ok(directory, 'global storage is on this machine’s disk');
  return fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => name.startsWith('t-')) : [];
}

/** Every byte in the cache's directory. */
export async function cachedBytes(): Promise<string> {
  const directory = (await threadline()).conversationCache.directory ?? '';
  return fs.existsSync(directory) ? fs.readdirSync(directory).map((name) => fs.readFileSync(path.join(directory, name), 'utf8')).join('\n') : '';
}

export async function setPersist(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('threadline.cache').update('persist', on, vscode.ConfigurationTarget.Global);
  const api = await threadline();
  await waitUntil(() => (api.conversationCache.current() !== undefined) === on, `caching ${on ? 'on' : 'off'}`);
}

/**
 * Opens a thread of the account's Acme Support inbox by clicking its row (or with its context
 * menu's Open to the Side). The inbox is revealed as set-up; the click is the gesture. Returns the
 * thread's id.
 */
export async function clickThread(accountLabel: string, title: string, options: { side?: boolean } = {}): Promise<string> {
  const api = await threadline();
  await vscode.commands.executeCommand('workbench.view.extension.threadline');
  const inbox = await childByLabel(await childByLabel(undefined, accountLabel), 'Acme Support');
  await api.view.reveal(inbox, { expand: true, select: false, focus: false });
  // The rows learn who wrote each thread just after they are drawn, and are drawn again then.
  await threadsView.row(title).waitUntil((row) => row.head !== undefined, `the row “${title}” naming who wrote`);
  const accountId = api.accounts.list().find((account) => account.label === accountLabel)?.id ?? '';
  const held = api.store.heldThreads(accountId).find((entry) => entry.summary.title === title);
  assert.ok(held, `the thread “${title}” is held`);
  const opened = () => api.panels.all().some((panel) => panel.target.accountId === accountId && panel.target.threadId === held.summary.threadId);
  if (options.side) await threadsView.row(title).contextMenu('Open to the Side');
  else await threadsView.row(title).clickUntil(opened, `a panel of “${title}”`);
  await threadPage(held.summary.threadId).waitFor('.message');
  return held.summary.threadId;
}
