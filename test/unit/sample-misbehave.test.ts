// The sample server's misbehaving-service mode (issue 14), on the wire: each misbehaviour, per
// service, as the existing faults are applied (a header, a path prefix or a control rule).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { CONTROL_CHARACTERS, CONTROL_PREFIX, DEFAULT_SAMPLE_KEYS, HUGE_FIELD_LENGTH, SAMPLE_IDS, parseFaultSpec, startSampleServer, type SampleServer } from '../../src/sample/index';

// Response bodies are checked field by field; a loose type keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const K = DEFAULT_SAMPLE_KEYS;
const IDS = SAMPLE_IDS;
let server: SampleServer;

async function get(service: 'agentsend' | 'sitegpt' | 'tybrite' | 'thred' | 'cattix', path: string, fault?: string): Promise<{ status: number; headers: Headers; body: Json }> {
  const auth: Record<string, Record<string, string>> = {
    agentsend: { 'x-api-key': K.agentsend },
    sitegpt: { authorization: `Bearer ${K.sitegpt}` },
    tybrite: { authorization: `Bearer ${K.tybrite}`, 'x-auth-token': K.tybriteSession },
    thred: { authorization: `Bearer ${K.thred}` },
    cattix: { authorization: `Bearer ${K.cattix}` },
  };
  const response = await fetch(`${server.baseUrls[service]}${path}`, { headers: { ...auth[service], ...(fault ? { 'x-sample-fault': fault } : {}) } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const ids = (items: Json[]) => items.map((item) => String(item.id ?? item.threadId ?? item.messageId ?? item.thread_id ?? item.email));
const BULK = `/inboxes/${IDS.agentsend.bulk}/threads`;
const sarah = IDS.tybrite.sarahCustomerId;

describe('sample server: the misbehaving-service mode', () => {
  before(async () => {
    server = await startSampleServer({ control: true });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.control.reset());

  it('parses the misbehaviours, alone or combined with a fault, and a Retry-After of a day', () => {
    assert.deepEqual(parseFaultSpec('dup,control').misbehave, ['dup', 'control']);
    assert.deepEqual(parseFaultSpec('endless,slow:5,503'), { spec: 'endless,slow:5,503', latencyMs: 0, misbehave: ['endless'], slowMs: 5, action: { kind: 'status', status: 503 } });
    assert.equal(parseFaultSpec('slow').slowMs, 20);
    assert.deepEqual(parseFaultSpec('429-day').action, { kind: 'status', status: 429, retryAfterSeconds: 86_400 });
    assert.throws(() => parseFaultSpec('slow:99999'));
  });

  it('dup: a page starts with the second half of the page before (AgentSend, Tybrite, SiteGPT); a whole list repeats a third of itself (Thred, Cattix)', async () => {
    const first = await get('agentsend', `${BULK}?limit=10&offset=0`);
    const second = await get('agentsend', `${BULK}?limit=10&offset=10`, 'dup');
    assert.deepEqual(ids(second.body.data).slice(0, 5), ids(first.body.data).slice(5));
    assert.equal(second.body.data.length, 15);
    assert.equal(second.body.total, IDS.agentsend.bulkThreads, 'the total is the real one');

    const page1 = await get('tybrite', `/v1/messaging/threads/${IDS.tybrite.longThread}/messages?limit=50`);
    const page2 = await get('tybrite', `/v1/messaging/threads/${IDS.tybrite.longThread}/messages?limit=50&cursor=${encodeURIComponent(page1.body.pagination.next_cursor)}`, 'dup');
    assert.deepEqual(ids(page2.body.messages).slice(0, 25), ids(page1.body.messages).slice(25));
    assert.ok(page2.body.pagination.has_more);

    const bot = IDS.sitegpt.docsBot;
    const p1 = await get('sitegpt', `/chatbots/${bot}/threads?page=1&limit=10`);
    const p2 = await get('sitegpt', `/chatbots/${bot}/threads?page=2&limit=10`, 'dup');
    assert.deepEqual(ids(p2.body.data.threads).slice(0, 5), ids(p1.body.data.threads).slice(5));

    const plain = (await get('thred', `/customers/${IDS.thred.sarah}`)).body.conversation as Json[];
    const repeated = (await get('thred', `/customers/${IDS.thred.sarah}`, 'dup')).body.conversation as Json[];
    assert.deepEqual(repeated, [...plain, ...plain.slice(0, Math.ceil(plain.length / 3))]);
    const cattix = await get('cattix', '/api/v1/chat/threads?company_id=101', 'dup');
    assert.equal(cattix.body.length, IDS.cattix.threadsPerCompany + Math.ceil(IDS.cattix.threadsPerCompany / 3));
  });

  it('total-high: the total claims a thousand items that are not there (AgentSend)', async () => {
    const last = await get('agentsend', `${BULK}?limit=100&offset=2300`, 'total-high');
    assert.equal(last.body.data.length, 100);
    assert.equal(last.body.total, IDS.agentsend.bulkThreads + 1_000);
  });

  it('grow and shrink: the list changes from that request on, and its total with it (AgentSend)', async () => {
    const before = await get('agentsend', `${BULK}?limit=20&offset=0`);
    const grown = await get('agentsend', `${BULK}?limit=20&offset=0`, 'grow');
    assert.equal(grown.body.total, IDS.agentsend.bulkThreads + 5, 'five new threads (a quarter page)');
    assert.match(grown.body.data[0].subject, /^New while you paged/);
    assert.deepEqual(ids(grown.body.data).slice(5), ids(before.body.data).slice(0, 15), 'the rest moved down');
    const later = await get('agentsend', `${BULK}?limit=20&offset=0`);
    assert.deepEqual(ids(later.body.data), ids(grown.body.data), 'it stays so without the fault');

    server.control.reset();
    const page = await get('agentsend', `${BULK}?limit=20&offset=20`);
    const shrunk = await get('agentsend', `${BULK}?limit=20&offset=20`, 'shrink');
    assert.equal(shrunk.body.total, IDS.agentsend.bulkThreads - 5);
    assert.deepEqual(ids(shrunk.body.data).slice(0, 15), ids(page.body.data).slice(5), 'five threads before offset 20 went: what followed moved up');
    const messages = `/threads/${IDS.agentsend.longThread}/messages`;
    const end = await get('agentsend', `${messages}?limit=10&offset=${IDS.agentsend.longThreadMessages - 5}`, 'grow');
    assert.equal(end.body.total, IDS.agentsend.longThreadMessages + 3, 'new messages at the end');
    assert.equal(end.body.data.length, 8);
  });

  it('endless: the service never says it is done — a total, a cursor, page numbers and a recent list that always promise more', async () => {
    const agentsend = await get('agentsend', `${BULK}?limit=100&offset=2400`, 'endless');
    assert.deepEqual(agentsend.body.data, []);
    assert.ok(agentsend.body.total > 2_400);

    const last = await get('tybrite', `/v1/messaging/threads?customer_id=${sarah}&limit=200`, 'endless');
    assert.equal(last.body.pagination.has_more, true);
    assert.ok(last.body.pagination.next_cursor);
    const past = await get('tybrite', `/v1/messaging/threads?customer_id=${sarah}&limit=200&cursor=${encodeURIComponent(last.body.pagination.next_cursor)}`, 'endless');
    assert.deepEqual(past.body.threads, []);
    assert.equal(past.body.pagination.has_more, true, 'an empty page that still promises more');

    const bot = IDS.sitegpt.docsBot;
    const lastPage = await get('sitegpt', `/chatbots/${bot}/threads?page=3&limit=10`);
    const beyond = await get('sitegpt', `/chatbots/${bot}/threads?page=9&limit=10`, 'endless');
    assert.deepEqual(ids(beyond.body.data.threads), ids(lastPage.body.data.threads), 'the last page again, past the end');

    const recent = await get('thred', '/customers/recent?limit=500', 'endless');
    assert.equal(recent.body.length, 500, 'always as long as asked for');
  });

  it('empty-page: no items, the total and the cursor as they were', async () => {
    const agentsend = await get('agentsend', `${BULK}?limit=100&offset=100`, 'empty-page');
    assert.deepEqual(agentsend.body.data, []);
    assert.equal(agentsend.body.total, IDS.agentsend.bulkThreads);
    const tybrite = await get('tybrite', `/v1/messaging/threads/${IDS.tybrite.longThread}/messages?limit=50`, 'empty-page');
    assert.deepEqual(tybrite.body.messages, []);
    assert.equal(tybrite.body.pagination.has_more, true);
  });

  it('huge: the first item’s title and body, and the thread’s own, are 50,000 characters', async () => {
    const list = await get('agentsend', `/inboxes/${IDS.agentsend.support}/threads`, 'huge');
    assert.equal(list.body.data[0].subject.length, HUGE_FIELD_LENGTH);
    assert.ok(list.body.data[1].subject.length < 1_000, 'only the first item');
    assert.equal(list.body.data[0].id, (await get('agentsend', `/inboxes/${IDS.agentsend.support}/threads`)).body.data[0].id, 'ids untouched');
    const messages = await get('agentsend', `/threads/${IDS.agentsend.htmlThread}/messages`, 'huge');
    assert.equal((messages.body.data[0].bodyText ?? messages.body.data[0].bodyHtml).length, HUGE_FIELD_LENGTH);
    const thread = await get('tybrite', `/v1/messaging/threads/${IDS.tybrite.longThread}`, 'huge');
    assert.equal(thread.body.subject.length, HUGE_FIELD_LENGTH);
  });

  it('control: every free-text string carries control, bidi and invisible characters; ids and times do not', async () => {
    const page = await get('tybrite', `/v1/messaging/threads?customer_id=${sarah}&limit=5`, 'control');
    for (const thread of page.body.threads as Json[]) {
      assert.ok(thread.subject.startsWith(CONTROL_PREFIX) && thread.subject.endsWith(CONTROL_CHARACTERS));
      assert.ok(thread.customer_name.startsWith(CONTROL_PREFIX) && thread.customer_name.endsWith(CONTROL_CHARACTERS));
      assert.ok(!thread.id.includes('\u202E') && !thread.last_message_at.includes('\u0000'));
    }
    const customer = await get('thred', `/customers/${IDS.thred.sarah}`, 'control');
    assert.ok(customer.body.name.includes('\u202E') && customer.body.conversation[0].content.includes('\u0007'));
  });

  it('slow: the answer comes one byte at a time, whole', async () => {
    const url = new URL(`${server.baseUrls.cattix}/api/v1/companies/me/101/connections`);
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      http
        .get(url, { headers: { authorization: `Bearer ${K.cattix}`, 'x-sample-fault': 'slow:0' } }, (response) => {
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', resolve);
          response.on('error', reject);
        })
        .on('error', reject);
    });
    const body = Buffer.concat(chunks);
    assert.ok(chunks.length > body.length / 4, `${chunks.length} chunks for ${body.length} bytes`);
    assert.deepEqual(JSON.parse(body.toString('utf8')), (await get('cattix', '/api/v1/companies/me/101/connections')).body);
  });

  it('a Retry-After of a day', async () => {
    const limited = await get('agentsend', '/inboxes', '429-day');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '86400');
  });
});
