// What each of Threadline's language model tools accepts: one zod schema per tool, checked on
// every call (a model's input is untrusted like any other), and the same schema as JSON Schema
// in package.json (`contributes.languageModelTools`) — a unit test keeps the two identical.
import * as z from 'zod/mini';
import { SERVICES } from '../providers/registry';

export const TOOL_NAMES = {
  search: 'threadline_searchConversations',
  read: 'threadline_readThread',
  lookup: 'threadline_lookupCustomer',
  list: 'threadline_listThreads',
} as const;

export type ToolName = (typeof TOOL_NAMES)[keyof typeof TOOL_NAMES];

// Each name once: two API versions of a service (SiteGPT v0 and v2) share its name.
const serviceNames = [...new Set(SERVICES.all.map((descriptor) => descriptor.name))].join(', ');
const text = (max: number, description: string) => z.string().check(z.minLength(1), z.maxLength(max), z.describe(description));
const count = (max: number, description: string) => z.int().check(z.minimum(1), z.maximum(max), z.describe(description));

export const searchInput = z.object({
  query: text(200, 'Words to find in thread titles, the people on a thread, and the text of the messages Threadline has loaded. Every word must appear.'),
  service: z.optional(text(40, `Only threads of this service: ${serviceNames}.`)),
  account: z.optional(text(200, 'Only threads of this account: its id or its label.')),
  limit: z.optional(count(50, 'The most threads to return (default 10).')),
});

export const readInput = z.object({
  accountId: text(200, 'The account id, as a search, a thread list or a lookup gave it.'),
  threadId: text(2_000, 'The thread id, as a search, a thread list or a lookup gave it.'),
  containerId: z.optional(text(2_000, 'The container (inbox, chatbot, company) id, where the result gave one.')),
  range: z.optional(
    z
      .object({
        from: count(1_000_000, 'The first message to read, counting from 1 (the oldest).'),
        to: z.optional(count(1_000_000, 'The last message to read (default: as many as fit).')),
      })
      .check(z.describe('Which messages to read. Without it: the most recent messages that fit.')),
  ),
});

export const lookupInput = z.object({
  email: z.string().check(z.minLength(3), z.maxLength(254), z.describe("The customer's email address.")),
});

export const listInput = z.object({
  accountId: z.optional(text(200, 'Only this account: its id or its label. Default: every account.')),
  container: z.optional(text(2_000, 'Only this container (inbox, chatbot, company): its id or its name.')),
  filter: z.optional(
    z
      .object({
        status: z.optional(text(60, "The service's status word, e.g. open, escalated, resolved, processing.")),
        priority: z.optional(text(60, 'Priority, where the service has one.')),
        type: z.optional(text(60, 'Type (or platform), where the service has one.')),
        unread: z.optional(z.boolean().check(z.describe('Only threads with (true) or without (false) unread messages.'))),
        archived: z.optional(z.boolean().check(z.describe('Only archived (true) or not archived (false) threads.'))),
        text: z.optional(text(200, 'Words the title must contain.')),
      })
      .check(z.describe('Which of the recent threads to list.')),
  ),
});

export type SearchInput = z.infer<typeof searchInput>;
export type ReadInput = z.infer<typeof readInput>;
export type LookupInput = z.infer<typeof lookupInput>;
export type ListInput = z.infer<typeof listInput>;

export const INPUT_SCHEMAS = {
  [TOOL_NAMES.search]: searchInput,
  [TOOL_NAMES.read]: readInput,
  [TOOL_NAMES.lookup]: lookupInput,
  [TOOL_NAMES.list]: listInput,
} as const;

/** The JSON Schema package.json declares for a tool. */
export function jsonSchemaOf(name: ToolName): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(INPUT_SCHEMAS[name]) as Record<string, unknown>;
  return schema;
}

/** A model's input, checked; the error says what is wrong in words a model can act on. */
export function parseInput<T>(schema: z.ZodMiniType<T>, name: ToolName, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
  throw new Error(`${name} got input it cannot use (${problems}). Its input schema says what it takes.`);
}
