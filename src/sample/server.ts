// The sample server: one HTTP server on 127.0.0.1 imitating AgentSend, SiteGPT, Tybrite, Thred and
// Cattix under their own prefixes, with fault injection, latency, a request log and a control API.
//
//   ${url}/agentsend/…            AgentSend            (base ${url}/agentsend)
//   ${url}/sitegpt/api/v0/…       SiteGPT v0           (base ${url}/sitegpt/api/v0)
//   ${url}/tybrite/v1/…           Tybrite              (base ${url}/tybrite)
//   ${url}/thred/v1/…             Thred                (base ${url}/thred/v1)
//   ${url}/cattix/api/v1/…        Cattix               (base ${url}/cattix)
//   ${url}/__fault/<spec>/<mount>/…   the same, with a fault applied
//   ${url}/__control/…            control API (not logged, never faulted)
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { systemClock } from '../clock';
import { sampleAccounts } from './accounts';
import { createAgentSend } from './agentsend';
import { createCattix } from './cattix';
import { FaultRules, parseFaultSpec, type ParsedFault } from './faults';
import { headerValue, resolveKeys } from './keys';
import { createSiteGpt } from './sitegpt';
import { createThred } from './thred';
import { createTybrite } from './tybrite';
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
  const logLimit = Math.max(1, options.requestLogLimit ?? 20_000);
  const handlers: ServiceHandler[] = [
    createAgentSend(keys.agentsend),
    createSiteGpt(keys.sitegpt),
    createTybrite({ keys, tokenLifetimeSeconds: options.tybriteTokenLifetimeSeconds ?? 3600 }),
    createThred(keys.thred),
    createCattix(keys.cattix),
  ];
  const byMount = new Map(handlers.map((h) => [h.mount.slice(1), h]));

  const rules = new FaultRules();
  let latencyMs = 0;
  let log: RequestLogEntry[] = [];
  let seq = 0;
  let closing = false;
  const sockets = new Set<Socket>();
  const clock = options.clock ?? systemClock;
  // close() ends every latency wait at once.
  const closingSignal = new AbortController();
  const sleep = (ms: number): Promise<void> => clock.sleep(ms, closingSignal.signal).catch(() => undefined);

  const record = (entry: RequestLogEntry): void => {
    log.push(entry);
    if (log.length > logLimit + Math.ceil(logLimit / 10)) log = log.slice(log.length - logLimit);
  };

  let baseUrls = {} as Record<ServiceId, string>;
  let url = '';
  const info = (): SampleInfo => ({ url, baseUrls: { ...baseUrls }, accounts: sampleAccounts({ baseUrls, keys }) });

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
    reset() {
      rules.clear();
      latencyMs = 0;
      log = [];
      maxInFlight = inFlight;
      for (const handler of handlers) handler.reset();
    },
    stats: () => ({ inFlight, maxInFlight }),
    info,
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
        case 'GET /__control/stats':
          return sendJson(res, 200, control.stats());
        default: {
          const known = ['/__control/info', '/__control/requests', '/__control/faults', '/__control/latency', '/__control/reset', '/__control/stats'];
          if (known.includes(path)) return sendJson(res, 405, { error: `Method ${method} not allowed on ${path}` });
          return sendJson(res, 404, { error: `Unknown control endpoint ${path}` });
        }
      }
    } catch (error) {
      return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const handleService = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    handler: ServiceHandler,
    afterMount: string,
    search: string,
    pathFault: string | undefined,
  ): Promise<void> => {
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

    let response: ServiceResponse;
    const headers: Record<string, string> = { ...handler.commonHeaders(request) };
    try {
      if (action?.kind === 'status') {
        response = handler.faultResponse(action.status, request, action.retryAfterSeconds);
        if (action.retryAfterSeconds !== undefined) {
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
    if (action && DRIFT_KINDS.has(action.kind) && status >= 200 && status < 300 && text) {
      text = JSON.stringify(handler.drift(action.kind as DriftKind, JSON.parse(text) as unknown, response.shape ?? ''));
    }
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
    res.end(bytes);
  };

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const search = q >= 0 ? rawUrl.slice(q + 1) : '';
    const fail = (error: unknown) => sendJson(res, 500, { sampleServerError: error instanceof Error ? error.message : String(error) });

    if (path === '/__control' || path.startsWith('/__control/')) {
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
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
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
