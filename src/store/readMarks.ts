// Threads the user has read in Threadline: what the service said about the thread's unread
// messages when it was opened (its count and its last activity), persisted through the host's
// key-value storage (VS Code's globalState) so a reload keeps it. Threadline never writes read
// state back to a service; a later answer that shows newer activity or more unread messages
// than were read makes the thread unread again.
import * as z from 'zod/mini';
import type { KeyValueStore } from './recentLookups';

/** How many threads' marks are kept (the oldest marks go first). */
export const MAX_READ_MARKS = 2_000;
const STATE_KEY = 'threadline.readMarks';

const markSchema = z.object({ key: z.string(), unread: z.number(), at: z.optional(z.string()) });
export type ReadMark = z.infer<typeof markSchema>;

export class ReadMarks {
  private marks: Map<string, ReadMark> | undefined;

  constructor(private readonly state: KeyValueStore) {}

  private all(): Map<string, ReadMark> {
    if (!this.marks) {
      const raw = this.state.get<unknown[]>(STATE_KEY) ?? [];
      this.marks = new Map();
      for (const entry of Array.isArray(raw) ? raw : []) {
        const parsed = markSchema.safeParse(entry);
        if (parsed.success) this.marks.set(parsed.data.key, parsed.data);
      }
    }
    return this.marks;
  }

  /**
   * Whether a service's answer (`unread` messages, last activity `at`) says nothing new since the
   * thread was read: no more unread messages than then, and no later activity.
   */
  covers(key: string, unread: number, at: string | undefined): boolean {
    const mark = this.all().get(key);
    if (!mark) return false;
    return unread <= mark.unread && (at === undefined || mark.at === undefined || at <= mark.at);
  }

  /** Records that the thread was read when the service counted `unread` messages, last active `at`. */
  async mark(key: string, unread: number, at: string | undefined): Promise<void> {
    const marks = this.all();
    marks.delete(key);
    marks.set(key, { key, unread, ...(at !== undefined ? { at } : {}) });
    while (marks.size > MAX_READ_MARKS) marks.delete(marks.keys().next().value as string);
    await this.state.update(STATE_KEY, [...marks.values()]);
  }

  /** Forgets one account's marks (the account was removed). */
  async forgetAccount(prefix: string): Promise<void> {
    const marks = this.all();
    let removed = false;
    for (const key of [...marks.keys()]) {
      if (key.startsWith(prefix)) {
        marks.delete(key);
        removed = true;
      }
    }
    if (removed) await this.state.update(STATE_KEY, [...marks.values()]);
  }
}
