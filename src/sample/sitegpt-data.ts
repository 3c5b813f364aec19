// SiteGPT v0 sample data: three chatbots; threads of question/answer-pair messages with Markdown answers.
import { CLOCK_END_MS, CLOCK_START_MS, DAY, HOUR, MINUTE, Rng, SARAH, SEARCH_PHRASE, at, isoMicros, makePerson, timeBetween } from './data';
import { XSS_PAYLOADS, allPayloads } from './xss';

export type SgReaction = 'NEUTRAL' | 'POSITIVE' | 'NEGATIVE';
export type SgMessageType = 'NORMAL_MESSAGE' | 'USER_MESSAGE' | 'AGENT_MESSAGE';

/** `chatUser`: shape inferred (`{ id, email, name }`); the stored examples only show null. */
export interface SgChatUser {
  id: string;
  email: string;
  name: string;
}

/** `sources[]` entries: shape inferred (`{ title, url }`); the stored examples only show empty arrays. */
export interface SgSource {
  title: string;
  url: string;
}

export interface SgMessage {
  messageId: string;
  question: { text: string; timestamp: string } | null;
  answer: { text: string; timestamp: string } | null;
  reaction: SgReaction;
  sources: SgSource[];
  messageType: SgMessageType;
  systemMessageType: string | null;
  iconUrl: string | null;
  prompts: { id: string; title: string; description: string }[];
  gptModel: string;
}

export interface SgThread {
  threadId: string;
  chatbotId: string;
  mode: 'AI' | 'AGENT';
  messages: SgMessage[];
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  webhookUrl: string | null;
  totalMessagesRead: number;
  chatUser: SgChatUser | null;
  escalated: boolean;
  important: boolean;
  resolved: boolean;
}

export interface SgChatbot {
  id: string;
  title: string;
  description: string;
  settings: Record<string, unknown>;
  createdById: string;
  createdByEmail: string;
  suggestions: string[];
  nextSuggestions: string[];
  prompts: { id: string; title: string; description: string }[];
}

export interface SiteGptData {
  chatbots: SgChatbot[];
  /** Per chatbot id, `updatedAt` descending. */
  threadsByBot: Map<string, SgThread[]>;
  threads: Map<string, SgThread>;
}

export const SITEGPT_IDS = {
  docsBot: '412578301966815233',
  pricingBot: '412578301966815234',
  emptyBot: '412578301966815235',
  /** Exists but belongs to another account: 403 CHATBOT_FETCH_FORBIDDEN. */
  forbiddenBot: '399120004518730001',
  sarahThread: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40',
  hostileThread: 'e5c0ffee-0bad-4bad-8bad-0000000bad01',
  docsThreads: 30,
  pricingThreads: 8,
} as const;

interface Qa {
  q: string;
  a: string;
  sources?: SgSource[];
}

const DOCS = 'https://docs.acme-sample.example';

