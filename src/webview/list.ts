// What the page shows: a status line, a failure with its fix, or the thread — header, cards and a
// virtual list of day headings, messages and a status row (loading more, failed, end).
import type { Message, MessageItem } from '../domain/model';
import type { FixAction, ThreadView } from '../panel/protocol';
import { clear, h } from './dom';
import { dayKey, dayLabel } from './format';
import { renderCards, renderHeader, renderProgress } from './header';
import { remoteImage } from './images';
import { renderMessage } from './messageView';
import { isSearching, markMatch, resetSearchTexts, runSearch, toolbar } from './search';
import { anchorState, saveState, send, type Page, type Row } from './state';
import { VirtualList } from './virtualList';

const FIX_LABELS: Record<FixAction, string> = { setApiKey: 'Set API Key…', signIn: 'Sign In…', confirmKey: 'Confirm Key…', editAccount: 'Edit Account…' };

/** The message list goes with the page content it lived in. */
function dropList(page: Page): void {
  page.list?.dispose();
  page.list = undefined;
}

export function showStatus(page: Page, text: string): void {
  dropList(page);
  clear(page.app);
  page.app.append(h('p', { class: 'status' }, text));
}

export function showFailure(page: Page, text: string, action: FixAction | undefined): void {
  page.view = undefined;
  dropList(page);
  clear(page.app);
  page.app.append(
    h(
      'div',
      { class: 'failure', role: 'alert' },
      h('h1', {}, 'Couldn’t load this thread'),
      h('p', {}, text),
      h(
        'div',
        { class: 'failure-actions' },
        action ? h('button', { type: 'button', class: 'primary', 'data-action': 'fix-account' }, FIX_LABELS[action]) : undefined,
        h('button', { type: 'button', 'data-action': 'reload' }, 'Reload'),
      ),
    ),
  );
  saveState(page);
}

export function showThread(page: Page, next: ThreadView): void {
  const sameThread = page.view?.thread.threadId === next.thread.threadId;
  const anchor = sameThread && page.list ? anchorState(page) : undefined;
  page.view = next;
  page.messages = [...next.messages];
  page.loadingMore = false;
  page.moreError = undefined;
  resetSearchTexts(page);
  const now = Date.now();
  dropList(page);
  clear(page.app);
  const listHost = h('div', { class: 'messages', role: 'feed', 'aria-label': 'Messages', 'aria-busy': 'false' });
  const parts = [
    renderHeader(next, now),
    toolbar(page),
    renderProgress(next),
    ...renderCards(next.thread),
    next.thread.messagesUnavailable ? h('p', { class: 'note', role: 'note' }, next.thread.messagesUnavailable) : undefined,
    next.stopped ? h('p', { class: 'note', role: 'note' }, next.stopped) : undefined,
    listHost,
  ];
  page.app.append(...parts.filter((part): part is HTMLElement => part !== undefined));
  page.list = new VirtualList<Row>({ host: listHost, render: (row) => renderRow(page, row), onRange: (_first, last) => onRange(page, last) });
  rebuildRows(page, 0);
  page.list.setRows(page.rows);
  const restore = anchor ?? page.restoreAnchor;
  page.restoreAnchor = undefined;
  if (restore) {
    const index = page.messages.findIndex((item) => item.id === restore.id);
    const row = index >= 0 ? page.rowOfMessage[index] : undefined;
    if (row !== undefined) page.list.scrollToAnchor(row, restore.offset);
  }
  if (!page.painted) {
    page.painted = true;
    // Once the first window is on screen (two frames: layout, then paint), mark it where a
    // test or benchmark driving the page can read it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark('threadline.painted');
        page.app.dataset['painted'] = 'true';
      }),
    );
  }
  saveState(page);
}

export function appendMessages(page: Page, items: MessageItem[], hasMore: boolean): void {
  if (!page.view || !page.list) return;
  page.loadingMore = false;
  page.moreError = undefined;
  const from = page.messages.length;
  page.messages.push(...items);
  page.view.hasMore = hasMore;
  const firstChangedRow = page.rows.length - 1; // the status row is always last
  rebuildRows(page, from);
  page.list.replaceFrom(firstChangedRow, page.rows.slice(firstChangedRow));
  if (isSearching(page)) runSearch(page, false);
}

