// Remote images in messages are never loaded by the page (its CSP allows only bundled and data:
// images). When the reader clicks a placeholder, the host fetches the image — no credentials,
// https/http only, a size cap, image types only — and hands the page a data: URI.
//
// The address is a stranger's, so the fetch must not become a way into the reader's own network:
// every hop (the first request and each redirect, at most three) is resolved here, every address
// the name resolves to must be public, and the connection goes to exactly those addresses (the
// lookup is pinned, so the name cannot resolve differently a moment later). Through a proxy the
// proxy resolves the name itself; the check here still refuses names that resolve to private
// addresses on this machine.
import { t } from '../l10n';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import { USER_AGENT, readCapped } from './client';
import { createDispatcher, type ProxySettings, type Timeouts } from './proxy';
import { undici } from './undici';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_REDIRECTS = 3;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
const IMAGE_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 15_000, bodyMs: 15_000 };

/** Addresses that are not the public internet: this machine, private networks, link-local, reserved. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** True for an address on the public internet (IPv4-mapped and NAT64 IPv6 judged by their IPv4 part). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? hexEmbeddedIpv4(address);
  if (embedded) return isPublicAddress(embedded);
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/** `::ffff:7f00:1` and `64:ff9b::7f00:1` carry an IPv4 address in their last 32 bits. */
function hexEmbeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!match) return undefined;
  const high = parseInt(match[1] as string, 16);
  const low = parseInt(match[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface ImageFetchOptions {
  signal?: AbortSignal;
  /** VS Code's proxy settings and the environment (for *_PROXY). */
  proxy?: ProxySettings;
  env?: Record<string, string | undefined>;
  /** Name resolution; tests answer with addresses of their choosing. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Which resolved address may be fetched, for which host; by default only public addresses. */
  addressAllowed?: (address: string, hostname: string) => boolean;
}

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> => dnsLookup(hostname, { all: true, verbatim: true });

export class ImageRefusedError extends Error {
  override name = 'ImageRefusedError';
}

export async function fetchImageAsDataUri(url: string, options: ImageFetchOptions = {}): Promise<string> {
  let current = parseImageUrl(url);
  for (let hop = 0; ; hop++) {
    const addresses = await checkedAddresses(current, options);
    const dispatcher = createDispatcher(current.href, options.proxy ?? {}, options.env ?? {}, IMAGE_TIMEOUTS, pinnedLookup(addresses));
    try {
      const response = await undici().request(current, {
        method: 'GET',
        headers: { accept: [...IMAGE_TYPES].join(', '), 'user-agent': USER_AGENT },
        dispatcher,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const location = headerValue(response.headers['location']);
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        await discard(response);
        if (hop >= MAX_IMAGE_REDIRECTS) throw new ImageRefusedError('The image was redirected too many times');
        // Another origin is allowed, but checked again from the start: scheme, name, addresses.
        current = parseImageUrl(new URL(location, current).href);
        continue;
      }
      const type = String(response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (response.statusCode !== 200 || !IMAGE_TYPES.has(type)) {
        await discard(response);
        throw new Error(response.statusCode !== 200 ? `The image server answered ${response.statusCode}` : `Not an image (${type || 'no type'})`);
      }
      const body = await readCapped(response.body, MAX_IMAGE_BYTES, true);
      if (body === 'too-large') throw new Error('The image is larger than 5 MB');
      return `data:${type};base64,${body.toString('base64')}`;
    } finally {
      void dispatcher.close().catch(() => undefined);
    }
  }
}

function parseImageUrl(value: string): URL {
  if (!URL.canParse(value)) throw new Error('Not a valid image address');
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Only http and https images can be loaded');
  if (url.username || url.password) throw new ImageRefusedError('Image addresses with credentials are not loaded');
  return url;
}

/** Every address the URL's host stands for, each of them allowed; the request goes to these only. */
async function checkedAddresses(url: URL, options: ImageFetchOptions): Promise<ResolvedAddress[]> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = options.addressAllowed ?? isPublicAddress;
  const literal = isIP(hostname);
  const addresses = literal ? [{ address: hostname, family: literal }] : await (options.resolve ?? systemResolve)(hostname).catch(() => []);
  if (addresses.length === 0) throw new Error(`Couldn't find the image's host ${hostname}`);
  const refused = addresses.find((entry) => !allowed(entry.address, hostname));
  if (refused) {
    const which = literal ? hostname : t('{0} is {1}', hostname, refused.address);
    throw new ImageRefusedError(`Images from this machine or a private network are not loaded (${which})`);
  }
  return addresses;
}

/** A DNS lookup that answers with the addresses already checked, in both callback shapes Node uses. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [...addresses]);
      return;
    }
    const wanted = options.family === 4 || options.family === 6 ? addresses.find((entry) => entry.family === options.family) : undefined;
    const first = wanted ?? (addresses[0] as ResolvedAddress);
    callback(null, first.address, first.family);
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Discarded with undici's dump (bounded): a bare destroy() emits an error event nobody handles. */
async function discard(response: Dispatcher.ResponseData): Promise<void> {
  await response.body.dump().catch(() => undefined);
}
