// The one message protocol between the extension host and the thread page. Both sides validate
// what they receive with these schemas; the page never receives a key, a header or a URL to fetch.
import * as z from 'zod/mini';
import { SERVICE_IDS, type Message, type MessageItem, type Thread } from '../domain/model';

const text = z.string().check(z.maxLength(2_000_000));
const short = z.string().check(z.maxLength(10_000));
const optionalShort = z.optional(short);

export const threadTargetSchema = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(200)),
  threadId: z.string().check(z.minLength(1), z.maxLength(2_000)),
  containerId: z.optional(z.string().check(z.minLength(1), z.maxLength(2_000))),
});
export type PanelTarget = z.infer<typeof threadTargetSchema>;

const roleSchema = z.enum(['customer', 'agent', 'bot', 'system']);
const participantSchema = z.object({ role: roleSchema, name: optionalShort, address: optionalShort });

const bodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text }),
  z.object({ kind: z.literal('markdown'), text }),
  z.object({ kind: z.literal('html'), html: text, text: z.optional(text) }),
]);

export const messageSchema = z.object({
  type: z.literal('message'),
  id: short,
  author: participantSchema,
  createdAt: optionalShort,
  subject: optionalShort,
  to: z.array(short),
  cc: z.array(short),
  body: bodySchema,
  attachments: z.array(z.object({ name: short, contentType: optionalShort, size: z.optional(z.number()), url: optionalShort })),
  delivery: optionalShort,
  edited: z.optional(z.boolean()),
  editedAt: optionalShort,
  deleted: z.optional(z.boolean()),
  contentType: optionalShort,
  metadata: z.optional(z.record(z.string(), z.unknown())),
  sources: z.array(z.object({ title: optionalShort, url: short })),
  reaction: optionalShort,
  model: optionalShort,
});

const unreadableSchema = z.object({ type: z.literal('unreadable'), id: optionalShort, problem: short });
export const messageItemSchema = z.discriminatedUnion('type', [messageSchema, unreadableSchema]);

const insightSchema = z.object({
  summary: optionalShort,
  productsDiscussed: z.array(short),
  mainConcerns: z.array(short),
  buyingSignals: z.array(short),
  competitorsConsidered: z.array(short),
  suggestions: z.array(short),
});

const factsSchema = z.discriminatedUnion('service', [
  z.object({ service: z.literal('agentsend'), inboxId: short }),
  z.object({
    service: z.literal('sitegpt'),
    chatbotId: short,
    mode: optionalShort,
    escalated: z.optional(z.boolean()),
    important: z.optional(z.boolean()),
    resolved: z.optional(z.boolean()),
    totalMessagesRead: z.optional(z.number()),
  }),
  z.object({
    service: z.literal('tybrite'),
    environment: optionalShort,
    storeName: optionalShort,
    orderId: optionalShort,
    productId: optionalShort,
    archived: z.optional(z.boolean()),
    muted: z.optional(z.boolean()),
    pinned: z.optional(z.boolean()),
    lastMessageBy: optionalShort,
  }),
  z.object({
    service: z.literal('thred'),
    processing: z.boolean(),
    progress: z.number(),
    platform: optionalShort,
    company: optionalShort,
    email: short,
    insights: insightSchema,
  }),
  z.object({
    service: z.literal('cattix'),
    companyId: short,
    assistantType: optionalShort,
    completed: z.boolean(),
    description: optionalShort,
    adsCustomer: z.optional(
      z.object({
        id: z.number(),
        name: optionalShort,
        currency: optionalShort,
        timeZone: optionalShort,
        status: optionalShort,
        manager: z.optional(z.boolean()),
        active: z.optional(z.boolean()),
      }),
    ),
    adsLoginCustomerId: z.optional(z.number()),
    location: z.optional(z.object({ id: short, title: optionalShort, storeCode: optionalShort, mapsUrl: optionalShort, address: z.array(short) })),
  }),
]);

