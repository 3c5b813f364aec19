// The sample server's misbehaving-service mode: what real APIs sometimes do to a client that
// pages through them, per service and per request like the other faults (combinable, e.g.
// `dup,control`):
//   dup           items of the page before come again at the start of this one (a whole-list
//                 answer repeats some of its own items)
//   total-high    the total claims 1,000 more items than there are (where the service sends one)
//   grow          from this request on, the list has more items (a total that changes): new
//                 threads at the front, new messages at the end (AgentSend, which sends totals)
//   shrink        from this request on, items just before the requested offset are gone, so what
//                 followed them moves up (AgentSend)
//   endless       the service never says it is done: a total or a cursor that always promises more,
//                 page numbers past the end that repeat the last page, a recent list always full
//   empty-page    the page holds no items, its total and cursor as they were
//   huge          the first item's title, name and body fields (and a thread's own) are 50,000
//                 characters long (addresses and links stay: they identify things)
//   control       every free-text string starts with a right-to-left override and carries control,
//                 bidi and invisible format characters
//   slow[:ms]     the answer is written one byte at a time, `ms` apart (default 20)
// A Retry-After of a day is the existing `429:86400` (also spelled `429-day`).
//
// The sample server runs handlers as pure functions of the request, so the page before is found
// by asking the handler for it again.
import { mapFreeText } from './xss';
import type { ServiceHandler, ServiceId, ServiceRequest } from './types';

export const MISBEHAVIOURS = ['dup', 'total-high', 'grow', 'shrink', 'endless', 'empty-page', 'huge', 'control'] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

/** The length of every field `huge` pads. */
export const HUGE_FIELD_LENGTH = 50_000;
/** What `control` puts before every free-text string: a right-to-left override, which reverses all that follows unless it is neutralised. */
export const CONTROL_PREFIX = '\u202E';
/** What `control` appends to every free-text string: C0 and C1 controls, an escape sequence, bidi overrides and isolates, invisible characters, odd line breaks. */
export const CONTROL_CHARACTERS = '\u0000\u0007\b\u001B[31m\u007F\u0085\u009B \u202Egpj.exe\u202C \u2066isolated\u2069 \u202Bembedded\u202C zero\u200Bwidth\u00AD\uFEFF\u2060 line\u2028separator\rreturn';
/** Default gap between the bytes of a `slow` answer. */
export const SLOW_BYTE_MS = 20;
const EXTRA_TOTAL = 1_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a paged list sits in one service's answer, and how that service says "more follows". */
interface ListShape {
  items(body: unknown): unknown[] | undefined;
  setItems(body: unknown, items: unknown[]): void;
  /** The query of the page before, when the service pages and this is not the first page. */
  previous?(request: ServiceRequest): URLSearchParams | undefined;
  /** Makes the answer promise more (it already holds whatever items it holds). */
  endless?(body: unknown, request: ServiceRequest, handler: ServiceHandler): void;
  total?: { get(body: unknown): number | undefined; set(body: unknown, value: number): void };
  /** Lists that can grow and shrink while paged: where new items go. */
  changes?: 'front' | 'end';
}

const field = (name: string) => ({
  get: (body: unknown) => (isRecord(body) && typeof body[name] === 'number' ? body[name] : undefined),
  set: (body: unknown, value: number) => {
    if (isRecord(body)) body[name] = value;
  },
});