const DOCS_QA: Qa[] = [
  {
    q: 'How do I authenticate API requests?',
    a: `## Authenticating requests

Send your secret key in the \`Authorization\` header on every request:

\`\`\`bash
curl https://api.acme-sample.example/v2/orders \\
  -H "Authorization: Bearer sk_live_…"
\`\`\`

- Keys starting with \`sk_test_\` only see **sandbox** data.
- Never embed a secret key in browser code; use a [publishable key](${DOCS}/api/keys#publishable) there.`,
    sources: [
      { title: 'Authentication – Acme API', url: `${DOCS}/api/authentication` },
      { title: 'API keys', url: `${DOCS}/api/keys` },
    ],
  },
  {
    q: 'What are the rate limits?',
    a: `Limits depend on your plan:

| Plan | Requests / minute | Burst |
|------|------------------:|------:|
| Starter | 60 | 20 |
| Growth | 600 | 100 |
| Enterprise | custom | custom |

When you exceed a limit the API answers **429** with a \`Retry-After\` header (seconds). Back off for at least that long.`,
    sources: [{ title: 'Rate limits', url: `${DOCS}/api/rate-limits` }],
  },
  {
    q: 'How do I page through all orders?',
    a: `List endpoints are cursor-based. Keep calling with \`starting_after\` until \`has_more\` is false:

\`\`\`ts
let cursor: string | undefined;
do {
  const page = await acme.orders.list({ limit: 100, starting_after: cursor });
  for (const order of page.data) handle(order);
  cursor = page.has_more ? page.data.at(-1)?.id : undefined;
} while (cursor);
\`\`\`

> Tip: cursors are stable even while new orders arrive.`,
    sources: [{ title: 'Pagination', url: `${DOCS}/api/pagination` }],
  },
  {
    q: 'Can I get a webhook when a refund is issued?',
    a: `Yes. Subscribe to these events in **Settings → Webhooks**:

1. \`refund.created\`
2. \`refund.updated\`
3. \`refund.failed\`

A delivery looks like this:

\`\`\`json
{
  "id": "evt_1Q2w3E4r",
  "type": "refund.created",
  "data": { "refund_id": "re_9a8b7c", "amount": 4200, "currency": "usd" }
}
\`\`\``,
    sources: [{ title: 'Webhook events', url: `${DOCS}/webhooks/events` }],
  },
  {
    q: 'How do I rotate an API key without downtime?',
    a: `Rotate in three steps:

1. Create a **second** key in the dashboard (both stay valid).
2. Deploy the new key to every service and watch the *last used* column of the old key.
3. Revoke the old key once it has not been used for 24 hours.

Revocation is immediate and cannot be undone.`,
    sources: [{ title: 'Rotating keys', url: `${DOCS}/api/keys#rotation` }],
  },
  {
    q: 'Which languages have an official SDK?',
    a: `| Language | Package | Docs |
|---|---|---|
| TypeScript / Node | \`@acme/sdk\` | [guide](${DOCS}/sdk/node) |
| Python | \`acme-sdk\` | [guide](${DOCS}/sdk/python) |
| Go | \`github.com/acme/acme-go\` | [guide](${DOCS}/sdk/go) |
| Ruby | \`acme\` | [guide](${DOCS}/sdk/ruby) |

Other languages can use the REST API directly; see the [OpenAPI spec](${DOCS}/openapi.json).`,
    sources: [{ title: 'SDKs', url: `${DOCS}/sdk` }],
  },
  {
    q: 'Why do I get 401 after moving my account to the EU region?',
    a: `EU accounts are served from a separate host. Change your base URL to \`https://eu.api.acme-sample.example\`; keys are region-specific, so a US key is rejected there with **401 Unauthorized**.`,
    sources: [{ title: 'Data residency', url: `${DOCS}/account/regions` }],
  },
  {
    q: 'How do I verify webhook signatures in Python?',
    a: `Compute an HMAC-SHA256 of the raw body with your endpoint secret and compare it to the \`Acme-Signature\` header:

\`\`\`python
import hmac, hashlib

def verify(raw_body: bytes, header: str, secret: str) -> bool:
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)
\`\`\`

Use the **raw** bytes; re-serialising JSON changes whitespace and breaks the signature.`,
    sources: [{ title: 'Verifying signatures', url: `${DOCS}/webhooks/signatures` }],
  },
  {
    q: 'Is there a sandbox environment?',
    a: 'Yes, every account has one. Use your `sk_test_` key and the same base URL; sandbox data is reset on the first day of each month.',
    sources: [{ title: 'Sandbox', url: `${DOCS}/guides/sandbox` }],
  },
  {
    q: 'How do I filter orders by date?',
    a: `Use \`created[gte]\` and \`created[lt]\` with Unix timestamps:

\`\`\`bash
curl "https://api.acme-sample.example/v2/orders?created[gte]=1788220800&created[lt]=1790812800" \\
  -H "Authorization: Bearer $ACME_KEY"
\`\`\`

| Parameter | Meaning |
|---|---|
| \`created[gte]\` | on or after |
| \`created[lt]\` | strictly before |`,
    sources: [{ title: 'List orders', url: `${DOCS}/api/orders#list` }],
  },
  {
    q: 'What does error code E1042 mean?',
    a: "I couldn't find **E1042** in the documentation. It may be an internal code; could you share the full response body? You can also ask a human agent.",
  },
  {
    q: 'Does the API support idempotency keys?',
    a: 'Yes. Send an `Idempotency-Key` header (any unique string up to 255 characters) on `POST` requests. Retries with the same key within 24 hours return the original response instead of creating a duplicate.',
    sources: [{ title: 'Idempotent requests', url: `${DOCS}/api/idempotency` }],
  },
];

