// What the page shows: a status line, a failure with its fix, or the thread — header, toolbar,
// cards and a virtual list of day headings, messages and a status row. The list is as long as
// the thread (the service's total where it says one): messages the page does not hold yet are
// placeholders, asked of the host when they come into view, so End and a jump into the middle
// of a 10,000-message thread behave as if the whole thread were there.
import { t } from './l10n';
import type { Message, MessageItem } from '../domain/model';
import type { FixAction, Position, ThreadView } from '../panel/protocol';
import { clear, h } from './dom';
import { dayKey, dayLabel } from './format';
import { renderCards, renderHeader, renderProgress } from './header';
import { remoteImage } from './images';
import { highlightCodeIn } from './highlight';
import { renderMessage } from './messageView';
import { afterSearchLayout, resetSearch, searchAfterMessages, toolbar, updateLoaded } from './search';
import { anchorState, messageCount, sameTarget, saveState, send, type Page, type Row } from './state';
import { VirtualList } from './virtualList';
import { webviewTitle } from '../sinks/webview';
import { focusMessage, toolbarHeight } from './keyboard';
import { plural } from '../domain/format';

/** The account fix each failure offers, as its button reads (asked when drawn: in the user's language). */
const FIX_LABELS: Record<FixAction, () => string> = { setApiKey: () => t('Set API Key…'), signIn: () => t('Sign In…'), confirmKey: () => t('Confirm Key…'), editAccount: () => t('Edit Account…') };
const PLACEHOLDER_HEIGHT = 96;

/** The message list goes with the page content it lived in. */
function dropList(page: Page): void {
  page.list?.dispose();
  page.list = undefined;
}

export function showStatus(page: Page, text: string): void {
  dropList(page);
  clear(page.app);
  page.app.append(h('p', { class: 'status', role: 'status' }, text));
}

/** Another thread is coming (the preview shows the next one): what the page held is dropped. */
export function forgetThread(page: Page): void {
  page.view = undefined;
  page.messages = [];
  page.held = 0;
  page.requested.clear();
  page.pendingFocus = undefined;
  page.focusedMessage = -1;
  page.task = undefined;
  resetSearch(page);
}

export function showFailure(page: Page, text: string, action: FixAction | undefined): void {
  page.view = undefined;
  dropList(page);
  clear(page.app);
  document.title = t('Couldn’t load this thread');
  page.app.append(
    h(
      'div',
      { class: 'failure', role: 'alert' },
      h('h1', {}, t('Couldn’t load this thread')),
      h('p', {}, text),
      h(
        'div',
        { class: 'failure-actions' },
        action ? h('button', { type: 'button', class: 'primary', 'data-action': 'fix-account' }, FIX_LABELS[action]()) : undefined,
        h('button', { type: 'button', 'data-action': 'reload' }, t('Reload')),
      ),
    ),
  );
  saveState(page);
}

export function showThread(page: Page, next: ThreadView, position: Position | undefined): void {
  const sameThread = page.view?.thread.threadId === next.thread.threadId && page.view.generation === next.generation;
  const anchor = sameThread && page.list ? anchorState(page) : undefined;
  if (!sameThread) {
    const query = page.search.input?.value ?? '';
    forgetThread(page);
    page.search.query = query;
  }
  page.view = next;
  page.held = next.held ?? next.messages.length;
  page.loadingMore = false;
  page.moreError = undefined;
  const count = Math.max(next.total ?? 0, page.held, next.messages.length + (next.offset ?? 0));
  if (page.messages.length > count) page.messages.length = count;
  place(page, next.offset ?? 0, next.messages);
  document.title = webviewTitle(next.thread.title);
  dropList(page);
  clear(page.app);
  const listHost = h('div', { class: 'messages', role: 'feed', 'aria-label': t('Messages'), 'aria-busy': 'false' });
  const parts = [
    renderHeader(next, Date.now()),
    toolbar(page),
    renderProgress(next),
    ...renderCards(next.thread),
    next.thread.messagesUnavailable ? h('p', { class: 'note', role: 'note' }, next.thread.messagesUnavailable) : undefined,
    next.stopped ? h('p', { class: 'note', role: 'note', 'data-note': 'stopped' }, next.stopped) : undefined,
    listHost,
  ];
  page.app.append(...parts.filter((part): part is HTMLElement => part !== undefined));
  page.list = new VirtualList<Row>({
    host: listHost,
    render: (row) => renderRow(page, row),
    sameContent: sameRowContent,
    onRange: (first, last) => onRange(page, first, last),
    insetTop: () => toolbarHeight(page),
  });
  rebuildRows(page);
  page.list.setRows(page.rows);
  const restore = page.restoreAnchor && sameTarget(page.restoreAnchor.target, page.target) ? page.restoreAnchor : undefined;
  if (position) placeReader(page, position);
  else if (anchor) scrollToMessage(page, anchor.index, anchor.offset);
  else if (restore) scrollToMessage(page, restore.index, restore.offset);
  page.restoreAnchor = undefined;
  if (page.search.query) searchAfterMessages(page);
  updateLoaded(page);
  if (!page.painted) {
    page.painted = true;
    // Once the first window is on screen, mark it where a test or benchmark driving the page can
    // read it: a task posted from the next frame's callback runs as soon as that frame has been
    // laid out and painted (a second frame callback would come one whole frame later).
    requestAnimationFrame(() => {
      const afterPaint = new MessageChannel();
      afterPaint.port1.onmessage = () => {
        afterPaint.port1.close();
        performance.mark('threadline.painted');
        page.app.dataset['painted'] = 'true';
      };
      afterPaint.port2.postMessage(undefined);
    });
  }
  saveState(page);
}