function at(body: unknown, ...path: string[]): unknown {
  let value = body;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function arrayAt(...path: string[]): Pick<ListShape, 'items' | 'setItems'> {
  return {
    items: (body) => {
      const value = at(body, ...path);
      return Array.isArray(value) ? value : undefined;
    },
    setItems: (body, items) => {
      const parent = at(body, ...path.slice(0, -1));
      const key = path[path.length - 1];
      if (isRecord(parent) && key !== undefined) parent[key] = items;
    },
  };
}

/** A bare array answer (Thred's recent list, Cattix). */
const bareArray: Pick<ListShape, 'items' | 'setItems'> = {
  items: (body) => (Array.isArray(body) ? body : undefined),
  setItems: (body, items) => {
    if (Array.isArray(body)) body.splice(0, body.length, ...items);
  },
};

function withQuery(request: ServiceRequest, changes: Record<string, string>): URLSearchParams {
  const query = new URLSearchParams(request.query);
  for (const [name, value] of Object.entries(changes)) query.set(name, value);
  return query;
}

const int = (value: string | null, fallback: number) => (value !== null && /^\d+$/.test(value) ? Number(value) : fallback);

/** AgentSend: `{ data, total, limit, offset }`, paged by limit/offset. */
const agentSendList = (changes?: 'front' | 'end'): ListShape => ({
  ...arrayAt('data'),
  total: field('total'),
  previous: (request) => {
    const offset = int(request.query.get('offset'), 0);
    const limit = int(request.query.get('limit'), 20);
    return offset > 0 ? withQuery(request, { offset: String(Math.max(0, offset - limit)) }) : undefined;
  },
  endless: (body) => {
    const total = field('total').get(body);
    if (total !== undefined) field('total').set(body, total + EXTRA_TOTAL);
  },
  ...(changes ? { changes } : {}),
});

/** Tybrite: `{ threads | messages, pagination: { limit, next_cursor, has_more } }`; the sample's cursor is base64 JSON with an offset. */
const tybriteList = (key: string): ListShape => ({
  ...arrayAt(key),
  previous: (request) => {
    const offset = tybriteOffset(request.query.get('cursor'));
    const limit = int(request.query.get('limit'), 50);
    if (!offset) return undefined;
    const query = withQuery(request, { cursor: tybriteCursor(Math.max(0, offset - limit)) });
    if (offset - limit <= 0) query.delete('cursor');
    return query;
  },
  endless: (body, request) => {
    const pagination = at(body, 'pagination');
    if (!isRecord(pagination) || pagination['has_more'] === true) return;
    const offset = tybriteOffset(request.query.get('cursor')) ?? 0;
    pagination['has_more'] = true;
    pagination['next_cursor'] = tybriteCursor(offset + int(request.query.get('limit'), 50));
  },
});

function tybriteOffset(cursor: string | null): number | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    return isRecord(value) && typeof value['offset'] === 'number' ? value['offset'] : undefined;
  } catch {
    return undefined;
  }
}

function tybriteCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ after: null, offset })).toString('base64');
}

/** SiteGPT v0 thread lists: page numbers, and an empty page is the end. */
const siteGptThreads: ListShape = {
  ...arrayAt('data', 'threads'),
  previous: (request) => {
    const page = int(request.query.get('page'), 1);
    return page > 1 ? withQuery(request, { page: String(page - 1) }) : undefined;
  },
  endless: (body, request, handler) => {
    // Past the end, the last page comes again (a server that ignores `page` once it runs out).
    const shape = siteGptThreads;
    for (let page = int(request.query.get('page'), 1); page > 1 && (shape.items(body)?.length ?? 0) === 0; page--) {
      const earlier = answerFor(handler, request, withQuery(request, { page: String(page - 1) }));
      shape.setItems(body, shape.items(earlier) ?? []);
    }
  },
};

/** Thred's recent customers: a bare array up to `limit`; the client asks for a longer list while it is full. */
const thredRecent: ListShape = {
  ...bareArray,
  endless: (body, request) => {
    const items = bareArray.items(body) ?? [];
    const limit = int(request.query.get('limit'), items.length);
    if (items.length === 0) return;
    const full = Array.from({ length: Math.max(limit, items.length) }, (_, index) => items[index % items.length]);
    bareArray.setItems(body, full);
  },
};

const SHAPES: Partial<Record<`${ServiceId}|${string}`, ListShape>> = {
  'agentsend|inboxes': agentSendList(),
  'agentsend|threads': agentSendList('front'),
  'agentsend|messages': agentSendList('end'),
  'sitegpt|chatbots': arrayAt('data', 'chatbots'),
  'sitegpt|threads': siteGptThreads,
  'sitegpt|thread': arrayAt('data', 'thread', 'messages'),
  'tybrite|threads': tybriteList('threads'),
  'tybrite|messages': tybriteList('messages'),
  'thred|recent': thredRecent,
  'thred|by-company': arrayAt('results'),
  'thred|customer': arrayAt('conversation'),
  'cattix|threads': bareArray,
  'cattix|companies': bareArray,
};

