// A ThreadStore over given providers, with in-memory state: for tests of what the store does with
// what providers answer (paging invariants, whole-thread fetches, following processing threads).
import type { Clock } from '../../../src/clock';
import type { Account } from '../../../src/domain/model';
import { SERVICES, type ServiceRegistry } from '../../../src/providers/registry';
import type { ServiceProvider } from '../../../src/providers/types';
import { ThreadStore } from '../../../src/store/threadStore';
import type { ProcessingPolicy } from '../../../src/store/processing';
import type { ThreadCache } from '../../../src/store/conversationCache';

export class MemoryMemento {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

export function memoryStore(
  entries: { account: Account; provider: ServiceProvider }[],
  options: { services?: ServiceRegistry; clock?: Clock; processingPolicy?: ProcessingPolicy; accountReady?: (account: Account) => Promise<void>; memento?: MemoryMemento; cache?: () => ThreadCache | undefined } = {},
): ThreadStore {
  // Read live: a test that removes an entry has removed the account.
  const accounts = () => entries.map((entry) => entry.account);
  return new ThreadStore({
    services: options.services ?? SERVICES,
    accounts: { list: accounts, get: (id) => accounts().find((account) => account.id === id) },
    providerFor: (account) => {
      const found = entries.find((entry) => entry.account.id === account.id);
      if (!found) throw new Error(`no provider for ${account.id}`);
      return found.provider;
    },
    credentialProblem: async () => undefined,
    memento: options.memento ?? new MemoryMemento(),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.processingPolicy ? { processingPolicy: options.processingPolicy } : {}),
    ...(options.accountReady ? { accountReady: options.accountReady } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
}