export const threadSchema = z.object({
  threadId: short,
  containerId: optionalShort,
  title: short,
  createdAt: optionalShort,
  updatedAt: optionalShort,
  status: optionalShort,
  state: z.enum(['open', 'waiting', 'attention', 'done', 'processing', 'unknown']),
  priority: optionalShort,
  type: optionalShort,
  messageCount: z.optional(z.number()),
  unread: z.optional(z.number()),
  badges: z.array(short),
  participants: z.array(participantSchema),
  webUrl: optionalShort,
  links: z.array(z.object({ label: short, url: short })),
  facts: factsSchema,
  messagesUnavailable: optionalShort,
});

/** The thread as the page shows it, with where it comes from. */
export const threadViewSchema = z.object({
  service: z.enum(SERVICE_IDS),
  serviceName: short,
  accountLabel: short,
  containerLabel: optionalShort,
  thread: threadSchema,
  messages: z.array(messageItemSchema),
  hasMore: z.boolean(),
  total: z.optional(z.number()),
});
export type ThreadView = z.infer<typeof threadViewSchema>;

/** What the reader can do about a failure, besides Reload. */
export const fixActionSchema = z.enum(['setApiKey', 'signIn', 'confirmKey', 'editAccount']);
export type FixAction = z.infer<typeof fixActionSchema>;

/** Host → page. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading'), target: threadTargetSchema }),
  z.object({ type: z.literal('thread'), target: threadTargetSchema, view: threadViewSchema }),
  z.object({ type: z.literal('append'), messages: z.array(messageItemSchema), hasMore: z.boolean() }),
  z.object({ type: z.literal('moreFailed'), message: short }),
  z.object({
    type: z.literal('failed'),
    target: threadTargetSchema,
    message: short,
    action: z.optional(fixActionSchema),
  }),
  z.object({ type: z.literal('image'), requestId: z.int(), dataUri: z.optional(z.string().check(z.maxLength(8_000_000))), error: optionalShort }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Page → host. */
export const pageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('loadMore') }),
  z.object({ type: z.literal('reload') }),
  /** The reader chose the failure's action (set the key, sign in, confirm the key's origin). */
  z.object({ type: z.literal('fixAccount') }),
  z.object({ type: z.literal('openLink'), href: z.string().check(z.maxLength(8_192)) }),
  z.object({ type: z.literal('copyText'), text: z.string().check(z.maxLength(2_000_000)) }),
  z.object({ type: z.literal('copyLink'), messageId: z.optional(z.string().check(z.maxLength(2_000))) }),
  z.object({ type: z.literal('loadImage'), requestId: z.int().check(z.nonnegative()), url: z.string().check(z.maxLength(8_192)) }),
  /** The first window of messages is on screen (for tests and benchmarks). */
  z.object({
    type: z.literal('painted'),
    messages: z.int(),
    elements: z.int(),
    /** Since the page's navigation started (includes the webview's own start-up). */
    ms: z.number(),
    /** Since this page's script started running. */
    scriptMs: z.number(),
  }),
]);
export type PageMessage = z.infer<typeof pageMessageSchema>;

/** The page's saved state (vscode.setState), which the serializer restores a panel from. */
export const pageStateSchema = z.object({
  target: threadTargetSchema,
  anchorId: z.optional(z.string().check(z.maxLength(2_000))),
  anchorOffset: z.optional(z.number()),
});
export type PageState = z.infer<typeof pageStateSchema>;

// The schemas describe the domain model exactly: a change to one must show up in the other.
type Assignable<A, B> = A extends B ? true : false;
export const SCHEMAS_MATCH_DOMAIN: [
  Assignable<Message, z.infer<typeof messageSchema>>,
  Assignable<z.infer<typeof messageSchema>, Message>,
  Assignable<MessageItem, z.infer<typeof messageItemSchema>>,
  Assignable<Thread, z.infer<typeof threadSchema>>,
  Assignable<z.infer<typeof threadSchema>, Thread>,
] = [true, true, true, true, true];
