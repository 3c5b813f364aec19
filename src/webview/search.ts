// The toolbar, and searching the thread from it. The page searches the messages it holds at
// once; when it does not hold the whole thread, the host searches every page (with progress and
// Cancel), and the page says plainly what was searched until it has. Matches are counted per
// occurrence (one definition of a message's searchable text, shared with the host) and the words
// are highlighted with the CSS Custom Highlight API, the current one apart.
import { t } from './l10n';
import { findMatches, normalizeQuery } from '../markdown/search';
import { h } from './dom';
import { focusMessage } from './keyboard';
import { messageCount, send, type Page, type SearchMatch } from './state';

const MATCHES = 'threadline-search';
const CURRENT = 'threadline-search-current';

/** The toolbar: Keep Open (preview), search, what is loaded, Jump to latest, Reload. It wraps when narrow. */
export function toolbar(page: Page): HTMLElement {
  const input = h('input', { type: 'search', placeholder: t('Search this thread'), 'aria-label': t('Search this thread'), class: 'search', value: page.search.query });
  input.value = page.search.query;
  const count = h('span', { class: 'search-count muted', 'aria-live': 'polite' });
  const scope = h('span', { class: 'search-scope muted' });
  const loaded = h('span', { class: 'loaded-count muted', 'aria-live': 'polite' });
  page.search.input = input;
  page.search.count = count;
  page.search.scope = scope;
  page.toolbar.loaded = loaded;
  input.addEventListener('input', () => {
    keepOpen(page);
    window.clearTimeout(page.search.timer);
    page.search.timer = window.setTimeout(() => runSearch(page, true), 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      stepSearch(page, event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      input.value = '';
      runSearch(page, false);
      focusMessage(page, Math.max(0, page.focusedMessage));
    }
  });
  const keep = page.preview && !page.keptOpen
    ? h('span', { class: 'preview-label' }, h('span', { class: 'badge badge-preview', title: t('Opened by a single click: the next single click shows another thread here') }, t('Preview')), h('button', { type: 'button', 'data-action': 'keep-open', title: t('Keep this thread open in its own tab') }, t('Keep Open')))
    : undefined;
  page.toolbar.keepOpen = keep;
  const hasMessages = !page.view?.thread.messagesUnavailable;
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': t('Thread actions') },
    keep,
    hasMessages
      ? h(
          'span',
          { class: 'search-group' },
          input,
          h('button', { type: 'button', 'data-action': 'search-previous', title: t('Previous match (Shift+Enter)'), 'aria-label': t('Previous match') }, '↑'),
          h('button', { type: 'button', 'data-action': 'search-next', title: t('Next match (Enter)'), 'aria-label': t('Next match') }, '↓'),
          count,
          scope,
        )
      : undefined,
    h('span', { class: 'toolbar-end' }, hasMessages ? loaded : undefined, hasMessages ? h('button', { type: 'button', 'data-action': 'jump-latest', title: t('Go to the latest message (End)') }, t('Jump to latest')) : undefined, h('button', { type: 'button', 'data-action': 'reload', title: t('Load the thread again') }, t('Reload'))),
  );
}

/** The preview is kept open once the reader works in it (searches, scrolls). */
export function keepOpen(page: Page): void {
  if (!page.preview || page.keptOpen) return;
  page.keptOpen = true;
  page.toolbar.keepOpen?.remove();
  send(page, { type: 'keepOpen' });
}

/** How many messages the page or the host holds, of how many there are. */
function heldCount(page: Page): number {
  let held = 0;
  for (const item of page.messages) if (item) held++;
  return Math.max(held, page.held);
}

/** "Loaded 1,100 of 10,000", or the progress of loading to the end (with Cancel). */
export function updateLoaded(page: Page): void {
  const element = page.toolbar.loaded;
  if (!element || !page.view) return;
  element.replaceChildren();
  const task = page.task;
  if (task?.kind === 'load') {
    element.append(t('Loading {0}{1}… ', task.loaded.toLocaleString(), task.total !== undefined ? ` of ${task.total.toLocaleString()}` : ''), h('button', { type: 'button', 'data-action': 'cancel-load' }, t('Cancel')));
    return;
  }
  const count = messageCount(page);
  const held = heldCount(page);
  if (page.view.hasMore || held < count) element.append(t('Loaded {0} of {1}', held.toLocaleString(), page.view.total !== undefined ? count.toLocaleString() : `${count.toLocaleString()}+`));
}

function everyMessageHeld(page: Page): boolean {
  if (page.view?.hasMore) return false;
  const count = messageCount(page);
  for (let index = 0; index < count; index++) if (!page.messages[index]) return false;
  return true;
}