/** Puts the reader where the host said: a saved place, the first unread message, the latest, or the top. */
function placeReader(page: Page, position: Position): void {
  const count = messageCount(page);
  if ('at' in position) {
    if (position.at === 'top' || count === 0) {
      window.scrollTo({ top: 0 });
      page.list?.layout();
      return;
    }
    focusMessage(page, count - 1, 'end');
    return;
  }
  if (position.offset !== undefined) scrollToMessage(page, position.index, position.offset);
  else focusMessage(page, position.index, position.align ?? 'start');
}

function scrollToMessage(page: Page, index: number, offset: number): void {
  const row = page.rowOfMessage[Math.min(index, page.rowOfMessage.length - 1)];
  if (row !== undefined) page.list?.scrollToAnchor(row, offset);
}

/** Messages from the host, placed from `offset` on. */
function place(page: Page, offset: number, items: readonly MessageItem[]): void {
  items.forEach((item, position) => {
    page.messages[offset + position] = item;
    page.requested.delete(offset + position);
  });
}

/** Messages arrived (a page after the run, or a range the page asked for). */
export function receiveMessages(page: Page, offset: number, items: MessageItem[], counts: { held: number; hasMore: boolean; total?: number; generation?: number; stopped?: string | undefined }): void {
  if (!page.view || !page.list) return;
  if (counts.generation !== undefined && page.view.generation !== undefined && counts.generation !== page.view.generation) return;
  page.loadingMore = false;
  page.moreError = undefined;
  page.held = counts.held;
  page.view.hasMore = counts.hasMore;
  if (counts.total !== undefined) page.view.total = counts.total;
  if (counts.stopped !== undefined && counts.stopped !== page.view.stopped) showStopped(page, counts.stopped);
  place(page, offset, items);
  rebuildRows(page);
  page.list.setRows(page.rows);
  const pending = page.pendingFocus;
  if (pending && page.messages[pending.index]) {
    page.pendingFocus = undefined;
    focusMessage(page, pending.index, pending.align);
  } else if (pending && pending.index >= messageCount(page) - 1 && !page.view.hasMore && messageCount(page) > 0 && page.messages[messageCount(page) - 1]) {
    // End while the count grew (a cursor service loaded to the end): the last message.
    page.pendingFocus = undefined;
    focusMessage(page, messageCount(page) - 1, 'end');
  }
  searchAfterMessages(page);
  updateLoaded(page);
}

/** Paging stopped on a later page: the note under the header says why, as for a first page. */
function showStopped(page: Page, stopped: string): void {
  if (!page.view) return;
  page.view.stopped = stopped;
  const note = h('p', { class: 'note', role: 'note', 'data-note': 'stopped' }, stopped);
  const shown = page.app.querySelector('[data-note="stopped"]');
  if (shown) shown.replaceWith(note);
  else page.app.querySelector('.messages')?.before(note);
}

export function moreFailed(page: Page, message: string): void {
  page.loadingMore = false;
  page.moreError = message;
  refreshStatusRow(page);
}

export function rangeFailed(page: Page, offset: number, message: string): void {
  page.requested.clear();
  page.pendingFocus = undefined;
  page.moreError = `${message} (message ${offset + 1})`;
  refreshStatusRow(page);
}

/** The reader asked to try the failed page again. */
export function retryMore(page: Page): void {
  page.moreError = undefined;
  page.loadingMore = true;
  refreshStatusRow(page);
  send(page, { type: 'loadMore' });
}

