// Live Tybrite threads through the store: the provider holds the sample server's WebSocket feed,
// the store keeps it while the thread is watched, appends what it pushes once, reconnects under
// the live policy in virtual time, and lets go when nobody watches.
import * as assert from 'node:assert/strict';
import type { Message } from '../../src/domain/model';
import type { TybriteProvider } from '../../src/providers/tybrite/client';
import { decodeFrame, liveUrl } from '../../src/providers/tybrite/live';
import { SAMPLE_IDS, startSampleServer, type SampleServer } from '../../src/sample';
import type { StoreChange, ThreadStore } from '../../src/store/threadStore';
import { ManualClock, settle } from './support/manualClock';
import { waitUntil } from '../support/wait';
import { memoryStore } from './support/memoryStore';
import { sampleProvider, type TestProvider } from './support/sampleProviders';

const ids = SAMPLE_IDS.tybrite;
const thread = ids.tombstoneThread;

/** Resolves when `check` holds after a store change (checked at once too); fails after 10 s. */
function until(store: ThreadStore, check: () => boolean, what: string): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 10_000);
    const subscription = store.onDidChange(() => {
      if (!check()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

const sockets = (server: SampleServer, count: number) => waitUntil(() => server.control.tybrite.count() === count, `${count} live sockets`);

describe('live Tybrite threads', function () {
  this.timeout(20_000);
  let server: SampleServer;
  let made: TestProvider<TybriteProvider>;
  let clock: ManualClock;
  let store: ThreadStore;
  let settledAttempts = 0;
  const target = () => ({ accountId: made.account.id, threadId: thread });
  const texts = () => (store.thread(made.account.id, thread)?.messages ?? []).filter((item): item is Message => item.type === 'message').map((item) => item.body.kind === 'text' ? item.body.text : '');
  const live = () => store.thread(made.account.id, thread)?.live;

  before(async () => {
    server = await startSampleServer();
  });
  after(async () => server.close());
  beforeEach(async () => {
    server.control.reset();
    clock = new ManualClock(Date.now());
    // The provider's clock (ping, open timeout) and the store's (backoff) are the same virtual one.
    made = sampleProvider<TybriteProvider>(server, 'tybrite', { now: () => clock.now(), clock });
    settledAttempts = 0;
    // The same provider, counting the connection attempts that ended (so a test knows the store saw it).
    const counting = Object.create(made.source) as TybriteProvider;
    counting.subscribe = (...args) => made.source.subscribe(...args).finally(() => settledAttempts++);
    store = memoryStore([{ account: made.account, provider: counting }], { clock });
    await store.openThread(target());
  });
  afterEach(async () => {
    store.dispose();
    await made.dispatcher.destroy();
  });

  it('a posted message appears once, with the thread’s unread count and time moved on', async () => {
    const watching = store.watch(target());
    await until(store, () => live() === 'live', 'live');
    const changes: StoreChange[] = [];
    store.onDidChange((change) => changes.push(change));
    const unreadBefore = store.summary(made.account.id, thread)?.unread ?? 0;
    const posted = server.control.tybrite.post(thread, 'Is my parcel on its way?', 'customer');
    await until(store, () => texts().includes('Is my parcel on its way?'), 'the posted message');
    assert.equal(texts().filter((text) => text === 'Is my parcel on its way?').length, 1);
    const appended = changes.find((change) => change.kind === 'messages');
    assert.ok(appended?.kind === 'messages' && appended.appended?.length === 1 && appended.appended[0]?.id === posted.id);
    const summary = store.summary(made.account.id, thread);
    assert.equal(summary?.unread, unreadBefore + 1, 'a customer message is unread for the store');
    assert.equal(summary?.updatedAt, posted.created_at);
    const subscribe = server.control.requests().find((entry) => entry.path.endsWith('/subscribe'));
    assert.equal(subscribe?.headers['authorization'], `Bearer ${server.keys.tybrite}`);
    assert.equal(subscribe?.headers['x-auth-token'], server.keys.tybriteSession);
    assert.deepEqual(Object.keys(subscribe?.query ?? {}), [], 'no credential in the URL');
    watching.dispose();
  });

  it('stops when nobody watches', async () => {
    const watching = store.watch(target());
    await until(store, () => live() === 'live', 'live');
    await sockets(server, 1);
    watching.dispose();
    await sockets(server, 0);
    await until(store, () => live() === undefined, 'no live state');
  });

  it('a dropped socket reconnects after the backoff and catches up on what it missed', async () => {
    const watching = store.watch(target());
    await until(store, () => live() === 'live', 'live');
    server.control.tybrite.drop();
    await until(store, () => live() === 'reconnecting', 'reconnecting');
    server.control.tybrite.post(thread, 'Sent while the feed was down');
    await clock.advance(999);
    assert.equal(live(), 'reconnecting', 'waits the first backoff (1 s)');
    await clock.advance(1);
    await until(store, () => live() === 'live', 'live again');
    await until(store, () => texts().includes('Sent while the feed was down'), 'the missed message');
    watching.dispose();
  });

  it('a socket that never opens counts as a failed attempt after the open timeout; then backs off 1 s, 2 s', async () => {
    server.control.setFaults([{ service: 'tybrite', pathIncludes: '/subscribe', fault: 'hang', times: 1 }, { service: 'tybrite', pathIncludes: '/subscribe', fault: '503', times: 1 }]);
    const watching = store.watch(target());
    await until(store, () => live() === 'connecting', 'connecting');
    await clock.advance(15_000);
    await until(store, () => live() === 'reconnecting', 'reconnecting after the open timeout');
    await clock.advance(1_000); // second attempt: refused with 503
    await waitUntil(() => settledAttempts === 2, 'the refused second attempt');
    await settle();
    await clock.advance(1_999);
    assert.notEqual(live(), 'live', 'the second backoff is 2 s');
    await clock.advance(1);
    await until(store, () => live() === 'live', 'live at the third attempt');
    watching.dispose();
  });

  it('decodes only this thread’s message.created frames', () => {
    const message = { id: 'm1', message_content: 'hi', sender_type: 'customer', created_at: '2026-12-03T12:00:00Z' };
    assert.equal(decodeFrame(JSON.stringify({ type: 'message.created', payload: { thread_id: 'other', message } }), 't1'), undefined);
    assert.equal(decodeFrame('pong', 't1'), undefined);
    assert.equal(decodeFrame('{not json', 't1'), undefined);
    assert.deepEqual(decodeFrame(JSON.stringify({ type: 'message.created', payload: { thread_id: 't1', message } }), 't1')?.unreadAdded, 1);
    assert.equal(liveUrl('https://api.tybritelabs.com', 'a/b').toString(), 'wss://api.tybritelabs.com/v1/messaging/threads/a%2Fb/subscribe');
  });
});
