// The thread page. It renders only what the host sends (validated against the protocol), never
// fetches anything itself, and sends every link, copy and image request back to the host.
import './styles.css';
import type { Message, MessageItem } from '../domain/model';
import { hostMessageSchema, pageStateSchema, type FixAction, type HostMessage, type PageMessage, type PageState, type PanelTarget, type ThreadView } from '../panel/protocol';
import { clear, h } from './dom';
import { absoluteTime, dayKey, dayLabel } from './format';
import { renderCattixCard, renderHeader, renderThredCard } from './header';
import { plainText, renderMessage } from './messageView';
import { VirtualList, type VirtualRow } from './virtualList';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Row =
  | (VirtualRow & { kind: 'day'; label: string })
  | (VirtualRow & { kind: 'message'; index: number })
  | (VirtualRow & { kind: 'status'; state: 'loading' | 'failed' | 'end' | 'idle'; text: string });

const scriptStarted = performance.now();
const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
const send = (message: PageMessage): void => vscode.postMessage(message);

let target: PanelTarget | undefined;
let view: ThreadView | undefined;
let messages: MessageItem[] = [];
let rows: Row[] = [];
/** Row index of each message. */
let rowOfMessage: number[] = [];
let list: VirtualList<Row> | undefined;
let loadingMore = false;
let moreError: string | undefined;
let focusedMessage = -1;
let painted = false;
let searchMatches: number[] = [];
/** The same, for the per-row checks while rendering. */
let searchMatchSet = new Set<number>();
let searchCurrent = -1;
const searchTexts = new Map<number, string>();
const loadedImages = new Map<string, string>();
const pendingImages = new Map<number, HTMLElement>();
let nextImageRequest = 1;

const saved = pageStateSchema.safeParse(vscode.getState());
let restoreAnchor: { id: string; offset: number } | undefined =
  saved.success && saved.data.anchorId ? { id: saved.data.anchorId, offset: saved.data.anchorOffset ?? 0 } : undefined;

// ---- host messages -------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = hostMessageSchema.safeParse(event.data);
  if (parsed.success) receive(parsed.data);
});

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'loading':
      target = message.target;
      if (!view) showStatus('Loading thread…');
      return;
    case 'failed':
      target = message.target;
      view = undefined;
      showFailure(message.message, message.action);
      return;
    case 'thread':
      target = message.target;
      showThread(message.view);
      return;
    case 'append':
      appendMessages(message.messages, message.hasMore);
      return;
    case 'moreFailed':
      loadingMore = false;
      moreError = message.message;
      refreshStatusRow();
      return;
    case 'image':
      showImage(message.requestId, message.dataUri, message.error);
      return;
  }
}

/** The message list goes with the page content it lived in. */
function dropList(): void {
  list?.dispose();
  list = undefined;
}

function showStatus(text: string): void {
  dropList();
  clear(app);
  app.append(h('p', { class: 'status' }, text));
}

const FIX_LABELS: Record<FixAction, string> = { setApiKey: 'Set API Key…', signIn: 'Sign In…', confirmKey: 'Confirm Key…', editAccount: 'Edit Account…' };

function showFailure(text: string, action: FixAction | undefined): void {
  dropList();
  clear(app);
  app.append(
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
  saveState();
}

function showThread(next: ThreadView): void {
  const sameThread = view?.thread.threadId === next.thread.threadId;
  const anchor = sameThread && list ? anchorState() : undefined;
  view = next;
  messages = [...next.messages];
  loadingMore = false;
  moreError = undefined;
  searchTexts.clear();
  const now = Date.now();
  dropList();
  clear(app);
  const listHost = h('div', { class: 'messages', role: 'feed', 'aria-label': 'Messages', 'aria-busy': 'false' });
  const parts = [
    renderHeader(next, now),
    toolbar(),
    renderThredCard(next.thread),
    renderCattixCard(next.thread),
    next.thread.messagesUnavailable ? h('p', { class: 'note', role: 'note' }, next.thread.messagesUnavailable) : undefined,
    listHost,
  ];
  app.append(...parts.filter((part): part is HTMLElement => part !== undefined));
  list = new VirtualList<Row>({ host: listHost, render: renderRow, onRange });
  rebuildRows(0);
  list.setRows(rows);
  const restore = anchor ?? (restoreAnchor ? { id: restoreAnchor.id, offset: restoreAnchor.offset } : undefined);
  restoreAnchor = undefined;
  if (restore) {
    const index = messages.findIndex((item) => item.id === restore.id);
    const row = index >= 0 ? rowOfMessage[index] : undefined;
    if (row !== undefined) list.scrollToAnchor(row, restore.offset);
  }
  if (!painted) {
    painted = true;
    // Report once the first window is on screen (two frames: layout, then paint).
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        send({
          type: 'painted',
          messages: messages.length,
          elements: document.querySelectorAll('.message').length,
          ms: Math.round(performance.now()),
          scriptMs: Math.round(performance.now() - scriptStarted),
        }),
      ),
    );
  }
  saveState();
}

