// The sample server: wire formats of the five imitated APIs, pagination, auth, faults, control API.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import {
  DEFAULT_SAMPLE_KEYS,
  INJECTION_PAYLOADS,
  SENTINEL_COMMAND,
  injectionText,
  SAMPLE_IDS,
  XSS_PAYLOADS,
  XSS_SENTINEL,
  parseFaultSpec,
  startSampleServer,
  type SampleServer,
} from '../../src/sample/index';
import { VirtualClock } from '../support/virtualClock';
import { waitUntil } from '../support/wait';

// Response bodies are checked field by field; a loose type keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Reply {
  status: number;
  headers: Headers;
  body: Json;
  ms: number;
}

const K = DEFAULT_SAMPLE_KEYS;
const JSON_HEADERS = { 'content-type': 'application/json' };
const IDS = SAMPLE_IDS;
const SARAH_ID = IDS.tybrite.sarahCustomerId;

let server: SampleServer;
/** The server's time: latency, session lifetimes and Retry-After dates run on it. */
let clock: VirtualClock;

async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const ms = performance.now() - started;
  let body: Json = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body, ms };
}

const as = (path: string, headers: Record<string, string> = {}) => call(`${server.baseUrls.agentsend}${path}`, { headers: { 'x-api-key': K.agentsend, ...headers } });
const sg = (path: string, headers: Record<string, string> = {}) => call(`${server.baseUrls.sitegpt}${path}`, { headers: { authorization: `Bearer ${K.sitegpt}`, ...headers } });
const ty = (path: string, headers: Record<string, string> = {}) =>
  call(`${server.baseUrls.tybrite}${path}`, { headers: { authorization: `Bearer ${K.tybrite}`, 'x-auth-token': K.tybriteSession, ...headers } });