/** Rebuilds every row: day headings between dated messages, placeholders where none is held, the status row. */
export function rebuildRows(page: Page): void {
  const rows: Row[] = [];
  const rowOfMessage: number[] = [];
  const count = page.view?.thread.messagesUnavailable ? 0 : messageCount(page);
  // Rebuilt whenever messages arrive (every range a scroll asks for, on a 10,000-message thread):
  // rows whose message, place and set size stay are the same objects as before, so nothing of
  // them is worked out twice and the list finds their keys and content unchanged.
  const built = rowsBuilt(page, count);
  let lastDay: string | undefined;
  for (let index = 0; index < count; index++) {
    const item = page.messages[index];
    if (!item) {
      lastDay = undefined; // the next held message after a gap gets its heading again
      rowOfMessage[index] = rows.length;
      rows.push((built.placeholders[index] ??= { kind: 'placeholder', key: `m:${index}`, estimate: PLACEHOLDER_HEIGHT, index }));
      continue;
    }
    let row = built.messages.get(item);
    if (row?.index !== index) {
      row = { kind: 'message', key: `m:${index}`, estimate: estimateHeight(item), index, item, setSize: count, day: dayOf(item) };
      built.messages.set(item, row);
    }
    if (row.day !== undefined && row.day !== lastDay) {
      const dayAt = `${row.day}:${index}`;
      let heading = built.days.get(dayAt);
      if (!heading) {
        heading = { kind: 'day', key: `day:${dayAt}`, estimate: 36, label: dayLabel((item as Message).createdAt) };
        built.days.set(dayAt, heading);
      }
      rows.push(heading);
      lastDay = row.day;
    }
    rowOfMessage[index] = rows.length;
    rows.push(row);
  }
  rows.push(statusRow(page));
  page.rows = rows;
  page.rowOfMessage = rowOfMessage;
}

type MessageRow = Extract<Row, { kind: 'message' }> & { day: string | undefined };

interface BuiltRows {
  view: Page['view'];
  count: number;
  placeholders: Row[];
  messages: WeakMap<MessageItem, MessageRow>;
  days: Map<string, Row>;
}

/** The rows built for the thread a page shows, kept while its message count stays (each message row carries it). */
const builtRows = new WeakMap<Page, BuiltRows>();

function rowsBuilt(page: Page, count: number): BuiltRows {
  const built = builtRows.get(page);
  if (built && built.view === page.view && built.count === count) return built;
  const fresh: BuiltRows = { view: page.view, count, placeholders: [], messages: new WeakMap(), days: new Map() };
  builtRows.set(page, fresh);
  return fresh;
}

/** Whether two rows under one key render the same (the list then keeps the element it has). */
function sameRowContent(before: Row, after: Row): boolean {
  switch (before.kind) {
    case 'message':
      return after.kind === 'message' && after.item === before.item && after.setSize === before.setSize;
    case 'day':
      return after.kind === 'day' && after.label === before.label;
    case 'placeholder':
      return after.kind === 'placeholder';
    case 'status':
      return after.kind === 'status' && after.state === before.state && after.text === before.text;
  }
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
  if (view.hasMore && !view.canJump) return { kind: 'status', key: 'status:loading', estimate: 48, state: 'loading', text: t('Loading more messages…') };
  const count = messageCount(page);
  // Where the service counts its messages otherwise (SiteGPT: a question and its answer are one),
  // the header's count is the service's; the end row does not contradict it with another.
  const serviceCount = view.thread.messageCount;
  const text = count === 0 ? t('No messages in this thread.') : serviceCount === undefined || serviceCount === count ? t('{0} · end of thread', plural(count, t('message'), t('messages'))) : t('End of thread');
  return { kind: 'status', key: 'status:end', estimate: 40, state: 'end', text };
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
          t('Couldn’t load more messages — {0} ', row.text),
          h('button', { type: 'button', 'data-action': 'retry-more' }, t('Retry')),
        );
      }
      return h('div', { class: `status-row ${row.state}`, 'aria-live': 'polite' }, row.text);
    case 'placeholder':
      return h(
        'div',
        { class: 'message message-placeholder', 'data-index': row.index, 'aria-busy': 'true', tabindex: -1 },
        h('span', { class: 'muted' }, t('Loading message {0}…', (row.index + 1).toLocaleString())),
      );
    case 'message': {
      const item = row.item;
      const element = renderMessage(item, row.index, { now: Date.now(), remoteImage: (url, alt) => remoteImage(page, url, alt) });
      element.setAttribute('aria-setsize', String(row.setSize));
      element.setAttribute('aria-posinset', String(row.index + 1));
      if (row.index === page.focusedMessage) element.tabIndex = 0;
      highlightCodeIn(page, element);
      return element;
    }
  }
}

/** After each layout: ask for placeholders in view, the next page near the end, and redraw search highlights. */
function onRange(page: Page, first: number, last: number): void {
  let from = -1;
  let to = -1;
  for (let row = first; row <= last; row++) {
    const entry = page.rows[row];
    if (entry?.kind !== 'placeholder' || page.requested.has(entry.index)) continue;
    if (from === -1) from = entry.index;
    to = entry.index + 1;
  }
  if (from !== -1) requestRange(page, from, to);
  if (last >= page.rows.length - 30) requestMore(page);
  afterSearchLayout(page);
}

/** Asks the host for messages `from`…`to` (exclusive) the page shows but does not hold. */
export function requestRange(page: Page, from: number, to: number): void {
  for (let index = from; index < to; index++) page.requested.add(index);
  send(page, { type: 'loadRange', from, to });
}

export function requestMore(page: Page): void {
  const view = page.view;
  if (!view?.hasMore || view.canJump || page.loadingMore || page.moreError) return;
  page.loadingMore = true;
  send(page, { type: 'loadMore' });
}
