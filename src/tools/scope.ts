// Which accounts a tool call is about, and the recent threads of those accounts loaded into the
// store first — what the Threads view would show on expanding each container — so a search or a
// lookup in a fresh window finds what the user would find by browsing. No vscode here.
import type { Account, Container } from '../domain/model';
import { describeError, isAbortError } from '../http/errors';
import type { ServiceRegistry } from '../providers/registry';
import type { ThreadStore } from '../store/threadStore';

export interface AccountList {
  list(): readonly Account[];
  get(id: string): Account | undefined;
}

/** An account named by a model: its id, or its label (any case). */
export function findAccount(accounts: AccountList, named: string): Account | undefined {
  const wanted = named.trim();
  return accounts.get(wanted) ?? accounts.list().find((account) => account.label.toLowerCase() === wanted.toLowerCase());
}

/** What a model should use instead of a name that matched nothing. */
export function knownAccounts(accounts: AccountList): string {
  const list = accounts.list().map((account) => `${account.id} (“${account.label}”)`);
  return list.length ? `The accounts are: ${list.join(', ')}.` : 'No account is connected.';
}

/** The accounts a call covers; throws, saying what exists, when a name matches nothing. */
export function accountsInScope(accounts: AccountList, services: ServiceRegistry, named: { account?: string | undefined; service?: string | undefined }): Account[] {
  let chosen = [...accounts.list()];
  if (named.service) {
    const wanted = named.service.trim().toLowerCase();
    // A name covers every API version of the service (SiteGPT v0 and v2 are both "SiteGPT").
    const matching = new Set(services.all.filter((descriptor) => descriptor.id === wanted || descriptor.name.toLowerCase() === wanted).map((descriptor) => descriptor.id));
    if (matching.size === 0) throw new Error(`Threadline knows no service “${named.service}”. It reads ${[...new Set(services.all.map((descriptor) => descriptor.name))].join(', ')}.`);
    chosen = chosen.filter((account) => matching.has(account.service));
  }
  if (named.account) {
    const account = findAccount(accounts, named.account);
    if (!account) throw new Error(`No Threadline account is called “${named.account}”. ${knownAccounts(accounts)}`);
    chosen = chosen.filter((candidate) => candidate.id === account.id);
  }
  return chosen;
}

/** One promise per signal that rejects when it aborts: one listener, however many waits race it. */
const abortions = new WeakMap<AbortSignal, Promise<never>>();

function abortion(signal: AbortSignal): Promise<never> {
  let aborted = abortions.get(signal);
  if (!aborted) {
    aborted = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as unknown), { once: true }));
    aborted.catch(() => undefined);
    abortions.set(signal, aborted);
  }
  return aborted;
}

/** Resolves with the promise, or rejects as soon as the signal aborts (the work itself goes on in the store). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return Promise.race([promise, abortion(signal)]);
}

/** One account's containers that loaded, or why they did not. */
export async function containersOf(store: ThreadStore, account: Account, signal: AbortSignal): Promise<{ containers: readonly Container[]; problem?: string }> {
  const view = await untilAborted(store.ensureContainers(account.id), signal);
  if (view.state === 'failed') return { containers: [], problem: `${account.label}: ${describeError(view.error)}` };
  return { containers: view.containers };
}

/**
 * Loads the first page of every container of these accounts (as expanding them in the view
 * would); resolves with what could not be loaded, one line per account or container.
 */
export async function loadRecentThreads(store: ThreadStore, accounts: readonly Account[], signal: AbortSignal): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    accounts.map(async (account) => {
      try {
        const { containers, problem } = await containersOf(store, account, signal);
        if (problem) problems.push(problem);
        await Promise.all(
          containers.map(async (container) => {
            const list = await untilAborted(store.ensureThreads(account.id, container), signal);
            if (list.state === 'failed') problems.push(`${account.label} / ${container.label}: ${describeError(list.error)}`);
          }),
        );
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw error;
        problems.push(`${account.label}: ${describeError(error)}`);
      }
    }),
  );
  signal.throwIfAborted();
  return problems;
}
