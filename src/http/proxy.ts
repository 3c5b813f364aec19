// Proxy support. VS Code's own proxy handling patches Node's http/https modules for extensions,
// but undici does not go through them, so Threadline applies the same settings itself:
// `http.proxy`, `http.noProxy`, `http.proxyStrictSSL` (handed in by the extension), falling back
// to HTTPS_PROXY / HTTP_PROXY / NO_PROXY. PAC scripts are not supported.
import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import { isLoopbackHost } from './origin';
import { undici } from './undici';

export interface ProxySettings {
  /** `http.proxy`; empty means "use the environment". */
  proxy?: string;
  /** `http.noProxy`: hosts that bypass the proxy. */
  noProxy?: readonly string[];
  /** `http.proxyStrictSSL`: verify TLS certificates (default true). */
  strictSSL?: boolean;
  /** `http.proxyAuthorization`: sent as Proxy-Authorization. */
  proxyAuthorization?: string;
}

export interface Timeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

type Env = Record<string, string | undefined>;

const envValue = (env: Env, name: string): string | undefined => env[name] ?? env[name.toLowerCase()];

/**
 * The proxy URL a request to `target` should use, or undefined to connect directly. This machine
 * is never reached through a proxy: a plain-http request to it (the sample server, a local
 * service) would hand the proxy its key in clear, and the proxy could not reach it anyway.
 */
export function resolveProxy(target: URL, settings: ProxySettings, env: Env): string | undefined {
  if (isLoopbackHost(target.hostname)) return undefined;
  const configured = settings.proxy?.trim();
  const proxy =
    configured ||
    (target.protocol === 'https:' ? envValue(env, 'HTTPS_PROXY') ?? envValue(env, 'HTTP_PROXY') : envValue(env, 'HTTP_PROXY'));
  if (!proxy) return undefined;
  const bypass = [...(settings.noProxy ?? []), ...(envValue(env, 'NO_PROXY') ?? '').split(/[\s,]+/)];
  return bypass.some((entry) => matchesNoProxy(target, entry)) ? undefined : proxy;
}

/**
 * NO_PROXY entry semantics as curl reads them: `*` matches everything; `example.com` and
 * `.example.com` match the host and its subdomains (as does `*.example.com`); an optional
 * `:port` restricts the match to that port; IP addresses match exactly.
 */
export function matchesNoProxy(target: URL, rawEntry: string): boolean {
  const entry = rawEntry.trim().toLowerCase();
  if (!entry) return false;
  if (entry === '*') return true;
  const { host: entryHost, port: entryPort } = splitHostPort(entry);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (entryPort !== undefined && entryPort !== port) return false;
  const domain = entryHost.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

function splitHostPort(entry: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', ...(bracketed[2] ? { port: bracketed[2] } : {}) };
  if ((entry.match(/:/g) ?? []).length > 1) return { host: entry }; // a bare IPv6 address
  const [host = '', port] = entry.split(':');
  return { host, ...(port ? { port } : {}) };
}

/**
 * The dispatcher for one account: a direct Agent, or a ProxyAgent when a proxy applies to the
 * account's origin. Connection, header and body timeouts are set here. `lookup` replaces DNS
 * for direct connections (the image fetch pins the addresses it checked).
 */
export function createDispatcher(
  baseUrl: string,
  settings: ProxySettings,
  env: Env,
  timeouts: Timeouts = DEFAULT_TIMEOUTS,
  lookup?: LookupFunction,
): Dispatcher {
  const target = new URL(baseUrl);
  const rejectUnauthorized = settings.strictSSL !== false;
  const agentOptions = {
    connect: { timeout: timeouts.connectMs, rejectUnauthorized, ...(lookup ? { lookup } : {}) },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    connections: 6,
  };
  const proxy = resolveProxy(target, settings, env);
  const { Agent, ProxyAgent } = undici();
  if (!proxy) return new Agent(agentOptions);
  return new ProxyAgent({
    ...agentOptions,
    uri: proxy,
    ...(settings.proxyAuthorization ? { token: settings.proxyAuthorization } : {}),
    requestTls: { rejectUnauthorized, timeout: timeouts.connectMs },
    proxyTls: { rejectUnauthorized, timeout: timeouts.connectMs },
    // Plain-http targets go as ordinary proxied requests (as curl does); https tunnels with CONNECT.
    proxyTunnel: target.protocol === 'https:',
  });
}
