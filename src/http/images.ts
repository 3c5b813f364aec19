// Remote images in messages are never loaded by the page (its CSP allows only bundled and data:
// images). When the reader clicks a placeholder, the host fetches the image — no credentials,
// https/http only, a size cap, image types only — and hands the page a data: URI.
import { interceptors, request, type Dispatcher } from 'undici';
import { USER_AGENT, readCapped } from './client';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export async function fetchImageAsDataUri(url: string, dispatcher: Dispatcher, signal?: AbortSignal): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Not a valid image address');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('Only http and https images can be loaded');
  const response = await request(parsed, {
    method: 'GET',
    headers: { accept: [...IMAGE_TYPES].join(', '), 'user-agent': USER_AGENT },
    dispatcher: dispatcher.compose(interceptors.redirect({ maxRedirections: 3 })),
    signal,
  });
  const type = String(response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (response.statusCode !== 200 || !IMAGE_TYPES.has(type)) {
    // Discarded with undici's dump (bounded): a bare destroy() emits an error event nobody handles.
    await response.body.dump().catch(() => undefined);
    throw new Error(response.statusCode !== 200 ? `The image server answered ${response.statusCode}` : `Not an image (${type || 'no type'})`);
  }
  const body = await readCapped(response.body, MAX_IMAGE_BYTES, true);
  if (body === 'too-large') throw new Error('The image is larger than 5 MB');
  return `data:${type};base64,${body.toString('base64')}`;
}