const th = (path: string, headers: Record<string, string> = {}) => call(`${server.baseUrls.thred}${path}`, { headers: { authorization: `Bearer ${K.thred}`, ...headers } });
const cx = (path: string, headers: Record<string, string> = {}) => call(`${server.baseUrls.cattix}${path}`, { headers: { authorization: `Bearer ${K.cattix}`, ...headers } });
const tyPost = (path: string, body: unknown, key: string = K.tybrite) =>
  call(`${server.baseUrls.tybrite}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('sample server', () => {
  before(async () => {
    clock = new VirtualClock();
    server = await startSampleServer({ clock, control: true });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.control.reset());

  describe('mounts and accounts', () => {
    it('exposes one base URL per service at the real paths', () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{24}$/);
      assert.deepEqual(server.baseUrls, {
        agentsend: `${server.url}/agentsend`,
        sitegpt: `${server.url}/sitegpt/api/v0`,
        tybrite: `${server.url}/tybrite`,
        thred: `${server.url}/thred/v1`,
        cattix: `${server.url}/cattix`,
      });
    });

    it('describes itself over /__control/info with one account per service', async () => {
      const { body } = await call(`${server.url}/__control/info`);
      assert.equal(body.url, server.url);
      assert.deepEqual(body.baseUrls, server.baseUrls);
      assert.deepEqual(body.accounts.map((a: Json) => a.service), ['agentsend', 'sitegpt', 'tybrite', 'thred', 'cattix']);
      const tybrite = body.accounts.find((a: Json) => a.service === 'tybrite');
      assert.equal(tybrite.label, 'Sample Tybrite');
      assert.equal(tybrite.apiKey, K.tybrite);
      assert.deepEqual(tybrite.options, { customerId: SARAH_ID, customerName: 'Sarah Johnson', credentialHeader: 'x-auth-token' });
      assert.deepEqual(tybrite.session, { accessToken: K.tybriteSession });
      assert.deepEqual(server.control.info(), body);
    });

    it('uses grep-able sample keys of the right formats', () => {
      assert.match(K.tybrite, /^tybrite_sk_test_/);
      assert.match(K.tybritePublishable, /^tybrite_pk_test_/);
      for (const value of [K.agentsend, K.sitegpt, K.thred, K.cattix, K.tybriteSession]) assert.match(value, /sample/);
    });
  });

  describe('auth rejection, each in its own shape', () => {
    it('AgentSend: x-api-key or Bearer; else 401 { error: { code, message } }', async () => {
      assert.equal((await as('/inboxes')).status, 200);
      assert.equal((await call(`${server.baseUrls.agentsend}/inboxes`, { headers: { authorization: `Bearer ${K.agentsend}` } })).status, 200);
      const bad = await as('/inboxes', { 'x-api-key': 'wrong' });
      assert.equal(bad.status, 401);
      assert.deepEqual(bad.body, { error: { code: 'unauthorized', message: 'Invalid API key' } });
      assert.equal((await call(`${server.baseUrls.agentsend}/inboxes`)).status, 401);
    });

    it('SiteGPT: 401 API_KEY_NOT_VALID in the error envelope', async () => {
      const bad = await sg('/chatbots', { authorization: 'Bearer nope' });
      assert.equal(bad.status, 401);
      assert.deepEqual(bad.body, {
        success: false,
        message: 'API key is not valid',
        data: null,
        error: { code: 'API_KEY_NOT_VALID', message: 'API key is not valid', details: null },
      });
    });

    it('Tybrite: a key of the wrong format is 401 unauthorized, with Tybrite-Environment', async () => {
      const bad = await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { authorization: 'Bearer sk_live_123' });
      assert.equal(bad.status, 401);
      assert.equal(bad.body.error.code, 'unauthorized');
      assert.ok(bad.headers.get('tybrite-environment'));
      const unknownKey = await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { authorization: 'Bearer tybrite_sk_test_notthekey' });
      assert.equal(unknownKey.status, 401);
      assert.equal(unknownKey.headers.get('tybrite-environment'), 'sandbox');
    });

    it('Thred: 401 { error: "Unauthorized", message: "Workspace ID not found in request" }', async () => {
      const bad = await th('/customers/recent', { authorization: '' });
      assert.equal(bad.status, 401);
      assert.deepEqual(bad.body, { error: 'Unauthorized', message: 'Workspace ID not found in request' });
    });

    it('Cattix: 401 { detail: "Could not validate credentials" }', async () => {
      const bad = await cx('/api/v1/companies/me/connections', { authorization: 'Bearer nope' });
      assert.equal(bad.status, 401);
      assert.deepEqual(bad.body, { detail: 'Could not validate credentials' });
      assert.equal(bad.headers.get('www-authenticate'), 'Bearer');
    });

    it('unknown paths are 404 and wrong methods 405, in each service shape', async () => {
      assert.deepEqual((await as('/nope')).body, { error: { code: 'not_found', message: 'Not found' } });
      assert.equal((await sg('/nope')).body.success, false);
      assert.equal((await ty('/v1/nope')).body.error.code, 'not_found');
      assert.deepEqual((await th('/nope')).body.error, 'Not found');
      assert.deepEqual((await cx('/api/v1/nope')).body, { detail: 'Not Found' });
      const post = await call(`${server.baseUrls.agentsend}/inboxes`, { method: 'DELETE', headers: { 'x-api-key': K.agentsend } });
      assert.equal(post.status, 405);
      assert.equal((await call(`${server.baseUrls.cattix}/api/v1/chat/threads`, { method: 'POST' })).status, 405);
      assert.equal((await call(`${server.url}/elsewhere`)).status, 404);
    });
  });

  describe('AgentSend', () => {
    it('lists inboxes with { data, total, limit, offset } and all documented fields', async () => {
      const { body } = await as('/inboxes');
      assert.equal(body.total, 4);
      assert.equal(body.limit, 20);
      assert.equal(body.offset, 0);
      assert.deepEqual(body.data.map((i: Json) => i.id), ['inb_support', 'inb_sales', 'inb_bulk', 'inb_empty']);
      assert.deepEqual(Object.keys(body.data[0]), [
        'id', 'address', 'displayName', 'domainId', 'status', 'dailySendLimit', 'sendsToday', 'totalSent', 'bounceCount', 'complaintCount', 'createdAt',
      ]);
    });

    it('pages threads with limit/offset/total, lastMessageAt descending', async () => {
      const first = await as('/inboxes/inb_support/threads?limit=10&offset=0');
      assert.equal(first.body.total, 45);
      assert.equal(first.body.data.length, 10);
      const last = await as('/inboxes/inb_support/threads?limit=10&offset=40');
      assert.equal(last.body.data.length, 5);
      assert.equal(last.body.offset, 40);
      const all = (await as('/inboxes/inb_support/threads?limit=100')).body.data;
      const stamps = all.map((t: Json) => t.lastMessageAt);
      assert.deepEqual(stamps, [...stamps].sort().reverse());
      for (const id of [IDS.agentsend.sarahThread, IDS.agentsend.htmlThread, IDS.agentsend.attachmentsThread, IDS.agentsend.ccThread, IDS.agentsend.hostileThread]) {
        assert.ok(all.slice(0, 20).some((t: Json) => t.id === id), `${id} on the first page`);
      }
      assert.equal((await as('/inboxes/inb_empty/threads')).body.total, 0);
      const bulk = await as('/inboxes/inb_bulk/threads?limit=100&offset=2300');
      assert.equal(bulk.body.total, 2400);
      assert.equal(bulk.body.data.length, 100);
      assert.equal((await as('/inboxes/inb_bulk/threads?limit=100&offset=2400')).body.data.length, 0);
    });

    it('rejects limit > 100 with 400 validation_error; unknown ids are 404', async () => {
      const bad = await as('/inboxes/inb_bulk/threads?limit=101');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body, { error: { code: 'validation_error', message: 'limit must be between 1 and 100' } });
      assert.equal((await as('/threads/thr_nope')).body.error.message, 'Thread not found');
      assert.equal((await as('/threads/thr_nope/messages')).status, 404);
      assert.equal((await as('/inboxes/inb_nope/threads')).status, 404);
    });

    it('serves the 10,000-message thread: total, last page, fast pages', async () => {
      const thread = (await as(`/threads/${IDS.agentsend.longThread}`)).body;
      assert.equal(thread.messageCount, 10_000);
      assert.equal(thread.subject, 'Order history export');
      const last = await as(`/threads/${IDS.agentsend.longThread}/messages?limit=100&offset=9900`);
      assert.equal(last.body.total, 10_000);
      assert.equal(last.body.data.length, 100);
      assert.equal(last.body.data[99].id, 'msg_lh010000');
      assert.equal(last.body.data[99].createdAt, thread.lastMessageAt);
      assert.equal(last.body.data[0].direction, 'inbound');
      assert.equal(last.body.data[1].direction, 'outbound');
      // Any page, straight away: the ids of a page follow on from the offset asked for.
      for (let offset = 0; offset < 3000; offset += 750) {
        const page = (await as(`/threads/${IDS.agentsend.longThread}/messages?limit=100&offset=${offset}`)).body.data;
        assert.equal(page[0].id, `msg_lh${String(offset + 1).padStart(6, '0')}`);
      }
    });

    it('serves the long thread at another length for a run when asked (the benchmark), and the default again after reset', async () => {
      const long = IDS.agentsend.longThread;
      const listed = async () => (await as('/inboxes/inb_support/threads?limit=100')).body.data.find((t: Json) => t.id === long).messageCount;
      assert.equal(await listed(), 10_000); // cached now: the change must not serve it stale
      const asked = await call(`${server.url}/__control/agentsend/long-thread`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ messages: 100_000 }) });
      assert.equal(asked.status, 200);
      assert.equal((await as(`/threads/${long}`)).body.messageCount, 100_000);
      assert.equal(await listed(), 100_000);
      const last = (await as(`/threads/${long}/messages?limit=100&offset=99900`)).body;
      assert.equal(last.total, 100_000);
      assert.equal(last.data[99].id, 'msg_lh100000');
      assert.equal((await call(`${server.url}/__control/agentsend/long-thread`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ messages: 3 }) })).status, 400);
      server.control.reset();
      assert.equal((await as(`/threads/${long}`)).body.messageCount, 10_000);
      assert.equal(await listed(), 10_000);
      assert.equal((await as(`/threads/${long}/messages?limit=100&offset=9900`)).body.data[99].id, 'msg_lh010000');
    });

    it('has messages with every status, HTML bodies, attachments, cc and a hostile thread', async () => {
      const statuses = new Set<string>();
      const threads = (await as('/inboxes/inb_support/threads?limit=100')).body.data.filter((t: Json) => t.id !== IDS.agentsend.longThread);
      for (const thread of threads) {
        for (const m of (await as(`/threads/${thread.id}/messages?limit=100`)).body.data) statuses.add(m.status);
      }
      assert.deepEqual([...statuses].sort(), ['bounced', 'complained', 'delivered', 'failed', 'queued', 'received', 'sending', 'sent']);
      const html = (await as(`/threads/${IDS.agentsend.htmlThread}/messages`)).body.data;
      assert.ok(html.some((m: Json) => /<table/.test(m.bodyHtml ?? '') && /<img src="https:\/\//.test(m.bodyHtml ?? '')));
      assert.ok(html.some((m: Json) => m.bodyText === undefined && m.bodyHtml), 'an HTML-only message');
      const files = (await as(`/threads/${IDS.agentsend.attachmentsThread}/messages`)).body.data.flatMap((m: Json) => m.attachments);
      assert.deepEqual(new Set(files.map((a: Json) => a.contentType)), new Set(['application/pdf', 'image/png', 'text/csv']));
      assert.ok(files.every((a: Json) => a.id && a.filename && a.size > 0));
      const cc = (await as(`/threads/${IDS.agentsend.ccThread}/messages`)).body.data;
      assert.ok(cc.every((m: Json) => m.ccAddresses.length >= 2));
      const hostile = (await as(`/threads/${IDS.agentsend.hostileThread}/messages?limit=100`)).body.data;
      assert.ok(XSS_PAYLOADS.every((p) => hostile.some((m: Json) => m.bodyText === p)));
      assert.ok(hostile.some((m: Json) => (m.bodyHtml ?? '').includes(XSS_SENTINEL)));
      const sarah = (await as(`/threads/${IDS.agentsend.sarahThread}/messages`)).body.data;
      assert.equal(sarah[0].fromAddress, 'sarah.johnson@techcorp.example');
    });
  });

  describe('SiteGPT v0', () => {
    it('lists chatbots in the success envelope', async () => {
      const { body } = await sg('/chatbots');
      assert.equal(body.success, true);
      assert.match(body.message, /^Fetched/);
      assert.deepEqual(body.data.chatbots.map((b: Json) => b.title), ['Docs Assistant', 'Pricing Bot', 'Empty Bot']);
      for (const bot of body.data.chatbots) {
        assert.match(bot.id, /^\d+$/);
        for (const field of ['description', 'settings', 'createdById', 'createdByEmail', 'suggestions', 'nextSuggestions', 'prompts']) assert.ok(field in bot, field);
      }
    });

    it('pages threads with page/limit (default 20), newest updatedAt first, no paging metadata', async () => {
      const bot = IDS.sitegpt.docsBot;
      const one = (await sg(`/chatbots/${bot}/threads`)).body.data;
      const two = (await sg(`/chatbots/${bot}/threads?page=2`)).body.data;
      const three = (await sg(`/chatbots/${bot}/threads?page=3`)).body.data;
      assert.deepEqual(Object.keys(one), ['threads']);
      assert.equal(one.threads.length, 20);
      assert.equal(two.threads.length, 10);
      assert.equal(three.threads.length, 0);
      const all = (await sg(`/chatbots/${bot}/threads?limit=100`)).body.data.threads;
      assert.equal(all.length, 30);
      const stamps = all.map((t: Json) => t.updatedAt);
      assert.deepEqual(stamps, [...stamps].sort().reverse());
      const item = all[0];
      for (const field of ['threadId', 'startedAt', 'updatedAt', 'endedAt', 'chatUser', 'escalated', 'important', 'resolved', 'totalMessagesRead', 'lastMessage', 'totalMessages', 'totalPositiveMessages', 'totalNegativeMessages', 'totalGpt4MessagesCount']) {
        assert.ok(field in item, field);
      }
      assert.equal(item.lastMessage.chatbotId, bot);
      assert.equal(item.lastMessage.threadId, item.threadId);
      assert.equal((await sg(`/chatbots/${IDS.sitegpt.pricingBot}/threads`)).body.data.threads.length, 8);
      assert.equal((await sg(`/chatbots/${IDS.sitegpt.emptyBot}/threads`)).body.data.threads.length, 0);
      const bad = await sg(`/chatbots/${bot}/threads?limit=101`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'REQUEST_VALIDATION_FAILED');
      assert.deepEqual(bad.body.error.details, [{ field: 'limit', message: 'limit must be between 1 and 100' }]);
    });

    it('fetches a thread with skipMessages / includeChatUser', async () => {
      const path = `/chatbots/${IDS.sitegpt.docsBot}/threads/${IDS.sitegpt.sarahThread}`;
      const full = (await sg(path)).body.data.thread;
      assert.deepEqual(Object.keys(full), ['threadId', 'mode', 'messages', 'startedAt', 'updatedAt', 'webhookUrl', 'totalMessagesRead', 'chatUserId', 'chatbotId', 'chatUser']);
      assert.ok(full.messages.length > 0);
      assert.equal(full.chatUser, null);
      assert.ok(full.chatUserId);
      const withUser = (await sg(`${path}?includeChatUser=true&skipMessages=true`)).body.data.thread;
      assert.equal(withUser.chatUser.email, 'sarah.johnson@techcorp.example');
      assert.deepEqual(withUser.messages, []);
    });

    it('covers message types, reactions and Markdown answers; answers 403/404 like the docs', async () => {
      const types = new Set<string>();
      const reactions = new Set<string>();
      let markdown = false;
      for (const t of (await sg(`/chatbots/${IDS.sitegpt.docsBot}/threads?limit=100`)).body.data.threads) {
        for (const m of (await sg(`/chatbots/${IDS.sitegpt.docsBot}/threads/${t.threadId}`)).body.data.thread.messages) {
          types.add(m.messageType);
          reactions.add(m.reaction);
          if (m.messageType === 'USER_MESSAGE') assert.equal(m.answer, null);
          if (m.messageType === 'AGENT_MESSAGE') assert.equal(m.question, null);
          if (/```/.test(m.answer?.text ?? '') && /\|---/.test(m.answer?.text ?? '')) markdown = true;
        }
      }
      assert.deepEqual([...types].sort(), ['AGENT_MESSAGE', 'NORMAL_MESSAGE', 'USER_MESSAGE']);
      assert.deepEqual([...reactions].sort(), ['NEGATIVE', 'NEUTRAL', 'POSITIVE']);
      assert.ok(markdown, 'a Markdown answer with a code block and a table');
      const hostile = (await sg(`/chatbots/${IDS.sitegpt.docsBot}/threads/${IDS.sitegpt.hostileThread}`)).body.data.thread.messages;
      assert.ok(XSS_PAYLOADS.every((p) => hostile.some((m: Json) => m.question?.text === p)));
      assert.equal((await sg(`/chatbots/${IDS.sitegpt.forbiddenBot}/threads`)).body.error.code, 'CHATBOT_FETCH_FORBIDDEN');
      assert.equal((await sg('/chatbots/123/threads')).body.error.code, 'CHATBOT_NOT_FOUND');
      const missing = await sg(`/chatbots/${IDS.sitegpt.docsBot}/threads/00000000-0000-4000-8000-000000000000`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'THREAD_NOT_FOUND');
    });
  });

  describe('Tybrite', () => {
    it('logs in with a secret key, then lists threads with the issued token', async () => {
      const login = await tyPost('/v1/auth/login', K.tybriteLogin);
      assert.equal(login.status, 200);
      assert.equal(login.headers.get('tybrite-environment'), 'sandbox');
      const session = login.body.session;
      assert.deepEqual(Object.keys(session), ['access_token', 'refresh_token', 'expires_in', 'expires_at']);
      assert.equal(session.expires_in, 3600);
      assert.equal(session.expires_at, clock.now() / 1000 + 3600);
      assert.equal(login.body.customer.id, SARAH_ID);
      const list = await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { 'x-auth-token': session.access_token });
      assert.equal(list.status, 200);
      assert.equal(list.body.threads.length, 25);
      assert.equal(list.body.threads[0].environment, 'sandbox');
      assert.equal((await tyPost('/v1/auth/login', { email: K.tybriteLogin.email, password: 'wrong' })).status, 401);
    });

    it('refreshes a session; the old refresh token is then invalid', async () => {
      const { session } = (await tyPost('/v1/auth/login', K.tybriteLogin)).body;
      const refreshed = await tyPost('/v1/auth/refresh', { refresh_token: session.refresh_token });
      assert.equal(refreshed.status, 200);
      assert.notEqual(refreshed.body.session.access_token, session.access_token);
      assert.equal((await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&limit=1`, { 'x-auth-token': refreshed.body.session.access_token })).status, 200);
      const again = await tyPost('/v1/auth/refresh', { refresh_token: session.refresh_token });
      assert.equal(again.status, 401);
      assert.equal(again.body.error.code, 'unauthorized');
    });

    it('refuses a publishable key on /v1/auth/* with 403 but lets it read', async () => {
      const refused = await tyPost('/v1/auth/login', K.tybriteLogin, K.tybritePublishable);
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.body.error.code, 'forbidden');
      assert.equal(refused.body.error.message, 'Authentication endpoints require a secret key');
      assert.equal((await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { authorization: `Bearer ${K.tybritePublishable}` })).status, 200);
    });

    it('requires exactly one customer credential header', async () => {
      const none = await call(`${server.baseUrls.tybrite}/v1/messaging/threads?customer_id=${SARAH_ID}`, { headers: { authorization: `Bearer ${K.tybrite}` } });
      assert.equal(none.status, 401);
      assert.match(none.body.error.message, /exactly one/);
      const two = await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { 'x-idp-token': 'abc' });
      assert.equal(two.status, 401);
      assert.match(two.body.error.message, /exactly one/);
      assert.equal((await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { 'x-auth-token': 'tbat_unknown' })).status, 401);
    });

    it("checks the customer: customer_id required, must match; another customer's thread is 403", async () => {
      const missing = await ty('/v1/messaging/threads');
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.code, 'invalid_request');
      const other = await ty(`/v1/messaging/threads?customer_id=${IDS.tybrite.bobCustomerId}`);
      assert.equal(other.status, 403);
      assert.deepEqual(other.body, { error: { code: 'forbidden', message: 'customer_id does not match the authenticated customer' } });
      assert.equal((await ty(`/v1/messaging/threads/${IDS.tybrite.bobThread}`)).status, 403);
      assert.equal((await ty(`/v1/messaging/threads/${IDS.tybrite.bobThread}/messages`)).status, 403);
      assert.equal((await ty('/v1/messaging/threads/00000000-0000-4000-8000-000000000000')).status, 404);
      // Bob's own token reads his thread.
      const bob = (await tyPost('/v1/auth/login', IDS.tybrite.bobLogin)).body.session.access_token;
      assert.equal((await ty(`/v1/messaging/threads/${IDS.tybrite.bobThread}`, { 'x-auth-token': bob })).status, 200);
    });

    it('pages threads by cursor until has_more is false; pinned first; filters', async () => {
      const seen: Json[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `customer_id=${SARAH_ID}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { body } = await ty(`/v1/messaging/threads?${query}`);
        assert.equal(body.pagination.limit, 7);
        seen.push(...body.threads);
        cursor = body.pagination.next_cursor;
        assert.equal(cursor === null, !body.pagination.has_more);
        pages++;
      } while (cursor);
      assert.equal(pages, 4);
      assert.equal(new Set(seen.map((t) => t.id)).size, 25);
      const pinned = seen.filter((t) => t.is_pinned).length;
      assert.ok(pinned > 0 && seen.slice(0, pinned).every((t) => t.is_pinned));
      const rest = seen.slice(pinned).map((t) => t.last_message_at);
      assert.deepEqual(rest, [...rest].sort().reverse());
      for (const [field, values] of [
        ['thread_type', ['general', 'order_inquiry', 'product_inquiry', 'support', 'complaint', 'delivery', 'return', 'refund', 'technical']],
        ['status', ['active', 'resolved', 'closed', 'escalated', 'pending']],
        ['priority', ['low', 'normal', 'high', 'urgent']],
      ] as const) {
        assert.deepEqual(new Set(seen.map((t) => t[field])), new Set(values), field);
      }
      const unread = (await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&unread=true`)).body.threads;
      assert.ok(unread.length > 0 && unread.every((t: Json) => t.unread_count_store > 0));
      const archived = (await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&archived=true`)).body.threads;
      assert.ok(archived.length > 0 && archived.every((t: Json) => t.is_archived));
      const complaints = (await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&thread_type=complaint&priority=low`)).body.threads;
      assert.ok(complaints.every((t: Json) => t.thread_type === 'complaint' && t.priority === 'low'));
      assert.equal((await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&limit=201`)).status, 400);
      assert.equal((await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&cursor=%%%`)).status, 400);
    });

    it('pages the 600-message thread by cursor, asc and desc', async () => {
      const base = `/v1/messaging/threads/${IDS.tybrite.longThread}/messages?limit=200`;
      const first = (await ty(base)).body;
      assert.equal(first.messages.length, 200);
      assert.equal(first.pagination.has_more, true);
      const second = (await ty(`${base}&cursor=${encodeURIComponent(first.pagination.next_cursor)}`)).body;
      const third = (await ty(`${base}&cursor=${encodeURIComponent(second.pagination.next_cursor)}`)).body;
      assert.equal(third.messages.length, 200);
      assert.deepEqual(third.pagination, { limit: 200, next_cursor: null, has_more: false });
      const all = [...first.messages, ...second.messages, ...third.messages];
      assert.equal(new Set(all.map((m) => m.id)).size, 600);
      const stamps = all.map((m) => m.created_at);
      assert.deepEqual(stamps, [...stamps].sort());
      const desc = (await ty(`${base}&order=desc`)).body.messages;
      assert.equal(desc[0].id, all[599].id);
      assert.equal(desc[1].id, all[598].id);
    });

    it('covers every message type and status, with edits, a tombstone and hostile content', async () => {
      const types = new Set<string>();
      const statuses = new Set<string>();
      let edited = false;
      let deleted = 0;
      for (const t of (await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`)).body.threads) {
        for (const m of (await ty(`/v1/messaging/threads/${t.id}/messages?limit=200`)).body.messages) {
          types.add(m.message_type);
          statuses.add(m.message_status);
          edited ||= m.is_edited;
          if (m.is_deleted) deleted++;
          if (m.message_type === 'product_link') assert.ok(m.metadata.url && m.metadata.price && m.metadata.product_id);
          if (m.message_type === 'order_update') assert.ok(m.metadata.order_id && m.metadata.tracking_url);
          if (m.message_type === 'image' && !m.is_deleted) assert.match(m.attachments[0], /^https:\/\//);
        }
      }
      assert.deepEqual([...types].sort(), ['file', 'image', 'order_update', 'product_link', 'system_notification', 'text']);
      assert.deepEqual([...statuses].sort(), ['delivered', 'failed', 'read', 'sent']);
      assert.ok(edited);
      assert.equal(deleted, 1);
      const hostile = (await ty(`/v1/messaging/threads/${IDS.tybrite.hostileThread}/messages?limit=200`)).body.messages;
      assert.ok(XSS_PAYLOADS.every((p) => hostile.some((m: Json) => m.message_content === p)));
      const one = await ty(`/v1/messaging/threads/${IDS.tybrite.hostileThread}`);
      assert.equal(one.body.id, IDS.tybrite.hostileThread); // bare object, no envelope
    });

    it('expires issued sessions; a live key answers Tybrite-Environment: production', async () => {
      const otherClock = new VirtualClock();
      const other = await startSampleServer({ clock: otherClock, tybriteTokenLifetimeSeconds: 0.2, keys: { tybrite: 'tybrite_sk_live_sampleLive01' } });
      try {
        const post = (path: string, body: unknown) =>
          call(`${other.baseUrls.tybrite}${path}`, { method: 'POST', headers: { authorization: 'Bearer tybrite_sk_live_sampleLive01' }, body: JSON.stringify(body) });
        const login = await post('/v1/auth/login', K.tybriteLogin);
        assert.equal(login.headers.get('tybrite-environment'), 'production');
        const read = () =>
          call(`${other.baseUrls.tybrite}/v1/messaging/threads?customer_id=${SARAH_ID}&limit=1`, {
            headers: { authorization: 'Bearer tybrite_sk_live_sampleLive01', 'x-auth-token': login.body.session.access_token },
          });
        const fresh = await read();
        assert.equal(fresh.status, 200);
        assert.equal(fresh.body.threads[0].environment, 'production');
        await otherClock.advance(199);
        assert.equal((await read()).status, 200, 'still valid 1 ms before it expires');
        await otherClock.advance(1);
        const expired = await read();
        assert.equal(expired.status, 401);
        assert.equal(expired.body.error.message, 'Session expired');
        assert.equal(expired.headers.get('tybrite-environment'), 'production');
      } finally {
        await other.close();
      }
    });
  });

  describe('Thred', () => {
    it('answers processing with rising progress, then completed; reset restarts it', async () => {
      const email = IDS.thred.processingEmail;
      const poll = async (byId: boolean) => (await th(byId ? `/customers/${IDS.thred.processing}` : `/customers?email=${encodeURIComponent(email)}`)).body;
      const seen = [await poll(false), await poll(true), await poll(false), await poll(true), await poll(false)];
      assert.deepEqual(seen.map((c) => c.status), ['processing', 'processing', 'processing', 'completed', 'completed']);
      assert.deepEqual(seen.map((c) => c.progress), [10, 35, 70, 100, 100]);
      assert.deepEqual(Object.keys(seen[0]), ['status', 'name', 'email', 'company', 'platform', 'progress']);
      assert.equal(seen[3].link, `https://app.thred.ai/share/${IDS.thred.processing}`);
      server.control.reset();
      assert.equal((await poll(false)).status, 'processing');
      await call(`${server.url}/__control/reset`, { method: 'POST' });
      assert.equal((await poll(true)).progress, 10);
    });

    it('returns a full customer by email and by id, without an id field', async () => {
      const byEmail = (await th('/customers?email=sarah.johnson%40techcorp.example')).body;
      assert.deepEqual(Object.keys(byEmail), [
        'status', 'name', 'email', 'company', 'platform', 'productsDiscussed', 'insights', 'suggestions', 'summary', 'conversation', 'progress', 'link',
      ]);
      assert.deepEqual(Object.keys(byEmail.insights), ['mainConcerns', 'buyingSignals', 'competitorsConsidered']);
      assert.equal(byEmail.link, `https://app.thred.ai/share/${IDS.thred.sarah}`);
      assert.deepEqual((await th(`/customers/${IDS.thred.sarah}`)).body, byEmail);
      assert.deepEqual((await th('/customers')).body, { error: 'Bad request', message: 'Email query parameter is required' });
      assert.deepEqual((await th('/customers?email=nope')).body, { error: 'Bad request', message: 'Invalid email format' });
      assert.deepEqual((await th('/customers?email=who%40example.com')).body, { error: 'Not found', message: 'Customer not found with this email' });
      const noChat = await th(`/customers?email=${encodeURIComponent(IDS.thred.noChatEmail)}`);
      assert.equal(noChat.status, 404);
      assert.equal(noChat.body.message, 'No chat data found for this customer');
      assert.equal((await th('/customers/cus_123')).body.message, 'Invalid customerId format');
      assert.equal((await th('/customers/cus_AAAAAAAAAAAA')).body.message, 'Customer not found');
      const hostile = (await th(`/customers/${IDS.thred.hostile}`)).body;
      assert.ok(XSS_PAYLOADS.every((p) => hostile.conversation.some((turn: Json) => turn.content === p)));
    });

    it('lists recent customers (bare array, limit, platforms, dates; empty is a 404)', async () => {
      const all = (await th('/customers/recent')).body;
      assert.ok(Array.isArray(all));
      assert.equal(all.length, 15);
      assert.ok(all.some((c: Json) => c.status === 'processing'));
      assert.deepEqual(new Set(all.map((c: Json) => c.platform)), new Set(['chatgpt', 'gemini', 'pplx', 'claude']));
      assert.ok(all.every((c: Json) => !('id' in c) && !('insights' in c)));
      assert.equal((await th('/customers/recent?limit=3')).body.length, 3);
      const claude = (await th('/customers/recent?platforms=claude,pplx')).body;
      assert.ok(claude.every((c: Json) => c.platform === 'claude' || c.platform === 'pplx'));
      assert.equal((await th('/customers/recent?limit=0')).body.message, 'Limit must be a positive integer');
      assert.match((await th('/customers/recent?platforms=bing')).body.message, /^Invalid platform\(s\): bing\. Must be one of: chatgpt, gemini, pplx, claude$/);
      assert.equal((await th('/customers/recent?startDate=yesterday')).status, 400);
      const none = await th('/customers/recent?startDate=0&endDate=1000');
      assert.equal(none.status, 404);
      assert.deepEqual(none.body, { error: 'Not found', message: 'No customers found' });
      const november = (await th(`/customers/recent?startDate=${Date.UTC(2026, 10, 1)}`)).body;
      assert.ok(november.length > 0 && november.length < 15);
    });

    it('finds customers by company (case-insensitive)', async () => {
      const { body } = await th('/customers/by-company?name=techcorp');
      assert.equal(body.company, 'techcorp');
      assert.equal(body.results.length, 3);
      assert.ok(body.results.every((c: Json) => c.company === 'TechCorp'));
      assert.equal((await th('/customers/by-company')).body.message, "Company name query parameter 'name' is required");
      assert.equal((await th('/customers/by-company?name=zzz')).body.message, 'No customers found matching this company name');
    });
  });

  describe('Cattix', () => {
    it('lists companies with connections (bare array)', async () => {
      const { body } = await cx('/api/v1/companies/me/connections');
      assert.deepEqual(body.map((c: Json) => c.id), [101, 102, 103]);
      assert.match(body[0].date_added, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/);
      assert.equal(body[2].google_ads_customers.length, 0);
      assert.match(body[0].google_business_locations[0].maps_uri, /^https:\/\/maps\.google\.com\/\?cid=\d+$/);
    });

    it('lists a company threads, filters by assistant_type, validates like FastAPI', async () => {
      const all = (await cx('/api/v1/chat/threads?company_id=101')).body;
      assert.equal(all.length, 8);
      assert.deepEqual(new Set(all.map((t: Json) => t.assistant.assistant_type)), new Set(['onboarding', 'general', 'market_analysis', 'campaign_creation']));
      assert.ok(all.some((t: Json) => t.google_ads_customer === null) && all.some((t: Json) => t.google_ads_customer !== null));
      assert.ok(all.some((t: Json) => t.google_business_location?.storefront_address?.address_lines.length));
      assert.ok(all.some((t: Json) => t.is_completed) && all.some((t: Json) => !t.is_completed));
      const hostile = all.find((t: Json) => t.thread_id === IDS.cattix.hostileThread);
      assert.ok(hostile.name.includes(XSS_SENTINEL));
      const general = (await cx('/api/v1/chat/threads?company_id=101&assistant_type=general')).body;
      assert.ok(general.length > 0 && general.every((t: Json) => t.assistant.assistant_type === 'general'));
      const missing = await cx('/api/v1/chat/threads');
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body.detail[0].loc, ['query', 'company_id']);
      assert.equal(missing.body.detail[0].type, 'missing');
      assert.equal((await cx('/api/v1/chat/threads?company_id=abc')).status, 422);
      assert.equal((await cx('/api/v1/chat/threads?company_id=101&assistant_type=nope')).body.detail[0].loc[1], 'assistant_type');
      assert.deepEqual((await cx('/api/v1/chat/threads?company_id=999')).body, { detail: 'Not Found' });
    });
  });

  describe('faults', () => {
    const inboxes = () => `${server.baseUrls.agentsend}/inboxes`;

    it('parses specs and rejects unknown ones', async () => {
      assert.deepEqual(parseFaultSpec('latency:200,503'), { spec: 'latency:200,503', latencyMs: 200, action: { kind: 'status', status: 503 } });
      assert.throws(() => parseFaultSpec('teapot'));
      assert.throws(() => parseFaultSpec('500,503'));
      const bad = await as('/inboxes', { 'x-sample-fault': 'teapot' });
      assert.equal(bad.status, 400);
    });

    it('injects error statuses in each service shape, with Retry-After', async () => {
      for (const status of [401, 403, 404, 500, 502, 503, 504]) {
        const r = await as('/inboxes', { 'x-sample-fault': String(status) });
        assert.equal(r.status, status);
        assert.equal(typeof r.body.error.code, 'string');
        assert.equal(r.headers.get('retry-after'), null);
      }
      const plain = await as('/inboxes', { 'x-sample-fault': '429' });
      assert.equal(plain.headers.get('retry-after'), '1');
      assert.equal((await as('/inboxes', { 'x-sample-fault': '429:5' })).headers.get('retry-after'), '5');
      assert.equal((await as('/inboxes', { 'x-sample-fault': '503:4' })).headers.get('retry-after'), '4');
      const dated = await as('/inboxes', { 'x-sample-fault': '429-date:30' });
      const when = Date.parse(dated.headers.get('retry-after') ?? '');
      assert.equal(when, clock.now() + 30_000); // the server's clock stands on a whole second
      const sgErr = await sg('/chatbots', { 'x-sample-fault': '500' });
      assert.deepEqual([sgErr.body.success, sgErr.body.data], [false, null]);
      const tyErr = await ty('/v1/messaging/threads', { 'x-sample-fault': '429' });
      assert.equal(tyErr.body.error.code, 'rate_limited');
      assert.equal(tyErr.body.error.remaining, 0);
      assert.equal(tyErr.body.error.reset, clock.now() / 1000 + 1);
      assert.equal(tyErr.headers.get('tybrite-environment'), 'sandbox');
      assert.equal(typeof (await th('/customers/recent', { 'x-sample-fault': '503' })).body.error, 'string');
      assert.equal(typeof (await cx('/api/v1/companies/me/connections', { 'x-sample-fault': '502' })).body.detail, 'string');
    });

    it('hang: the request never answers until the client gives up', async () => {
      await assert.rejects(fetch(inboxes(), { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'hang' }, signal: AbortSignal.timeout(150) }));
      const [entry] = server.control.requests();
      assert.equal(entry?.fault, 'hang');
      assert.equal(entry?.status, 0);
    });

    it('refuse: the connection closes without an answer, as when the server is not running', async () => {
      await assert.rejects(fetch(inboxes(), { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'refuse' } }), (error: Error) => error instanceof TypeError);
      const [entry] = server.control.requests();
      assert.equal(entry?.fault, 'refuse');
      assert.equal(entry?.status, 0);
    });

    it('truncate: full Content-Length, half the body, then the socket dies', async () => {
      const response = await fetch(inboxes(), { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'truncate' } });
      assert.equal(response.status, 200);
      assert.ok(Number(response.headers.get('content-length')) > 100);
      await assert.rejects(response.text());
    });

    it('invalid-json: 200 with a body that does not parse', async () => {
      const response = await fetch(inboxes(), { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'invalid-json' } });
      assert.equal(response.status, 200);
      await assert.rejects(response.json());
    });

    it('drift: the envelope changes, per service', async () => {
      assert.ok(Array.isArray((await as('/inboxes', { 'x-sample-fault': 'drift' })).body.items));
      const sgDrift = (await sg('/chatbots', { 'x-sample-fault': 'drift' })).body;
      assert.ok(sgDrift.payload && !('data' in sgDrift));
      assert.ok(Array.isArray((await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}`, { 'x-sample-fault': 'drift' })).body.results));
      assert.ok(!('status' in (await th(`/customers/${IDS.thred.sarah}`, { 'x-sample-fault': 'drift' })).body));
      assert.ok(Array.isArray((await cx('/api/v1/companies/me/connections', { 'x-sample-fault': 'drift' })).body.results));
    });

    it('drift-item: every other item has a required field renamed', async () => {
      const items = (await as(`/threads/${IDS.agentsend.longThread}/messages?limit=4`, { 'x-sample-fault': 'drift-item' })).body.data;
      assert.ok('createdAt' in items[0] && 'id' in items[0]);
      assert.ok('created' in items[1] && !('createdAt' in items[1]));
      assert.ok(!('id' in items[3]));
      const threads = (await ty(`/v1/messaging/threads?customer_id=${SARAH_ID}&limit=2`, { 'x-sample-fault': 'drift-item' })).body.threads;
      assert.ok('last_message_at' in threads[0] && 'lastMessageAt' in threads[1]);
    });

    it('drift-enum: unknown fields and enum values everywhere', async () => {
      const m = (await as(`/threads/${IDS.agentsend.sarahThread}/messages`, { 'x-sample-fault': 'drift-enum' })).body.data[0];
      assert.equal(m.direction, 'sideways');
      assert.equal(m.status, 'teleported');
      assert.ok('futureField' in m);
      const tm = (await ty(`/v1/messaging/threads/${IDS.tybrite.longThread}/messages?limit=1`, { 'x-sample-fault': 'drift-enum' })).body.messages[0];
      assert.equal(tm.message_type, 'hologram');
    });

    it('latency:<ms> delays, alone or combined with a fault', async () => {
      const slow = as('/inboxes', { 'x-sample-fault': 'latency:120' });
      assert.equal(await clock.whenSleeping(), 120);
      await clock.advance(120);
      assert.equal((await slow).status, 200);
      const both = call(`${server.url}/__fault/latency:100,503/sitegpt/api/v0/chatbots`, { headers: { authorization: `Bearer ${K.sitegpt}` } });
      assert.equal(await clock.whenSleeping(), 100);
      await clock.advance(100);
      assert.equal((await both).status, 503);
      assert.deepEqual(clock.pending(), []);
    });

    it('applies by path prefix /__fault/<spec>/<mount>/…', async () => {
      const r = await call(`${server.url}/__fault/503/sitegpt/api/v0/chatbots`, { headers: { authorization: `Bearer ${K.sitegpt}` } });
      assert.equal(r.status, 503);
      assert.equal(r.body.success, false);
      const drift = await call(`${server.url}/__fault/drift/tybrite/v1/messaging/threads?customer_id=${SARAH_ID}`, {
        headers: { authorization: `Bearer ${K.tybrite}`, 'x-auth-token': K.tybriteSession },
      });
      assert.ok(Array.isArray(drift.body.results));
      const [entry] = server.control.requests();
      assert.equal(entry?.path, '/api/v0/chatbots');
      assert.equal(entry?.fault, '503');
      const dated = await call(`${server.url}/__fault/${encodeURIComponent('429-date:10')}/thred/v1/customers/recent`, { headers: { authorization: `Bearer ${K.thred}` } });
      assert.equal(dated.status, 429);
      assert.ok(dated.headers.get('retry-after')?.endsWith('GMT'));
    });

    it('applies control rules: first match wins, `times` expires, service and path filters', async () => {
      server.control.setFaults([
        { service: 'thred', pathIncludes: '/recent', fault: '503', times: 2 },
        { service: 'thred', fault: '404' },
      ]);
      assert.equal((await th('/customers/recent')).status, 503);
      assert.equal((await th('/customers/recent?limit=2')).status, 503);
      assert.equal((await th('/customers/recent')).status, 404); // second rule now
      assert.equal((await as('/inboxes')).status, 200); // other service untouched
      server.control.clearFaults();
      assert.equal((await th('/customers/recent')).status, 200);

      const set = await call(`${server.url}/__control/faults`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ rules: [{ pathIncludes: 'offset=20', fault: '500', times: 1 }] }),
      });
      assert.equal(set.status, 200);
      assert.equal((await as('/inboxes/inb_support/threads?offset=20')).status, 500);
      assert.equal((await as('/inboxes/inb_support/threads?offset=20')).status, 200);
      await call(`${server.url}/__control/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ rules: [{ fault: 'latency:10,drift' }] }) });
      const drifted = as('/inboxes');
      assert.equal(await clock.whenSleeping(), 10);
      await clock.advance(10);
      assert.ok((await drifted).body.items);
      assert.equal((await call(`${server.url}/__control/faults`, { method: 'DELETE' })).status, 200);
      assert.ok((await as('/inboxes')).body.data);
      const invalid = await call(`${server.url}/__control/faults`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ rules: [{ fault: 'nope' }] }) });
      assert.equal(invalid.status, 400);
    });

    it('adds global latency (in process and over HTTP)', async () => {
      server.control.setLatency(100);
      const delayed = as('/inboxes');
      assert.equal(await clock.whenSleeping(), 100);
      await clock.advance(100);
      assert.equal((await delayed).status, 200);
      await call(`${server.url}/__control/latency`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ ms: 250 }) });
      const slower = as('/inboxes');
      assert.equal(await clock.whenSleeping(), 250);
      await clock.advance(250);
      assert.equal((await slower).status, 200);
      await call(`${server.url}/__control/latency`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ ms: 0 }) });
      assert.equal((await as('/inboxes')).status, 200, 'answered without time moving');
    });
  });

  describe('request log', () => {
    it('records service requests with path, query, headers, fault and status', async () => {
      await as('/inboxes/inb_support/threads?limit=5&offset=10', { 'X-Custom': 'yes' });
      await th('/customers/recent', { 'x-sample-fault': '503' });
      await call(`${server.url}/__control/info`); // not recorded
      const log = (await call(`${server.url}/__control/requests`)).body.requests;
      assert.equal(log.length, 2);
      const [first, second] = log;
      assert.equal(first.method, 'GET');
      assert.equal(first.service, 'agentsend');
      assert.equal(first.path, '/inboxes/inb_support/threads');
      assert.deepEqual(first.query, { limit: '5', offset: '10' });
      assert.equal(first.headers['x-api-key'], K.agentsend);
      assert.equal(first.headers['x-custom'], 'yes');
      assert.equal(first.status, 200);
      assert.equal(typeof first.time, 'number');
      assert.equal(first.fault, undefined);
      assert.equal(second.seq, first.seq + 1);
      assert.equal(second.service, 'thred');
      assert.equal(second.path, '/v1/customers/recent');
      assert.equal(second.fault, '503');
      assert.equal(second.status, 503);
      assert.deepEqual(server.control.requests(first.seq).map((e) => e.seq), [second.seq]);
      assert.equal((await call(`${server.url}/__control/requests?since=${first.seq}`)).body.requests.length, 1);
      await call(`${server.url}/__control/requests`, { method: 'DELETE' });
      assert.deepEqual(server.control.requests(), []);
    });

    it('moves its time forward when the control API says (requests are logged at it), and reset puts it back', async () => {
      await as('/inboxes');
      const before = server.control.requests()[0]?.time ?? assert.fail('a logged request');
      const moved = await call(`${server.url}/__control/clock`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ advanceMs: 90_000 }) });
      assert.deepEqual(moved.body, { aheadMs: 90_000 });
      await as('/inboxes');
      assert.equal((server.control.requests()[1]?.time ?? 0) - before, 90_000, 'the virtual clock did not move between the two');
      assert.equal((await call(`${server.url}/__control/clock`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ advanceMs: -1 }) })).status, 400);
      await call(`${server.url}/__control/reset`, { method: 'POST' });
      await as('/inboxes');
      assert.equal(server.control.requests()[0]?.time, before);
    });
  });

  describe('close()', () => {
    it('closes with a hanging and a waiting request open, ending both', async () => {
      // On a clock that never moves, the slow request would wait for ever: close must not.
      const other = await startSampleServer({ clock: new VirtualClock() });
      const pending = fetch(`${other.baseUrls.agentsend}/inboxes`, { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'hang' } });
      const slow = fetch(`${other.baseUrls.agentsend}/inboxes`, { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'latency:5000' } });
      pending.catch(() => undefined);
      slow.catch(() => undefined);
      await waitUntil(() => other.control.requests().length === 2, 'both requests to arrive');
      await other.close();
      await assert.rejects(pending);
      await assert.rejects(slow);
      await other.close(); // idempotent
    });
  });
});

