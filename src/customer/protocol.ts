// The messages between the extension host and the customer page (Show Customer). Both sides
// validate what they receive with these schemas; the page gets only text to show and opaque
// entry numbers to send back, never an id to build a request from, a key or a URL.
import * as z from 'zod/mini';

const short = z.string().check(z.maxLength(10_000));
/** Service text (titles, labels): any length a service may send; the page cuts what it shows. */
const serviceText = z.string().check(z.maxLength(2_000_000));
const count = z.int().check(z.nonnegative());

export const customerEntrySchema = z.object({
  /** What the page sends back to open it: the entry's place in the host's list. */
  entry: count,
  serviceName: short,
  accountLabel: serviceText,
  title: serviceText,
  /** "14:05", in the user's locale; the full time is in `when`. */
  time: z.optional(short),
  when: z.optional(short),
  status: z.optional(serviceText),
  /** Asked of the service now, or among the threads Threadline holds. */
  source: z.enum(['asked', 'held']),
});
export type CustomerEntryView = z.infer<typeof customerEntrySchema>;

export const customerAccountSchema = z.object({
  serviceName: short,
  accountLabel: serviceText,
  kind: z.enum(['asked', 'notAsked', 'failed']),
  found: count,
  why: z.optional(serviceText),
});
export type CustomerAccountView = z.infer<typeof customerAccountSchema>;

/** Host → page. */
export const customerHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading'), email: short }),
  z.object({
    type: z.literal('history'),
    email: short,
    /** Newest day first; within a day, newest first. */
    days: z.array(z.object({ day: short, entries: z.array(customerEntrySchema) })),
    accounts: z.array(customerAccountSchema),
  }),
  z.object({ type: z.literal('failed'), email: short, message: serviceText }),
]);
export type CustomerHostMessage = z.infer<typeof customerHostMessageSchema>;

/** Page → host. */
export const customerPageMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('open'), entry: count }),
  z.object({ type: z.literal('refresh') }),
]);
export type CustomerPageMessage = z.infer<typeof customerPageMessageSchema>;
