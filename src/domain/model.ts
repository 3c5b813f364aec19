// The one domain model every part of Threadline shares: the tree, the panel, the Markdown
// document and the export all read these types; each service's provider maps onto them.

/**
 * A service's id ("agentsend", "thred"…). Which services exist is known only to
 * `src/providers/registry.ts`; nothing else names one.
 */
export type ServiceId = string;

/** Values a service option may take (account settings are JSON). */
export type OptionValue = string | number | boolean | string[];

/** A connected account. Non-secret: it lives in user settings; its keys live in SecretStorage. */
export interface Account {
  id: string;
  service: ServiceId;
  label: string;
  baseUrl: string;
  /** Service options, e.g. Tybrite `customerId` / `credentialHeader`, Cattix `companyIds`. */
  options: Record<string, OptionValue>;
}

export type ContainerKind = 'inbox' | 'chatbot' | 'company' | 'customer' | 'recent';

export interface Container {
  kind: ContainerKind;
  id: string;
  label: string;
  description?: string;
}

export type Role = 'customer' | 'agent' | 'bot' | 'system';

export interface Participant {
  role: Role;
  name?: string;
  address?: string;
}

/** Where a thread stands, normalised across services so the tree can pick one icon for it. */
export type ThreadState = 'open' | 'waiting' | 'attention' | 'done' | 'processing' | 'unknown';

/** Identifies a thread within an account; some services need the container to find a thread. */
export interface ThreadRef {
  threadId: string;
  containerId?: string;
}

export interface ThreadSummary extends ThreadRef {
  title: string;
  createdAt?: string;
  updatedAt?: string;
  /** The service's own status word (kept even when Threadline does not know it). */
  status?: string;
  state: ThreadState;
  priority?: string;
  type?: string;
  messageCount?: number;
  /** Messages the account's side has not read, where the service reports it. */
  unread?: number;
  /** Short flags the service sets: escalated, important, pinned, archived, muted, live/test… */
  badges: string[];
  /** People on the thread as far as the list shows them (used to match lookups across services). */
  participants: Participant[];
  /** The thread in the service's own web app, where the service has such a page. */
  webUrl?: string;
  /** While `state` is `processing`: how far the service says it got, 0–100, and what it is doing. */
  progress?: { percent: number; label: string };
}

/**
 * What a service adds above a thread's conversation, in a shape every view can draw without
 * knowing the service: a list card (Thred's insights) or a table of facts (Cattix's details).
 */
export type ThreadCard =
  | {
      kind: 'lists';
      /** Stable per service and card, e.g. `insights`: views and tests tell cards apart by it. */
      id: string;
      title: string;
      summary?: string;
      lists: { title: string; items: string[] }[];
      footnote?: string;
    }
  | {
      kind: 'facts';
      id: string;
      title: string;
      rows: { label: string; value: string; link?: { label: string; url: string } }[];
    };

export interface Thread extends ThreadSummary {
  participants: Participant[];
  links: { label: string; url: string }[];
  cards: ThreadCard[];
  /** Set when the service publishes no way to read this thread's messages; says why. */
  messagesUnavailable?: string;
}

export type MessageBody =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; text: string }
  /** Email HTML; `text` is the plain alternative when the service sent one. */
  | { kind: 'html'; html: string; text?: string };

export interface Attachment {
  name: string;
  contentType?: string;
  size?: number;
  url?: string;
}

export interface Source {
  title?: string;
  url: string;
}

export interface Message {
  type: 'message';
  id: string;
  author: Participant;
  createdAt?: string;
  subject?: string;
  to: string[];
  cc: string[];
  body: MessageBody;
  attachments: Attachment[];
  /** The service's delivery word: AgentSend status, Tybrite message_status. */
  delivery?: string;
  edited?: boolean;
  editedAt?: string;
  deleted?: boolean;
  /** What the message is, where the service types messages (Tybrite message_type). */
  contentType?: string;
  /** Structured details a typed message carries (product link, order update…). */
  metadata?: Record<string, unknown>;
  sources: Source[];
  reaction?: string;
  model?: string;
}

/** A message the service sent that did not match its schema: reported in place, the rest still shown. */
export interface UnreadableMessage {
  type: 'unreadable';
  id?: string;
  problem: string;
}

export type MessageItem = Message | UnreadableMessage;

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  next?: string;
  total?: number;
  /**
   * Where the page starts, for services that page by offset: with the total, it lets the store
   * notice items that moved while it paged (see `src/store/paging.ts`).
   */
  offset?: number;
  /** Items of this page the service sent in a shape Threadline could not read. */
  unreadable?: number;
  /** Why the list ends here although the service did not say it was done (a page that only repeated). */
  stopped?: string;
}

/** Filters a container's thread list; each service says which it supports and where they apply. */
export interface ThreadFilter {
  status?: string;
  priority?: string;
  type?: string;
  archived?: boolean;
  unread?: boolean;
  escalated?: boolean;
  important?: boolean;
  read?: boolean;
  reaction?: string;
  /** A time range ending now, as the service words it ("last 7 days"). */
  period?: string;
  /** Words to find: matched against loaded titles, or sent where the service searches (`textSearch: 'server'`). */
  text?: string;
}

export type FilterKey = Exclude<keyof ThreadFilter, 'text'>;

export interface FilterDefinition {
  key: FilterKey;
  label: string;
  /** Choices for status/priority/type; absent for the yes/no filters. */
  values?: readonly string[];
  /** `server`: sent as an API parameter; `local`: applied to what was loaded. */
  appliesOn: 'server' | 'local';
}

export function isMessage(item: MessageItem): item is Message {
  return item.type === 'message';
}
