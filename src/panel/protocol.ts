// The one message protocol between the extension host and the thread page. Both sides validate
// what they receive with these schemas; the page never receives a key, a header or a URL to fetch.
import * as z from 'zod/mini';
import type { Message, MessageItem, Thread } from '../domain/model';
import { threadTargetSchema, type ThreadTarget } from '../domain/target';

const text = z.string().check(z.maxLength(2_000_000));
const short = z.string().check(z.maxLength(10_000));
const optionalShort = z.optional(short);

export { threadTargetSchema };
export type PanelTarget = ThreadTarget;

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

const cardSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lists'),
    id: short,
    title: short,
    summary: optionalShort,
    lists: z.array(z.object({ title: short, items: z.array(short) })),
    footnote: optionalShort,
  }),
  z.object({
    kind: z.literal('facts'),
    id: short,
    title: short,
    rows: z.array(z.object({ label: short, value: short, link: z.optional(z.object({ label: short, url: short })) })),
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
  progress: z.optional(z.object({ percent: z.number(), label: short })),
  links: z.array(z.object({ label: short, url: short })),
  cards: z.array(cardSchema),
  messagesUnavailable: optionalShort,
});

/** The thread as the page shows it, with where it comes from. */
export const threadViewSchema = z.object({
  service: short,
  serviceName: short,
  accountLabel: short,
  containerLabel: optionalShort,
  thread: threadSchema,
  messages: z.array(messageItemSchema),
  hasMore: z.boolean(),
  total: z.optional(z.number()),
  /** Why paging stopped before the service said it was done. */
  stopped: optionalShort,
  /** The thread is still processing and Threadline stopped asking (the page offers Reload). */
  followGaveUp: z.optional(z.boolean()),
  /** For services that push new messages: the live connection while the panel watches. */
  live: z.optional(z.enum(['connecting', 'live', 'reconnecting', 'offline'])),
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
