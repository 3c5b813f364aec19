// The thread page's entry: builds the one page state, then routes what the host sends and what
// the reader does to the modules that handle each concern. It renders only what the host sends
// (validated against the protocol), never fetches anything itself, and sends every link, copy
// and image request back to the host.
import './styles.css';
import type { Message } from '../domain/model';
import { hostMessageSchema, type HostMessage } from '../panel/protocol';
import { absoluteTime } from './format';
import { requestImage, showImage } from './images';
import { handleKey } from './keyboard';
import { appendMessages, moreFailed, requestMore, retryMore, showFailure, showStatus, showThread } from './list';
import { plainText } from './messageView';
import { stepSearch } from './search';
import { createPage, saveState, send, type Page, type VsCodeApi } from './state';

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
      page.target = message.target;
      if (!page.view) showStatus(page, 'Loading thread…');
      return;
    case 'failed':
      page.target = message.target;
      showFailure(page, message.message, message.action);
      return;
    case 'thread':
      page.target = message.target;
      showThread(page, message.view);
      return;
    case 'append':
      appendMessages(page, message.messages, message.hasMore);
      return;
    case 'moreFailed':
      moreFailed(page, message.message);
      return;
    case 'image':
      showImage(page, message.requestId, message.dataUri, message.error);
      return;
  }
}

document.addEventListener('keydown', (event) => handleKey(page, event));

document.addEventListener('click', (event) => {
  const element = event.target as HTMLElement;
  const anchor = element.closest('a');
  if (anchor) {
    // The page never navigates: the host opens http, https and mailto links after checking them.
    event.preventDefault();
    const href = anchor.getAttribute('href');
    if (href) send(page, { type: 'openLink', href });
    return;
  }
  const action = element.closest<HTMLElement>('[data-action]')?.dataset['action'];
  const messageElement = element.closest<HTMLElement>('.message');
  const item = messageElement ? page.messages[Number(messageElement.dataset['index'])] : undefined;
  switch (action) {
    case 'reload':
      send(page, { type: 'reload' });
      showStatus(page, 'Reloading…');
      return;
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

send(page, { type: 'ready' });
