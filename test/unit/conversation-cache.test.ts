// The disk cache of conversations (threadline.cache.persist): one file per thread named by a
// hash, an index of sizes and read times for least-recently-read eviction under the cap, a format
// version that drops old data, corrupt files dropped, an account's files removed with it, and no
// key ever written. And the store: a cached thread shows at once, is refreshed, and stays
// readable when the refresh fails.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../../src/clock';
import type { Account, MessageItem, Thread } from '../../src/domain/model';
import { CACHE_FORMAT, ConversationCache, threadFileName } from '../../src/store/conversationCache';
import { fakeProvider, thread } from './support/fakeProvider';
import { memoryStore } from './support/memoryStore';

const KEY = 'as_live_0123456789abcdefSECRET';

class StepClock implements Clock {
  time = Date.UTC(2026, 0, 1);
  now(): number {
    return this.time;
  }
  sleep(_ms: number, signal?: AbortSignal): Promise<void> {
    // Debounced writes never fire by themselves here: the tests flush.
    return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
  }
}

function message(id: string, text: string): MessageItem {
  return { type: 'message', id, author: { role: 'customer', name: 'Sarah Johnson', address: 'sarah@example.com' }, to: [], cc: [], body: { kind: 'text', text }, attachments: [], sources: [] };
}

function sampleThread(id: string, overrides: Partial<Thread> = {}): Thread {
  return thread(id, { title: `Thread ${id}`, participants: [{ role: 'customer', name: 'Sarah Johnson', address: 'sarah@example.com' }], ...overrides });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-cache-'));
}

/** Every byte written under the directory, as text. */
function written(directory: string): string {
  return fs
    .readdirSync(directory)
    .map((name) => fs.readFileSync(path.join(directory, name), 'utf8'))
    .join('\n');
}

const threadFiles = (directory: string) => fs.readdirSync(directory).filter((name) => name.startsWith('t-')).sort();

