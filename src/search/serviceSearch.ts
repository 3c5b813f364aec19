// Search Conversations asks the services that search their own threads (`textSearch: 'server'`,
// SiteGPT API v2's `query`) besides the index of what the store holds: a thread whose words
// were never loaded is still found. Bounded: the first page of each of an account's first
// MAX_CONTAINERS containers, asked once per query the user pauses on. No `vscode` here.
import type { ThreadStore } from '../store/threadStore';
import type { ConversationHit } from '../store/conversationIndex';

/** Containers asked per account (a query is one request each). */
export const MAX_CONTAINERS = 10;
/** Shorter queries are not sent: a service's search of two letters finds everything. */
export const MIN_QUERY_LENGTH = 3;

export interface ServiceSearchResult {
  /** Threads the services found, newest first, each once. */
  hits: ConversationHit[];
  /** Accounts that could not be asked, and why (shown in the pick). */
  failures: { accountId: string; message: string }[];
}

/** Asks every account that searches on its service; never rejects (an account's failure is reported). */
export async function searchOnServices(store: ThreadStore, text: string, signal: AbortSignal): Promise<ServiceSearchResult> {
  const query = text.trim();
  const result: ServiceSearchResult = { hits: [], failures: [] };
  if (query.length < MIN_QUERY_LENGTH) return result;
  await Promise.all(
    store.accountsSearchingOnService().map(async (accountId) => {
      try {
        const { containers, error } = await store.ensureContainers(accountId);
        if (error !== undefined) throw error;
        const found = await Promise.all(containers.slice(0, MAX_CONTAINERS).map((container) => store.searchOnService(accountId, container, query, signal)));
        for (const summary of found.flat()) {
          result.hits.push({ kind: 'thread', accountId, threadId: summary.threadId, at: summary.updatedAt, score: 0, terms: [], foundByService: true });
        }
      } catch (error) {
        if (signal.aborted) return;
        result.failures.push({ accountId, message: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  const seen = new Set<string>();
  result.hits = result.hits
    .filter((hit) => {
      const key = `${hit.accountId}\n${hit.threadId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  return result;
}

/** The service hits not already among the index's (the index's come first and say which words matched). */
export function extraServiceHits(indexHits: readonly ConversationHit[], serviceHits: readonly ConversationHit[]): ConversationHit[] {
  const held = new Set(indexHits.map((hit) => `${hit.accountId}\n${hit.threadId}`));
  return serviceHits.filter((hit) => !held.has(`${hit.accountId}\n${hit.threadId}`));
}
