// The disk part of the store's cache (setting `threadline.cache.persist`, off by default: it is
// customer data). Threads the user opened are kept as one JSON file each in a directory the
// extension owns (its global storage), so a thread opens at once — and stays readable without a
// network — after a reload. Nothing here imports vscode: the directory, the clock, the size cap
// and the secrets to keep out are handed in.
//
// - One file per thread, named by a hash of account id and thread id; it holds the domain model
//   only (the thread and its first messages) — never a key, header or credential: a file whose
//   bytes hold any known secret is not written.
// - An index (index.json) holds each file's size and when it was last read; past the cap the
//   least recently read files go first.
// - Files and index carry CACHE_FORMAT: another format (or an unreadable index) empties the
//   directory, so a format change drops old data rather than misreading it.
// - Writes are debounced and atomic (a temporary file, then rename); reads are size-capped, parsed
//   and validated (zod) like any data entering the extension — a corrupt file is dropped.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import type { MessageItem, Thread } from '../domain/model';
import { messageItemSchema, threadSchema } from '../panel/protocol';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';

/** Changes whenever the shape of what is written changes: files of another format are dropped. */
export const CACHE_FORMAT = 1;
const INDEX_FILE = 'index.json';
/** Messages kept per thread: the first ones, as the panel opens them. */
export const MAX_CACHED_MESSAGES = 2_000;
/** No one file is read or written past this size, whatever the cap. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The index is small (a few lines per thread); anything larger is not ours. */
const MAX_INDEX_BYTES = 8 * 1024 * 1024;
/** Known secrets shorter than this are not searched for (they would match ordinary words). */
const MIN_SECRET_LENGTH = 8;

/** A thread as it was saved. */
export interface CachedThread {
  accountId: string;
  threadId: string;
  /** When it was saved (the clock's ms). */
  savedAt: number;
  thread: Thread;
  messages: MessageItem[];
}

/** What the store hands over to be saved: taken when the debounced write happens. */
export type ThreadSnapshot = () => { thread: Thread; messages: readonly MessageItem[] } | undefined;

/** The part of the cache the store uses. */
export interface ThreadCache {
  load(accountId: string, threadId: string): Promise<CachedThread | undefined>;
  save(accountId: string, threadId: string, snapshot: ThreadSnapshot): void;
  forgetAccount(accountId: string): Promise<number>;
}

export interface ConversationCacheOptions {
  /** A directory of the cache's own: what is in it and not the cache's is deleted. */
  directory: string;
  clock: Clock;
  /** The size cap in bytes, read at every write. */
  maxBytes: () => number;
  /** Values that must never reach the disk (every account's keys and tokens). */
  secrets?: () => Iterable<string>;
  log?: Logger;
  /** How long a write waits for more changes to the same thread. */
  debounceMs?: number;
}

const fileSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  accountId: z.string().check(z.maxLength(1_000)),
  threadId: z.string().check(z.maxLength(10_000)),
  savedAt: z.number(),
  thread: threadSchema,
  messages: z.array(messageItemSchema).check(z.maxLength(MAX_CACHED_MESSAGES)),
});

const indexEntrySchema = z.object({ account: z.string().check(z.maxLength(100)), bytes: z.int().check(z.nonnegative()), savedAt: z.number(), readAt: z.number() });
const indexSchema = z.object({ format: z.literal(CACHE_FORMAT), entries: z.record(z.string().check(z.maxLength(100)), indexEntrySchema) });
type IndexEntry = z.infer<typeof indexEntrySchema>;

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');
/** The file of a thread: its name says nothing of the account or thread. */
export const threadFileName = (accountId: string, threadId: string): string => `t-${hash('thread', accountId, threadId).slice(0, 40)}.json`;
const accountTag = (accountId: string): string => hash('account', accountId).slice(0, 24);