const PRICING_QA: Qa[] = [
  {
    q: 'How much is the Pro plan?',
    a: '**Pro** is $49 per month billed monthly, or $39 per month billed yearly. It includes 5 team members and 10,000 messages a month.',
    sources: [{ title: 'Pricing', url: 'https://acme-sample.example/pricing' }],
  },
  {
    q: 'Do you offer nonprofit discounts?',
    a: 'Registered nonprofits get **50% off** any plan. Apply with your registration certificate at [acme-sample.example/nonprofit](https://acme-sample.example/nonprofit).',
  },
  {
    q: 'What happens if I go over my monthly message quota?',
    a: `Nothing stops working. Extra messages are billed at:

- $0.004 per message on Starter
- $0.003 per message on Pro
- included on Enterprise`,
    sources: [{ title: 'Usage billing', url: 'https://acme-sample.example/pricing#usage' }],
  },
  {
    q: 'Is there a free trial?',
    a: 'Yes, 14 days of Pro with no credit card required.',
  },
  {
    q: 'Can I switch plans later?',
    a: 'Any time. Upgrades apply immediately and are prorated; downgrades take effect at the end of the billing period.',
  },
  {
    q: 'Do you accept invoices and bank transfers?',
    a: 'On yearly plans above $2,000 we can invoice with 30-day payment terms by bank transfer. Smaller plans are paid by card.',
  },
];

const ESCALATION_QUESTIONS = [
  'Can I talk to a human, please?',
  'This is urgent, our production integration is down. Is anyone there?',
  'I need someone to look at my account, the bot cannot help with billing.',
];

const AGENT_ANSWERS = [
  "Hi, this is Maya from the Acme team. I've taken over the chat; let me look at your account.",
  'Thanks for waiting. I found the issue: your webhook endpoint was disabled after repeated 410 responses. I re-enabled it, so deliveries should resume within a minute.',
  'I have refunded the duplicate charge. Anything else I can help with?',
  "You're welcome! I'll mark this conversation as resolved.",
];

const MODELS = ['gpt-3.5-turbo', 'gpt-4', 'gpt-4o-mini', 'gpt-4o'];

class MessageIds {
  private next = 1;
  id(): string {
    return `4125783${String(10_000_000_000 + this.next++ * 7919).padStart(11, '0')}`;
  }
}

function stamp(rng: Rng, ms: number): string {
  return isoMicros(ms + rng.int(0, 999), rng.int(0, 999));
}

function docsChatbot(): SgChatbot {
  return {
    id: SITEGPT_IDS.docsBot,
    title: 'Docs Assistant',
    description: 'Answers developer questions about the Acme API documentation.',
    settings: {
      language: 'en',
      initialMessages: ['Hi! Ask me anything about the Acme API.'],
      placeholder: 'Ask a question about the docs…',
      brandColor: '#1d4ed8',
      showSources: true,
      collectLeads: false,
      humanHandoff: true,
    },
    createdById: '365062873485935001',
    createdByEmail: 'owner@acme-sample.example',
    suggestions: ['How do I authenticate?', 'What are the rate limits?'],
    nextSuggestions: ['Show me a pagination example', 'How do webhooks work?'],
    prompts: [{ id: 'prm_docs_1', title: 'Explain like I am new', description: 'Answer with short steps and a code sample.' }],
  };
}

