// The parts of undici Threadline uses, and nothing else: the connection pools (Agent, and
// ProxyAgent for `http.proxy`), `request` through a given dispatcher, and WebSocket for Tybrite's
// live feed. undici's index also carries fetch, EventSource, the cache and cookie code, mocks and
// interceptors that Threadline never calls; requiring the files themselves leaves those out of
// the bundle. esbuild builds this module as its own file (dist/undici.js), which `./undici.ts`
// requires on first use, so activation never loads the HTTP stack.
// test/unit/bundle.test.ts makes a plain request, a proxied one and a WebSocket through the built file.
import type * as Undici from 'undici';

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Undici.Dispatcher.HttpMethod;
  dispatcher: Undici.Dispatcher;
};

const DispatcherBase = require('undici/lib/dispatcher/dispatcher.js') as typeof Undici.Dispatcher;
// What undici's index does, for the two calls made: every dispatcher gets request() (every
// request Threadline makes) and connect() (ProxyAgent tunnels with it). stream(), pipeline() and
// upgrade() are never called (the WebSocket handshake dispatches on its own).
Object.assign(DispatcherBase.prototype, {
  request: require('undici/lib/api/api-request.js') as unknown,
  connect: require('undici/lib/api/api-connect.js') as unknown,
});

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent.js') as typeof Undici.ProxyAgent;
export const WebSocket = (require('undici/lib/web/websocket/websocket.js') as { WebSocket: typeof Undici.WebSocket }).WebSocket;

/** undici's `request(url, options)`, always through the dispatcher given (never a global one). */
export function request(url: string | URL, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const target = new URL(url);
  const { dispatcher, ...rest } = options;
  return dispatcher.request({ ...rest, origin: target.origin, path: `${target.pathname}${target.search}`, method: options.method ?? 'GET' });
}