export class ConversationCache implements ThreadCache {
  private entries = new Map<string, IndexEntry>();
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<string, { accountId: string; threadId: string; snapshot: ThreadSnapshot }>();
  private timer: AbortController | undefined;
  /** Writes and deletions, one after another (the index is written after each round). */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly log: Logger;
  private readonly debounceMs: number;

  constructor(private readonly options: ConversationCacheOptions) {
    this.log = options.log ?? silentLogger;
    this.debounceMs = options.debounceMs ?? 1_000;
  }

  get directory(): string {
    return this.options.directory;
  }

  /** The saved copy of a thread, if there is a readable one; counts as read (it moves to the back of the eviction line). */
  async load(accountId: string, threadId: string): Promise<CachedThread | undefined> {
    await this.open();
    const name = threadFileName(accountId, threadId);
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const file = path.join(this.options.directory, name);
    let parsed: z.infer<typeof fileSchema> | undefined;
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_FILE_BYTES) throw new Error(`${stat.size} bytes`);
      const result = fileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      if (!result.success) throw new Error('not in the cache format');
      parsed = result.data;
    } catch (error) {
      this.log.warn(`Dropped a cached conversation that could not be read (${name}): ${error instanceof Error ? error.message : String(error)}`);
      await this.remove([name]);
      return undefined;
    }
    if (parsed.accountId !== accountId || parsed.threadId !== threadId) return undefined;
    entry.readAt = this.options.clock.now();
    // A failure is logged by the queue.
    this.enqueue(() => this.writeIndex()).catch(() => undefined);
    return { accountId, threadId, savedAt: parsed.savedAt, thread: parsed.thread as Thread, messages: parsed.messages as MessageItem[] };
  }

  /** Saves the thread after a short wait; the snapshot is taken then, so a burst of changes writes once. */
  save(accountId: string, threadId: string, snapshot: ThreadSnapshot): void {
    if (this.disposed) return;
    this.pending.set(threadFileName(accountId, threadId), { accountId, threadId, snapshot });
    if (this.timer) return;
    const timer = new AbortController();
    this.timer = timer;
    this.options.clock.sleep(this.debounceMs, timer.signal).then(
      () => {
        if (this.timer === timer) this.timer = undefined;
        this.flush().catch(() => undefined); // logged by the queue
      },
      () => undefined,
    );
  }

  /** Writes what is waiting now; resolves once written (and everything queued before it). */
  flush(): Promise<void> {
    this.timer?.abort();
    this.timer = undefined;
    const writes = [...this.pending.entries()];
    this.pending.clear();
    if (writes.length === 0) return this.enqueue(async () => undefined);
    return this.enqueue(async () => {
      await this.open();
      for (const [name, { accountId, threadId, snapshot }] of writes) await this.write(name, accountId, threadId, snapshot);
      await this.evict();
      await this.writeIndex();
    });
  }

  /** Deletes every saved thread of an account; returns how many. */
  forgetAccount(accountId: string): Promise<number> {
    const tag = accountTag(accountId);
    for (const [name, entry] of this.pending) if (entry.accountId === accountId) this.pending.delete(name);
    return this.enqueue(async () => {
      await this.open();
      const names = [...this.entries].filter(([, entry]) => entry.account === tag).map(([name]) => name);
      await this.remove(names);
      return names.length;
    });
  }

  /** Deletes everything saved; returns how many threads and bytes that was. */
  clear(): Promise<{ threads: number; bytes: number }> {
    this.pending.clear();
    return this.enqueue(async () => {
      await this.open();
      const threads = this.entries.size;
      const bytes = this.totalBytes();
      await emptyDirectory(this.options.directory);
      this.entries.clear();
      return { threads, bytes };
    });
  }

  /** How many threads are saved, and their size. */
  async stats(): Promise<{ threads: number; bytes: number }> {
    await this.open();
    return { threads: this.entries.size, bytes: this.totalBytes() };
  }

  /** Writes what is waiting, then takes no more. */
  async dispose(): Promise<void> {
    await this.flush();
    this.disposed = true;
  }

  private totalBytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += entry.bytes;
    return bytes;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      (error: unknown) => this.log.warn(`Conversation cache: ${error instanceof Error ? error.message : String(error)}`),
    );
    return run;
  }

  /** Reads the index once; another format, or an index that cannot be read, empties the directory. */
  private open(): Promise<void> {
    this.ready ??= (async () => {
      const directory = this.options.directory;
      await fs.mkdir(directory, { recursive: true });
      let index: z.infer<typeof indexSchema> | undefined;
      try {
        const file = path.join(directory, INDEX_FILE);
        if ((await fs.stat(file)).size <= MAX_INDEX_BYTES) {
          const result = indexSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
          if (result.success) index = result.data;
        }
      } catch {
        // no index yet, or not one of ours
      }
      if (!index) {
        await emptyDirectory(directory);
        return;
      }
      this.entries = new Map(Object.entries(index.entries));
      // Files the index does not name (a write cut short, another format) go; so do entries without a file.
      const present = new Set(await fs.readdir(directory));
      for (const name of present) if (name !== INDEX_FILE && !this.entries.has(name)) await fs.rm(path.join(directory, name), { force: true, recursive: true });
      for (const name of [...this.entries.keys()]) if (!present.has(name)) this.entries.delete(name);
    })();
    return this.ready;
  }

  private async write(name: string, accountId: string, threadId: string, snapshot: ThreadSnapshot): Promise<void> {
    const taken = snapshot();
    if (!taken) return;
    const now = this.options.clock.now();
    const messages = taken.messages.slice(0, MAX_CACHED_MESSAGES);
    const text = JSON.stringify({ format: CACHE_FORMAT, accountId, threadId, savedAt: now, thread: taken.thread, messages });
    const bytes = Buffer.byteLength(text);
    if (bytes > Math.min(MAX_FILE_BYTES, this.options.maxBytes())) {
      this.log.info(`A conversation was not cached: at ${bytes} bytes it is larger than the cache allows`);
      return;
    }
    for (const secret of this.options.secrets?.() ?? []) {
      if (secret.length >= MIN_SECRET_LENGTH && text.includes(secret)) {
        this.log.warn('A conversation was not cached: it holds one of the accounts’ secrets');
        await this.remove([name]);
        return;
      }
    }
    const file = path.join(this.options.directory, name);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    this.entries.set(name, { account: accountTag(accountId), bytes, savedAt: now, readAt: now });
  }

  /** Past the cap, the least recently read threads go first. */
  private async evict(): Promise<void> {
    const cap = this.options.maxBytes();
    let total = this.totalBytes();
    if (total <= cap) return;
    const oldestFirst = [...this.entries].sort(([, a], [, b]) => a.readAt - b.readAt || a.savedAt - b.savedAt);
    const dropped: string[] = [];
    for (const [name, entry] of oldestFirst) {
      if (total <= cap) break;
      dropped.push(name);
      total -= entry.bytes;
    }
    await this.remove(dropped, false);
  }

  private async remove(names: readonly string[], writeIndex = true): Promise<void> {
    for (const name of names) {
      this.entries.delete(name);
      await fs.rm(path.join(this.options.directory, name), { force: true });
    }
    if (names.length && writeIndex) await this.writeIndex();
  }

  private async writeIndex(): Promise<void> {
    await fs.mkdir(this.options.directory, { recursive: true });
    const file = path.join(this.options.directory, INDEX_FILE);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temporary, JSON.stringify({ format: CACHE_FORMAT, entries: Object.fromEntries(this.entries) }), { encoding: 'utf8', mode: 0o600 });
    await fs.rename(temporary, file);
  }
}

/** Deletes everything in the directory (not the directory). */
export async function emptyDirectory(directory: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return;
  }
  await Promise.all(names.map((name) => fs.rm(path.join(directory, name), { force: true, recursive: true })));
}