/** The body the handler answers `query` with (the same path), or undefined when it fails. */
function answerFor(handler: ServiceHandler, request: ServiceRequest, query: URLSearchParams): unknown {
  const response = handler.handle({ ...request, query });
  if (response.status < 200 || response.status >= 300) return undefined;
  return response.json !== undefined ? (JSON.parse(response.json) as unknown) : structuredClone(response.body);
}

/** How a list that grows or shrinks looks now: items added, and original positions gone. */
interface ListChanges {
  added: unknown[];
  removed: number[];
}

/**
 * The misbehaving mode of one sample server: the lists that grew or shrank (they stay so until
 * reset), and the transforms of each answer.
 */
export class Misbehaviours {
  private readonly changed = new Map<string, ListChanges>();

  /** Whether some list grew or shrank, so answers without a fault still need looking at. */
  get active(): boolean {
    return this.changed.size > 0;
  }

  reset(): void {
    this.changed.clear();
  }

  /**
   * A successful answer's body as the service misbehaves with it. `body` is a private copy and may
   * be changed; lists that grew or shrank earlier are applied even when `kinds` is empty.
   */
  apply(handler: ServiceHandler, request: ServiceRequest, shapeName: string, body: unknown, kinds: readonly Misbehaviour[]): unknown {
    const shape = SHAPES[`${handler.id}|${shapeName}`];
    if (shape?.changes) body = this.changedList(handler, request, shape, body, kinds);
    if (kinds.length === 0) return body;
    if (shape) {
      const items = shape.items(body);
      if (kinds.includes('dup') && items) shape.setItems(body, this.withRepeats(handler, request, shape, items));
      if (kinds.includes('total-high')) {
        const total = shape.total?.get(body);
        if (total !== undefined) shape.total?.set(body, total + EXTRA_TOTAL);
      }
      if (kinds.includes('empty-page')) shape.setItems(body, []);
      if (kinds.includes('endless')) shape.endless?.(body, request, handler);
    }
    if (kinds.includes('huge')) padFirst(body);
    if (kinds.includes('control')) body = mapFreeText(body, (text) => `${CONTROL_PREFIX}${text}${CONTROL_CHARACTERS}`);
    return body;
  }

  /** The half of the page before that comes again, then this page; a whole list repeats its first third. */
  private withRepeats(handler: ServiceHandler, request: ServiceRequest, shape: ListShape, items: unknown[]): unknown[] {
    const previousQuery = shape.previous?.(request);
    const previous = previousQuery ? shape.items(answerFor(handler, request, previousQuery)) : undefined;
    if (previous && previous.length > 0) return [...previous.slice(previous.length - Math.ceil(previous.length / 2)), ...items];
    return [...items, ...items.slice(0, Math.ceil(items.length / 3))];
  }

