// Loads a thread for the panel, the Markdown document and the export: the account, its adapter,
// the thread and its messages (first page, or every page).
import type { AccountStore } from '../accounts/accountStore';
import type { Account, MessageItem, Page, Thread } from '../domain/model';
import { fetchRemainingMessages, type FetchAllOptions } from '../providers/allMessages';
import type { ThreadSource } from '../providers/types';
import type { SourceRegistry } from '../sources';
import { refOf, type ThreadTarget } from './threadTarget';

export interface LoadedThread {
  account: Account;
  source: ThreadSource;
  thread: Thread;
  firstPage: Page<MessageItem>;
}

export class ThreadLoader {
  constructor(
    private readonly accounts: AccountStore,
    private readonly sources: SourceRegistry,
    /** The label of a container the tree has loaded, if any. */
    readonly containerLabel: (accountId: string, containerId: string | undefined) => string | undefined = () => undefined,
  ) {}

  hasAccount(accountId: string): boolean {
    return this.accounts.get(accountId) !== undefined;
  }

  account(accountId: string): Account {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error('That Threadline account no longer exists');
    return account;
  }

  async open(target: ThreadTarget, signal?: AbortSignal): Promise<LoadedThread> {
    const account = this.account(target.accountId);
    const source = this.sources.get(account);
    const { thread, messages } = await source.openThread(refOf(target), signal);
    return { account, source, thread, firstPage: messages };
  }

  /** Every message; `stopped` says why paging ended before the service's own end, when it did. */
  async openAll(target: ThreadTarget, options: FetchAllOptions = {}): Promise<LoadedThread & { messages: MessageItem[]; stopped?: string }> {
    const loaded = await this.open(target, options.signal);
    let stopped: string | undefined;
    const messages = await fetchRemainingMessages(loaded.source, refOf(target), loaded.firstPage, {
      ...options,
      onStopped: (reason) => {
        stopped = reason;
        options.onStopped?.(reason);
      },
    });
    return { ...loaded, messages, ...(stopped ? { stopped } : {}) };
  }
}
