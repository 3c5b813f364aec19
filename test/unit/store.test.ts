// The thread store: one record per thread under every view, the one polling policy, paging
// invariants, and what happens when an account's credentials change.
import * as assert from 'node:assert/strict';
import type { Account, ThreadSummary } from '../../src/domain/model';
import { UnauthorizedError } from '../../src/http/errors';
import { BUILT_IN_SERVICES, ServiceRegistry } from '../../src/providers/registry';
import { renderThreadMarkdown } from '../../src/markdown/render';
import type { StoreChange } from '../../src/store/threadStore';
import { fakeProvider, summary, thread } from './support/fakeProvider';
import { parrot } from './support/fakeService/descriptor';
import { ManualClock } from './support/manualClock';
import { memoryStore } from './support/memoryStore';
import { SAMPLE_IDS, startSampleServer } from '../../src/sample';
import { sampleProvider } from './support/sampleProviders';

const account = (id: string, service: string): Account => ({ id, service, label: `${service} account`, baseUrl: 'https://api.example.com', options: {} });
const recent = { kind: 'recent' as const, id: 'recent', label: 'Recent customers' };
const policy = { firstMs: 1_000, factor: 2, maxMs: 4_000, giveUpAfterMs: 60_000 };

/** A Thred-like customer that finishes processing after `steps` more answers. */
function processingCustomer(steps: number) {
  let answers = 0;
  const at = (): ThreadSummary =>
    answers > steps
      ? summary('cus_1', { title: 'Pat Pending', state: 'done', status: 'completed' })
      : summary('cus_1', { title: 'Pat Pending', state: 'processing', status: 'processing', progress: { percent: answers * 30, label: 'Processing' } });
  const provider = fakeProvider({
    threads: () => ({ items: [at()] }),
    open: () => {
      answers++;
      return { thread: { ...thread('cus_1'), ...at() }, messages: { items: [] } };
    },
  });
  return { provider, opens: () => provider.calls.filter((call) => call.startsWith('openThread')).length };
}

