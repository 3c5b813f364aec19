// Every message of a thread (export, Markdown, benchmarks): concurrently where the service gives
// offsets and a total, one page after another where it only gives cursors. A service can claim
// any total and hand out any cursor, so the number of requests is bounded by what it delivers:
// paging stops at an empty page, at a page with nothing new, at a cursor it already gave, and at
// a ceiling derived from the total (never above MAX_MESSAGE_PAGES); nothing is allocated from a
// claimed total. When it stops early it says why, through onStopped.
import { SERVICE_NAMES, type MessageItem, type Page, type ThreadRef } from '../domain/model';
import type { ThreadSource } from './types';

/** The most pages one whole-thread fetch asks for, whatever the service claims. */
export const MAX_MESSAGE_PAGES = 1_000;
/** Cursor paging may run this many pages past what the total justifies (a total that grew meanwhile). */
const CURSOR_SLACK_PAGES = 2;

export interface FetchAllOptions {
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after every page with how many messages are in hand and, when known, the total. */
  onProgress?: (loaded: number, total: number | undefined) => void;
  /** Called once when paging stopped before the service's own end, with a sentence saying why. */
  onStopped?: (reason: string) => void;
}

export async function fetchRemainingMessages(
  source: ThreadSource,
  ref: ThreadRef,
  first: Page<MessageItem>,
  options: FetchAllOptions = {},
): Promise<MessageItem[]> {
  options.onProgress?.(first.items.length, first.total);
  if (!first.next) return [...first.items];
  const pageSize = first.items.length;
  if (source.messagePaging === 'offset' && source.messageCursorAt && typeof first.total === 'number' && pageSize > 0) {
    return fetchByOffset(source, ref, first, first.total, options);
  }
  return fetchByCursor(source, ref, first, options);
}

const serviceName = (source: ThreadSource): string => SERVICE_NAMES[source.service] ?? 'The service';

async function fetchByOffset(source: ThreadSource, ref: ThreadRef, first: Page<MessageItem>, total: number, options: FetchAllOptions): Promise<MessageItem[]> {
  const pageSize = first.items.length;
  const justified = Math.ceil(Math.max(0, total - pageSize) / pageSize);
  const pageCount = Math.min(justified, MAX_MESSAGE_PAGES);
  // Pages by index, filled as they arrive; sized by what arrives, never by the claimed total.
  const pages = new Map<number, MessageItem[]>();
  /** The first page index that came back empty: nothing from there on is asked for. */
  let emptyAt = Infinity;
  let loaded = first.items.length;
  let nextIndex = 0;
  // One failed page fails the whole fetch: the other workers then start no more pages.
  let failed = false;
  const worker = async () => {
    while (!failed) {
      const index = nextIndex++;
      if (index >= pageCount || index >= emptyAt) return;
      try {
        const page = await source.listMessages(ref, source.messageCursorAt!((index + 1) * pageSize), options.signal);
        if (page.items.length === 0) {
          emptyAt = Math.min(emptyAt, index);
          continue;
        }
        pages.set(index, page.items);
        loaded += page.items.length;
        options.onProgress?.(loaded, total);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 6, pageCount) }, worker));
  const items = [...first.items];
  const seen = new Set(first.items.map((item) => item.id).filter((id) => id !== undefined));
  for (let index = 0; index < Math.min(pageCount, emptyAt); index++) {
    for (const item of pages.get(index) ?? []) {
      if (item.id !== undefined && seen.has(item.id)) continue;
      if (item.id !== undefined) seen.add(item.id);
      items.push(item);
    }
  }
  if (emptyAt < pageCount) {
    options.onStopped?.(`${serviceName(source)} announced ${total} messages but sent an empty page after ${items.length}; the rest could not be fetched.`);
  } else if (justified > MAX_MESSAGE_PAGES) {
    options.onStopped?.(`Stopped after ${MAX_MESSAGE_PAGES + 1} pages (${items.length} messages): ${serviceName(source)} announced ${total}.`);
  }
  return items;
}

async function fetchByCursor(source: ThreadSource, ref: ThreadRef, first: Page<MessageItem>, options: FetchAllOptions): Promise<MessageItem[]> {
  const items = [...first.items];
  const seenIds = new Set(first.items.map((item) => item.id).filter((id) => id !== undefined));
  const pageSize = first.items.length;
  const ceiling =
    typeof first.total === 'number' && pageSize > 0
      ? Math.min(MAX_MESSAGE_PAGES, Math.ceil(first.total / pageSize) + CURSOR_SLACK_PAGES)
      : MAX_MESSAGE_PAGES;
  const cursors = new Set<string>();
  let cursor: string | undefined = first.next;
  let pages = 1;
  const stop = (why: string) => options.onStopped?.(`Stopped after ${pages} pages (${items.length} messages): ${serviceName(source)} ${why}.`);
  while (cursor) {
    options.signal?.throwIfAborted();
    if (cursors.has(cursor)) {
      stop('returned a page it had already sent');
      break;
    }
    if (pages >= ceiling) {
      stop(typeof first.total === 'number' ? `announced ${first.total} messages and kept sending more pages` : 'kept sending more pages');
      break;
    }
    cursors.add(cursor);
    const page = await source.listMessages(ref, cursor, options.signal);
    pages++;
    const fresh = page.items.filter((item) => item.id === undefined || !seenIds.has(item.id));
    if (fresh.length === 0) {
      if (page.next) stop(page.items.length ? 'kept returning the same messages' : 'sent an empty page that said more would follow');
      break;
    }
    for (const item of fresh) if (item.id !== undefined) seenIds.add(item.id);
    items.push(...fresh);
    options.onProgress?.(items.length, first.total);
    cursor = page.next;
  }
  return items;
}
