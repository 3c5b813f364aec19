// Every thread Threadline has seen in this session — listed in the tree or opened — indexed by
// the addresses of the people on it, so one email finds every conversation with that person
// across services.
import type { Participant, ThreadSummary } from '../domain/model';

export interface SeenThread {
  accountId: string;
  summary: ThreadSummary;
}

const key = (accountId: string, threadId: string): string => `${accountId}\u0000${threadId}`;

export class SeenThreads {
  private readonly byThread = new Map<string, SeenThread>();
  private readonly byAddress = new Map<string, Set<string>>();

  /** Records threads (or a thread seen again with more participants, e.g. once opened). */
  record(accountId: string, summaries: readonly ThreadSummary[], extraParticipants: readonly Participant[] = []): void {
    for (const summary of summaries) {
      const id = key(accountId, summary.threadId);
      const known = this.byThread.get(id);
      const participants = mergeParticipants(known?.summary.participants ?? [], [...summary.participants, ...extraParticipants]);
      this.byThread.set(id, { accountId, summary: { ...summary, participants } });
      for (const person of participants) {
        const address = person.address?.trim().toLowerCase();
        if (!address) continue;
        let set = this.byAddress.get(address);
        if (!set) this.byAddress.set(address, (set = new Set()));
        set.add(id);
      }
    }
  }

  /** Threads with this address among their participants, most recent first. */
  find(email: string): SeenThread[] {
    const ids = this.byAddress.get(email.trim().toLowerCase());
    if (!ids) return [];
    return [...ids]
      .map((id) => this.byThread.get(id))
      .filter((entry): entry is SeenThread => entry !== undefined)
      .sort((a, b) => (b.summary.updatedAt ?? '').localeCompare(a.summary.updatedAt ?? ''));
  }

  /** Forgets the threads of accounts that are gone. */
  retainAccounts(accountIds: ReadonlySet<string>): void {
    for (const [id, entry] of this.byThread) {
      if (!accountIds.has(entry.accountId)) this.byThread.delete(id);
    }
    for (const set of this.byAddress.values()) {
      for (const id of set) if (!this.byThread.has(id)) set.delete(id);
    }
  }
}

function mergeParticipants(a: readonly Participant[], b: readonly Participant[]): Participant[] {
  const out = [...a];
  for (const person of b) {
    const address = person.address?.toLowerCase();
    if (address ? out.some((known) => known.address?.toLowerCase() === address) : out.some((known) => known.name === person.name && known.role === person.role)) continue;
    out.push(person);
  }
  return out;
}