describe('sample server, reachable by any web page the user opens', () => {
  let guarded: SampleServer;
  let origin: string;
  before(async () => {
    guarded = await startSampleServer({ control: true });
    origin = new URL(guarded.url).origin;
  });
  after(() => guarded.close());

  /** A GET with headers fetch() will not set (Host). */
  const rawGet = (url: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      http.get(url, { headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });

  it('puts a random token in its URL, and every base URL and sample account carries it', async () => {
    const token = new URL(guarded.url).pathname;
    assert.match(token, /^\/[A-Za-z0-9_-]{24}$/);
    const another = await startSampleServer();
    try {
      assert.notEqual(new URL(another.url).pathname, token, 'a new token per server');
    } finally {
      await another.close();
    }
    for (const baseUrl of Object.values(guarded.baseUrls)) assert.ok(baseUrl.startsWith(`${guarded.url}/`), baseUrl);
    assert.equal((await fetch(`${guarded.baseUrls.agentsend}/inboxes`, { headers: { 'x-api-key': K.agentsend } })).status, 200);
  });

  it('refuses a request without its token, to the services and to the control API alike', async () => {
    guarded.control.clearRequests();
    assert.equal((await fetch(`${origin}/agentsend/inboxes`, { headers: { 'x-api-key': K.agentsend } })).status, 404);
    assert.equal((await fetch(`${origin}/__control/info`)).status, 404);
    assert.equal((await fetch(`${origin}/wrong-token-000000000000/__control/info`)).status, 404);
    const csrf = await fetch(`${origin}/__control/faults`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ rules: [{ fault: '500' }] }) });
    assert.equal(csrf.status, 404);
    assert.deepEqual(guarded.control.faults(), [], 'no fault was set');
    assert.deepEqual(guarded.control.requests(), [], 'nothing reached a service');
  });

  it('refuses a Host other than its own 127.0.0.1:<port> (DNS rebinding)', async () => {
    const port = new URL(guarded.url).port;
    assert.equal(await rawGet(`${guarded.baseUrls.agentsend}/inboxes`, { host: 'rebound.example', 'x-api-key': K.agentsend }), 421);
    assert.equal(await rawGet(`${guarded.baseUrls.agentsend}/inboxes`, { host: `localhost:${port}`, 'x-api-key': K.agentsend }), 421);
    assert.equal(await rawGet(`${guarded.baseUrls.agentsend}/inboxes`, { host: `127.0.0.1:${port}`, 'x-api-key': K.agentsend }), 200);
  });

  it('refuses any request that carries an Origin header, which only browsers send', async () => {
    const page = await fetch(`${guarded.baseUrls.agentsend}/inboxes`, { headers: { origin: 'https://evil.example', 'x-api-key': K.agentsend } });
    assert.equal(page.status, 403);
    const control = await fetch(`${guarded.url}/__control/faults`, { method: 'POST', headers: { origin: 'null', 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ fault: '500' }] }) });
    assert.equal(control.status, 403);
    assert.deepEqual(guarded.control.faults(), []);
  });

  it('accepts only JSON on the control API (no form or text/plain POST)', async () => {
    const text = await fetch(`${guarded.url}/__control/faults`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ rules: [{ fault: '500' }] }) });
    assert.equal(text.status, 415);
    assert.deepEqual(guarded.control.faults(), []);
  });

  it('has no control API unless it is asked for', async () => {
    const plain = await startSampleServer();
    try {
      assert.equal((await fetch(`${plain.url}/__control/info`)).status, 404);
      assert.equal((await fetch(`${plain.url}/__control/faults`, { method: 'POST', headers: JSON_HEADERS, body: '{"rules":[{"fault":"500"}]}' })).status, 404);
      assert.equal((await fetch(`${plain.baseUrls.thred}/customers/recent`, { headers: { authorization: `Bearer ${K.thred}` } })).status, 200);
    } finally {
      await plain.close();
    }
  });
});

