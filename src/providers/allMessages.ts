// Every message of a thread (export, Markdown, benchmarks): concurrently where the service gives
// offsets and a total, one page after another where it only gives cursors.
import type { MessageItem, Page, ThreadRef } from '../domain/model';
import type { ThreadSource } from './types';

export interface FetchAllOptions {
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after every page with how many messages are in hand and, when known, the total. */
  onProgress?: (loaded: number, total: number | undefined) => void;
}

export async function fetchRemainingMessages(
  source: ThreadSource,
  ref: ThreadRef,
  first: Page<MessageItem>,
  options: FetchAllOptions = {},
): Promise<MessageItem[]> {
  const items = [...first.items];
  options.onProgress?.(items.length, first.total);
  if (!first.next) return items;
  const pageSize = first.items.length;
  if (source.messagePaging === 'offset' && source.messageCursorAt && typeof first.total === 'number' && pageSize > 0) {
    const offsets: number[] = [];
    for (let offset = pageSize; offset < first.total; offset += pageSize) offsets.push(offset);
    const pages = new Array<MessageItem[]>(offsets.length);
    let loaded = items.length;
    let nextIndex = 0;
    // One failed page fails the whole fetch: the other workers then start no more pages.
    let failed = false;
    const worker = async () => {
      while (!failed && nextIndex < offsets.length) {
        const index = nextIndex++;
        try {
          const page = await source.listMessages(ref, source.messageCursorAt!(offsets[index]!), options.signal);
          pages[index] = page.items;
          loaded += page.items.length;
          options.onProgress?.(loaded, first.total);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 6, offsets.length) }, worker));
    for (const page of pages) items.push(...(page ?? []));
    return items;
  }
  let cursor: string | undefined = first.next;
  while (cursor) {
    options.signal?.throwIfAborted();
    const page = await source.listMessages(ref, cursor, options.signal);
    items.push(...page.items);
    options.onProgress?.(items.length, first.total);
    cursor = page.next;
  }
  return items;
}