export function moreFailed(page: Page, message: string): void {
  page.loadingMore = false;
  page.moreError = message;
  refreshStatusRow(page);
}

/** The reader asked to try the failed page again. */
export function retryMore(page: Page): void {
  page.moreError = undefined;
  page.loadingMore = true;
  refreshStatusRow(page);
  send(page, { type: 'loadMore' });
}

/** Rebuilds rows for messages[from…] and the status row, keeping the rows before them. */
function rebuildRows(page: Page, from: number): void {
  if (from === 0) {
    page.rows = [];
    page.rowOfMessage = [];
  } else {
    page.rows.pop(); // the old status row
  }
  let lastDay = from > 0 ? dayOf(page.messages[from - 1]) : undefined;
  for (let index = from; index < page.messages.length; index++) {
    const item = page.messages[index] as MessageItem;
    const day = dayOf(item);
    if (day !== undefined && day !== lastDay) {
      const createdAt = (item as Message).createdAt;
      page.rows.push({ kind: 'day', key: `day:${day}:${index}`, estimate: 36, label: dayLabel(createdAt) });
      lastDay = day;
    }
    page.rowOfMessage[index] = page.rows.length;
    page.rows.push({ kind: 'message', key: `m:${index}`, estimate: estimateHeight(item), index });
  }
  page.rows.push(statusRow(page));
}

/** The local day of a dated message; undated ones (Thred's) get no day heading. */
function dayOf(item: MessageItem | undefined): string | undefined {
  return item && item.type === 'message' && item.createdAt ? dayKey(item.createdAt) : undefined;
}

function estimateHeight(item: MessageItem): number {
  if (item.type === 'unreadable') return 72;
  const length = item.body.kind === 'html' ? item.body.html.length / 3 : item.body.text.length;
  return 64 + Math.min(600, Math.ceil(length / 90) * 20) + item.attachments.length * 22;
}

function statusRow(page: Page): Row {
  const view = page.view;
  if (!view || view.thread.messagesUnavailable) return { kind: 'status', key: 'status:idle', estimate: 1, state: 'idle', text: '' };
  if (page.moreError) return { kind: 'status', key: `status:failed`, estimate: 56, state: 'failed', text: page.moreError };
  if (view.hasMore) return { kind: 'status', key: 'status:loading', estimate: 48, state: 'loading', text: 'Loading more messages…' };
  const count = page.messages.length;
  return { kind: 'status', key: 'status:end', estimate: 40, state: 'end', text: count === 0 ? 'No messages in this thread.' : `${count} message${count === 1 ? '' : 's'} · end of thread` };
}

function refreshStatusRow(page: Page): void {
  if (!page.list) return;
  page.rows[page.rows.length - 1] = statusRow(page);
  page.list.replaceFrom(page.rows.length - 1, page.rows.slice(page.rows.length - 1));
}

function renderRow(page: Page, row: Row): HTMLElement {
  switch (row.kind) {
    case 'day':
      return h('div', { class: 'day', role: 'separator' }, h('span', {}, row.label));
    case 'status':
      if (row.state === 'failed') {
        return h(
          'div',
          { class: 'status-row failed', role: 'alert' },
          `Couldn’t load more messages — ${row.text} `,
          h('button', { type: 'button', 'data-action': 'retry-more' }, 'Retry'),
        );
      }
      return h('div', { class: `status-row ${row.state}`, 'aria-live': 'polite' }, row.text);
    case 'message': {
      const item = page.messages[row.index] as MessageItem;
      const element = renderMessage(item, row.index, { now: Date.now(), remoteImage: (url, alt) => remoteImage(page, url, alt) });
      element.setAttribute('aria-setsize', String(page.view?.total ?? page.messages.length));
      element.setAttribute('aria-posinset', String(row.index + 1));
      if (row.index === page.focusedMessage) element.tabIndex = 0;
      markMatch(page, element, row.index);
      return element;
    }
  }
}

/** Near the end of what is loaded: ask for the next page. */
function onRange(page: Page, last: number): void {
  if (last >= page.rows.length - 30) requestMore(page);
}

export function requestMore(page: Page): void {
  if (!page.view?.hasMore || page.loadingMore || page.moreError) return;
  page.loadingMore = true;
  send(page, { type: 'loadMore' });
}
