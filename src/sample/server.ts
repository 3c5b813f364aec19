// The sample server: one HTTP server on 127.0.0.1 imitating AgentSend, SiteGPT, Tybrite, Thred and
// Cattix under their own prefixes, with fault injection, latency, a request log and a control API.
//
//   ${url}/agentsend/…            AgentSend            (base ${url}/agentsend)
//   ${url}/sitegpt/api/v0/…       SiteGPT v0           (base ${url}/sitegpt/api/v0)
//   ${url}/sitegpt/api/v2/…       SiteGPT v2           (base ${url}/sitegpt/api/v2)
//   ${url}/tybrite/v1/…           Tybrite              (base ${url}/tybrite)
//   ${url}/thred/v1/…             Thred                (base ${url}/thred/v1)
//   ${url}/cattix/api/v1/…        Cattix               (base ${url}/cattix)
//   ${url}/__fault/<spec>/<mount>/…   the same, with a fault applied
//   ${url}/__control/…            control API (not logged, never faulted; off unless `control: true`)
//
// It runs on the user's machine (Try with Sample Data), where any web page the user visits can
// send it requests. So `url` ends in a random token that every request must carry (the sample
// accounts' base URLs include it), the Host header must be the server's own 127.0.0.1:<port>
// (no DNS rebinding), any request with an Origin header — which browsers send and Threadline
// never does — is refused, and the control API exists only when asked for (tests, the demo).
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { systemClock, type Clock } from '../clock';
import { sampleAccounts, sampleVariantAccounts } from './accounts';
import { createAgentSend } from './agentsend';
import { createCattix } from './cattix';
import { FaultRules, parseFaultSpec, type ParsedFault } from './faults';
import { Misbehaviours } from './misbehave';
import { injectCorpus } from './xss';
import { headerValue, resolveKeys } from './keys';
import { createSiteGpt, type SiteGptPagingTrap } from './sitegpt';
import { createThred } from './thred';
import { createTybrite } from './tybrite';
import { isWebSocketUpgrade, refuseUpgrade } from './websocket';
import type {
  DriftKind,
  FaultRule,
  RequestLogEntry,
  SampleControl,
  SampleInfo,
  SampleServer,
  SampleServerOptions,
  ServiceHandler,
  ServiceId,
  ServiceRequest,
  ServiceResponse,
} from './types';

