// Searching a thread's messages: the one definition of a message's searchable text and of a
// match, shared by the page (what it holds) and the host (every page of the thread), so both
// count the same. Linear in the text; the query is matched literally, case-insensitively.
import type { Message, MessageItem } from '../domain/model';
import { htmlToText } from './htmlText';

/** Longest query searched: a longer one is cut (a search box is not a document). */
export const MAX_QUERY_LENGTH = 500;

/** A message's text as it reads, without markup. */
export function messagePlainText(message: Message): string {
  if (message.deleted) return '';
  switch (message.body.kind) {
    case 'html':
      // Reduced without parsing: a parse would be another place hostile markup meets the DOM.
      return message.body.text?.trim() ? message.body.text : htmlToText(message.body.html);
    default:
      return message.body.text;
  }
}

/** What a search looks through in one message: who wrote it, its subject and its text. */
export function searchableText(item: MessageItem): string {
  if (item.type !== 'message') return '';
  return [item.author.name ?? '', item.author.address ?? '', item.subject ?? '', messagePlainText(item)].join('\n');
}

/** The query as searched: trimmed, lower-cased, capped. */
export function normalizeQuery(query: string): string {
  return query.trim().slice(0, MAX_QUERY_LENGTH).toLowerCase();
}

/** Non-overlapping occurrences of `needle` (already normalised) in `haystack`, ignoring case. */
export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  const text = haystack.toLowerCase();
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

export interface ThreadMatch {
  /** The message's position in the thread (0 = the first). */
  index: number;
  id?: string;
  /** Occurrences in this message. */
  count: number;
}

/** Every message containing the query, and how many occurrences in all. */
export function findMatches(items: readonly (MessageItem | undefined)[], query: string, from = 0): { matches: ThreadMatch[]; count: number } {
  const needle = normalizeQuery(query);
  const matches: ThreadMatch[] = [];
  let count = 0;
  if (!needle) return { matches, count };
  items.forEach((item, position) => {
    if (!item) return;
    const found = countOccurrences(searchableText(item), needle);
    if (found === 0) return;
    count += found;
    matches.push({ index: from + position, ...(item.id ? { id: item.id } : {}), count: found });
  });
  return { matches, count };
}
