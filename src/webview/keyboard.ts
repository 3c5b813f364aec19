// Moving through the thread with the keyboard: ↑/↓ or j/k, Home, End, Page Up/Down, and / to search.
import type { Page } from './state';

export function focusMessage(page: Page, index: number): void {
  if (!page.list || page.messages.length === 0) return;
  const clamped = Math.max(0, Math.min(page.messages.length - 1, index));
  const previous = document.querySelector<HTMLElement>(`.message[data-index="${page.focusedMessage}"]`);
  if (previous) previous.tabIndex = -1;
  page.focusedMessage = clamped;
  const element = page.list.reveal(page.rowOfMessage[clamped] ?? 0);
  if (element) {
    element.tabIndex = 0;
    element.focus({ preventScroll: true });
  }
}

export function handleKey(page: Page, event: KeyboardEvent): void {
  const inField = event.target instanceof HTMLInputElement;
  if (event.key === '/' && !inField) {
    event.preventDefault();
    page.search.input?.focus();
    return;
  }
  if (inField || !page.list) return;
  const current = (event.target as HTMLElement).closest?.('.message') as HTMLElement | null;
  const index = current ? Number(current.dataset['index']) : page.focusedMessage;
  const moves: Record<string, number | undefined> = {
    ArrowDown: index + 1,
    j: index + 1,
    ArrowUp: index - 1,
    k: index - 1,
    Home: 0,
    End: page.messages.length - 1,
    PageDown: index + 5,
    PageUp: index - 5,
  };
  const next = moves[event.key];
  if (next !== undefined && !event.altKey && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    focusMessage(page, next);
  }
}
