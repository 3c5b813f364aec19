// Every provider against the sample server over real HTTP: each endpoint, each pagination style,
// credentials, and each error class and fault.
import * as assert from 'node:assert/strict';
import { renderThreadMarkdown } from '../../src/markdown/render';
import type { Container, Message, MessageItem, ThreadSummary } from '../../src/domain/model';
import {
  ForbiddenError,
  InvalidResponseError,
  MissingCredentialError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  ServiceError,
  TimeoutError,
  UnauthorizedError,
  UnsupportedError,
} from '../../src/http/errors';
import { AgentSendProvider } from '../../src/providers/agentsend/client';
import { CattixProvider } from '../../src/providers/cattix/client';
import { SiteGptProvider } from '../../src/providers/sitegpt/client';
import { ThredProvider } from '../../src/providers/thred/client';
import { TybriteProvider } from '../../src/providers/tybrite/client';
import { SAMPLE_IDS, SARAH, startSampleServer, type SampleServer, type ServiceId } from '../../src/sample';
import { memoryStore } from './support/memoryStore';
import { waitUntil } from '../support/wait';
import { sampleProvider, type TestProvider } from './support/sampleProviders';

const ids = SAMPLE_IDS;
const messages = (items: readonly MessageItem[]) => items.filter((item): item is Message => item.type === 'message');
/** Every message of a thread, fetched as export and the Markdown document fetch it: through the store. */
const wholeThread = async (made: TestProvider, threadId: string): Promise<readonly MessageItem[]> =>
  (await memoryStore([{ account: made.account, provider: made.source }]).loadWholeThread({ accountId: made.account.id, threadId })).messages;