/** Searches what the page holds now; asks the host to search every page when that is not the whole thread. */
export function runSearch(page: Page, jump: boolean): void {
  const search = page.search;
  const query = search.input?.value ?? '';
  search.query = query;
  search.current = undefined;
  search.wanted = undefined;
  if (!normalizeQuery(query)) {
    search.matches = [];
    search.total = 0;
    search.source = 'page';
    if (page.task?.kind === 'search') send(page, { type: 'cancelSearch' });
    page.task = page.task?.kind === 'search' ? undefined : page.task;
    showCount(page);
    paintHighlights(page);
    return;
  }
  searchHeld(page);
  if (!everyMessageHeld(page)) {
    page.task = { kind: 'search', loaded: heldCount(page), total: page.view?.total };
    send(page, { type: 'searchAll', query });
  }
  showCount(page);
  if (jump && search.matches.length) stepSearch(page, 1);
  else paintHighlights(page);
}

function searchHeld(page: Page): void {
  const found = findMatches(page.messages, page.search.query);
  page.search.matches = found.matches.map((match) => ({ index: match.index, count: match.count }));
  page.search.total = found.count;
  page.search.source = 'page';
  page.search.searched = heldCount(page);
  page.search.of = messageCount(page);
}

/** New messages arrived: a search of what the page holds sees them too (the host's answer stands). */
export function searchAfterMessages(page: Page): void {
  if (!normalizeQuery(page.search.query) || page.search.source === 'host') {
    paintHighlights(page);
    return;
  }
  const current = page.search.current ? page.search.matches[page.search.current.match] : undefined;
  searchHeld(page);
  if (current) {
    const match = page.search.matches.findIndex((entry) => entry.index === current.index);
    page.search.current = match >= 0 ? { match, nth: 0 } : undefined;
  }
  showCount(page);
  paintHighlights(page);
}

/**
 * Opened from a search across conversations: the thread is searched for `query` (every page, as
 * the search box does) and the match in message `index` is the current one.
 */
export function highlightAt(page: Page, query: string, index: number): void {
  if (page.search.input) page.search.input.value = query;
  runSearch(page, false);
  const match = page.search.matches.findIndex((entry) => entry.index === index);
  page.search.wanted = index;
  if (match >= 0) {
    page.search.current = { match, nth: 0 };
    showCount(page);
    paintHighlights(page);
  }
}

/** The host searched every page. */
export function receiveSearchResult(page: Page, result: { query: string; matches: SearchMatch[]; count: number; searched: number; total: number; stopped?: string | undefined }): void {
  if (result.query !== page.search.query) return;
  const search = page.search;
  const hadCurrent = search.current !== undefined;
  page.task = undefined;
  search.matches = result.matches;
  search.total = result.count;
  search.source = 'host';
  search.searched = result.searched;
  search.of = result.total;
  search.current = undefined;
  // Opened at a message (a search across conversations): its match stays the current one.
  const wanted = search.wanted !== undefined ? search.matches.findIndex((entry) => entry.index === search.wanted) : -1;
  search.wanted = undefined;
  showCount(page);
  if (wanted >= 0) {
    search.current = { match: wanted, nth: 0 };
    showCount(page);
    paintHighlights(page);
  } else if (search.matches.length && (hadCurrent || document.activeElement === search.input)) stepSearch(page, 1);
  else paintHighlights(page);
  updateLoaded(page);
}

/** Progress of the host's search of every page, or its end (cancelled, failed). */
export function searchProgress(page: Page, loaded: number, total: number | undefined, done: boolean, error: string | undefined): void {
  if (done) {
    page.task = undefined;
    if (error) page.search.scope?.replaceChildren(`Couldn’t search every message: ${error}`);
    else showCount(page);
    return;
  }
  page.task = { kind: 'search', loaded, total };
  showCount(page);
}

export function cancelSearch(page: Page): void {
  page.task = undefined;
  send(page, { type: 'cancelSearch' });
  showCount(page);
}