describe('sample server injection faults', () => {
  let injecting: SampleServer;
  before(async () => {
    injecting = await startSampleServer();
  });
  after(() => injecting.close());

  it('inject: every free-text field carries the whole corpus; ids, times and enums stay as they were', async () => {
    const plain = await (await fetch(`${injecting.baseUrls.agentsend}/threads/${IDS.agentsend.sarahThread}/messages`, { headers: { 'x-api-key': K.agentsend } })).json();
    const injected = await (
      await fetch(`${injecting.baseUrls.agentsend}/threads/${IDS.agentsend.sarahThread}/messages`, { headers: { 'x-api-key': K.agentsend, 'x-sample-fault': 'inject' } })
    ).json();
    const [before, after] = [plain.data[0], injected.data[0]];
    assert.equal(after.id, before.id);
    assert.equal(after.createdAt, before.createdAt);
    assert.equal(after.direction, before.direction);
    for (const field of ['subject', 'bodyText', 'fromAddress']) {
      assert.ok(after[field].startsWith(before[field]), field);
      assert.ok(after[field].endsWith(injectionText()), `${field} carries the corpus`);
    }
    assert.ok(INJECTION_PAYLOADS.some((payload) => payload.includes(`command:${SENTINEL_COMMAND}`)));
  });

  it('inject with a status: the error body carries the corpus too (error messages are service text)', async () => {
    const reply = await fetch(`${injecting.baseUrls.thred}/customers/recent`, { headers: { authorization: `Bearer ${K.thred}`, 'x-sample-fault': 'inject,404' } });
    assert.equal(reply.status, 404);
    const body = await reply.json();
    assert.ok(String(body.message).includes(`[Download invoice](command:${SENTINEL_COMMAND})`));
  });

  it('inject-huge: the first free-text field is also a 1 MB string', async () => {
    const reply = await fetch(`${injecting.baseUrls.thred}/customers/recent`, { headers: { authorization: `Bearer ${K.thred}`, 'x-sample-fault': 'inject-huge' } });
    const text = await reply.text();
    assert.ok(text.length > 1024 * 1024, `${text.length} characters`);
    assert.ok(parseFaultSpec('latency:10,inject,503').inject === 'inject');
  });
});

describe('sample server load statistics', () => {
  it('counts requests answered at once', async () => {
    const { startSampleServer } = await import('../../src/sample');
    const server = await startSampleServer();
    try {
      server.control.setLatency(200);
      const headers = { 'x-api-key': server.keys.agentsend };
      await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.baseUrls.agentsend}/inboxes`, { headers })));
      const stats = server.control.stats();
      assert.equal(stats.inFlight, 0);
      assert.equal(stats.maxInFlight, 5);
    } finally {
      await server.close();
    }
  });
});