function pricingChatbot(): SgChatbot {
  return {
    id: SITEGPT_IDS.pricingBot,
    title: 'Pricing Bot',
    description: 'Answers questions about plans, billing and discounts on the pricing page.',
    settings: { language: 'en', initialMessages: ['Questions about pricing? Ask away.'], brandColor: '#059669', showSources: false, collectLeads: true, humanHandoff: false },
    createdById: '365062873485935001',
    createdByEmail: 'owner@acme-sample.example',
    suggestions: ['How much is Pro?', 'Is there a free trial?'],
    nextSuggestions: [],
    prompts: [],
  };
}

function emptyChatbot(): SgChatbot {
  return {
    id: SITEGPT_IDS.emptyBot,
    title: 'Empty Bot',
    description: 'A freshly created chatbot with no conversations yet.',
    settings: { language: 'en', initialMessages: [], showSources: true },
    createdById: '365062873485935001',
    createdByEmail: 'owner@acme-sample.example',
    suggestions: [],
    nextSuggestions: [],
    prompts: [],
  };
}

interface ThreadPlan {
  chatbotId: string;
  qas: Qa[];
  start: number;
  escalated: boolean;
  important: boolean;
  resolved: boolean;
  chatUser: SgChatUser | null;
  threadId?: string;
}

function normal(rng: Rng, ids: MessageIds, qa: Qa, time: number, model: string, reaction: SgReaction, escalated: boolean): SgMessage {
  return {
    messageId: ids.id(),
    question: { text: qa.q, timestamp: stamp(rng, time) },
    answer: { text: qa.a, timestamp: stamp(rng, time + rng.int(2, 9) * 1000) },
    reaction,
    sources: qa.sources ?? [],
    messageType: 'NORMAL_MESSAGE',
    systemMessageType: escalated ? 'CONVERSATION_ESCALATED' : null,
    iconUrl: null,
    prompts: [],
    gptModel: model,
  };
}

function buildThread(rng: Rng, ids: MessageIds, plan: ThreadPlan): SgThread {
  const model = rng.pick(MODELS);
  const messages: SgMessage[] = [];
  let time = plan.start;
  const reactions: SgReaction[] = ['NEUTRAL', 'NEUTRAL', 'POSITIVE', 'NEUTRAL', 'NEGATIVE'];
  for (const qa of plan.qas) {
    const reaction = qa.q.includes('E1042') ? 'NEGATIVE' : rng.pick(reactions);
    const message = normal(rng, ids, qa, time, model, reaction, plan.escalated);
    if (rng.chance(0.15)) message.prompts = [{ id: 'prm_docs_1', title: 'Explain like I am new', description: 'Answer with short steps and a code sample.' }];
    messages.push(message);
    time += rng.int(1, 6) * MINUTE;
  }
  if (plan.escalated) {
    // The visitor asks for a person (question only), a human agent answers (answer only).
    messages.push({
      messageId: ids.id(),
      question: { text: rng.pick(ESCALATION_QUESTIONS), timestamp: stamp(rng, time) },
      answer: null,
      reaction: 'NEUTRAL',
      sources: [],
      messageType: 'USER_MESSAGE',
      systemMessageType: 'CONVERSATION_ESCALATED',
      iconUrl: null,
      prompts: [],
      gptModel: model,
    });
    const replies = plan.resolved ? AGENT_ANSWERS : AGENT_ANSWERS.slice(0, 2);
    for (const text of replies) {
      time += rng.int(1, 12) * MINUTE;
      messages.push({
        messageId: ids.id(),
        question: null,
        answer: { text, timestamp: stamp(rng, time) },
        reaction: 'NEUTRAL',
        sources: [],
        messageType: 'AGENT_MESSAGE',
        systemMessageType: 'CONVERSATION_ESCALATED',
        iconUrl: 'https://cdn.acme-sample.example/agents/maya.png',
        prompts: [],
        gptModel: model,
      });
    }
  }
  const lastAt = time;
  return {
    threadId: plan.threadId ?? rng.uuid(),
    chatbotId: plan.chatbotId,
    mode: plan.escalated ? 'AGENT' : 'AI',
    messages,
    startedAt: stamp(rng, plan.start - rng.int(3, 40) * 1000),
    updatedAt: stamp(rng, lastAt + 30_000),
    endedAt: plan.resolved ? stamp(rng, lastAt + rng.int(5, 30) * MINUTE) : null,
    webhookUrl: plan.chatbotId === SITEGPT_IDS.docsBot ? 'https://hooks.zapier.com/hooks/catch/15695697/3hqs23e' : null,
    totalMessagesRead: rng.int(0, messages.length * 3),
    chatUser: plan.chatUser,
    escalated: plan.escalated,
    important: plan.important,
    resolved: plan.resolved,
  };
}