function appendMessages(items: MessageItem[], hasMore: boolean): void {
  if (!view || !list) return;
  loadingMore = false;
  moreError = undefined;
  const from = messages.length;
  messages.push(...items);
  view.hasMore = hasMore;
  const firstChangedRow = rows.length - 1; // the status row is always last
  rebuildRows(from);
  list.replaceFrom(firstChangedRow, rows.slice(firstChangedRow));
  if (searchInput?.value) runSearch(false);
}

// ---- rows ----------------------------------------------------------------------------------

/** Rebuilds rows for messages[from…] and the status row, keeping the rows before them. */
function rebuildRows(from: number): void {
  if (from === 0) {
    rows = [];
    rowOfMessage = [];
  } else {
    rows.pop(); // the old status row
  }
  let lastDay = from > 0 ? dayOf(messages[from - 1]) : undefined;
  for (let index = from; index < messages.length; index++) {
    const item = messages[index] as MessageItem;
    const day = dayOf(item);
    if (day !== undefined && day !== lastDay) {
      const createdAt = (item as Message).createdAt;
      rows.push({ kind: 'day', key: `day:${day}:${index}`, estimate: 36, label: dayLabel(createdAt) });
      lastDay = day;
    }
    rowOfMessage[index] = rows.length;
    rows.push({ kind: 'message', key: `m:${index}`, estimate: estimateHeight(item), index });
  }
  rows.push(statusRow());
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

function statusRow(): Row {
  if (!view || view.thread.messagesUnavailable) return { kind: 'status', key: 'status:idle', estimate: 1, state: 'idle', text: '' };
  if (moreError) return { kind: 'status', key: `status:failed`, estimate: 56, state: 'failed', text: moreError };
  if (view.hasMore) return { kind: 'status', key: 'status:loading', estimate: 48, state: 'loading', text: 'Loading more messages…' };
  const count = messages.length;
  return { kind: 'status', key: 'status:end', estimate: 40, state: 'end', text: count === 0 ? 'No messages in this thread.' : `${count} message${count === 1 ? '' : 's'} · end of thread` };
}

function refreshStatusRow(): void {
  if (!list) return;
  rows[rows.length - 1] = statusRow();
  list.replaceFrom(rows.length - 1, rows.slice(rows.length - 1));
}

function renderRow(row: Row): HTMLElement {
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
      const item = messages[row.index] as MessageItem;
      const element = renderMessage(item, row.index, { now: Date.now(), remoteImage });
      element.setAttribute('aria-setsize', String(view?.total ?? messages.length));
      element.setAttribute('aria-posinset', String(row.index + 1));
      if (row.index === focusedMessage) element.tabIndex = 0;
      if (searchMatchSet.has(row.index)) element.classList.add('search-match');
      if (searchMatches[searchCurrent] === row.index) element.classList.add('search-current');
      return element;
    }
  }
}

/** Near the end of what is loaded: ask for the next page. */
function onRange(_first: number, last: number): void {
  if (last >= rows.length - 30) requestMore();
}

function requestMore(): void {
  if (!view?.hasMore || loadingMore || moreError) return;
  loadingMore = true;
  send({ type: 'loadMore' });
}

// ---- images --------------------------------------------------------------------------------

