import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import * as z from 'zod/mini';
import { HttpClient, type HttpClientOptions } from '../../src/http/client';
import {
  BadRequestError,
  ForbiddenError,
  InvalidResponseError,
  MissingCredentialError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  isAbortError,
} from '../../src/http/errors';
import { decodeWith } from '../../src/http/validation';
import { hang, json, reset, startScriptedServer, type ScriptedServer } from './support/testServer';

const KEY = 'test_key_6d1f0c9a2b7e';
const decodeName = decodeWith(z.object({ name: z.string() }), (value) => value.name);

describe('HTTP core', () => {
  let server: ScriptedServer;
  let dispatcher: Agent;

  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dispatcher = new Agent({ headersTimeout: 2_000, bodyTimeout: 2_000, connect: { timeout: 2_000 } });
  });
  afterEach(async () => {
    await dispatcher.destroy();
  });

  function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
    return new HttpClient({
      serviceName: 'Example',
      baseUrl: `${server.url}/api`,
      dispatcher,
      credentials: async () => ({ authorization: `Bearer ${KEY}` }),
      secrets: () => [KEY],
      serviceMessage: (body) => (body as { message?: string }).message,
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40, deadlineMs: 5_000 },
      ...overrides,
    });
  }

  it('sends the credentials and decodes a valid answer', async () => {
    server.script(json(200, { name: 'ok', extra: 'stripped' }));
    const response = await client().get(['things', 'a b'], { q: 'x', skip: undefined }, decodeName);
    assert.equal(response.data, 'ok');
    assert.equal(server.requests[0]?.url, '/api/things/a%20b?q=x');
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
  });

  for (const [status, type] of [
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [500, ServerError],
  ] as const) {
    it(`maps ${status} to ${type.name} carrying the service's own message`, async () => {
      server.script(json(status, { message: 'Told you so' }));
      const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
      assert.ok(error instanceof type, `got ${String(error)}`);
      assert.equal(error.serviceMessage, 'Told you so');
      assert.match(error.message, /Example/);
      assert.match(error.message, /Told you so/);
      assert.equal(server.requests.length, 1, 'not retried');
    });
  }

  it('scrubs the key when a server echoes it in its error message', async () => {
    server.script(json(401, { message: `Key ${KEY} is not valid` }));
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof UnauthorizedError);
    assert.ok(!error.message.includes(KEY), error.message);
    assert.match(error.message, /«redacted»/);
  });

  it('retries 503 with backoff and succeeds when the server recovers', async () => {
    server.script(json(503, {}), json(503, {}), json(200, { name: 'back' }));
    const response = await client().get(['x'], {}, decodeName);
    assert.equal(response.data, 'back');
    assert.equal(server.requests.length, 3);
  });

  it('gives up after maxAttempts with the last ServerError', async () => {
    server.script(json(502, { message: 'bad gateway' }));
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError);
    assert.equal(error.status, 502);
    assert.equal(server.requests.length, 4);
  });

  it('honours Retry-After in seconds', async () => {
    server.script(json(429, {}, { 'retry-after': '1' }), json(200, { name: 'later' }));
    const started = Date.now();
    const response = await client().get(['x'], {}, decodeName);
    assert.equal(response.data, 'later');
    const waited = (server.requests[1]?.time ?? 0) - (server.requests[0]?.time ?? 0);
    assert.ok(waited >= 1_000, `waited only ${waited} ms`);
    assert.ok(Date.now() - started < 3_000);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const when = new Date(Date.now() + 2_000).toUTCString(); // HTTP dates have whole seconds
    server.script(json(429, {}, { 'retry-after': when }), json(200, { name: 'dated' }));
    const response = await client().get(['x'], {}, decodeName);
    assert.equal(response.data, 'dated');
    const waited = (server.requests[1]?.time ?? 0) - (server.requests[0]?.time ?? 0);
    assert.ok(waited >= 900, `waited only ${waited} ms`);
  });

  it('fails with RateLimited(until) instead of retrying early when asked to wait past the deadline', async () => {
    server.script(json(429, { message: 'slow down' }, { 'retry-after': '120' }), json(200, { name: 'too soon' }));
    const started = Date.now();
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.equal(server.requests.length, 1, 'no early retry');
    assert.ok(error.until, 'until is set');
    const until = error.until.getTime();
    assert.ok(until >= started + 119_000 && until <= Date.now() + 121_000, `until ${error.until.toISOString()}`);
    assert.match(error.message, /slow down/);
  });

  it('stops waiting and sends nothing more when aborted during a Retry-After wait', async () => {
    server.script(json(503, {}, { 'retry-after': '3' }), json(200, { name: 'never' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = await client().get(['x'], {}, decodeName, controller.signal).catch((e: unknown) => e);
    assert.ok(isAbortError(error), `got ${String(error)}`);
    assert.ok(Date.now() - started < 1_500, 'the wait was cut short');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(server.requests.length, 1);
  });

  it('retries a connection reset on GET', async () => {
    server.script(reset, json(200, { name: 'after reset' }));
    const response = await client().get(['x'], {}, decodeName);
    assert.equal(response.data, 'after reset');
    assert.equal(server.requests.length, 2);
  });

  it('never retries a POST', async () => {
    server.script(json(503, {}), json(200, { name: 'second' }));
    const error = await client().post(['x'], { a: 1 }, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError);
    assert.equal(server.requests.length, 1);
  });

  it('reports a server that never answers as a Timeout', async () => {
    dispatcher = new Agent({ headersTimeout: 300, bodyTimeout: 300 });
    server.script(hang);
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /Example did not answer in time/);
  });

  it('reports a refused connection as a Network error', async () => {
    const error = await client({ baseUrl: 'http://127.0.0.1:9' })
      .get(['x'], {}, decodeName)
      .catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /Couldn't reach Example: connection refused/);
  });

  it('caps the response size', async () => {
    server.script(json(200, { name: 'x'.repeat(50_000) }));
    const error = await client({ maxResponseBytes: 10_000 }).get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidResponseError);
    assert.match(error.message, /larger than/);
  });

  it('reports a body that is not JSON, without quoting it', async () => {
    server.script((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>secret-ish page</html>');
    });
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidResponseError);
    assert.ok(!error.message.includes('secret-ish'));
  });

  it('summarises schema drift by path, never by content', async () => {
    server.script(json(200, { nom: 'Sarah' }));
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidResponseError);
    assert.match(error.message, /name: /);
    assert.ok(!error.message.includes('Sarah'));
  });

  it('does not follow redirects (a key never follows one elsewhere)', async () => {
    server.script((_request, response) => {
      response.writeHead(302, { location: 'http://127.0.0.2:1/steal' }).end();
    });
    const error = await client().get(['x'], {}, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidResponseError);
    assert.equal(server.requests.length, 1);
  });

  it('sends nothing when the credentials are missing', async () => {
    server.script(json(200, { name: 'x' }));
    const error = await client({
      credentials: async () => {
        throw new MissingCredentialError({ service: 'Example' });
      },
    })
      .get(['x'], {}, decodeName)
      .catch((e: unknown) => e);
    assert.ok(error instanceof MissingCredentialError);
    assert.equal(server.requests.length, 0);
  });
});
