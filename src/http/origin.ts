// Where keys may go. A key is sent only to the origin it was saved for, and only over https
// unless the host is this machine (the sample server, local development).

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why a base URL cannot be used, or undefined when it can. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL, such as https://api.example.com';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only https URLs are supported';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'Use https: keys are sent over plain http only to this machine (localhost)';
  if (url.username || url.password) return 'Leave credentials out of the URL; the key is asked for separately';
  if (url.search || url.hash) return 'Leave the query and fragment out of the base URL';
  return undefined;
}

export function originOf(value: string): string {
  return new URL(value).origin;
}

export type QueryValue = string | number | boolean | undefined;

/**
 * The URL of an API path below a base URL. Every path segment is percent-encoded, so an id from
 * a response ("../x", "//evil.example") can never change the origin or climb out of the base path.
 */
export function apiUrl(baseUrl: string, segments: readonly string[], query: Record<string, QueryValue> = {}): URL {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  url.pathname = `${basePath}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  if (url.origin !== base.origin) throw new Error('Refusing a request outside the account origin');
  return url;
}
