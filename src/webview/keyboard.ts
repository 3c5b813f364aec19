// Moving through the thread with the keyboard: ↑/↓ or j/k, Home, End, Page Up/Down, and / to
// search. The focused message is always shown whole below the sticky toolbar; End goes to the
// thread's real last message, loading it first where the page does not hold it.
import { messageCount, send, type Page } from './state';

/** The sticky toolbar's height: what covers the top of the viewport once it is stuck there. */
export function toolbarHeight(page: Page): number {
  const bar = page.app.querySelector<HTMLElement>('.toolbar');
  return bar ? bar.offsetHeight : 0;
}

/**
 * Focuses message `index`, scrolled fully into view (`start`: at the top below the toolbar,
 * `end`: at the bottom). A message the page does not hold yet is asked for and focused when
 * it arrives.
 */
export function focusMessage(page: Page, index: number, align: 'start' | 'nearest' | 'end' = 'nearest'): void {
  const count = messageCount(page);
  if (!page.list || count === 0) return;
  const clamped = Math.max(0, Math.min(count - 1, index));
  if (!page.messages[clamped]) {
    page.pendingFocus = { index: clamped, align };
    if (!page.requested.has(clamped)) {
      const from = Math.max(0, clamped - 50);
      const to = Math.min(count, clamped + 50);
      for (let at = from; at < to; at++) page.requested.add(at);
      send(page, { type: 'loadRange', from, to });
    }
  }
  const previous = document.querySelector<HTMLElement>(`.message[data-index="${page.focusedMessage}"]`);
  if (previous) previous.tabIndex = -1;
  page.focusedMessage = clamped;
  const element = page.list.reveal(page.rowOfMessage[clamped] ?? 0, align);
  if (element) {
    element.tabIndex = 0;
    element.focus({ preventScroll: true });
  }
}

/** End / Jump to latest: the thread's last message, however far it is. */
export function jumpToLatest(page: Page): void {
  const view = page.view;
  if (!view) return;
  const count = messageCount(page);
  if (view.hasMore && !view.canJump) {
    // A cursor service: page after page to the end, with progress and Cancel; focused when done.
    page.pendingFocus = { index: Number.MAX_SAFE_INTEGER, align: 'end' };
    send(page, { type: 'loadToEnd' });
    if (count > 0) focusMessage(page, count - 1, 'end');
    return;
  }
  // With offset paging the last page is asked for directly (by range) and focused when it arrives.
  focusMessage(page, count - 1, 'end');
}

/** Home: the top of the page (the thread's header), with the first message focused. */
export function jumpToTop(page: Page): void {
  window.scrollTo({ top: 0 });
  page.list?.layout();
  const previous = document.querySelector<HTMLElement>(`.message[data-index="${page.focusedMessage}"]`);
  if (previous) previous.tabIndex = -1;
  page.focusedMessage = 0;
  const first = document.querySelector<HTMLElement>('.message[data-index="0"]');
  if (first) {
    first.tabIndex = 0;
    first.focus({ preventScroll: true });
  }
}

export function handleKey(page: Page, event: KeyboardEvent): boolean {
  const inField = event.target instanceof HTMLInputElement;
  if (event.key === '/' && !inField) {
    event.preventDefault();
    page.search.input?.focus();
    return false;
  }
  if (inField || !page.list || event.altKey || event.ctrlKey || event.metaKey) return false;
  const current = (event.target as HTMLElement).closest?.('.message') as HTMLElement | null;
  const index = current ? Number(current.dataset['index']) : page.focusedMessage;
  if (event.key === 'Home') {
    event.preventDefault();
    jumpToTop(page);
    return true;
  }
  if (event.key === 'End') {
    event.preventDefault();
    jumpToLatest(page);
    return true;
  }
  const moves: Record<string, number | undefined> = {
    ArrowDown: index + 1,
    j: index + 1,
    ArrowUp: index - 1,
    k: index - 1,
    PageDown: index + 5,
    PageUp: index - 5,
  };
  const next = moves[event.key];
  if (next === undefined) return false;
  event.preventDefault();
  focusMessage(page, next, 'nearest');
  return true;
}
