// Property: every decoder, fed random JSON or a mutated valid response, either maps it or
// throws InvalidResponse — nothing else escapes (SiteGPT's error envelope is the one input that
// maps to another typed ServiceError, by design). Mapped output keeps the domain's invariants.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidResponseError, ServiceError } from '../../src/http/errors';
import type { Decoder } from '../../src/http/validation';
import * as agentsend from '../../src/providers/agentsend/mapping';
import * as cattix from '../../src/providers/cattix/mapping';
import * as sitegpt from '../../src/providers/sitegpt/mapping';
import * as thred from '../../src/providers/thred/mapping';
import * as tybrite from '../../src/providers/tybrite/mapping';
import { jsonExamples, seedText } from './support/seeds';

const now = () => Date.parse('2026-11-21T10:00:00Z');

const agentMessage = {
  id: 'msg_1', threadId: 'thr_1', inboxId: 'inb_1', direction: 'inbound', fromAddress: 'a@example.com',
  toAddresses: ['b@example.com'], ccAddresses: [], subject: 'Hi', bodyText: 'Hello', bodyHtml: '<p>Hello</p>',
  status: 'received', attachments: [{ id: 'att_1', filename: 'a.pdf', contentType: 'application/pdf', size: 10 }], createdAt: '2026-01-01T00:00:00Z',
};
const siteMessage = {
  messageId: '1', question: { text: 'Q?', timestamp: '2026-01-01T00:00:00Z' }, answer: { text: '**A**', timestamp: '2026-01-01T00:00:01Z' },
  reaction: 'POSITIVE', sources: [{ title: 'Docs', url: 'https://example.com/docs' }, 'https://example.com/x'], messageType: 'NORMAL_MESSAGE', gptModel: 'gpt-4',
};
const tyThread = {
  id: 't1', customer_id: 'c1', customer_name: 'Sarah', customer_email: 's@example.com', store_name: 'Store', subject: 'Order', thread_type: 'support',
  status: 'active', priority: 'high', last_message_at: '2026-01-01T00:00:00Z', last_message_by: 'customer', unread_count_store: 2,
  is_archived: false, is_muted: false, is_pinned: true, environment: 'sandbox', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
};
const tyMessage = {
  id: 'm1', message_content: 'Hi', message_type: 'product_link', sender_type: 'store', sender_name: 'Ana', attachments: ['https://cdn.example.com/a.png'],
  metadata: { url: 'https://example.com/p' }, message_status: 'read', is_edited: true, is_deleted: false, created_at: '2026-01-01T00:00:00Z',
};
const thredCustomer = {
  status: 'completed', name: 'Sarah', email: 's@example.com', company: 'TechCorp', platform: 'claude', progress: 100,
  conversation: [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }], link: 'https://app.thred.ai/share/cus_123456789012',
};
const cattixCompany = { id: 7, name: 'Acme', date_added: '2026-01-01T00:00:00', google_ads_customers: [], google_business_locations: [] };

const seeds = {
  thred: jsonExamples(seedText('000')),
  cattix: jsonExamples(seedText('001')),
  sitegpt: jsonExamples(seedText('002')),
  agentsend: jsonExamples(seedText('004')),
};

const cases: { name: string; decode: Decoder<unknown>; valid: unknown[]; otherTypedErrors?: boolean }[] = [
  { name: 'AgentSend inboxes', decode: agentsend.decodeInboxPage(0, 100), valid: [{ data: [{ id: 'inb_1', address: 'a@x.io', displayName: 'A' }], total: 1 }] },
  { name: 'AgentSend thread page', decode: agentsend.decodeThreadPage(0, 100, 'inb_1'), valid: [seeds.agentsend[0]] },
  { name: 'AgentSend thread', decode: agentsend.decodeThread, valid: [seeds.agentsend[1]] },
  { name: 'AgentSend message page', decode: agentsend.decodeMessagePage(0, 100), valid: [seeds.agentsend[2], { data: [agentMessage], total: 1 }] },
  { name: 'SiteGPT chatbots', decode: sitegpt.decodeChatbots, valid: [{ success: true, message: 'ok', data: { chatbots: [{ id: '1', title: 'Bot' }] } }], otherTypedErrors: true },
  {
    name: 'SiteGPT threads',
    decode: sitegpt.decodeThreads('1'),
    valid: [{ success: true, data: { threads: [{ threadId: 'u1', chatUser: { email: 's@example.com' }, escalated: true, lastMessage: siteMessage }] } }],
    otherTypedErrors: true,
  },
  { name: 'SiteGPT thread', decode: sitegpt.decodeThread('1'), valid: [...seeds.sitegpt, { success: true, data: { thread: { threadId: 'u1', messages: [siteMessage] } } }], otherTypedErrors: true },
  { name: 'Tybrite thread page', decode: tybrite.decodeThreadPage('c1'), valid: [{ threads: [tyThread], pagination: { limit: 50, next_cursor: 'abc', has_more: true } }] },
  { name: 'Tybrite thread', decode: tybrite.decodeThread, valid: [tyThread] },
  { name: 'Tybrite message page', decode: tybrite.decodeMessagePage, valid: [{ messages: [tyMessage], pagination: { next_cursor: null, has_more: false } }] },
  { name: 'Tybrite sign-in', decode: tybrite.decodeAuth(now), valid: [{ session: { access_token: 'a', refresh_token: 'r', expires_in: 3600, expires_at: 1 } }] },
  { name: 'Thred customer', decode: thred.decodeCustomer, valid: [seeds.thred[0], seeds.thred[1], thredCustomer] },
  { name: 'Thred recent', decode: thred.decodeRecent, valid: [[thredCustomer, seeds.thred[0]]] },
  { name: 'Thred by company', decode: thred.decodeByCompany, valid: [{ company: 'TechCorp', results: [thredCustomer] }] },
  { name: 'Cattix companies', decode: cattix.decodeCompanies, valid: [[cattixCompany]] },
  { name: 'Cattix threads', decode: cattix.decodeThreads('7'), valid: [seeds.cattix[0]] },
];

