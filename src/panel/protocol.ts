// The one message protocol between the extension host and the thread page. Both sides validate
// what they receive with these schemas; the page never receives a key, a header or a URL to fetch.
import * as z from 'zod/mini';
import type { Message, MessageItem, Thread } from '../domain/model';
import { threadTargetSchema, type ThreadTarget } from '../domain/target';

const text = z.string().check(z.maxLength(2_000_000));
const short = z.string().check(z.maxLength(10_000));
const optionalShort = z.optional(short);
/**
 * Free text a service wrote (titles, names, addresses, card text): any length a service may send
 * (a 50,000-character title is real); the page cuts what it shows (src/sinks/webview.ts).
 */
const serviceText = text;
const optionalServiceText = z.optional(serviceText);

export { threadTargetSchema };
export type PanelTarget = ThreadTarget;

const roleSchema = z.enum(['customer', 'agent', 'bot', 'system']);
const participantSchema = z.object({ role: roleSchema, name: optionalServiceText, address: optionalServiceText });

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
  subject: optionalServiceText,
  to: z.array(serviceText),
  cc: z.array(serviceText),
  body: bodySchema,
  attachments: z.array(z.object({ name: serviceText, contentType: optionalShort, size: z.optional(z.number()), url: optionalShort })),
  delivery: optionalShort,
  edited: z.optional(z.boolean()),
  editedAt: optionalShort,
  deleted: z.optional(z.boolean()),
  contentType: optionalShort,
  metadata: z.optional(z.record(z.string(), z.unknown())),
  sources: z.array(z.object({ title: optionalServiceText, url: short })),
  reaction: optionalShort,
  model: optionalShort,
});

const unreadableSchema = z.object({ type: z.literal('unreadable'), id: optionalShort, problem: short });
export const messageItemSchema = z.discriminatedUnion('type', [messageSchema, unreadableSchema]);

const cardSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lists'),
    id: short,
    title: serviceText,
    summary: optionalServiceText,
    lists: z.array(z.object({ title: serviceText, items: z.array(serviceText) })),
    footnote: optionalServiceText,
  }),
  z.object({
    kind: z.literal('facts'),
    id: short,
    title: serviceText,
    rows: z.array(z.object({ label: serviceText, value: serviceText, link: z.optional(z.object({ label: serviceText, url: short })) })),
  }),
]);

export const threadSchema = z.object({
  threadId: short,
  containerId: optionalShort,
  title: serviceText,
  createdAt: optionalShort,
  updatedAt: optionalShort,
  status: optionalShort,
  state: z.enum(['open', 'waiting', 'attention', 'done', 'processing', 'unknown']),
  priority: optionalShort,
  type: optionalShort,
  messageCount: z.optional(z.number()),
  unread: z.optional(z.number()),
  badges: z.array(serviceText),
  participants: z.array(participantSchema),
  webUrl: optionalShort,
  progress: z.optional(z.object({ percent: z.number(), label: serviceText })),
  links: z.array(z.object({ label: serviceText, url: short })),
  cards: z.array(cardSchema),
  messagesUnavailable: optionalShort,
});

/** The thread as the page shows it, with where it comes from, and a first window of its messages. */
export const threadViewSchema = z.object({
  service: short,
  serviceName: short,
  accountLabel: short,
  containerLabel: optionalServiceText,
  thread: threadSchema,
  /** Messages from index `offset` on: the window the page needs first, not the whole thread. */
  messages: z.array(messageItemSchema),
  offset: z.optional(z.int().check(z.nonnegative())),
  /** Messages the host holds from the first one on (the page asks for any of them by range). */
  held: z.optional(z.int().check(z.nonnegative())),
  hasMore: z.boolean(),
  /** How many messages the service says there are. */
  total: z.optional(z.number()),
  /** The service pages by offset: any page, the last one too, can be asked for directly. */
  canJump: z.optional(z.boolean()),
  /** Changes when the thread was opened anew and what the page holds of it is out of date. */
  generation: z.optional(z.int()),
  /** Why paging stopped before the service said it was done. */
  stopped: optionalShort,
  /** The thread is still processing and Threadline stopped asking (the page offers Reload). */
  followGaveUp: z.optional(z.boolean()),
  /** For services that push new messages: the live connection while the panel watches. */
  live: z.optional(z.enum(['connecting', 'live', 'reconnecting', 'offline'])),
  /**
   * Shown from the disk cache: how long ago that copy was saved, whether it is being refreshed,
   * and why the refresh failed (the copy stays).
   */
  cached: z.optional(z.object({ ageMs: z.number().check(z.nonnegative()), refreshing: z.boolean(), problem: optionalShort })),
});
export type ThreadView = z.infer<typeof threadViewSchema>;