function showCount(page: Page): void {
  const search = page.search;
  const { count, scope } = search;
  if (!count || !scope) return;
  scope.replaceChildren();
  if (!normalizeQuery(search.query)) {
    count.textContent = '';
    return;
  }
  const ordinal = search.current ? occurrenceOrdinal(page) : undefined;
  count.textContent = ordinal !== undefined ? t('{0} of {1}', ordinal, search.total) : search.total === 1 ? t('1 match') : t('{0} matches', search.total);
  if (page.task?.kind === 'search') {
    const total = page.task.total;
    scope.append(t('searching {0}{1}… ', page.task.loaded.toLocaleString(), total !== undefined ? ` of ${total.toLocaleString()}` : ''), h('button', { type: 'button', 'data-action': 'cancel-search' }, t('Cancel')));
  } else if (search.source === 'page' && !everyMessageHeld(page)) {
    scope.append(t('searched {0} of {1}{2} — ', search.searched.toLocaleString(), search.of.toLocaleString(), page.view?.hasMore && page.view.total === undefined ? '+' : ''), h('button', { type: 'button', 'data-action': 'search-all' }, t('Search all')));
  }
}

/** The reader asked to search every message (after cancelling the automatic search). */
export function searchAll(page: Page): void {
  if (!normalizeQuery(page.search.query)) return;
  page.task = { kind: 'search', loaded: heldCount(page), total: page.view?.total };
  send(page, { type: 'searchAll', query: page.search.query });
  showCount(page);
}

function occurrenceOrdinal(page: Page): number | undefined {
  const current = page.search.current;
  if (!current) return undefined;
  let before = 0;
  for (let match = 0; match < current.match; match++) before += page.search.matches[match]?.count ?? 0;
  return before + current.nth + 1;
}

/** The next (or previous) occurrence, across messages; the page scrolls to it, loading it if needed. */
export function stepSearch(page: Page, direction: 1 | -1): void {
  const search = page.search;
  if (search.matches.length === 0) return;
  let current = search.current;
  if (!current) current = direction === 1 ? { match: 0, nth: 0 } : { match: search.matches.length - 1, nth: (search.matches.at(-1)?.count ?? 1) - 1 };
  else if (direction === 1) {
    current = current.nth + 1 < (search.matches[current.match]?.count ?? 0) ? { match: current.match, nth: current.nth + 1 } : { match: (current.match + 1) % search.matches.length, nth: 0 };
  } else {
    const previous = (current.match - 1 + search.matches.length) % search.matches.length;
    current = current.nth > 0 ? { match: current.match, nth: current.nth - 1 } : { match: previous, nth: (search.matches[previous]?.count ?? 1) - 1 };
  }
  search.current = current;
  showCount(page);
  const index = search.matches[current.match]?.index ?? 0;
  focusMessage(page, index, 'start');
  paintHighlights(page);
  revealCurrentOccurrence(page);
}

/** After each layout of the list: highlights for the messages now rendered. */
export function afterSearchLayout(page: Page): void {
  if (normalizeQuery(page.search.query)) paintHighlights(page);
}

/** The parts of a rendered message the searchable text is made of, in the same order. */
const SEARCHED_PARTS = '.author, .address, .subject, .body';

function occurrencesIn(element: HTMLElement, needle: string): Range[] {
  const ranges: Range[] = [];
  for (const part of Array.from(element.querySelectorAll(SEARCHED_PARTS))) {
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.nodeValue ?? '').toLowerCase();
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        ranges.push(range);
      }
    }
  }
  return ranges;
}

/** Highlights every occurrence in the rendered messages, the current one apart (no DOM is changed). */
function paintHighlights(page: Page): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const needle = normalizeQuery(page.search.query);
  const all = new Highlight();
  const current = new Highlight();
  if (needle) {
    const currentMatch = page.search.current ? page.search.matches[page.search.current.match] : undefined;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('.message[data-id]'))) {
      const index = Number(element.dataset['index']);
      const ranges = occurrencesIn(element, needle);
      ranges.forEach((range, nth) => {
        if (currentMatch?.index === index && nth === Math.min(page.search.current?.nth ?? 0, ranges.length - 1)) current.add(range);
        else all.add(range);
      });
    }
  }
  CSS.highlights.set(MATCHES, all);
  CSS.highlights.set(CURRENT, current);
}

/** The current occurrence may sit low in a long message: scroll it into view below the toolbar. */
function revealCurrentOccurrence(page: Page): void {
  const highlight = CSS.highlights?.get(CURRENT);
  const range = highlight ? (Array.from(highlight as unknown as Iterable<Range>)[0] as Range | undefined) : undefined;
  if (!range) return;
  const box = range.getBoundingClientRect();
  if (box.bottom > window.innerHeight - 8) window.scrollBy(0, box.bottom - window.innerHeight + window.innerHeight / 3);
  page.list?.layout();
}

/** Another thread: the search starts over. */
export function resetSearch(page: Page): void {
  page.search.matches = [];
  page.search.total = 0;
  page.search.current = undefined;
  page.search.source = 'page';
  page.search.texts.clear();
  paintHighlights(page);
}