  /**
   * An AgentSend list as it is after earlier `grow` and `shrink` requests (and this one's): the
   * items at the requested offset, and a total that counts them.
   */
  private changedList(handler: ServiceHandler, request: ServiceRequest, shape: ListShape, body: unknown, kinds: readonly Misbehaviour[]): unknown {
    const listKey = request.path;
    const grow = kinds.includes('grow');
    const shrink = kinds.includes('shrink');
    let changes = this.changed.get(listKey);
    if (!changes && !grow && !shrink) return body;
    const total = shape.total?.get(body);
    const offset = int(request.query.get('offset'), 0);
    const limit = int(request.query.get('limit'), 20);
    if (total === undefined) return body;
    if (!changes) this.changed.set(listKey, (changes = { added: [], removed: [] }));
    const original = (from: number, count: number): unknown[] => {
      const out: unknown[] = [];
      for (let start = from; start < from + count && start < total; start += 100) {
        const page = shape.items(answerFor(handler, request, withQuery(request, { offset: String(start), limit: String(Math.min(100, from + count - start)) })));
        if (!page || page.length === 0) break;
        out.push(...page);
      }
      return out;
    };
    // Original positions still there, in order (few are ever removed: a plain scan is enough).
    const survivorAt = (index: number): number => {
      let position = index;
      for (const gone of [...(changes?.removed ?? [])].sort((a, b) => a - b)) if (gone <= position) position++;
      return position;
    };
    const front = shape.changes === 'front';
    /** Items `[from, from + count)` of the list as it is now. */
    const view = (from: number, count: number): unknown[] => {
      const added = changes?.added ?? [];
      const kept = total - (changes?.removed.length ?? 0);
      const sources: ({ added: number } | { original: number })[] = [];
      for (let index = from; index < from + count; index++) {
        if (front && index < added.length) sources.push({ added: index });
        else {
          const keptIndex = front ? index - added.length : index;
          if (keptIndex < kept) sources.push({ original: survivorAt(keptIndex) });
          else if (!front && keptIndex - kept < added.length) sources.push({ added: keptIndex - kept });
        }
      }
      const wanted = sources.flatMap((source) => ('original' in source ? [source.original] : []));
      const low = Math.min(...wanted);
      const window = wanted.length ? original(low, Math.max(...wanted) - low + 1) : [];
      return sources.map((source) => ('added' in source ? added[source.added] : window[source.original - low]));
    };
    if (shrink) {
      // The items just before the requested offset go (or this page's first, at offset 0): what
      // followed moves up into offsets the client has read.
      const count = Math.max(1, Math.ceil(limit / 4));
      const first = offset >= count ? offset - count : offset;
      const gone: number[] = [];
      for (let index = first; index < first + count; index++) {
        const keptIndex = front ? index - changes.added.length : index;
        if (keptIndex >= 0 && keptIndex < total - changes.removed.length) gone.push(survivorAt(keptIndex));
      }
      changes.removed.push(...gone);
    }
    if (grow) {
      const [model] = original(0, 1);
      const count = Math.max(1, Math.ceil(limit / 4));
      for (let index = 0; index < count && isRecord(model); index++) {
        const serial = changes.added.length + 1;
        const item = { ...model, id: `${String(model['id'])}-new${serial}`, subject: `New while you paged (${serial})` };
        if (front) changes.added.unshift(item);
        else changes.added.push(item);
      }
    }
    const size = total - changes.removed.length + changes.added.length;
    shape.setItems(body, view(offset, Math.max(0, Math.min(limit, size - offset))));
    shape.total?.set(body, size);
    return body;
  }
}

/** Fields that hold a title, a name or a body (not an address or a link, which identify things). */
const TITLE_OR_BODY = /^(?!.*(?:address|email|url|link|Id$|_id$)).*(?:subject|title|name|body|content|text|question|answer|summary|description)/i;

/**
 * `huge`: every title, name and body field of the answer's own object and of the first item of
 * each list is padded to HUGE_FIELD_LENGTH characters (a readable filler, its length at the end).
 */
function padFirst(body: unknown): void {
  const padText = (text: string) => {
    const tail = ` [end of a ${HUGE_FIELD_LENGTH.toLocaleString('en')}-character field]`;
    const filler = ' lorem ipsum dolor sit amet';
    let out = `${text}${filler.repeat(Math.ceil((HUGE_FIELD_LENGTH - text.length) / filler.length))}`;
    out = out.slice(0, HUGE_FIELD_LENGTH - tail.length) + tail;
    return out;
  };
  /** Pads the title and body fields of one value, however deep. */
  const pad = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(pad);
    if (!isRecord(value)) return value;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string') {
        if (TITLE_OR_BODY.test(key)) value[key] = padText(child);
      } else value[key] = pad(child);
    }
    return value;
  };
  // Strings of the answer's own object are padded; in a list, the first item's (and nothing of the rest).
  const visit = (value: unknown, padStrings: boolean): void => {
    if (Array.isArray(value)) {
      if (value.length > 0) value[0] = pad(value[0]);
      for (const item of value.slice(1)) visit(item, false);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string') {
        if (padStrings && TITLE_OR_BODY.test(key)) value[key] = padText(child);
      } else {
        visit(child, padStrings);
      }
    }
  };
  visit(body, true);
}
