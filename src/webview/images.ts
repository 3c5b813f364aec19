// Remote images: a placeholder until the reader clicks it; then the host fetches the image (the
// page never does) and sends it back as a data: URI.
import { t } from './l10n';
import { h } from './dom';
import { send, type Page } from './state';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function remoteImage(page: Page, url: string, alt: string): HTMLElement {
  const known = page.images.loaded.get(url);
  if (known) return h('img', { src: known, alt, class: 'loaded-image' });
  const host = hostOf(url);
  return h(
    'button',
    { type: 'button', class: 'remote-image', 'data-action': 'load-image', 'data-src': url, title: url },
    t('Load image{0} from {1}', alt ? ` “${alt}”` : '', host || t('an unknown host')),
  );
}

export function requestImage(page: Page, button: HTMLElement): void {
  const url = button.dataset['src'];
  if (!url) return;
  const requestId = page.images.nextRequest++;
  page.images.pending.set(requestId, button);
  button.textContent = t('Loading image…');
  send(page, { type: 'loadImage', requestId, url });
}

export function showImage(page: Page, requestId: number, dataUri: string | undefined, error: string | undefined): void {
  const button = page.images.pending.get(requestId);
  page.images.pending.delete(requestId);
  if (!button) return;
  const url = button.dataset['src'] ?? '';
  if (dataUri && /^data:image\//.test(dataUri)) {
    page.images.loaded.set(url, dataUri);
    button.replaceWith(h('img', { src: dataUri, alt: '', class: 'loaded-image' }));
  } else {
    // The network's own words (status codes, socket errors) go to the log, not the page.
    void error;
    button.textContent = t('Couldn’t load image from {0}', hostOf(url) || t('an unknown host'));
    button.classList.add('failed');
    button.title = t('{0} — click to try again', url);
  }
}
