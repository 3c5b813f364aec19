// The thread page's entry: builds the one page state, then routes what the host sends and what
// the reader does to the modules that handle each concern. It renders only what the host sends
// (validated against the protocol), never fetches anything itself, and sends every link, copy
// and image request back to the host.
import { t } from './l10n';
import './styles.css';
import type { Message } from '../domain/model';
import { messagePlainText } from '../markdown/search';
import { hostMessageSchema, type HostMessage } from '../panel/protocol';
import { absoluteTime } from './format';
import { requestImage, showImage } from './images';
import { handleKey, jumpToLatest } from './keyboard';
import { forgetThread, moreFailed, rangeFailed, receiveMessages, requestMore, retryMore, showFailure, showStatus, showThread } from './list';
import { cancelSearch, highlightAt, keepOpen, receiveSearchResult, searchAll, searchProgress, stepSearch, updateLoaded } from './search';
import { anchorState, createPage, sameTarget, saveState, send, type Page, type VsCodeApi } from './state';

declare function acquireVsCodeApi(): VsCodeApi;

performance.mark('threadline.start');

const page = createPage(acquireVsCodeApi(), document.getElementById('app') as HTMLElement);

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = hostMessageSchema.safeParse(event.data);
  if (parsed.success) receive(page, parsed.data);
});

function receive(page: Page, message: HostMessage): void {
  switch (message.type) {
    case 'loading':
      if (message.preview !== undefined) page.preview = message.preview;
      if (!sameTarget(page.target, message.target)) {
        // The preview shows another thread: the old one goes at once.
        forgetThread(page);
        page.target = message.target;
        showStatus(page, t('Loading thread…'));
        document.title = t('Loading thread…');
      } else if (!page.view) showStatus(page, t('Loading thread…'));
      saveState(page);
      return;
    case 'failed':
      page.target = message.target;
      showFailure(page, message.message, message.action);
      return;
    case 'thread':
      if (!sameTarget(page.target, message.target)) forgetThread(page);
      page.target = message.target;
      if (message.preview !== undefined) page.preview = message.preview;
      showThread(page, message.view, message.position);
      if (message.highlight && message.position && 'index' in message.position) highlightAt(page, message.highlight, message.position.index);
      return;
    case 'messages':
      receiveMessages(page, message.offset, message.messages, message);
      return;
    case 'moreFailed':
      moreFailed(page, message.message);
      return;
    case 'rangeFailed':
      rangeFailed(page, message.offset, message.message);
      return;
    case 'progress':
      if (message.task === 'search') searchProgress(page, message.loaded, message.total, message.done === true, message.error);
      else {
        page.task = message.done ? undefined : { kind: 'load', loaded: message.loaded, total: message.total };
        if (message.done && message.error) moreFailed(page, message.error);
        if (message.done && page.pendingFocus) jumpToLatest(page);
        updateLoaded(page);
      }
      return;
    case 'searchResult':
      receiveSearchResult(page, message);
      return;
    case 'preview':
      page.preview = message.preview;
      if (!message.preview) {
        page.keptOpen = true;
        page.toolbar.keepOpen?.remove();
      }
      saveState(page);
      return;
    case 'image':
      showImage(page, message.requestId, message.dataUri, message.error);
      return;
  }
}

document.addEventListener('keydown', (event) => {
  // Moving through a preview with the keyboard keeps it open, as scrolling does.
  if (handleKey(page, event)) keepOpen(page);
});

// Scrolling a preview by hand keeps it open (the page's own scrolling does not count).
window.addEventListener('wheel', () => keepOpen(page), { passive: true });
document.addEventListener('pointerdown', (event) => {
  // A press on the window's scrollbar (outside the document's client area).
  if (event.clientX >= document.documentElement.clientWidth) keepOpen(page);
});

document.addEventListener('click', (event) => {
  const element = event.target as HTMLElement;
  const anchor = element.closest('a');
  if (anchor) {
    // The page never navigates: the host opens http, https and mailto links after checking them.
    // Stopped here too, before it bubbles to the window, where VS Code's own webview script would
    // hand the link to the workbench's opener unchecked (any scheme it knows, not only ours).
    event.preventDefault();
    event.stopPropagation();
    const href = anchor.getAttribute('href');
    if (href) send(page, { type: 'openLink', href });
    return;
  }
  const action = element.closest<HTMLElement>('[data-action]')?.dataset['action'];
  const messageElement = element.closest<HTMLElement>('.message');
  const item = messageElement ? page.messages[Number(messageElement.dataset['index'])] : undefined;
  switch (action) {
    case 'reload': {
      // Reload keeps the reader's place: the page saves it, and the rebuilt page asks for it.
      const place = anchorState(page);
      if (place && page.target) page.restoreAnchor = { ...place, target: page.target };
      saveState(page);
      send(page, { type: 'reload' });
      showStatus(page, t('Reloading…'));
      return;
    }
    case 'fix-account':
      send(page, { type: 'fixAccount' });
      return;
    case 'retry-more':
      retryMore(page);
      return;
    case 'load-image':
      requestImage(page, element.closest<HTMLElement>('[data-action]') as HTMLElement);
      return;
    case 'copy':
      if (item?.type === 'message') send(page, { type: 'copyText', text: copyText(item) });
      return;
    case 'link':
      send(page, { type: 'copyLink', ...(item?.id ? { messageId: item.id } : {}) });
      return;
    case 'search-next':
      stepSearch(page, 1);
      return;
    case 'search-previous':
      stepSearch(page, -1);
      return;
    case 'search-all':
      searchAll(page);
      return;
    case 'cancel-search':
      cancelSearch(page);
      return;
    case 'jump-latest':
      keepOpen(page);
      jumpToLatest(page);
      return;
    case 'cancel-load':
      page.pendingFocus = undefined;
      send(page, { type: 'cancelLoad' });
      return;
    case 'keep-open':
      keepOpen(page);
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
  return `${who}${when ? ` — ${when}` : ''}\n\n${messagePlainText(message)}`;
}

window.addEventListener(
  'scroll',
  () => {
    window.clearTimeout(page.saveTimer);
    page.saveTimer = window.setTimeout(() => saveState(page), 250);
    // Also checked here, not only after layout: animation frames are throttled in hidden frames.
    if (window.scrollY + window.innerHeight >= document.body.scrollHeight - 2_000) requestMore(page);
  },
  { passive: true },
);

// The sticky toolbar's height, for scroll-padding (native focus and find scroll below it too).
new ResizeObserver(() => {
  const bar = page.app.querySelector<HTMLElement>('.toolbar');
  document.documentElement.style.setProperty('--toolbar-height', `${bar ? bar.offsetHeight : 0}px`);
}).observe(page.app);

// Where the reader was, if this page shows a thread it showed before (the tab shown again, Reload, a window reload).
const saved = page.restoreAnchor;
page.target = saved?.target;
send(page, { type: 'ready', ...(saved ? { anchor: { target: saved.target, index: saved.index, offset: saved.offset } } : {}) });