function chatUserFor(rng: Rng): SgChatUser | null {
  if (!rng.chance(0.45)) return null;
  const person = makePerson(rng);
  return { id: `4125783099${rng.digits(8)}`, email: person.email, name: `${person.first} ${person.last}` };
}

function pickQas(rng: Rng, pool: Qa[], count: number): Qa[] {
  return rng.shuffle(pool).slice(0, count);
}

function hostileThread(rng: Rng, ids: MessageIds): SgThread {
  // Old, so the hostile thread sits at the end of the list rather than greeting a demo.
  const time = Date.UTC(2026, 8, 2, 16, 0, 0);
  const messages: SgMessage[] = XSS_PAYLOADS.map((payload, i) => ({
    messageId: ids.id(),
    question: { text: payload, timestamp: stamp(rng, time + i * 20_000) },
    answer: { text: `Here is what you asked for:\n\n${payload}\n\n[safe docs link](${DOCS}/api)`, timestamp: stamp(rng, time + i * 20_000 + 3000) },
    reaction: 'NEUTRAL',
    sources: [{ title: payload, url: 'javascript:window.__threadlineXss=1' }],
    messageType: 'NORMAL_MESSAGE',
    systemMessageType: null,
    iconUrl: 'javascript:window.__threadlineXss=1',
    prompts: [],
    gptModel: 'gpt-4o',
  }));
  const end = time + XSS_PAYLOADS.length * 20_000;
  messages.push({
    messageId: ids.id(),
    question: null,
    answer: { text: allPayloads('\n\n'), timestamp: stamp(rng, end) },
    reaction: 'NEGATIVE',
    sources: [],
    messageType: 'AGENT_MESSAGE',
    systemMessageType: null,
    iconUrl: null,
    prompts: [],
    gptModel: 'gpt-4o',
  });
  return {
    threadId: SITEGPT_IDS.hostileThread,
    chatbotId: SITEGPT_IDS.docsBot,
    mode: 'AI',
    messages,
    startedAt: stamp(rng, time - 5000),
    updatedAt: stamp(rng, end + 1000),
    endedAt: null,
    webhookUrl: null,
    totalMessagesRead: 3,
    chatUser: { id: '412578309966600666', email: 'mallory@evil.example', name: '<img src=x onerror="window.__threadlineXss=1">' },
    escalated: false,
    important: true,
    resolved: false,
  };
}

/** The search phrase goes into Sarah's first answer after the thread is built, so no other sample value moves. */
function markSearchPhrase(thread: SgThread | undefined): void {
  const answer = thread?.messages.find((message) => message.messageType === 'NORMAL_MESSAGE' && message.answer)?.answer;
  if (answer) answer.text += ` If a download reports a ${SEARCH_PHRASE}, start the export again: a partial file is never kept.`;
}

function byUpdated(a: SgThread, b: SgThread): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.threadId < b.threadId ? -1 : 1;
}

