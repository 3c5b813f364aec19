import { t } from '../l10n';
// Where keys may go. A key is sent only to the origin it was saved for, and only over https
// unless the host is this machine (the sample server, local development).

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // 127.0.0.0/8, also spelled as an IPv4-mapped IPv6 address (`[::ffff:127.0.0.1]` reads as `[::ffff:7f00:1]`).
  return host === 'localhost' || host === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/** Why a base URL cannot be used, or undefined when it can. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return t('Enter a full URL, such as https://api.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return t('Only https URLs are supported');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return t('Use https: keys are sent over plain http only to this machine (localhost)');
  if (url.username || url.password) return t('Leave credentials out of the URL; the key is asked for separately');
  if (url.search || url.hash) return t('Leave the query and fragment out of the base URL');
  return undefined;
}

export function originOf(value: string): string {
  return new URL(value).origin;
}

export type QueryValue = string | number | boolean | undefined;

/**
 * Why a path segment cannot be used, or undefined. Empty, `.` and `..` segments would collapse
 * the path (URL parsers resolve them, `%2e` spellings included), so an id from a response, a
 * link or a command argument could climb out of the API's base path.
 */
export function pathSegmentProblem(segment: string): string | undefined {
  if (segment === '') return t('an empty path segment');
  if (/^(?:\.|%2e){1,2}$/i.test(segment)) return t('the path segment "{0}"', segment);
  return undefined;
}

/**
 * The URL of an API path below a base URL. Every path segment is percent-encoded, so an id from
 * a response ("x/y", "//evil.example") can never change the origin; empty, `.` and `..`
 * segments are refused, so none can climb out of the base path.
 */
export function apiUrl(baseUrl: string, segments: readonly string[], query: Record<string, QueryValue> = {}): URL {
  for (const segment of segments) {
    const problem = pathSegmentProblem(segment);
    if (problem) throw new Error(`Refusing a request with ${problem}: an id from a service or a link may not change the address`);
  }
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  url.pathname = `${basePath}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) throw new Error('Refusing a request outside the account origin');
  return url;
}
