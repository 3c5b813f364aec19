// Recent email lookups (email, account, time — never a secret), at most 50 in all, persisted
// through whatever key-value storage the host provides (VS Code's globalState).
import * as z from 'zod/mini';

export const MAX_RECENT_LOOKUPS = 50;
const STATE_KEY = 'threadline.recentLookups';

const entrySchema = z.object({ email: z.string(), accountId: z.string(), at: z.string() });
export type RecentLookup = z.infer<typeof entrySchema>;

/** The slice of VS Code's Memento the store needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export class RecentLookups {
  constructor(
    private readonly state: KeyValueStore,
    private readonly now: () => number,
    private readonly changed: (accountIds: readonly string[]) => void,
  ) {}

  list(accountId?: string): RecentLookup[] {
    const raw = this.state.get<unknown[]>(STATE_KEY) ?? [];
    const entries = (Array.isArray(raw) ? raw : []).flatMap((entry) => {
      const parsed = entrySchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    return accountId ? entries.filter((entry) => entry.accountId === accountId) : entries;
  }

  async add(email: string, accountId: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const rest = this.list().filter((entry) => !(entry.email === normalized && entry.accountId === accountId));
    const entry = { email: normalized, accountId, at: new Date(this.now()).toISOString() };
    await this.state.update(STATE_KEY, [entry, ...rest].slice(0, MAX_RECENT_LOOKUPS));
    this.changed([accountId]);
  }

  /** Forgets one account's lookups, or everyone's; resolves with how many were removed. */
  async clear(accountId?: string): Promise<number> {
    const all = this.list();
    const kept = accountId ? all.filter((entry) => entry.accountId !== accountId) : [];
    await this.state.update(STATE_KEY, kept);
    this.changed(accountId ? [accountId] : [...new Set(all.map((entry) => entry.accountId))]);
    return all.length - kept.length;
  }
}