function build(): SiteGptData {
  const rng = new Rng(0x5173697);
  const ids = new MessageIds();
  const chatbots = [docsChatbot(), pricingChatbot(), emptyChatbot()];
  const docs: SgThread[] = [];
  for (let i = 0; i < SITEGPT_IDS.docsThreads - 2; i++) {
    const escalated = i % 5 === 1 || i % 7 === 3;
    docs.push(
      buildThread(rng, ids, {
        chatbotId: SITEGPT_IDS.docsBot,
        qas: pickQas(rng, DOCS_QA, rng.int(1, 5)),
        start: timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - 2 * DAY),
        escalated,
        important: i % 6 === 2 || (escalated && i % 2 === 0),
        resolved: i % 3 === 0,
        chatUser: chatUserFor(rng),
      }),
    );
  }
  docs.push(
    buildThread(rng, ids, {
      chatbotId: SITEGPT_IDS.docsBot,
      threadId: SITEGPT_IDS.sarahThread,
      qas: [at(DOCS_QA, 0), at(DOCS_QA, 2), at(DOCS_QA, 7)],
      start: Date.UTC(2026, 10, 19, 14, 5, 0),
      escalated: true,
      important: true,
      resolved: true,
      chatUser: { id: '412578309900000042', email: SARAH.email, name: SARAH.name },
    }),
  );
  markSearchPhrase(docs.at(-1));
  docs.push(hostileThread(rng, ids));
  const pricing: SgThread[] = [];
  for (let i = 0; i < SITEGPT_IDS.pricingThreads; i++) {
    pricing.push(
      buildThread(rng, ids, {
        chatbotId: SITEGPT_IDS.pricingBot,
        qas: pickQas(rng, PRICING_QA, rng.int(1, 4)),
        start: timeBetween(rng, CLOCK_START_MS + DAY, CLOCK_END_MS - HOUR * 30),
        escalated: false,
        important: i === 3,
        resolved: i % 2 === 0,
        chatUser: chatUserFor(rng),
      }),
    );
  }
  docs.sort(byUpdated);
  pricing.sort(byUpdated);
  const threads = new Map<string, SgThread>();
  for (const thread of [...docs, ...pricing]) threads.set(thread.threadId, thread);
  return {
    chatbots,
    threadsByBot: new Map([
      [SITEGPT_IDS.docsBot, docs],
      [SITEGPT_IDS.pricingBot, pricing],
      [SITEGPT_IDS.emptyBot, []],
    ]),
    threads,
  };
}

let cached: SiteGptData | undefined;

export function siteGptData(): SiteGptData {
  cached ??= build();
  return cached;
}

/** A message as it appears in `lastMessage` of a list item. */
export function summaryOf(thread: SgThread): Record<string, unknown> {
  const last = thread.messages[thread.messages.length - 1];
  const isGpt4 = (m: SgMessage) => m.gptModel.startsWith('gpt-4') && m.messageType === 'NORMAL_MESSAGE';
  return {
    threadId: thread.threadId,
    startedAt: thread.startedAt,
    updatedAt: thread.updatedAt,
    endedAt: thread.endedAt,
    chatUser: thread.chatUser,
    escalated: thread.escalated,
    important: thread.important,
    resolved: thread.resolved,
    totalMessagesRead: thread.totalMessagesRead,
    lastMessage: last ? { ...last, threadId: thread.threadId, chatbotId: thread.chatbotId } : null,
    totalMessages: thread.messages.length,
    totalPositiveMessages: thread.messages.filter((m) => m.reaction === 'POSITIVE').length,
    totalNegativeMessages: thread.messages.filter((m) => m.reaction === 'NEGATIVE').length,
    totalGpt4MessagesCount: thread.messages.filter(isGpt4).length,
  };
}

/** `data.thread` of the detail endpoint. */
export function detailOf(thread: SgThread, skipMessages: boolean, includeChatUser: boolean): Record<string, unknown> {
  return {
    threadId: thread.threadId,
    mode: thread.mode,
    messages: skipMessages ? [] : thread.messages,
    startedAt: thread.startedAt,
    updatedAt: thread.updatedAt,
    webhookUrl: thread.webhookUrl,
    totalMessagesRead: thread.totalMessagesRead,
    chatUserId: thread.chatUser?.id ?? null,
    chatbotId: thread.chatbotId,
    chatUser: includeChatUser ? thread.chatUser : null,
  };
}
