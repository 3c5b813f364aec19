// Tybrite as store staff run it: a signed external id claim for every request, an IdP token, the
// two kinds of 429 and the quota left, and session renewal only where the key allows it. Against
// the sample server, in virtual time (the server and the provider share one manual clock).
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Container } from '../../src/domain/model';
import { MissingCredentialError, RateLimitedError } from '../../src/http/errors';
import { freshClaim, signClaim } from '../../src/providers/tybrite/claim';
import type { TybriteProvider } from '../../src/providers/tybrite/client';
import { encodeHmacSecret, encodeIdpToken } from '../../src/providers/tybrite/credentials';
import { SAMPLE_IDS, startSampleServer, type SampleServer } from '../../src/sample';
import { waitUntil } from '../support/wait';
import { ManualClock } from './support/manualClock';
import { sampleProvider, type TestProvider } from './support/sampleProviders';

const ids = SAMPLE_IDS.tybrite;
const customer: Container = { kind: 'customer', id: ids.sarahCustomerId, label: 'Sarah' };
const b64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');

describe('Tybrite staff access, rate limits and renewal', function () {
  this.timeout(20_000);
  let server: SampleServer;
  const clock = new ManualClock(Date.parse('2026-12-03T12:00:00Z'));
  const opened: TestProvider[] = [];
  const make = (overrides: Parameters<typeof sampleProvider>[2]) => {
    const made = sampleProvider<TybriteProvider>(server, 'tybrite', { now: () => clock.now(), ...overrides });
    opened.push(made);
    return made;
  };
  const staff = (lifetime: number, withClock?: ManualClock) =>
    make({
      ...(withClock ? { clock: withClock } : {}),
      session: encodeHmacSecret(server.keys.tybriteHmacSecret),
      options: { customerId: ids.sarahCustomerId, credentialHeader: 'x-external-auth', externalId: ids.sarahExternalId, claimLifetimeSeconds: lifetime },
    });

  before(async () => {
    server = await startSampleServer({ clock, tybriteMaxClaimLifetimeSeconds: 2 });
  });
  after(async () => {
    await Promise.all(opened.map((entry) => entry.dispatcher.destroy()));
    await server.close();
  });
  beforeEach(() => {
    server.control.reset();
    server.control.tybrite.setMaxClaimLifetime(2);
  });

  describe('signed external id', () => {
    it('encodes the claim as the docs do: base64url(JSON).base64url(HMAC-SHA256(JSON))', () => {
      const secret = 'whsec_test_0123456789abcdef';
      // Computed here independently of the provider: the docs' claim, key order and encoding.
      const json = '{"external_id":"auth0|66a3f8c2b1d9c204a1f7e3d1","iat":1780045000,"exp":1780045300}';
      const expected = `${b64url(json)}.${b64url(createHmac('sha256', secret).update(json, 'utf8').digest())}`;
      assert.equal(signClaim({ external_id: 'auth0|66a3f8c2b1d9c204a1f7e3d1', iat: 1780045000, exp: 1780045300 }, secret), expected);
      assert.deepEqual(freshClaim('x', 1780045000_999, 9999), { external_id: 'x', iat: 1780045000, exp: 1780045300 }, 'clamped to the documented 300 s');
    });

    it('keeps reading threads for 10 s with 2-second claims: a fresh claim signed for every request', async () => {
      const { source } = staff(2);
      const statuses: number[] = [];
      for (let second = 0; second < 10; second++) {
        const page = await source.listThreads(customer, {});
        assert.equal(page.items.length, ids.sarahThreads);
        await clock.advance(1_000);
      }
      const requests = server.control.requests().filter((entry) => entry.path === '/v1/messaging/threads');
      for (const entry of requests) statuses.push(entry.status);
      assert.deepEqual(statuses, Array(10).fill(200), 'no 401 at any point');
      const assertions = requests.map((entry) => entry.headers['x-external-auth']);
      assert.equal(new Set(assertions).size, 10, 'never the same claim twice');
      const claim = JSON.parse(Buffer.from(String(assertions[9]).split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(claim), ['external_id', 'iat', 'exp']);
      assert.equal(claim['external_id'], ids.sarahExternalId);
      assert.equal(Number(claim['exp']) - Number(claim['iat']), 2);
      assert.equal(requests.some((entry) => entry.headers['x-auth-token'] !== undefined), false, 'one credential header only');
    });

    it('requests sent together each carry a claim of their own, so none is refused as a replay', async () => {
      server.control.tybrite.setMaxClaimLifetime(300);
      const { source } = staff(240);
      const pages = await Promise.all(Array.from({ length: 12 }, () => source.listThreads(customer, {})));
      assert.ok(pages.every((page) => page.items.length === ids.sarahThreads));
      const requests = server.control.requests().filter((entry) => entry.path === '/v1/messaging/threads');
      assert.deepEqual(requests.map((entry) => entry.status), Array(12).fill(200), 'no 401');
      assert.equal(new Set(requests.map((entry) => entry.headers['x-external-auth'])).size, 12, 'twelve different assertions');
      const claims = requests.map((entry) => JSON.parse(Buffer.from(String(entry.headers['x-external-auth']).split('.')[0] ?? '', 'base64url').toString('utf8')) as { iat: number; exp: number });
      const second = Math.floor(clock.now() / 1000);
      assert.ok(claims.every((claim) => claim.iat === second && claim.exp - claim.iat <= 240 && claim.exp - claim.iat >= 2), 'all signed in this second, none sent waiting');
    });

    it('with 2-second claims, a second request sent together waits for the next second’s claim rather than reuse one', async () => {
      // The provider sleeps on the test's clock here, so the wait for the next second is visible.
      const { source } = staff(2, clock);
      const both = Promise.all([source.listThreads(customer, {}), source.listThreads(customer, {})]);
      // The first goes at once; the second is asleep until the next second.
      await waitUntil(() => server.control.requests().length === 1 && clock.waiting === 1, () => `one request sent and one asleep: ${server.control.requests().length} sent, ${clock.waiting} asleep`);
      await clock.advance(1_000);
      await both;
      const requests = server.control.requests();
      assert.deepEqual(requests.map((entry) => entry.status), [200, 200]);
      const claims = requests.map((entry) => JSON.parse(Buffer.from(String(entry.headers['x-external-auth']).split('.')[0] ?? '', 'base64url').toString('utf8')) as { iat: number; exp: number });
      const second = Math.floor(clock.now() / 1000);
      assert.deepEqual(claims, [{ external_id: ids.sarahExternalId, iat: second - 1, exp: second + 1 }, { external_id: ids.sarahExternalId, iat: second, exp: second + 2 }]);
    });

    it('the server rejects an expired claim, a replayed one and one that outlives its maximum', async () => {
      const { source } = staff(2);
      await source.listThreads(customer, {});
      const assertion = String(server.control.requests().at(-1)?.headers['x-external-auth']);
      const send = (value: string) =>
        fetch(`${server.baseUrls.tybrite}/v1/messaging/threads?customer_id=${ids.sarahCustomerId}`, {
          headers: { authorization: `Bearer ${server.keys.tybrite}`, 'x-external-auth': value },
        }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error?: { message?: string } } }));
      await clock.advance(1_000);
      const replayed = await send(assertion);
      assert.equal(replayed.status, 401);
      assert.match(replayed.body.error?.message ?? '', /replayed/);
      await clock.advance(2_000);
      const expired = await send(assertion);
      assert.equal(expired.status, 401);
      assert.match(expired.body.error?.message ?? '', /expired/);
      const long = await send(signClaim({ external_id: ids.sarahExternalId, iat: Math.floor(clock.now() / 1000), exp: Math.floor(clock.now() / 1000) + 240 }, server.keys.tybriteHmacSecret));
      assert.equal(long.status, 401);
      assert.match(long.body.error?.message ?? '', /at most 2 seconds/);
      const forged = await send(signClaim({ external_id: ids.sarahExternalId, iat: Math.floor(clock.now() / 1000), exp: Math.floor(clock.now() / 1000) + 2 }, 'not-the-store-secret'));
      assert.match(forged.body.error?.message ?? '', /signature/);
    });

    it('asks for the external id, and for the HMAC secret, before sending anything', async () => {
      const noId = make({ session: encodeHmacSecret(server.keys.tybriteHmacSecret), options: { customerId: ids.sarahCustomerId, credentialHeader: 'x-external-auth' } });
      const error = await noId.source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(error instanceof MissingCredentialError && error.missing === 'customerId', String(error));
      const noSecret = make({ session: JSON.stringify({ accessToken: 'left over from a session' }), options: { customerId: ids.sarahCustomerId, credentialHeader: 'x-external-auth', externalId: ids.sarahExternalId } });
      const missing = await noSecret.source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(missing instanceof MissingCredentialError && missing.missing === 'session', String(missing));
      assert.match(missing.message, /HMAC secret/);
      assert.equal(server.control.requests().length, 0);
    });
  });

  describe('IdP token', () => {
    const idp = (token: string) => make({ session: encodeIdpToken(token), options: { customerId: ids.sarahCustomerId, credentialHeader: 'x-idp-token' } });

    it('reads threads with the token as x-idp-token', async () => {
      const page = await idp(server.keys.tybriteIdpToken).source.listThreads(customer, {});
      assert.equal(page.items.length, ids.sarahThreads);
      assert.equal(server.control.requests().at(-1)?.headers['x-idp-token'], server.keys.tybriteIdpToken);
    });

    it('a token the verifier refuses (401) asks for a new one', async () => {
      const error = await idp('expired-idp-token').source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(error instanceof MissingCredentialError, String(error));
      assert.equal(error.missing, 'session');
      assert.match(error.message, /did not accept the IdP token: enter a new one/);
    });
  });

  describe('429s by kind', () => {
    it('quota_exceeded is not retried and says when the quota resets', async () => {
      server.control.setFaults([{ service: 'tybrite', pathIncludes: '/messaging/threads', fault: '429-quota' }]);
      const { source } = make({});
      const error = await source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitedError && error.quota, String(error));
      assert.equal(server.control.requests().length, 1, 'asked once');
      const now = new Date();
      assert.equal(error.until?.getTime(), Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      assert.match(error.message, /^Tybrite: monthly quota reached — resets on /);
    });

    it('rate_limited waits as told and then reads', async () => {
      server.control.setFaults([{ service: 'tybrite', pathIncludes: '/messaging/threads', fault: '429:0', times: 1 }]);
      const { source } = make({});
      const page = await source.listThreads(customer, {});
      assert.equal(page.items.length, ids.sarahThreads);
      assert.deepEqual(server.control.requests().map((entry) => entry.status), [429, 200]);
    });

    it('rate_limited with only X-RateLimit-Reset: waits for that time, so a far reset is reported, not retried early', async () => {
      server.control.setFaults([{ service: 'tybrite', pathIncludes: '/messaging/threads', fault: '429-reset:120' }]);
      const { source } = make({});
      // The server's time is the test's clock, like the client's.
      const before = clock.now();
      const error = await source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(error instanceof RateLimitedError && !error.quota, String(error));
      assert.equal(server.control.requests().length, 1, 'no retry before the reset');
      const until = error.until?.getTime() ?? 0;
      assert.ok(until >= before + 118_000 && until <= clock.now() + 121_000, `until ${error.until?.toISOString()}`);
      assert.match(error.message, /Tybrite is limiting requests \(429\) until /);
    });

    it('keeps what the rate-limit headers say is left', async () => {
      const { source } = make({});
      assert.equal(source.allowance(), undefined);
      await source.listThreads(customer, {});
      await source.listThreads(customer, {});
      const allowance = source.allowance();
      assert.ok(allowance && allowance.limit === 10_000 && allowance.remaining === 9_998, JSON.stringify(allowance));
      assert.ok(allowance.resetsAt && Date.parse(allowance.resetsAt) > clock.now());
    });
  });

  describe('session renewal', () => {
    const expiring = (key: string, expiresInMs: number) =>
      make({ apiKey: key, session: JSON.stringify({ accessToken: server.keys.tybriteSession, refreshToken: 'tbrt_unused', expiresAt: clock.now() + expiresInMs }) });

    it('a publishable key never calls /v1/auth/refresh; a session that ended asks to sign in again', async () => {
      const soon = expiring(server.keys.tybritePublishable, 60_000);
      await soon.source.listThreads(customer, {});
      const ended = expiring(server.keys.tybritePublishable, -1_000);
      const error = await ended.source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(error instanceof MissingCredentialError && error.missing === 'session', String(error));
      assert.match(error.message, /publishable key cannot renew it: sign in again/);
      assert.deepEqual(server.control.requests().map((entry) => `${entry.method} ${entry.path}`), ['GET /v1/messaging/threads']);
    });

    it('a secret key renews (and a refused renewal asks to sign in again, once)', async () => {
      const soon = expiring(server.keys.tybrite, 60_000);
      const error = await soon.source.listThreads(customer, {}).catch((e: unknown) => e);
      assert.ok(error instanceof MissingCredentialError && error.missing === 'session', String(error));
      assert.match(error.message, /session ended: sign in again/);
      assert.deepEqual(server.control.requests().map((entry) => `${entry.method} ${entry.path}`), ['POST /v1/auth/refresh']);
    });
  });
});
