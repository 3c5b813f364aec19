// Searching the thread from the toolbar: every loaded message, not just those on screen.
import { h } from './dom';
import { plainText } from './messageView';
import { focusMessage } from './keyboard';
import type { Page } from './state';

/** The toolbar: search box, match count, previous/next, and Reload. */
export function toolbar(page: Page): HTMLElement {
  const input = h('input', { type: 'search', placeholder: 'Search this thread', 'aria-label': 'Search this thread', class: 'search' });
  const count = h('span', { class: 'search-count muted', 'aria-live': 'polite' });
  page.search.input = input;
  page.search.count = count;
  input.addEventListener('input', () => {
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
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Thread actions' },
    input,
    count,
    h('button', { type: 'button', 'data-action': 'search-previous', title: 'Previous match (Shift+Enter)', 'aria-label': 'Previous match' }, '↑'),
    h('button', { type: 'button', 'data-action': 'search-next', title: 'Next match (Enter)', 'aria-label': 'Next match' }, '↓'),
    h('button', { type: 'button', 'data-action': 'reload', title: 'Load the thread again' }, 'Reload'),
  );
}

function searchText(page: Page, index: number): string {
  let text = page.search.texts.get(index);
  if (text === undefined) {
    const item = page.messages[index];
    text = item && item.type === 'message' ? `${item.author.name ?? ''} ${item.author.address ?? ''} ${item.subject ?? ''} ${plainText(item)}`.toLowerCase() : '';
    page.search.texts.set(index, text);
  }
  return text;
}

export function isSearching(page: Page): boolean {
  return Boolean(page.search.input?.value);
}

/** Searches every loaded message, not just the ones on screen. */
export function runSearch(page: Page, jump: boolean): void {
  const search = page.search;
  const query = search.input?.value.trim().toLowerCase() ?? '';
  search.matches = [];
  search.current = -1;
  if (query) {
    for (let index = 0; index < page.messages.length; index++) if (searchText(page, index).includes(query)) search.matches.push(index);
  }
  search.matchSet = new Set(search.matches);
  if (search.count) search.count.textContent = query ? `${search.matches.length} match${search.matches.length === 1 ? '' : 'es'}` : '';
  if (jump && search.matches.length) stepSearch(page, 1);
  else redrawMatches(page);
}

export function stepSearch(page: Page, direction: 1 | -1): void {
  const search = page.search;
  if (search.matches.length === 0) return;
  search.current = (search.current + direction + search.matches.length) % search.matches.length;
  if (search.count) search.count.textContent = `${search.current + 1} of ${search.matches.length}`;
  redrawMatches(page);
  const index = search.matches[search.current] as number;
  page.list?.reveal(page.rowOfMessage[index] ?? 0, 'start');
}

/** Marks a rendered message as a match (or the current one). */
export function markMatch(page: Page, element: HTMLElement, index: number): void {
  element.classList.toggle('search-match', page.search.matchSet.has(index));
  element.classList.toggle('search-current', page.search.matches[page.search.current] === index);
}

function redrawMatches(page: Page): void {
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('.message'))) markMatch(page, element, Number(element.dataset['index']));
}

/** The thread was shown again: cached texts belong to the old messages. */
export function resetSearchTexts(page: Page): void {
  page.search.texts.clear();
}