describe('the thread store', () => {
  it('keeps one record per thread: a poll that completes a customer changes what its list shows', async () => {
    const clock = new ManualClock();
    const customer = processingCustomer(2);
    const store = memoryStore([{ account: account('t', 'thred'), provider: customer.provider }], { clock, processingPolicy: policy });
    const changes: StoreChange[] = [];
    store.onDidChange((change) => changes.push(change));
    const list = await store.ensureThreads('t', recent);
    assert.deepEqual(list.threadIds, ['cus_1']);
    assert.equal(store.summary('t', 'cus_1')?.state, 'processing');
    const watch = store.watch({ accountId: 't', threadId: 'cus_1' });
    await store.openThread({ accountId: 't', threadId: 'cus_1' });
    const seen: string[] = [];
    // The policy's waits: 1 s, then twice as long each time.
    for (const wait of [1_000, 2_000, 4_000, 4_000]) {
      const record = store.thread('t', 'cus_1');
      // The tree row and the panel read the same record: their state never differs.
      assert.equal(record?.thread?.state, store.summary('t', 'cus_1')?.state);
      seen.push(`${record?.summary.state}:${record?.summary.progress?.percent ?? '-'}`);
      await clock.advance(wait);
    }
    assert.deepEqual(seen, ['processing:30', 'processing:60', 'done:-', 'done:-']);
    assert.ok(changes.some((change) => change.kind === 'thread' && change.threadId === 'cus_1'));
    watch.dispose();
  });

  it('polls only while someone watches, and stops when the last watcher leaves', async () => {
    const clock = new ManualClock();
    const customer = processingCustomer(100);
    const store = memoryStore([{ account: account('t', 'thred'), provider: customer.provider }], { clock, processingPolicy: policy });
    await store.openThread({ accountId: 't', threadId: 'cus_1' });
    await clock.advance(10_000);
    assert.equal(customer.opens(), 1, 'nobody watches: no polls');
    const watch = store.watch({ accountId: 't', threadId: 'cus_1' });
    await clock.advance(1_000);
    await clock.advance(2_000);
    assert.equal(customer.opens(), 3, 'polled after 1 s and 2 s more');
    watch.dispose();
    await clock.advance(30_000);
    assert.equal(customer.opens(), 3, 'no poll after the watcher left');
    assert.equal(clock.waiting, 0, 'no timer left behind');
  });

  it('gives up after the stated time, says so, and follows again on Retry', async () => {
    const clock = new ManualClock();
    const customer = processingCustomer(1_000);
    const store = memoryStore([{ account: account('t', 'thred'), provider: customer.provider }], { clock, processingPolicy: policy });
    const target = { accountId: 't', threadId: 'cus_1' };
    const watch = store.watch(target);
    await store.openThread(target);
    await clock.advance(120_000);
    assert.equal(store.thread('t', 'cus_1')?.follow, 'gaveUp');
    const polls = customer.opens();
    assert.ok(polls <= 2 + 60_000 / policy.maxMs, `bounded polls: ${polls}`);
    await clock.advance(60_000);
    assert.equal(customer.opens(), polls, 'nothing more after giving up');
    store.retryFollow(target);
    await clock.advance(1_000);
    assert.equal(customer.opens(), polls + 1);
    watch.dispose();
  });

  it('answers a list read with the list loaded after a refresh that came while it loaded', async () => {
    const base = fakeProvider({ containers: [recent], threads: () => ({ items: [summary('a'), summary('b')] }) });
    const gates: (() => void)[] = [];
    // Each answer waits for the test, so the refresh lands while the first one is on its way.
    const provider = { ...base, listThreads: (...args: Parameters<typeof base.listThreads>) => new Promise<void>((open) => gates.push(open)).then(() => base.listThreads(...args)) };
    const store = memoryStore([{ account: account('s', 'sitegpt'), provider }]);
    await store.ensureContainers('s');
    const reading = store.ensureThreads('s', recent);
    await new Promise((resolve) => setImmediate(resolve));
    store.invalidateAccount('s');
    gates.shift()?.();
    // The read goes on to the load the refresh asked for, rather than answer with an empty list.
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
    const list = await reading;
    assert.equal(list.state, 'loaded');
    assert.deepEqual(list.threadIds, ['a', 'b']);
  });

  it('shows each thread once, and stops paging when a page brings nothing new', async () => {
    const pages: Record<string, { items: ThreadSummary[]; next?: string }> = {
      '': { items: [summary('a'), summary('b')], next: 'p2' },
      p2: { items: [summary('b', { title: 'b, renamed' }), summary('c')], next: 'p3' },
      p3: { items: [summary('c')], next: 'p4' },
    };
    const provider = fakeProvider({ threads: (_container, cursor) => pages[cursor ?? ''] ?? { items: [] } });
    const store = memoryStore([{ account: account('s', 'sitegpt'), provider }]);
    await store.ensureThreads('s', recent);
    await store.loadMoreThreads('s', 'recent');
    await store.loadMoreThreads('s', 'recent');
    await store.loadMoreThreads('s', 'recent');
    const list = store.threadList('s', 'recent');
    assert.deepEqual(list?.threadIds, ['a', 'b', 'c']);
    assert.equal(store.summary('s', 'b')?.title, 'b, renamed', 'the newer copy wins');
    assert.equal(list?.next, undefined);
    assert.match(list?.stopped ?? '', /Stopped after 3 pages: the service kept returning the same page of threads/);
    assert.equal(provider.calls.filter((call) => call.startsWith('listThreads')).length, 3);
  });

  it('stops a whole-thread fetch at an empty page past what the service delivered', async () => {
    const provider = {
      ...fakeProvider({
        open: () => ({ thread: thread('x'), messages: { items: [message('m0'), message('m1')], next: '2', total: 1_000 } }),
        messages: (_thread, cursor) => (Number(cursor) < 6 ? { items: [message(`m${cursor}`), message(`m${Number(cursor) + 1}`)], next: String(Number(cursor) + 2), total: 1_000 } : { items: [], total: 1_000 }),
      }),
      messageCursorAt: (offset: number) => String(offset),
    };
    const store = memoryStore([{ account: account('a', 'agentsend'), provider }]);
    const whole = await store.loadWholeThread({ accountId: 'a', threadId: 'x' });
    assert.deepEqual(whole.messages.map((item) => item.id), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    const asked = provider.calls.filter((call) => call.startsWith('listMessages')).length;
    assert.ok(asked <= 3 + 6, `requests bounded by what was delivered (${asked})`);
    assert.match(whole.stopped ?? '', /said 1000 messages but sent 6/);
  });

  it('opens a thread again when a key is fixed, even if nothing listed its account (a panel restored after a reload)', async () => {
    let refuse = true;
    const provider = fakeProvider({
      open: () => {
        if (refuse) throw new UnauthorizedError({ service: 'SiteGPT', status: 401 });
        return { thread: thread('t1'), messages: { items: [] } };
      },
    });
    const store = memoryStore([{ account: account('s', 'sitegpt'), provider }]);
    assert.equal((await store.openThread({ accountId: 's', threadId: 't1' })).state, 'failed');
    refuse = false;
    await store.credentialsChanged('s');
    assert.equal(store.thread('s', 't1')?.state, 'stale', 'the panel is told to open it again');
    assert.equal((await store.openThread({ accountId: 's', threadId: 't1' })).state, 'loaded');
  });

  it('loads a list again when a key is fixed after a 401, and leaves a loaded one alone', async () => {
    let refuse = true;
    const provider = fakeProvider({
      containers: [recent],
      threads: () => {
        if (refuse) throw new UnauthorizedError({ service: 'SiteGPT', status: 401 });
        return { items: [summary('a')] };
      },
    });
    const store = memoryStore([{ account: account('s', 'sitegpt'), provider }]);
    await store.ensureContainers('s');
    assert.equal((await store.ensureThreads('s', recent)).state, 'failed');
    refuse = false;
    await store.credentialsChanged('s');
    assert.equal(store.threadList('s', 'recent')?.state, 'stale');
    assert.deepEqual((await store.ensureThreads('s', recent)).threadIds, ['a']);
    const calls = provider.calls.length;
    await store.credentialsChanged('s');
    await store.ensureThreads('s', recent);
    assert.equal(provider.calls.length, calls, 'nothing reloaded that had loaded fine');
  });
});

describe('the thread store against the sample server', () => {
  it('follows a Thred customer that answers under another id until it completes, as one record', async () => {
    const server = await startSampleServer();
    const made = sampleProvider(server, 'thred');
    try {
      const clock = new ManualClock();
      const store = memoryStore([{ account: made.account, provider: made.source }], { clock });
      await store.ensureThreads(made.account.id, recent);
      // Listed while processing, Thred has no id for the customer yet: the row is keyed by email.
      const listed = store.threadList(made.account.id, 'recent')?.threadIds.find((id) => store.summary(made.account.id, id)?.state === 'processing') ?? '';
      assert.ok(listed.startsWith('email:'), `listed as ${listed}`);
      const target = { accountId: made.account.id, threadId: listed };
      const watch = store.watch(target);
      await store.openThread(target);
      const states: string[] = [];
      // The policy's waits: 1 s, then 1.5× longer each time.
      for (const wait of [1_000, 1_500, 2_250]) {
        await waitUntil(() => clock.waiting > 0);
        states.push(String(store.summary(made.account.id, listed)?.progress?.percent));
        await clock.advance(wait);
        await waitUntil(() => clock.waiting > 0 || store.summary(made.account.id, listed)?.state !== 'processing');
      }
      watch.dispose();
      assert.deepEqual(states, ['10', '35', '70']);
      // Completed, Thred names the customer by id: the same record, under both ids.
      assert.equal(store.summary(made.account.id, listed)?.state, 'done');
      assert.equal(store.summary(made.account.id, SAMPLE_IDS.thred.processing), store.summary(made.account.id, listed));
      assert.equal(store.thread(made.account.id, listed)?.thread?.title, 'Pat Pending');
    } finally {
      await made.dispatcher.destroy();
      await server.close();
    }
  });
});

describe('a sixth service', () => {
  it('needs only its provider folder and one registry line', async () => {
    const services = new ServiceRegistry([...BUILT_IN_SERVICES, parrot]);
    const entry = { account: account('p', 'parrot'), provider: parrot.create({} as never) };
    const store = memoryStore([entry], { services });
    const containers = await store.ensureContainers('p');
    assert.deepEqual(containers.containers.map((container) => container.label), ['Main perch']);
    const list = await store.ensureThreads('p', containers.containers[0]!);
    assert.equal(store.summary('p', list.threadIds[0]!)?.title, 'Polly wants a cracker');
    assert.deepEqual(store.threadsWithAddress('polly@parrot.example').map((hit) => hit.summary.threadId), ['squawk-1']);
    const whole = await store.loadWholeThread({ accountId: 'p', threadId: 'squawk-1' });
    const doc = renderThreadMarkdown(store.originOf('p', 'perch-1'), whole.thread, whole.messages);
    assert.match(doc, /\| Service \| Parrot — parrot account \|/);
    assert.match(doc, /- \*\*Feathers:\*\* green/);
    assert.deepEqual(services.get('parrot').capabilities.threadReference.parse('https://api.parrot.example/threads/squawk-1'), { threadId: 'squawk-1' });
  });
});

function message(id: string) {
  return { type: 'message' as const, id, author: { role: 'customer' as const }, to: [], cc: [], body: { kind: 'text' as const, text: id }, attachments: [], sources: [] };
}


/** Waits (real time, for the sample server's answers) until a condition holds. */
async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