type Mutation = { steps: number[]; action: 'delete' | 'replace' | 'rename' | 'extra' | 'null' | 'stringify'; value: unknown };

const mutationArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({
    steps: fc.array(fc.nat(), { maxLength: 6 }),
    action: fc.constantFrom('delete', 'replace', 'rename', 'extra', 'null', 'stringify'),
    value: fc.jsonValue({ maxDepth: 2 }),
  }) as fc.Arbitrary<Mutation>,
  { minLength: 1, maxLength: 6 },
);

/** Applies mutations to a deep copy: walk by the steps to a container, then change one entry. */
function mutate(input: unknown, mutations: Mutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(input) };
  for (const mutation of mutations) {
    let parent: Record<string | number, unknown> = root as unknown as Record<string, unknown>;
    let key: string | number = 'value';
    for (const step of mutation.steps) {
      const current: unknown = parent[key];
      if (typeof current !== 'object' || current === null) break;
      const keys = Object.keys(current);
      if (keys.length === 0) break;
      parent = current as Record<string, unknown>;
      key = Array.isArray(current) ? step % current.length : (keys[step % keys.length] as string);
    }
    switch (mutation.action) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'replace':
        parent[key] = mutation.value;
        break;
      case 'null':
        parent[key] = null;
        break;
      case 'stringify':
        parent[key] = JSON.stringify(parent[key] ?? null);
        break;
      case 'rename':
        if (!Array.isArray(parent)) {
          parent[`${String(key)}_renamed`] = parent[key];
          delete parent[key];
        }
        break;
      case 'extra':
        if (typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key])) {
          (parent[key] as Record<string, unknown>)['unexpected_field'] = mutation.value;
        }
        break;
    }
  }
  return root.value;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Invariants of mapped output: timestamps ISO, messages well-formed, no cycles. */
function checkInvariants(value: unknown, ancestors = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null) return;
  assert.ok(!ancestors.has(value), 'no cycles');
  ancestors.add(value);
  const record = value as Record<string, unknown>;
  for (const field of ['createdAt', 'updatedAt', 'editedAt']) {
    if (record[field] !== undefined) assert.match(String(record[field]), ISO, `${field} is ISO`);
  }
  if (record['type'] === 'message') {
    assert.equal(typeof record['id'], 'string');
    const body = record['body'] as { kind?: string } | undefined;
    assert.ok(body && ['text', 'markdown', 'html'].includes(body.kind ?? ''), 'body kind');
    assert.ok(['customer', 'agent', 'bot', 'system'].includes((record['author'] as { role?: string }).role ?? ''), 'role');
  }
  if (record['type'] === 'unreadable') assert.equal(typeof record['problem'], 'string');
  for (const child of Object.values(record)) checkInvariants(child, ancestors);
  ancestors.delete(value);
}

function runDecoder(decode: Decoder<unknown>, input: unknown, otherTypedErrors: boolean): void {
  let output: unknown;
  try {
    output = decode(input, { service: 'Example', headers: {} });
  } catch (error) {
    if (otherTypedErrors) assert.ok(error instanceof ServiceError, `threw ${String(error)}`);
    else assert.ok(error instanceof InvalidResponseError, `threw ${error instanceof Error ? error.stack : String(error)}`);
    return;
  }
  checkInvariants(output);
}

describe('decoders under random and mutated input (fast-check)', function () {
  this.timeout(60_000);

  for (const testCase of cases) {
    it(`${testCase.name}: valid examples map`, () => {
      for (const valid of testCase.valid) {
        assert.ok(valid !== undefined, 'example present');
        const output = testCase.decode(valid, { service: 'Example', headers: {} });
        checkInvariants(output);
      }
    });

    it(`${testCase.name}: random JSON maps or yields InvalidResponse`, () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => runDecoder(testCase.decode, input, testCase.otherTypedErrors ?? false)),
        { numRuns: 300 },
      );
    });

    it(`${testCase.name}: mutated valid responses map or yield InvalidResponse`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...testCase.valid), mutationArb, (valid, mutations) =>
          runDecoder(testCase.decode, mutate(valid, mutations), testCase.otherTypedErrors ?? false),
        ),
        { numRuns: 500 },
      );
    });
  }
});