export { DEFAULT_SAMPLE_KEYS } from './keys';
export { sampleAccounts } from './accounts';
export type { SampleServer, SampleServerOptions, SampleKeys, SampleControl, ServiceId } from './types';

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 1024 * 1024;
const DRIFT_KINDS = new Set<string>(['drift', 'drift-item', 'drift-enum']);
/** What `invalid-json` answers with 200: starts like JSON, ends as an HTML error page. */
const INVALID_JSON_BODY = '{"data":[{"id":"trunc<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
    req.on('aborted', () => resolve(''));
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startSampleServer(options: SampleServerOptions = {}): Promise<SampleServer> {
  const keys = resolveKeys(options.keys);
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(18).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token)) throw new Error('sample server: the token must be at least 16 URL-safe characters');
  const tokenPrefix = `/${token}`;
  /** The Host header every request must carry, set once the port is known. */
  let ownHost = '';
  const logLimit = Math.max(1, options.requestLogLimit ?? 20_000);
  const tybrite = createTybrite({
    keys,
    tokenLifetimeSeconds: options.tybriteTokenLifetimeSeconds ?? 3600,
    ...(options.tybriteMaxClaimLifetimeSeconds !== undefined ? { maxClaimLifetimeSeconds: options.tybriteMaxClaimLifetimeSeconds } : {}),
  });
  const sitegpt = createSiteGpt(keys.sitegpt, keys.sitegptV2);
  const agentsend = createAgentSend(keys.agentsend);
  const handlers: ServiceHandler[] = [
    agentsend,
    sitegpt,
    tybrite,
    createThred(keys.thred),
    createCattix(keys.cattix),
  ];
  const byMount = new Map(handlers.map((h) => [h.mount.slice(1), h]));

  const rules = new FaultRules();
  const misbehaviours = new Misbehaviours();
  let latencyMs = 0;
  let log: RequestLogEntry[] = [];
  let seq = 0;
  let closing = false;
  const sockets = new Set<Socket>();
  const baseClock = options.clock ?? systemClock;
  /** How far the control API moved this server's time ahead (reset puts it back). */
  let clockAheadMs = 0;
  const clock: Clock = { now: () => baseClock.now() + clockAheadMs, sleep: (ms, signal) => baseClock.sleep(ms, signal) };
  // close() ends every latency wait at once.
  const closingSignal = new AbortController();
  const sleep = (ms: number): Promise<void> => {
    // No wait at all still yields to the event loop (a `slow:0` answer: one byte per turn).
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
    return clock.sleep(ms, closingSignal.signal).catch(() => undefined);
  };

  const record = (entry: RequestLogEntry): void => {
    log.push(entry);
    if (log.length > logLimit + Math.ceil(logLimit / 10)) log = log.slice(log.length - logLimit);
  };

  let baseUrls = {} as Record<ServiceId, string>;
  let url = '';
  const info = (): SampleInfo => ({ url, baseUrls: { ...baseUrls }, accounts: sampleAccounts({ baseUrls, keys }), variantAccounts: sampleVariantAccounts({ baseUrls, keys }) });

  let inFlight = 0;
  let maxInFlight = 0;
  const control: SampleControl = {
    setFaults(next: FaultRule[]) {
      rules.set(next);
    },
    clearFaults() {
      rules.clear();
    },
    faults: () => rules.list(),
    setLatency(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a non-negative number of milliseconds');
      latencyMs = ms;
    },
    requests(since = 0) {
      return log.filter((entry) => entry.seq > since).map((entry) => ({ ...entry }));
    },
    clearRequests() {
      log = [];
    },
    advanceClock(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('the clock moves forward only: a non-negative number of milliseconds');
      clockAheadMs += ms;
      return clockAheadMs;
    },
    reset() {
      rules.clear();
      latencyMs = 0;
      clockAheadMs = 0;
      log = [];
      maxInFlight = inFlight;
      misbehaviours.reset();
      for (const handler of handlers) handler.reset();
    },
    stats: () => ({ inFlight, maxInFlight }),
    info,
    tybrite: tybrite.live,
    sitegptPaging: (trap) => sitegpt.pagingTrap(trap),
    agentsendLongThread: (messages) => agentsend.setLongThreadMessages(messages),
  };

  const handleControl = async (req: http.IncomingMessage, res: http.ServerResponse, path: string, params: URLSearchParams): Promise<void> => {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      return sendJson(res, 400, { error: 'Body must be JSON' });
    }
    const field = (name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);
    const route = `${method} ${path}`;
    try {
      switch (route) {
        case 'GET /__control/info':
          return sendJson(res, 200, info());
        case 'GET /__control/requests': {
          const since = Number(params.get('since') ?? '0');
          return sendJson(res, 200, { requests: control.requests(Number.isFinite(since) ? since : 0) });
        }
        case 'DELETE /__control/requests':
          control.clearRequests();
          return sendJson(res, 200, { requests: [] });
        case 'GET /__control/faults':
          return sendJson(res, 200, { rules: control.faults() });
        case 'POST /__control/faults':
          control.setFaults(field('rules') as FaultRule[]);
          return sendJson(res, 200, { rules: control.faults() });
        case 'DELETE /__control/faults':
          control.clearFaults();
          return sendJson(res, 200, { rules: [] });
        case 'POST /__control/latency': {
          const ms = field('ms');
          if (typeof ms !== 'number') return sendJson(res, 400, { error: '"ms" must be a number' });
          control.setLatency(ms);
          return sendJson(res, 200, { ms });
        }
        case 'POST /__control/reset':
          control.reset();
          return sendJson(res, 200, { reset: true });
        case 'POST /__control/clock': {
          const ms = field('advanceMs');
          if (typeof ms !== 'number') return sendJson(res, 400, { error: '"advanceMs" must be a number' });
          return sendJson(res, 200, { aheadMs: control.advanceClock(ms) });
        }
        case 'GET /__control/stats':
          return sendJson(res, 200, control.stats());
        case 'POST /__control/sitegpt/paging':
          control.sitegptPaging(typeof body === 'object' && body !== null ? (body as SiteGptPagingTrap) : {});
          return sendJson(res, 200, { trap: body });
        case 'POST /__control/agentsend/long-thread': {
          const messages = field('messages');
          if (typeof messages !== 'number') return sendJson(res, 400, { error: '"messages" must be a number' });
          control.agentsendLongThread(messages);
          return sendJson(res, 200, { messages });
        }
        case 'POST /__control/tybrite/messages': {
          const threadId = field('threadId');
          const text = field('text');
          const sender = field('sender');
          if (typeof threadId !== 'string' || typeof text !== 'string') return sendJson(res, 400, { error: '"threadId" and "text" must be strings' });
          return sendJson(res, 201, { message: control.tybrite.post(threadId, text, sender === 'customer' ? 'customer' : 'store') });
        }
        case 'GET /__control/tybrite/live':
          return sendJson(res, 200, { sockets: control.tybrite.count() });
        case 'DELETE /__control/tybrite/live':
          return sendJson(res, 200, { dropped: control.tybrite.drop() });
        case 'POST /__control/tybrite/claims': {
          const seconds = field('maxLifetimeSeconds');
          if (typeof seconds !== 'number') return sendJson(res, 400, { error: '"maxLifetimeSeconds" must be a number' });
          control.tybrite.setMaxClaimLifetime(seconds);
          return sendJson(res, 200, { maxLifetimeSeconds: seconds });
        }
        default: {
          const known = ['/__control/info', '/__control/requests', '/__control/faults', '/__control/latency', '/__control/reset', '/__control/clock', '/__control/stats', '/__control/tybrite/messages', '/__control/tybrite/live', '/__control/tybrite/claims', '/__control/sitegpt/paging', '/__control/agentsend/long-thread'];
          if (known.includes(path)) return sendJson(res, 405, { error: `Method ${method} not allowed on ${path}` });
          return sendJson(res, 404, { error: `Unknown control endpoint ${path}` });
        }
      }
    } catch (error) {
      return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  /** A request to a service as its handler sees it, and its entry in the request log. */
  const arrive = (req: http.IncomingMessage, handler: ServiceHandler, afterMount: string, search: string): { request: ServiceRequest; entry: RequestLogEntry } => {
    const params = new URLSearchParams(search);
    const request: ServiceRequest = {
      method: req.method ?? 'GET',
      path: afterMount,
      segments: afterMount.split('/').filter(Boolean).map(decodeSegment),
      query: params,
      headers: req.headers,
      rawBody: '',
      nowMs: clock.now(),
    };
    const entry: RequestLogEntry = {
      seq: ++seq,
      time: clock.now(),
      method: req.method ?? 'GET',
      service: handler.id,
      path: afterMount,
      query: queryObject(params),
      headers: flatHeaders(req.headers),
      status: 0,
    };
    record(entry);
    return { request, entry };
  };

  const handleService = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    handler: ServiceHandler,
    afterMount: string,
    search: string,
    pathFault: string | undefined,
  ): Promise<void> => {
    const { request, entry } = arrive(req, handler, afterMount, search);
    const rawBody = await readBody(req);

    const spec = headerValue(req.headers['x-sample-fault']) ?? pathFault ?? rules.take(handler.id, search ? `${afterMount}?${search}` : afterMount);
    let fault: ParsedFault | undefined;
    if (spec !== undefined) {
      entry.fault = spec;
      try {
        fault = parseFaultSpec(spec);
      } catch (error) {
        entry.status = 400;
        return sendJson(res, 400, { sampleServerError: error instanceof Error ? error.message : String(error) }, handler.commonHeaders(request));
      }
    }

    const delay = latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (closing || res.destroyed) return;

    request.rawBody = rawBody;
    request.nowMs = clock.now();
    const action = fault?.action;
    if (action?.kind === 'hang') return; // never answer; the socket stays open until the client or close() ends it
    if (action?.kind === 'refuse') {
      // No answer at all: the connection closes, as when the server is not running.
      entry.status = 0;
      req.socket.destroy();
      return;
    }

    let response: ServiceResponse;
    const headers: Record<string, string> = { ...handler.commonHeaders(request) };
    try {
      if (action?.kind === 'status') {
        response = handler.faultResponse(action.status, request, action.retryAfterSeconds, action.quota === true);
        if (action.retryAfterSeconds !== undefined && !action.noRetryAfter) {
          headers['Retry-After'] = action.retryAfterAsDate
            ? new Date(clock.now() + action.retryAfterSeconds * 1000).toUTCString()
            : String(action.retryAfterSeconds);
        }
      } else {
        response = handler.handle(request);
      }
    } catch (error) {
      response = { status: 500, body: { sampleServerError: error instanceof Error ? error.message : String(error) } };
    }
    Object.assign(headers, response.headers);
    let text = response.json ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    let status = response.status;
    if (status >= 200 && status < 300 && text && response.shape !== undefined && (fault?.misbehave || misbehaviours.active)) {
      text = JSON.stringify(misbehaviours.apply(handler, request, response.shape, JSON.parse(text) as unknown, fault?.misbehave ?? []));
    }
    if (action && DRIFT_KINDS.has(action.kind) && status >= 200 && status < 300 && text) {
      text = JSON.stringify(handler.drift(action.kind as DriftKind, JSON.parse(text) as unknown, response.shape ?? ''));
    }
    if (fault?.inject && text) text = JSON.stringify(injectCorpus(JSON.parse(text) as unknown, fault.inject === 'inject-huge'));
    if (action?.kind === 'invalid-json') {
      status = 200;
      text = INVALID_JSON_BODY;
    }
    const bytes = Buffer.from(text, 'utf8');
    entry.status = status;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': bytes.length, 'x-sample-seq': String(entry.seq), ...headers });
    if (action?.kind === 'truncate') {
      // Full Content-Length, half the body, then the connection dies.
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    if (fault?.slowMs !== undefined) {
      // One byte at a time: a client without a deadline for the whole answer waits as long as this takes.
      for (let index = 0; index < bytes.length && !closing && !res.destroyed; index++) {
        res.write(bytes.subarray(index, index + 1));
        await sleep(fault.slowMs);
      }
      if (!res.destroyed) res.end();
      return;
    }
    res.end(bytes);
  };

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const search = q >= 0 ? rawUrl.slice(q + 1) : '';
    const fail = (error: unknown) => sendJson(res, 500, { sampleServerError: error instanceof Error ? error.message : String(error) });

    // A web page, a rebound DNS name or a guess: refused before anything else is looked at.
    if (req.headers.origin !== undefined) return sendJson(res, 403, { error: 'Requests from web pages are refused' });
    if (req.headers.host !== ownHost) return sendJson(res, 421, { error: 'This server answers only to its own address' });
    if (path !== tokenPrefix && !path.startsWith(`${tokenPrefix}/`)) return sendJson(res, 404, { error: 'Not found' });
    path = path.slice(tokenPrefix.length) || '/';

    if (path === '/__control' || path.startsWith('/__control/')) {
      if (!options.control) return sendJson(res, 404, { error: 'Not found' });
      // JSON or nothing: a form or text/plain POST is what a page can send without asking.
      const type = req.headers['content-type'];
      if (type !== undefined && !/^application\/json\b/i.test(type)) return sendJson(res, 415, { error: 'Control requests must be JSON' });
      handleControl(req, res, path, new URLSearchParams(search)).catch(fail);
      return;
    }
    let pathFault: string | undefined;
    if (path.startsWith('/__fault/')) {
      const rest = path.slice('/__fault/'.length);
      const slash = rest.indexOf('/');
      if (slash <= 0) return sendJson(res, 404, { error: 'Use /__fault/<spec>/<service mount>/…' });
      pathFault = decodeSegment(rest.slice(0, slash));
      path = rest.slice(slash);
    }
    const mount = path.split('/')[1] ?? '';
    const handler = byMount.get(mount);
    if (!handler) {
      return sendJson(res, 404, { error: `No sample service at ${path}`, services: [...byMount.keys()].map((m) => `/${m}`) });
    }
    // Requests being answered right now, and the most at once since the last reset (load tests).
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => inFlight--);
    handleService(req, res, handler, path.slice(handler.mount.length) || '/', search, pathFault).catch(fail);
  });
  // WebSocket upgrades (Tybrite's live feed): logged and faulted like any request to the service.
  server.on('upgrade', (req: http.IncomingMessage, socket: Socket) => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const search = q >= 0 ? rawUrl.slice(q + 1) : '';
    // The same gate as every request: no web page, only our own Host, only under the token.
    if (req.headers.origin !== undefined) return refuseUpgrade(socket, 403, 'Forbidden', { error: 'Requests from web pages are refused' });
    if (req.headers.host !== ownHost) return refuseUpgrade(socket, 421, 'Misdirected Request', { error: 'This server answers only to its own address' });
    if (!path.startsWith(`${tokenPrefix}/`)) return refuseUpgrade(socket, 404, 'Not Found', { error: 'Not found' });
    path = path.slice(tokenPrefix.length);
    let pathFault: string | undefined;
    if (path.startsWith('/__fault/')) {
      const rest = path.slice('/__fault/'.length);
      const slash = rest.indexOf('/');
      pathFault = slash > 0 ? decodeSegment(rest.slice(0, slash)) : undefined;
      path = slash > 0 ? rest.slice(slash) : '/';
    }
    const handler = byMount.get(path.split('/')[1] ?? '');
    if (!handler?.upgrade || !isWebSocketUpgrade(req)) return refuseUpgrade(socket, 404, 'Not Found', { error: 'No WebSocket here' });
    const afterMount = path.slice(handler.mount.length) || '/';
    const { request, entry } = arrive(req, handler, afterMount, search);
    const spec = pathFault ?? rules.take(handler.id, search ? `${afterMount}?${search}` : afterMount);
    if (spec !== undefined) {
      entry.fault = spec;
      let fault: ParsedFault;
      try {
        fault = parseFaultSpec(spec);
      } catch {
        return refuseUpgrade(socket, 400, 'Bad Request', { sampleServerError: 'bad fault spec' });
      }
      if (fault.action?.kind === 'hang') return; // never answers: a socket that never opens
      if (fault.action?.kind === 'refuse') return void socket.destroy();
      if (fault.action?.kind === 'status') {
        entry.status = fault.action.status;
        return refuseUpgrade(socket, fault.action.status, 'Fault', { error: { code: 'fault', message: `Injected ${fault.action.status}` } });
      }
    }
    entry.status = 101;
    handler.upgrade(request, req, socket);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('sample server: no TCP address');
  const port = address.port;
  ownHost = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  url = `http://${ownHost}${tokenPrefix}`;
  baseUrls = Object.fromEntries(handlers.map((h) => [h.id, `${url}${h.mount}${h.basePath}`])) as Record<ServiceId, string>;

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    baseUrls: { ...baseUrls },
    keys,
    control,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        closingSignal.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