describe('the conversation cache on disk', () => {
  let directory: string;
  let clock: StepClock;
  const make = (maxBytes = 10 * 1024 * 1024) => new ConversationCache({ directory, clock, maxBytes: () => maxBytes, secrets: () => [KEY] });
  const save = (cache: ConversationCache, accountId: string, id: string, messages: MessageItem[] = [message(`${id}-1`, 'hello')]) =>
    cache.save(accountId, id, () => ({ thread: sampleThread(id), messages }));

  beforeEach(() => {
    directory = tempDir();
    clock = new StepClock();
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('keeps a thread as one file named by a hash, readable by the next session, with the time it was saved', async () => {
    const cache = make();
    save(cache, 'acct-1', 'thr_order_42', [message('m1', 'Where is my order?'), message('m2', 'On its way')]);
    await cache.flush();
    const files = threadFiles(directory);
    assert.deepEqual(files, [threadFileName('acct-1', 'thr_order_42')]);
    assert.doesNotMatch(files[0] ?? '', /acct|thr_order/);
    const again = make();
    const loaded = await again.load('acct-1', 'thr_order_42');
    assert.ok(loaded);
    assert.equal(loaded.thread.title, 'Thread thr_order_42');
    assert.deepEqual(loaded.messages.map((item) => item.id), ['m1', 'm2']);
    assert.equal(loaded.savedAt, clock.time);
    assert.equal(await again.load('acct-1', 'thr_other'), undefined);
    assert.equal(await again.load('acct-2', 'thr_order_42'), undefined);
  });

  it('writes once per burst of changes, and atomically (no temporary file is left)', async () => {
    const cache = make();
    let taken = 0;
    for (let index = 0; index < 5; index++) {
      cache.save('acct-1', 'thr_1', () => {
        taken++;
        return { thread: sampleThread('thr_1'), messages: [message(`m${index}`, 'x')] };
      });
    }
    await cache.flush();
    assert.equal(taken, 1, 'the snapshot is taken once, when the write happens');
    assert.deepEqual(fs.readdirSync(directory).filter((name) => name.endsWith('.tmp')), []);
    assert.deepEqual((await cache.load('acct-1', 'thr_1'))?.messages.map((item) => item.id), ['m4']);
  });

  it('drops the least recently read threads first once past the cap', async () => {
    const cache = make();
    for (const id of ['a', 'b', 'c']) {
      save(cache, 'acct-1', id);
      await cache.flush();
      clock.time += 60_000;
    }
    const oneFile = fs.statSync(path.join(directory, threadFileName('acct-1', 'a'))).size;
    // Reading a moves it to the back of the line: b is now the least recently read.
    assert.ok(await cache.load('acct-1', 'a'));
    await cache.flush(); // the index, with the new read time
    clock.time += 60_000;
    const capped = new ConversationCache({ directory, clock, maxBytes: () => oneFile * 3 + oneFile / 2, secrets: () => [KEY] });
    save(capped, 'acct-1', 'd');
    await capped.flush();
    assert.equal(await capped.load('acct-1', 'b'), undefined, 'b, read longest ago, went first');
    for (const id of ['a', 'c', 'd']) assert.ok(await capped.load('acct-1', id), `${id} stays`);
    assert.equal(threadFiles(directory).length, 3);
    // A cap below one file keeps nothing.
    const tiny = new ConversationCache({ directory, clock, maxBytes: () => oneFile / 2, secrets: () => [KEY] });
    save(tiny, 'acct-1', 'e');
    await tiny.flush();
    assert.ok((await tiny.stats()).bytes <= oneFile / 2);
  });

  it('drops everything written in another format', async () => {
    const cache = make();
    save(cache, 'acct-1', 'a');
    await cache.flush();
    const index = JSON.parse(fs.readFileSync(path.join(directory, 'index.json'), 'utf8')) as { format: number };
    assert.equal(index.format, CACHE_FORMAT);
    fs.writeFileSync(path.join(directory, 'index.json'), JSON.stringify({ ...index, format: CACHE_FORMAT + 1 }));
    const next = make();
    assert.equal(await next.load('acct-1', 'a'), undefined);
    assert.deepEqual(threadFiles(directory), []);
  });

  it('ignores and deletes a corrupt file, a file of the wrong shape, and files the index does not name', async () => {
    const cache = make();
    save(cache, 'acct-1', 'a');
    save(cache, 'acct-1', 'b');
    await cache.flush();
    fs.writeFileSync(path.join(directory, threadFileName('acct-1', 'a')), '{"format":1,"accountId":"acct-1", trunc');
    const wrongShape = JSON.parse(fs.readFileSync(path.join(directory, threadFileName('acct-1', 'b')), 'utf8')) as { messages: unknown[] };
    wrongShape.messages = [{ type: 'message', id: 7, body: '<img src=x onerror=alert(1)>' }];
    fs.writeFileSync(path.join(directory, threadFileName('acct-1', 'b')), JSON.stringify(wrongShape));
    fs.writeFileSync(path.join(directory, 't-stray.json'), '{}');
    const next = make();
    assert.equal(await next.load('acct-1', 'a'), undefined);
    assert.equal(await next.load('acct-1', 'b'), undefined);
    assert.deepEqual(threadFiles(directory), [], 'the corrupt files and the stray one are gone');
  });

  it('removes an account’s threads, and only those; clears everything', async () => {
    const cache = make();
    save(cache, 'acct-1', 'a');
    save(cache, 'acct-1', 'b');
    save(cache, 'acct-2', 'c');
    await cache.flush();
    assert.equal(await cache.forgetAccount('acct-1'), 2);
    assert.deepEqual(threadFiles(directory), [threadFileName('acct-2', 'c')]);
    const other = make();
    assert.ok(await other.load('acct-2', 'c'), 'the other account’s thread stays, in the index too');
    await other.flush();
    const size = fs.statSync(path.join(directory, threadFileName('acct-2', 'c'))).size;
    assert.deepEqual(await cache.clear(), { threads: 1, bytes: size });
    assert.deepEqual(fs.readdirSync(directory), []);
  });

  it('never writes a key: a thread that holds one is not cached (and an older copy of it goes)', async () => {
    const cache = make();
    save(cache, 'acct-1', 'a', [message('m1', 'hello')]);
    await cache.flush();
    assert.equal(threadFiles(directory).length, 1);
    save(cache, 'acct-1', 'a', [message('m1', 'hello'), message('m2', `my key is ${KEY}, can you check it?`)]);
    save(cache, 'acct-1', 'b', [message('m3', 'nothing secret')]);
    await cache.flush();
    assert.deepEqual(threadFiles(directory), [threadFileName('acct-1', 'b')]);
    const bytes = written(directory);
    assert.ok(bytes.includes('nothing secret'), 'what was written is searched');
    assert.ok(!bytes.includes(KEY), 'no key in any byte written');
  });
});

describe('the store with the disk cache', () => {
  const account: Account = { id: 'acct-1', service: 'agentsend', label: 'Support', baseUrl: 'https://api.example.com', options: {} };
  let directory: string;
  beforeEach(() => (directory = tempDir()));
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('shows a cached thread at once, refreshes it, and keeps it readable (saying why) when the service cannot be reached', async () => {
    const clock = new StepClock();
    const cache = new ConversationCache({ directory, clock, maxBytes: () => 1e9, secrets: () => [KEY] });
    let online = true;
    const answer = (text: string) => ({ thread: sampleThread('thr_1', { title: 'Refund' }), messages: { items: [message('m1', text)] } });
    let reply = 'first answer';
    const provider = fakeProvider({
      open: () => {
        if (!online) throw new Error('connect ECONNREFUSED 127.0.0.1:9');
        return answer(reply);
      },
    });
    const first = memoryStore([{ account, provider }], { clock, cache: () => cache });
    await first.openThread({ accountId: account.id, threadId: 'thr_1' });
    await cache.flush();
    assert.equal(threadFiles(directory).length, 1, 'the opened thread was saved');
    first.dispose();

    // A new session, offline: the saved copy shows, marked as cached, with why it is not fresh.
    online = false;
    clock.time += 3 * 60_000;
    const second = memoryStore([{ account, provider }], { clock, cache: () => cache });
    const states: string[] = [];
    second.onDidChange(() => {
      const view = second.thread(account.id, 'thr_1');
      states.push(`${view?.state}:${view?.cached ? (view.cached.refreshing ? 'refreshing' : 'failed') : 'fresh'}`);
    });
    const offline = await second.openThread({ accountId: account.id, threadId: 'thr_1' });
    assert.ok(states.includes('loaded:refreshing'), `shown before the service answered: ${states.join(', ')}`);
    assert.equal(offline.state, 'loaded');
    assert.deepEqual(offline.messages.map((item) => (item.type === 'message' && item.body.kind === 'text' ? item.body.text : '')), ['first answer']);
    assert.equal(offline.cached?.refreshing, false);
    assert.equal(offline.cached?.savedAt, clock.time - 3 * 60_000);
    assert.match(String(offline.cached?.error), /ECONNREFUSED/);

    // Back online: the refresh replaces the copy, which is saved again.
    online = true;
    reply = 'second answer';
    const fresh = await second.openThread({ accountId: account.id, threadId: 'thr_1' }, { force: true });
    assert.equal(fresh.cached, undefined);
    assert.equal(fresh.messages[0]?.type === 'message' && fresh.messages[0].body.kind === 'text' ? fresh.messages[0].body.text : '', 'second answer');
    await cache.flush();
    assert.ok(written(directory).includes('second answer'));
    second.dispose();
  });

  it('writes nothing when the cache is off', async () => {
    const provider = fakeProvider({ open: () => ({ thread: sampleThread('thr_1'), messages: { items: [message('m1', 'x')] } }) });
    const store = memoryStore([{ account, provider }], { cache: () => undefined });
    await store.openThread({ accountId: account.id, threadId: 'thr_1' });
    assert.deepEqual(fs.readdirSync(directory), []);
    store.dispose();
  });
});