/** Where the page puts the reader when it shows a thread: a message (and how far into it), or the end. */
export const positionSchema = z.union([
  z.object({ index: z.int().check(z.nonnegative()), offset: z.optional(z.number()), align: z.optional(z.enum(['start', 'end'])) }),
  z.object({ at: z.enum(['top', 'end']) }),
]);
export type Position = z.infer<typeof positionSchema>;

/** What the reader can do about a failure, besides Reload. */
export const fixActionSchema = z.enum(['setApiKey', 'signIn', 'confirmKey', 'editAccount']);
export type FixAction = z.infer<typeof fixActionSchema>;

const count = z.int().check(z.nonnegative());

/** Host → page. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading'), target: threadTargetSchema, preview: z.optional(z.boolean()) }),
  /** `highlight`: words to search for and highlight, the match at `position` current (a search across conversations opened it). */
  z.object({ type: z.literal('thread'), target: threadTargetSchema, view: threadViewSchema, position: z.optional(positionSchema), preview: z.optional(z.boolean()), highlight: z.optional(z.string().check(z.maxLength(1_000))) }),
  /** Messages placed from `offset` on (a page after the run, a range asked for), and how many the host holds now. */
  z.object({
    type: z.literal('messages'),
    offset: count,
    messages: z.array(messageItemSchema),
    held: count,
    hasMore: z.boolean(),
    total: z.optional(z.number()),
    generation: z.optional(z.int()),
    /** Why paging stopped, once it has. */
    stopped: optionalShort,
  }),
  z.object({ type: z.literal('moreFailed'), message: short }),
  z.object({ type: z.literal('rangeFailed'), offset: count, message: short }),
  /** A long task the reader can cancel: loading to the end, searching every page. `done` ends it. */
  z.object({ type: z.literal('progress'), task: z.enum(['load', 'search']), loaded: count, total: z.optional(z.number()), done: z.optional(z.boolean()), error: optionalShort }),
  z.object({
    type: z.literal('searchResult'),
    query: short,
    matches: z.array(z.object({ index: count, count })),
    count,
    searched: count,
    total: count,
    stopped: optionalShort,
  }),
  /** The panel was kept open (pinned) or is the preview. */
  z.object({ type: z.literal('preview'), preview: z.boolean() }),
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
  /** The page started; `anchor`: where it was, when it showed this thread before (a reload, the tab shown again). */
  z.object({
    type: z.literal('ready'),
    anchor: z.optional(z.object({ target: threadTargetSchema, index: count, offset: z.optional(z.number()) })),
  }),
  z.object({ type: z.literal('loadMore') }),
  /** The page shows messages `from`…`to` (exclusive) it does not hold. */
  z.object({ type: z.literal('loadRange'), from: count, to: count }),
  /** End / Jump to latest: the last message, however the service gets there. */
  z.object({ type: z.literal('loadToEnd') }),
  z.object({ type: z.literal('cancelLoad') }),
  z.object({ type: z.literal('searchAll'), query: z.string().check(z.maxLength(1_000)) }),
  z.object({ type: z.literal('cancelSearch') }),
  /** The reader scrolled, searched or pressed Keep Open in a preview: it stays open. */
  z.object({ type: z.literal('keepOpen') }),
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
  /** The anchor message's position in the thread: a restored panel loads the page that holds it. */
  anchorIndex: z.optional(z.int().check(z.nonnegative())),
  anchorOffset: z.optional(z.number()),
  preview: z.optional(z.boolean()),
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
