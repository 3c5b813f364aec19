// One person's conversations across every account, for Show Customer: each account whose service
// looks customers up by email is asked (Thred today); every other account has its recent threads
// loaded (the first page of each list, as the Threads view would) and the store says which of
// the threads it holds have that address among their people. Each account's outcome is kept, so
// the view can say which accounts could not be asked and why. No vscode here.
import { t } from '../l10n';
import type { Account } from '../domain/model';
import { NotFoundError, describeError, isAbortError } from '../http/errors';
import type { ServiceRegistry } from '../providers/registry';
import type { ThreadStore } from './threadStore';

export interface CustomerEntry {
  accountId: string;
  threadId: string;
  containerId?: string;
  title: string;
  /** The thread's latest activity (or when it started), ISO. */
  at?: string;
  status?: string;
  /** Found by asking the service, or among the threads Threadline holds. */
  source: 'asked' | 'held';
}

export type AccountOutcome =
  | { accountId: string; kind: 'asked'; found: number }
  | { accountId: string; kind: 'notAsked'; found: number; why: string }
  | { accountId: string; kind: 'failed'; found: number; why: string };

export interface CustomerHistory {
  email: string;
  entries: CustomerEntry[];
  accounts: AccountOutcome[];
}

/** Threads of one account held with this address, as entries. */
function heldEntries(store: ThreadStore, accountId: string, email: string): CustomerEntry[] {
  return store
    .threadsWithAddress(email)
    .filter((hit) => hit.accountId === accountId)
    .map(({ summary }) => ({
      accountId,
      threadId: summary.threadId,
      ...(summary.containerId ? { containerId: summary.containerId } : {}),
      title: summary.title,
      ...(summary.updatedAt || summary.createdAt ? { at: summary.updatedAt ?? summary.createdAt } : {}),
      ...(summary.status ? { status: summary.status } : {}),
      source: 'held' as const,
    }));
}

/** Loads the first page of each of the account's lists; resolves with what failed, if anything. */
async function loadRecent(store: ThreadStore, account: Account, signal: AbortSignal): Promise<string | undefined> {
  const containers = await store.ensureContainers(account.id);
  signal.throwIfAborted();
  if (containers.state === 'failed') return describeError(containers.error);
  const failed: string[] = [];
  await Promise.all(
    containers.containers.map(async (container) => {
      const list = await store.ensureThreads(account.id, container);
      if (list.state === 'failed') failed.push(`${container.label}: ${describeError(list.error)}`);
    }),
  );
  signal.throwIfAborted();
  // Who is on each listed thread is learned just after the list arrives (AgentSend reads first messages).
  await store.peopleSettled(account.id);
  return failed.length ? failed.join('; ') : undefined;
}

/** Everything Threadline can find of one person, by email, across these accounts. */
export async function customerHistory(store: ThreadStore, services: ServiceRegistry, accounts: readonly Account[], email: string, signal: AbortSignal): Promise<CustomerHistory> {
  const address = email.trim().toLowerCase();
  const outcomes = await Promise.all(
    accounts.map(async (account): Promise<{ outcome: AccountOutcome; entries: CustomerEntry[] }> => {
      const descriptor = services.get(account.service);
      try {
        if (descriptor.capabilities.emailLookup) {
          const asked: CustomerEntry[] = [];
          try {
            const thread = await store.lookupByEmail(account.id, address, signal);
            asked.push({
              accountId: account.id,
              threadId: thread.threadId,
              ...(thread.containerId ? { containerId: thread.containerId } : {}),
              title: thread.title,
              ...(thread.updatedAt || thread.createdAt ? { at: thread.updatedAt ?? thread.createdAt } : {}),
              ...(thread.status ? { status: thread.status } : {}),
              source: 'asked',
            });
          } catch (error) {
            if (!(error instanceof NotFoundError)) throw error;
          }
          const seen = new Set(asked.map((entry) => store.canonicalId(account.id, entry.threadId)));
          const held = heldEntries(store, account.id, address).filter((entry) => !seen.has(store.canonicalId(account.id, entry.threadId)));
          const entries = [...asked, ...held];
          return { outcome: { accountId: account.id, kind: 'asked', found: entries.length }, entries };
        }
        const problem = await loadRecent(store, account, signal);
        const entries = heldEntries(store, account.id, address);
        const why = t('{0} offers no search by email: its recent threads (the first page of each list) were looked through', descriptor.name);
        return {
          outcome: problem ? { accountId: account.id, kind: 'failed', found: entries.length, why: t('{0}, but some could not be loaded — {1}', why, problem) } : { accountId: account.id, kind: 'notAsked', found: entries.length, why },
          entries,
        };
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw error;
        const entries = heldEntries(store, account.id, address);
        return { outcome: { accountId: account.id, kind: 'failed', found: entries.length, why: describeError(error) }, entries };
      }
    }),
  );
  signal.throwIfAborted();
  const entries = outcomes.flatMap((outcome) => outcome.entries).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  return { email: address, entries, accounts: outcomes.map((outcome) => outcome.outcome) };
}