describe('providers against the sample server', function () {
  this.timeout(20_000);
  let server: SampleServer;
  const opened: TestProvider[] = [];
  const make = <S extends TestProvider['source']>(...args: Parameters<typeof sampleProvider>) => {
    const made = sampleProvider<S>(...args);
    opened.push(made);
    return made;
  };

  before(async () => {
    server = await startSampleServer();
  });
  after(async () => {
    await Promise.all(opened.map((entry) => entry.dispatcher.destroy()));
    await server.close();
  });
  beforeEach(() => server.control.reset());

  describe('AgentSend (limit/offset with totals)', () => {
    const inbox = (id: string): Container => ({ kind: 'inbox', id, label: id });

    it('lists inboxes with their display names', async () => {
      const { source } = make<AgentSendProvider>(server, 'agentsend');
      const inboxes = await source.listContainers();
      assert.deepEqual(inboxes.map((entry) => entry.id), [ids.agentsend.support, ids.agentsend.sales, ids.agentsend.bulk, ids.agentsend.empty]);
      assert.ok(inboxes.every((entry) => entry.kind === 'inbox' && entry.label.length > 0));
    });

    it('pages 2,400 threads 100 at a time with the total', async () => {
      const { source } = make<AgentSendProvider>(server, 'agentsend');
      const first = await source.listThreads(inbox(ids.agentsend.bulk), {});
      assert.equal(first.items.length, 100);
      assert.equal(first.total, 2_400);
      assert.equal(first.next, '100');
      const last = await source.listThreads(inbox(ids.agentsend.bulk), { cursor: '2300' });
      assert.equal(last.items.length, 100);
      assert.equal(last.next, undefined);
      const requests = server.control.requests().filter((entry) => entry.path.includes('/threads'));
      assert.deepEqual(requests.map((entry) => entry.query['offset']), ['0', '2300']);
      assert.ok(requests.every((entry) => entry.query['limit'] === '100'));
    });

    it('sends the key as x-api-key', async () => {
      const { source } = make<AgentSendProvider>(server, 'agentsend');
      await source.listContainers();
      assert.equal(server.control.requests()[0]?.headers['x-api-key'], server.keys.agentsend);
    });

    it('opens a thread with its first page, mapping direction to role and keeping HTML and text', async () => {
      const { source } = make<AgentSendProvider>(server, 'agentsend');
      const { thread, messages: page } = await source.openThread({ threadId: ids.agentsend.htmlThread });
      assert.equal(thread.threadId, ids.agentsend.htmlThread);
      const list = messages(page.items);
      assert.ok(list.some((message) => message.author.role === 'customer'));
      assert.ok(list.some((message) => message.author.role === 'agent'));
      assert.ok(list.some((message) => message.body.kind === 'html'));
      assert.ok(thread.participants.length > 0, 'participants come from the messages');
    });

    it('stops fetching the remaining pages once one of them fails', async () => {
      const made = make<AgentSendProvider>(server, 'agentsend');
      server.control.setFaults([{ service: 'agentsend', pathIncludes: 'offset=500', fault: '404' }]);
      // Counts the pages being fetched: a worker only starts its next page right after the last
      // one ended, so none in flight means every worker has stopped.
      let inFlight = 0;
      const source = made.source;
      const counting = Object.create(source) as AgentSendProvider;
      counting.listMessages = (...args) => {
        inFlight++;
        return source.listMessages(...args).finally(() => inFlight--);
      };
      await assert.rejects(wholeThread({ ...made, source: counting }, ids.agentsend.longThread), NotFoundError);
      await waitUntil(() => inFlight === 0, 'the other workers to stop');
      const pagesAsked = server.control.requests().filter((entry) => entry.path.endsWith('/messages')).length;
      // The failing page is the 5th of 99; the other workers may finish what they started and
      // take a few more while its 404 travels back, but must not go on to the end.
      assert.ok(pagesAsked < 30, `${pagesAsked} of 99 pages asked for`);
    });

    it('keeps attachments metadata and cc addresses', async () => {
      const { source } = make<AgentSendProvider>(server, 'agentsend');
      const withFiles = messages((await source.openThread({ threadId: ids.agentsend.attachmentsThread })).messages.items);
      const files = withFiles.flatMap((message) => message.attachments);
      assert.ok(files.some((file) => file.name.endsWith('.pdf') && typeof file.size === 'number' && file.contentType));
      const withCc = messages((await source.openThread({ threadId: ids.agentsend.ccThread })).messages.items);
      assert.ok(withCc.some((message) => message.cc.length > 0));
    });

    it('gives people on Cc their side from the inbox’s own address and domain, not from who wrote to them', async () => {
      const { source } = make<AgentSendProvider>(server, 'agentsend');
      const opened = await source.openThread({ threadId: ids.agentsend.ccThread });
      const roles = Object.fromEntries(opened.thread.participants.map((person) => [person.address, person.role]));
      assert.deepEqual(roles, {
        'ops-lead@northstar.example': 'customer',
        'cto@northstar.example': 'customer',
        'support@acme-sample.example': 'agent',
        'account-manager@acme-sample.example': 'agent',
        'incident-review@acme-sample.example': 'agent',
      });
      // The same in the Markdown document, which reads the same participants.
      const doc = renderThreadMarkdown({ serviceName: 'AgentSend', accountLabel: 'Sample' }, opened.thread, opened.messages.items);
      assert.match(doc, /cto@northstar\.example&gt; \(customer\)/);
      assert.match(doc, /incident-review@acme-sample\.example&gt; \(agent\)/);
    });

    it('fetches all 10,000 messages of a long thread concurrently, in order', async () => {
      const made = make<AgentSendProvider>(server, 'agentsend');
      const { messages: first } = await made.source.openThread({ threadId: ids.agentsend.longThread });
      assert.equal(first.total, 10_000);
      const all = await wholeThread(made, ids.agentsend.longThread);
      assert.equal(all.length, 10_000);
      assert.equal(all[9_999]?.type === 'message' && all[9_999].id, 'msg_lh010000');
      const ordered = messages(all).every((message, index, list) => index === 0 || (list[index - 1]?.createdAt ?? '') <= (message.createdAt ?? ''));
      assert.ok(ordered, 'oldest first');
    });
  });

  describe('SiteGPT v0 (envelope, question/answer pairs)', () => {
    const docs: Container = { kind: 'chatbot', id: ids.sitegpt.docsBot, label: 'Docs' };

    it('lists chatbots', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      const bots = await source.listContainers();
      assert.deepEqual(bots.map((bot) => bot.id).slice(0, 3), [ids.sitegpt.docsBot, ids.sitegpt.pricingBot, ids.sitegpt.emptyBot]);
    });

    it('lists threads with escalated / important / resolved badges', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      const page = await source.listThreads(docs, {});
      assert.equal(page.items.length, ids.sitegpt.docsThreads);
      assert.equal(page.next, undefined, 'a short page is followed by the next, and the empty one ends the list (sitegpt-paging.test.ts)');
      for (const badge of ['escalated', 'important', 'resolved']) assert.ok(page.items.some((thread) => thread.badges.includes(badge)), badge);
      assert.deepEqual(server.control.requests().map((entry) => entry.query), [{ page: '1', limit: '100' }, { page: '2', limit: '100' }]);
    });

    it('splits each pair into the visitor’s question and the bot’s or agent’s answer, with sources, reaction and model', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      const { thread, messages: page } = await source.openThread({ threadId: ids.sitegpt.sarahThread, containerId: ids.sitegpt.docsBot });
      assert.ok(thread.participants.some((person) => person.address === SARAH.email));
      const list = messages(page.items);
      assert.equal(list[0]?.author.role, 'customer');
      assert.ok(list.some((message) => message.author.role === 'bot' && message.body.kind === 'markdown'));
      assert.ok(list.some((message) => message.sources.length > 0 && message.sources.every((entry) => entry.url.startsWith('https://'))));
      assert.ok(list.some((message) => message.model));
      const query = server.control.requests().at(-1)?.query;
      assert.equal(query?.['includeChatUser'], 'true');
    });

    it('an opened thread keeps the flags and the count its list row shows', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      const page = await source.listThreads(docs, {});
      const flagged = page.items.find((thread) => thread.badges.length >= 2) ?? assert.fail('a thread with two flags');
      const { thread, messages: opened } = await source.openThread({ threadId: flagged.threadId, containerId: ids.sitegpt.docsBot });
      for (const badge of flagged.badges) assert.ok(thread.badges.includes(badge), `${badge} kept`);
      assert.equal(thread.status, flagged.status);
      assert.equal(thread.state, flagged.state);
      assert.equal(thread.messageCount, flagged.messageCount, 'the service’s count: a question and its answer are one message');
      assert.ok(opened.items.length >= (thread.messageCount ?? 0), 'shown as the visitor’s question and the answer');
    });

    it('finds the chatbot of a thread given only its id', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      const { thread } = await source.openThread({ threadId: ids.sitegpt.sarahThread });
      assert.equal(thread.containerId, ids.sitegpt.docsBot);
      assert.ok(server.control.requests().some((entry) => entry.query['skipMessages'] === 'true'));
    });

    it('maps CHATBOT_FETCH_FORBIDDEN to Forbidden with SiteGPT’s message', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      const error = await source.listThreads({ kind: 'chatbot', id: ids.sitegpt.forbiddenBot, label: 'x' }, {}).catch((e: unknown) => e);
      assert.ok(error instanceof ForbiddenError, String(error));
      assert.ok(error.serviceMessage);
    });

    it('has no next page of messages', async () => {
      const { source } = make<SiteGptProvider>(server, 'sitegpt');
      await assert.rejects(source.listMessages({ threadId: 'x' }, '1'), UnsupportedError);
    });
  });

  describe('Tybrite (cursor paging, key plus customer credential)', () => {
    const customer: Container = { kind: 'customer', id: ids.tybrite.sarahCustomerId, label: 'Sarah' };

    it('lists the customer’s threads with unread counts and reports the sandbox environment', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite');
      const [container] = await source.listContainers();
      assert.equal(container?.id, ids.tybrite.sarahCustomerId);
      const page = await source.listThreads(customer, {});
      assert.equal(page.items.length, ids.tybrite.sarahThreads);
      assert.ok(page.items.some((thread) => (thread.unread ?? 0) > 0));
      assert.equal(source.environment, 'sandbox');
      const request = server.control.requests()[0];
      assert.equal(request?.headers['authorization'], `Bearer ${server.keys.tybrite}`);
      assert.equal(request?.headers['x-auth-token'], server.keys.tybriteSession);
      assert.equal(request?.headers['x-external-auth'], undefined, 'exactly one credential header');
    });

    it('sends filters to the server', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite');
      const page = await source.listThreads(customer, { filter: { status: 'escalated', priority: 'urgent', type: 'complaint', archived: false, unread: true } });
      assert.ok(page.items.every((thread) => thread.status === 'escalated'));
      const query = server.control.requests()[0]?.query;
      assert.deepEqual(
        { status: query?.['status'], priority: query?.['priority'], thread_type: query?.['thread_type'], archived: query?.['archived'], unread: query?.['unread'] },
        { status: 'escalated', priority: 'urgent', thread_type: 'complaint', archived: 'false', unread: 'true' },
      );
    });

    it('follows cursors through a 600-message thread', async () => {
      const made = make<TybriteProvider>(server, 'tybrite');
      const { messages: first } = await made.source.openThread({ threadId: ids.tybrite.longThread });
      assert.equal(first.items.length, 200);
      assert.ok(first.next);
      server.control.clearRequests();
      const all = await wholeThread(made, ids.tybrite.longThread);
      assert.equal(all.length, ids.tybrite.longThreadMessages);
      const cursors = server.control.requests().filter((entry) => entry.path.endsWith('/messages')).map((entry) => entry.query['cursor']);
      assert.equal(cursors.length, 3);
      assert.equal(cursors[0], undefined);
    });

    it('maps every message type and keeps edited and deleted markers', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite');
      const seen = new Set<string>();
      let edited = false;
      let deleted = false;
      for (const thread of (await source.listThreads(customer, {})).items.slice(0, 25)) {
        for (const message of messages((await source.openThread({ threadId: thread.threadId })).messages.items)) {
          if (message.contentType) seen.add(message.contentType);
          edited ||= message.edited === true;
          deleted ||= message.deleted === true;
        }
      }
      for (const type of ['text', 'image', 'file', 'product_link', 'order_update', 'system_notification']) assert.ok(seen.has(type), type);
      assert.ok(edited && deleted);
    });

    it('rejects a malformed key before sending anything', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite', { apiKey: 'sk_live_not_tybrite' });
      await assert.rejects(source.listThreads(customer, {}), MissingCredentialError);
      assert.equal(server.control.requests().length, 0);
    });

    it('signs a customer in with email and password and gets a session', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite', { session: null });
      await assert.rejects(source.listThreads(customer, {}), /Sign in/);
      const result = await source.signIn(SARAH.email, server.keys.tybriteLogin.password);
      assert.ok(result.session.accessToken && result.session.refreshToken && result.session.expiresAt);
    });

    it('refuses to sign in with a publishable key', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite', { apiKey: server.keys.tybritePublishable });
      await assert.rejects(source.signIn(SARAH.email, 'x'), /secret key/);
    });

    it('renews the session before it expires and saves the new one', async () => {
      const login = make<TybriteProvider>(server, 'tybrite');
      const { session } = await login.source.signIn(SARAH.email, server.keys.tybriteLogin.password);
      const soon = { ...session, expiresAt: Date.now() + 60_000 };
      const { source, credentials } = make<TybriteProvider>(server, 'tybrite', { session: JSON.stringify(soon) });
      server.control.clearRequests();
      await source.listThreads(customer, {});
      const paths = server.control.requests().map((entry) => `${entry.method} ${entry.path}`);
      assert.deepEqual(paths, ['POST /v1/auth/refresh', 'GET /v1/messaging/threads']);
      const saved = JSON.parse(credentials.values.get('session') ?? '{}') as { accessToken?: string };
      assert.ok(saved.accessToken && saved.accessToken !== session.accessToken);
    });

    it('is refused (403) another customer’s thread', async () => {
      const { source } = make<TybriteProvider>(server, 'tybrite');
      const error = await source.openThread({ threadId: ids.tybrite.bobThread }).catch((e: unknown) => e);
      assert.ok(error instanceof ForbiddenError, String(error));
      assert.match(error.message, /Tybrite refused access/);
    });
  });

  describe('Thred (lookups; processing → completed)', () => {
    it('lists recent customers (limit only), ids taken from share links', async () => {
      const { source } = make<ThredProvider>(server, 'thred');
      const page = await source.listThreads({ kind: 'recent', id: 'recent', label: 'Recent' }, {});
      assert.equal(page.items.length, 15);
      assert.equal(page.next, undefined);
      assert.ok(page.items.some((thread) => thread.threadId === ids.thred.sarah));
      assert.equal(server.control.requests()[0]?.query['limit'], '50');
    });

    it('sends the platform filter as `platforms`', async () => {
      const { source } = make<ThredProvider>(server, 'thred');
      const page = await source.listThreads({ kind: 'recent', id: 'recent', label: 'Recent' }, { filter: { type: 'claude' } });
      assert.ok(page.items.every((thread) => thread.type === 'claude'));
      assert.equal(server.control.requests()[0]?.query['platforms'], 'claude');
    });

    it('looks a customer up by email with insights and conversation', async () => {
      const { source } = make<ThredProvider>(server, 'thred');
      const { thread, messages: page } = await source.openThread({ threadId: `email:${SARAH.email}` });
      assert.equal(thread.threadId, ids.thred.sarah);
      assert.ok(thread.state !== 'processing' && thread.cards.some((card) => card.kind === 'lists' && card.id === 'insights' && card.summary));
      assert.ok(messages(page.items).length > 1);
      assert.equal(thread.webUrl, `https://app.thred.ai/share/${ids.thred.sarah}`);
    });

    it('follows a processing customer to completed over polls', async () => {
      const { source } = make<ThredProvider>(server, 'thred');
      const progress: number[] = [];
      for (let poll = 0; poll < 4; poll++) {
        const thread = await source.lookupByEmail(ids.thred.processingEmail);
        progress.push(thread.state === 'processing' ? (thread.progress?.percent ?? -1) : 100);
      }
      assert.deepEqual(progress, [10, 35, 70, 100]);
    });

    it('opens a customer by id and lists by company', async () => {
      const { source } = make<ThredProvider>(server, 'thred');
      const { thread } = await source.openThread({ threadId: ids.thred.sarah });
      assert.equal(thread.title, SARAH.name);
      const company = await source.byCompany('TechCorp');
      assert.equal(company.threads.length, 3);
    });

    it('passes Thred’s own not-found messages through', async () => {
      const { source } = make<ThredProvider>(server, 'thred');
      const noChat = await source.lookupByEmail(ids.thred.noChatEmail).catch((e: unknown) => e);
      assert.ok(noChat instanceof NotFoundError);
      assert.equal(noChat.serviceMessage, 'No chat data found for this customer');
      const unknown = await source.lookupByEmail('nobody@nowhere.test').catch((e: unknown) => e);
      assert.ok(unknown instanceof NotFoundError);
      assert.equal(unknown.serviceMessage, 'Customer not found with this email');
    });
  });

  describe('Cattix (companies; details only)', () => {
    it('lists companies, optionally limited by the account option', async () => {
      const all = await make<CattixProvider>(server, 'cattix').source.listContainers();
      assert.deepEqual(all.map((company) => company.id), ['101', '102', '103']);
      const some = await make<CattixProvider>(server, 'cattix', { options: { companyIds: ['102'] } }).source.listContainers();
      assert.deepEqual(some.map((company) => company.id), ['102']);
    });

    it('lists a company’s threads and sends assistant_type to the server', async () => {
      const { source } = make<CattixProvider>(server, 'cattix');
      const company: Container = { kind: 'company', id: '101', label: 'x' };
      assert.equal((await source.listThreads(company, {})).items.length, 8);
      const general = await source.listThreads(company, { filter: { type: 'general' } });
      assert.ok(general.items.every((thread) => thread.type === 'general'));
      assert.equal(server.control.requests().at(-1)?.query['assistant_type'], 'general');
    });

    it('opens a thread with its details and says plainly that there is no message history', async () => {
      const { source } = make<CattixProvider>(server, 'cattix');
      const list = await source.listThreads({ kind: 'company', id: '101', label: 'x' }, {});
      const withLocation: ThreadSummary[] = [];
      for (const summary of list.items) {
        const { thread, messages: page } = await source.openThread({ threadId: summary.threadId });
        assert.equal(page.items.length, 0);
        assert.match(thread.messagesUnavailable ?? '', /Cattix publishes no API/);
        if (thread.cards.some((card) => card.kind === 'facts' && card.rows.some((row) => row.link?.label === 'Open in Maps'))) withLocation.push(summary);
      }
      assert.ok(withLocation.length > 0, 'some thread has a Business Profile location with a maps link');
      await assert.rejects(source.listMessages(), UnsupportedError);
      assert.ok(!server.control.requests().some((entry) => /message/i.test(entry.path)), 'no message path is ever guessed');
    });
  });

  describe('errors and faults, for every service', () => {
    const calls: Record<ServiceId, (made: TestProvider) => Promise<unknown>> = {
      agentsend: ({ source }) => source.listThreads({ kind: 'inbox', id: ids.agentsend.support, label: '' }, {}),
      // One request per attempt: a thread list reads on to the (empty) next page.
      sitegpt: ({ source }) => source.openThread({ threadId: ids.sitegpt.sarahThread, containerId: ids.sitegpt.docsBot }),
      tybrite: ({ source }) => source.listThreads({ kind: 'customer', id: ids.tybrite.sarahCustomerId, label: '' }, {}),
      thred: ({ source }) => source.openThread({ threadId: `email:${SARAH.email}` }),
      cattix: ({ source }) => source.listThreads({ kind: 'company', id: '101', label: '' }, {}),
    };
    const names: Record<ServiceId, string> = { agentsend: 'AgentSend', sitegpt: 'SiteGPT', tybrite: 'Tybrite', thred: 'Thred', cattix: 'Cattix' };

    for (const service of Object.keys(calls) as ServiceId[]) {
      const call = calls[service];
      const run = (fault: string, times?: number, options: Parameters<typeof sampleProvider>[2] = {}) => {
        server.control.setFaults([{ service, fault, ...(times ? { times } : {}) }]);
        return call(make(server, service, options));
      };
      const expectError = async <E extends ServiceError>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> => {
        const error = await promise.then(
          () => assert.fail('expected an error'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof type, `${service}: expected ${type.name}, got ${String(error)}`);
        assert.ok(error.message.includes(names[service]), `the message names ${names[service]}: ${error.message}`);
        return error;
      };

      describe(names[service], () => {
        it('a wrong key is rejected as Unauthorized, without the key in the message', async () => {
          const error = await expectError(call(make(server, service, { apiKey: service === 'tybrite' ? 'tybrite_sk_test_wrongwrongwrong' : 'wrong_key_value_123' })), UnauthorizedError);
          assert.ok(!error.message.includes('wrong_key_value_123') && !error.message.includes('wrongwrongwrong'));
        });
        it('a missing key sends nothing', async () => {
          await expectError(call(make(server, service, { apiKey: null })), MissingCredentialError);
          assert.equal(server.control.requests().length, 0);
        });
        it('401 → Unauthorized', () => expectError(run('401'), UnauthorizedError));
        it('403 → Forbidden', () => expectError(run('403'), ForbiddenError));
        it('404 → NotFound', () => expectError(run('404'), NotFoundError));
        it('500 → ServerError, not retried', async () => {
          const error = await expectError(run('500'), ServerError);
          assert.equal(error.status, 500);
          assert.equal(server.control.requests().length, 1);
        });
        it('503 twice, then recovery: retried and read', async () => {
          await run('503', 2);
          assert.equal(server.control.requests().length, 3);
        });
        it('503 that persists → ServerError after the attempts', async () => {
          const error = await expectError(run('503'), ServerError);
          assert.equal(error.status, 503);
          assert.equal(server.control.requests().length, 3);
        });
        it('429 with Retry-After 0, once: retried and read', async () => {
          await run('429:0', 1);
          assert.equal(server.control.requests().length, 2);
        });
        it('429 asking for two minutes → RateLimited(until), no early retry', async () => {
          const error = await expectError(run('429:120'), RateLimitedError);
          assert.ok(error.until && error.until.getTime() > Date.now() + 100_000);
          assert.equal(server.control.requests().length, 1);
        });
        it('a hang past the timeout → Timeout', () => expectError(run('hang', undefined, { headersTimeoutMs: 300 }), TimeoutError));
        it('a truncated body → a clear network or invalid-response error', async () => {
          const error = await run('truncate').catch((e: unknown) => e);
          assert.ok(error instanceof NetworkError || error instanceof InvalidResponseError, String(error));
        });
        it('invalid JSON → InvalidResponse', () => expectError(run('invalid-json'), InvalidResponseError));
        it('a drifted envelope → InvalidResponse naming where', async () => {
          const error = await expectError(run('drift'), InvalidResponseError);
          assert.ok(error.detail && error.detail.length < 400);
        });
        it('drifted items → reported one by one, the rest still read', async () => {
          type Listing = { items?: unknown[]; unreadable?: number };
          const result = (await run('drift-item')) as Listing & { messages?: Listing };
          // Thred answers one customer: its conversation entries are the items.
          const listing = result.messages ?? result;
          assert.ok((listing.unreadable ?? 0) > 0, 'some items reported unreadable');
          const readable = (listing.items ?? []).filter((item) => (item as { type?: string }).type !== 'unreadable');
          assert.ok(readable.length > 0, 'the others read');
        });
        it('unknown enum values and extra fields → still read, values kept', async () => {
          const result = JSON.stringify(await run('drift-enum'));
          const unknownValue: Partial<Record<ServiceId, string>> = { tybrite: 'teleported', cattix: 'budget_optimizer', thred: 'grok' };
          const expected = unknownValue[service];
          if (expected) assert.ok(result.includes(expected), `${expected} is kept`);
          assert.ok(!result.includes('futureField'), 'unknown fields are stripped');
        });
      });
    }
  });
});