function remoteImage(url: string, alt: string): HTMLElement {
  const known = loadedImages.get(url);
  if (known) return h('img', { src: known, alt, class: 'loaded-image' });
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // shown as "unknown host"
  }
  return h(
    'button',
    { type: 'button', class: 'remote-image', 'data-action': 'load-image', 'data-src': url, title: url },
    `Load image${alt ? ` “${alt}”` : ''} from ${host || 'an unknown host'}`,
  );
}

function requestImage(button: HTMLElement): void {
  const url = button.dataset['src'];
  if (!url) return;
  const requestId = nextImageRequest++;
  pendingImages.set(requestId, button);
  button.textContent = 'Loading image…';
  send({ type: 'loadImage', requestId, url });
}

function showImage(requestId: number, dataUri: string | undefined, error: string | undefined): void {
  const button = pendingImages.get(requestId);
  pendingImages.delete(requestId);
  if (!button) return;
  const url = button.dataset['src'] ?? '';
  if (dataUri && /^data:image\//.test(dataUri)) {
    loadedImages.set(url, dataUri);
    button.replaceWith(h('img', { src: dataUri, alt: '', class: 'loaded-image' }));
  } else {
    button.textContent = `Couldn’t load the image: ${error ?? 'unknown error'}`;
  }
}

// ---- search --------------------------------------------------------------------------------

let searchInput: HTMLInputElement | undefined;
let searchCount: HTMLElement | undefined;

function toolbar(): HTMLElement {
  searchInput = h('input', { type: 'search', placeholder: 'Search this thread', 'aria-label': 'Search this thread', class: 'search' });
  searchCount = h('span', { class: 'search-count muted', 'aria-live': 'polite' });
  let timer = 0;
  searchInput.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => runSearch(true), 150);
  });
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      stepSearch(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      searchInput!.value = '';
      runSearch(false);
      focusMessage(Math.max(0, focusedMessage));
    }
  });
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Thread actions' },
    searchInput,
    searchCount,
    h('button', { type: 'button', 'data-action': 'search-previous', title: 'Previous match (Shift+Enter)', 'aria-label': 'Previous match' }, '↑'),
    h('button', { type: 'button', 'data-action': 'search-next', title: 'Next match (Enter)', 'aria-label': 'Next match' }, '↓'),
    h('button', { type: 'button', 'data-action': 'reload', title: 'Load the thread again' }, 'Reload'),
  );
}

function searchText(index: number): string {
  let text = searchTexts.get(index);
  if (text === undefined) {
    const item = messages[index];
    text = item && item.type === 'message' ? `${item.author.name ?? ''} ${item.author.address ?? ''} ${item.subject ?? ''} ${plainText(item)}`.toLowerCase() : '';
    searchTexts.set(index, text);
  }
  return text;
}

/** Searches every loaded message, not just the ones on screen. */
function runSearch(jump: boolean): void {
  const query = searchInput?.value.trim().toLowerCase() ?? '';
  searchMatches = [];
  searchCurrent = -1;
  if (query) {
    for (let index = 0; index < messages.length; index++) if (searchText(index).includes(query)) searchMatches.push(index);
  }
  searchMatchSet = new Set(searchMatches);
  if (searchCount) searchCount.textContent = query ? `${searchMatches.length} match${searchMatches.length === 1 ? '' : 'es'}` : '';
  if (jump && searchMatches.length) stepSearch(1);
  else redrawRendered();
}

function stepSearch(direction: 1 | -1): void {
  if (searchMatches.length === 0) return;
  searchCurrent = (searchCurrent + direction + searchMatches.length) % searchMatches.length;
  if (searchCount) searchCount.textContent = `${searchCurrent + 1} of ${searchMatches.length}`;
  redrawRendered();
  const index = searchMatches[searchCurrent] as number;
  list?.reveal(rowOfMessage[index] ?? 0, 'start');
}

function redrawRendered(): void {
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('.message'))) {
    const index = Number(element.dataset['index']);
    element.classList.toggle('search-match', searchMatchSet.has(index));
    element.classList.toggle('search-current', searchMatches[searchCurrent] === index);
  }
}

// ---- keyboard, clicks, state ---------------------------------------------------------------

