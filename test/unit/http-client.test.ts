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
import { VirtualClock } from '../support/virtualClock';
import { waitUntil } from '../support/wait';
import { hang, json, reset, startScriptedServer, type ScriptedServer } from './support/testServer';

const KEY = 'test_key_6d1f0c9a2b7e';
const decodeName = decodeWith(z.object({ name: z.string() }), (value) => value.name);
/** Far beyond any retry wait, so a test tells the answer deadline from a retry wait by its length. */
const ANSWER_TIMEOUT_MS = 60_000;
const isRetryWait = (ms: number) => ms < ANSWER_TIMEOUT_MS;

/**
 * Settles a request in virtual time: each time the client starts a retry wait, time moves over
 * it at once. Returns how it ended and the waits it took.
 */
async function settle<T>(clock: VirtualClock, request: Promise<T>): Promise<{ outcome: T | unknown; waits: number[] }> {
  const waits: number[] = [];
  let outcome: { value: T | unknown } | undefined;
  const settled = request.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { value: error }),
  );
  while (!outcome) {
    const wait = await Promise.race([settled.then(() => undefined), clock.whenSleeping(isRetryWait)]);
    if (wait === undefined) break;
    waits.push(wait);
    await clock.advance(wait);
  }
  await settled;
  return { outcome: outcome?.value, waits };
}

describe('HTTP core', () => {
  let server: ScriptedServer;
  let dispatcher: Agent;
  let clock: VirtualClock;

  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    // The dispatcher's own timeouts are far out of reach: the client's deadline, on the virtual
    // clock, is what a test moves.
    dispatcher = new Agent({ headersTimeout: 600_000, bodyTimeout: 600_000, connect: { timeout: 30_000 } });
    clock = new VirtualClock();
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
      retry: { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 8_000, deadlineMs: 30_000 },
      clock,
      answerDeadlineMs: ANSWER_TIMEOUT_MS,
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

  it('retries 503 with full-jitter backoff and succeeds when the server recovers', async () => {
    server.script(json(503, {}), json(503, {}), json(200, { name: 'back' }));
    // random() = 0.5: half of each ceiling (300 ms, then 600 ms).
    const { outcome, waits } = await settle(clock, client({ random: () => 0.5 }).get(['x'], {}, decodeName));
    assert.equal((outcome as { data: string }).data, 'back');
    assert.equal(server.requests.length, 3);
    assert.deepEqual(waits, [150, 300]);
  });

  it('gives up after maxAttempts with the last ServerError', async () => {
    server.script(json(502, { message: 'bad gateway' }));
    const { outcome: error, waits } = await settle(clock, client().get(['x'], {}, decodeName));
    assert.ok(error instanceof ServerError);
    assert.equal(error.status, 502);
    assert.equal(server.requests.length, 4);
    assert.equal(waits.length, 3);
    waits.forEach((wait, retry) => assert.ok(wait < 300 * 2 ** retry, `retry ${retry} waited ${wait} ms`));
  });

  it('honours Retry-After in seconds: nothing is sent again before it has passed', async () => {
    server.script(json(429, {}, { 'retry-after': '1' }), json(200, { name: 'later' }));
    const response = client({ random: () => 0 }).get(['x'], {}, decodeName);
    assert.equal(await clock.whenSleeping(isRetryWait), 1_000);
    await clock.advance(999);
    assert.equal(server.requests.length, 1, 'still waiting at 999 ms');
    await clock.advance(1);
    assert.equal((await response).data, 'later');
    assert.equal(server.requests.length, 2);
  });

  it('spreads a Retry-After by at most 10 %, never shortening it', async () => {
    server.script(json(503, {}, { 'retry-after': '5' }), json(200, { name: 'spread' }));
    const { outcome, waits } = await settle(clock, client({ random: () => 0.999 }).get(['x'], {}, decodeName));
    assert.equal((outcome as { data: string }).data, 'spread');
    assert.deepEqual(waits, [5_499]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const when = new Date(clock.now() + 2_000).toUTCString(); // the virtual clock starts on a whole second
    server.script(json(429, {}, { 'retry-after': when }), json(200, { name: 'dated' }));
    const { outcome, waits } = await settle(clock, client({ random: () => 0 }).get(['x'], {}, decodeName));
    assert.equal((outcome as { data: string }).data, 'dated');
    assert.deepEqual(waits, [2_000]);
  });

  it('fails with RateLimited(until) instead of retrying early when asked to wait past the deadline', async () => {
    server.script(json(429, { message: 'slow down' }, { 'retry-after': '120' }), json(200, { name: 'too soon' }));
    const started = clock.now();
    const { outcome: error, waits } = await settle(clock, client().get(['x'], {}, decodeName));
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.deepEqual(waits, [], 'no wait');
    assert.equal(server.requests.length, 1, 'no early retry');
    assert.equal(error.until?.getTime(), started + 120_000);
    assert.match(error.message, /slow down/);
  });

  it('stops waiting and sends nothing more when aborted during a Retry-After wait', async () => {
    server.script(json(503, {}, { 'retry-after': '3' }), json(200, { name: 'never' }));
    const controller = new AbortController();
    const request = client().get(['x'], {}, decodeName, controller.signal).catch((e: unknown) => e);
    await clock.whenSleeping(isRetryWait);
    controller.abort();
    const error = await request;
    assert.ok(isAbortError(error), `got ${String(error)}`);
    assert.deepEqual(clock.pending(), [], 'no wait left behind');
    await clock.advance(10_000);
    assert.equal(server.requests.length, 1);
  });

  it('retries a connection reset on GET', async () => {
    server.script(reset, json(200, { name: 'after reset' }));
    const { outcome, waits } = await settle(clock, client().get(['x'], {}, decodeName));
    assert.equal((outcome as { data: string }).data, 'after reset');
    assert.equal(server.requests.length, 2);
    assert.equal(waits.length, 1);
  });

  it('never retries a POST', async () => {
    server.script(json(503, {}), json(200, { name: 'second' }));
    const error = await client().post(['x'], { a: 1 }, decodeName).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError);
    assert.equal(server.requests.length, 1);
  });

  it('reports a server that never answers as a Timeout once the answer deadline passes', async () => {
    server.script(hang);
    let settled = false;
    const request = client()
      .get(['x'], {}, decodeName)
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    await waitUntil(() => server.requests.length === 1, 'the request to reach the server');
    await clock.advance(ANSWER_TIMEOUT_MS - 1);
    assert.equal(settled, false, 'still waiting 1 ms before the deadline');
    await clock.advance(1);
    const error = await request;
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /Example did not answer in time/);
    assert.equal(server.requests.length, 1, 'a timeout is not retried');
  });

  it('leaves no deadline running once the answer has come', async () => {
    server.script(json(200, { name: 'quick' }));
    assert.equal((await client().get(['x'], {}, decodeName)).data, 'quick');
    assert.deepEqual(clock.pending(), []);
  });

  it('reports a refused connection as a Network error', async () => {
    const error = await client({ baseUrl: 'http://127.0.0.1:9' })
      .get(['x'], {}, decodeName)
      .catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /^Couldn't reach Example at 127\.0\.0\.1:9: connection refused$/, 'names the host that was tried');
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