function focusMessage(index: number): void {
  if (!list || messages.length === 0) return;
  const clamped = Math.max(0, Math.min(messages.length - 1, index));
  const previous = document.querySelector<HTMLElement>(`.message[data-index="${focusedMessage}"]`);
  if (previous) previous.tabIndex = -1;
  focusedMessage = clamped;
  const element = list.reveal(rowOfMessage[clamped] ?? 0);
  if (element) {
    element.tabIndex = 0;
    element.focus({ preventScroll: true });
  }
}

document.addEventListener('keydown', (event) => {
  const inField = event.target instanceof HTMLInputElement;
  if (event.key === '/' && !inField) {
    event.preventDefault();
    searchInput?.focus();
    return;
  }
  if (inField || !list) return;
  const current = (event.target as HTMLElement).closest?.('.message') as HTMLElement | null;
  const index = current ? Number(current.dataset['index']) : focusedMessage;
  const moves: Record<string, number | undefined> = {
    ArrowDown: index + 1,
    j: index + 1,
    ArrowUp: index - 1,
    k: index - 1,
    Home: 0,
    End: messages.length - 1,
    PageDown: index + 5,
    PageUp: index - 5,
  };
  const next = moves[event.key];
  if (next !== undefined && !event.altKey && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    focusMessage(next);
  }
});

document.addEventListener('click', (event) => {
  const element = event.target as HTMLElement;
  const anchor = element.closest('a');
  if (anchor) {
    // The page never navigates: the host opens http, https and mailto links after checking them.
    event.preventDefault();
    const href = anchor.getAttribute('href');
    if (href) send({ type: 'openLink', href });
    return;
  }
  const action = element.closest<HTMLElement>('[data-action]')?.dataset['action'];
  const messageElement = element.closest<HTMLElement>('.message');
  const item = messageElement ? messages[Number(messageElement.dataset['index'])] : undefined;
  switch (action) {
    case 'reload':
      send({ type: 'reload' });
      showStatus('Reloading…');
      return;
    case 'fix-account':
      send({ type: 'fixAccount' });
      return;
    case 'retry-more':
      moreError = undefined;
      loadingMore = true;
      refreshStatusRow();
      send({ type: 'loadMore' });
      return;
    case 'load-image':
      requestImage(element.closest<HTMLElement>('[data-action]') as HTMLElement);
      return;
    case 'copy':
      if (item?.type === 'message') send({ type: 'copyText', text: copyText(item) });
      return;
    case 'link':
      send({ type: 'copyLink', ...(item?.id ? { messageId: item.id } : {}) });
      return;
    case 'search-next':
      stepSearch(1);
      return;
    case 'search-previous':
      stepSearch(-1);
      return;
  }
});

// Middle clicks would open links in a new window: route them through the host as well.
document.addEventListener('auxclick', (event) => {
  const anchor = (event.target as HTMLElement).closest('a');
  if (anchor) event.preventDefault();
});

function copyText(message: Message): string {
  const who = message.author.name ?? message.author.address ?? message.author.role;
  const when = absoluteTime(message.createdAt);
  return `${who}${when ? ` — ${when}` : ''}\n\n${plainText(message)}`;
}

function anchorState(): { id: string; offset: number } | undefined {
  const anchor = list?.anchor();
  if (!anchor) return undefined;
  for (let row = anchor.index; row < rows.length; row++) {
    const entry = rows[row];
    if (entry?.kind === 'message') {
      const id = messages[entry.index]?.id;
      if (id) return { id, offset: row === anchor.index ? anchor.offset : 0 };
    }
  }
  return undefined;
}

function saveState(): void {
  if (!target) return;
  // Until a restored thread is on screen again, keep the position saved before.
  const anchor = anchorState() ?? restoreAnchor;
  vscode.setState({ target, ...(anchor ? { anchorId: anchor.id, anchorOffset: anchor.offset } : {}) });
  // What was saved, where a test (or a curious reader) can see it.
  document.body.dataset['savedAnchor'] = anchor?.id ?? '';
}

let saveTimer = 0;
window.addEventListener(
  'scroll',
  () => {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveState, 250);
    // Also checked here, not only after layout: animation frames are throttled in hidden frames.
    if (window.scrollY + window.innerHeight >= document.body.scrollHeight - 2_000) requestMore();
  },
  { passive: true },
);

send({ type: 'ready' });
