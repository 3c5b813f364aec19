import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { apiUrl, baseUrlProblem, isLoopbackHost } from '../../src/http/origin';
import { matchesNoProxy, resolveProxy } from '../../src/http/proxy';
import { backoffDelay, nextDelay, parseRetryAfter, type RetryPolicy } from '../../src/http/retry';
import { summarizeIssues } from '../../src/http/validation';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 10_000 };

describe('retry rules', () => {
  it('reads Retry-After as seconds', () => {
    assert.equal(parseRetryAfter('7', 0), 7_000);
  });
  it('reads Retry-After as an HTTP date, relative to now', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    assert.equal(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now), 0, 'a date in the past means now');
  });
  it('ignores an unreadable Retry-After', () => {
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(undefined, 0), undefined);
  });
  it('draws full-jitter backoff within [0, min(max, base·2^n))', () => {
    assert.equal(backoffDelay(0, policy, () => 0), 0);
    assert.equal(backoffDelay(2, policy, () => 0.5), 200);
    assert.equal(backoffDelay(10, policy, () => 0.999), 999, 'capped by maxDelayMs');
  });
  it('never waits less than Retry-After', () => {
    assert.equal(nextDelay(0, 5_000, policy, () => 0), 5_000);
    assert.ok(nextDelay(0, 5_000, policy, () => 0.99) <= 5_500);
  });
});

describe('where keys may go', () => {
  it('accepts https and loopback http base URLs only', () => {
    assert.equal(baseUrlProblem('https://api.example.com/v1'), undefined);
    assert.equal(baseUrlProblem('http://127.0.0.1:8080/agentsend'), undefined);
    assert.equal(baseUrlProblem('http://localhost:3000'), undefined);
    assert.match(baseUrlProblem('http://api.example.com') ?? '', /https/);
    assert.match(baseUrlProblem('ftp://example.com') ?? '', /https/);
    assert.match(baseUrlProblem('https://user:pw@example.com') ?? '', /credentials/);
    assert.match(baseUrlProblem('not a url') ?? '', /full URL/);
  });
  it('knows loopback hosts', () => {
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('127.4.5.6') && isLoopbackHost('[::1]') && isLoopbackHost('localhost'));
    assert.ok(!isLoopbackHost('128.0.0.1') && !isLoopbackHost('localhost.example.com'));
  });
  it('keeps ids from responses inside the base path and origin', () => {
    const url = apiUrl('https://api.example.com/v1/', ['threads', '../../admin', '//evil.example/x']);
    assert.equal(url.origin, 'https://api.example.com');
    assert.equal(url.pathname, '/v1/threads/..%2F..%2Fadmin/%2F%2Fevil.example%2Fx');
  });
  it('refuses `.`, `..` and empty segments, which would climb out of the base path (issue 11)', () => {
    // Before: this gave https://api.sitegpt.example/admin.
    assert.throws(() => apiUrl('https://api.sitegpt.example/api/v0', ['chatbots', '..', '..', '..', 'admin']), /path segment "\.\."/);
    for (const segment of ['.', '..', '', '%2e', '%2E%2e', '.%2e']) {
      assert.throws(() => apiUrl('https://api.example.com/v1', ['threads', segment, 'messages']), /Refusing a request/, JSON.stringify(segment));
    }
    assert.equal(apiUrl('https://api.example.com/v1', ['threads', '...', 'a.b']).pathname, '/v1/threads/.../a.b', 'other dots are ordinary characters');
  });
  it('knows loopback spelled as an IPv4-mapped IPv6 address', () => {
    assert.ok(isLoopbackHost('[::ffff:127.0.0.1]') && isLoopbackHost('[::ffff:7f00:1]'));
    assert.ok(!isLoopbackHost('[::ffff:10.0.0.1]'));
  });
});

describe('proxy selection', () => {
  const target = new URL('https://api.example.com/v1');
  it('never sends a request to this machine through a proxy, whatever is configured (issue 11)', () => {
    for (const url of ['http://localhost:8080/api', 'http://127.0.0.1:47813/x', 'https://[::1]:8443/', 'http://127.5.6.7/']) {
      assert.equal(resolveProxy(new URL(url), { proxy: 'http://proxy.example:3128' }, {}), undefined, url);
      assert.equal(resolveProxy(new URL(url), {}, { HTTP_PROXY: 'http://proxy.example:3128', HTTPS_PROXY: 'http://proxy.example:3128' }), undefined, url);
    }
  });
  it('prefers http.proxy over the environment', () => {
    assert.equal(resolveProxy(target, { proxy: 'http://proxy:3128' }, { HTTPS_PROXY: 'http://env:1' }), 'http://proxy:3128');
  });
  it('falls back to HTTPS_PROXY then HTTP_PROXY for https targets', () => {
    assert.equal(resolveProxy(target, {}, { HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://b:2' }), 'http://a:1');
    assert.equal(resolveProxy(target, {}, { http_proxy: 'http://b:2' }), 'http://b:2');
    assert.equal(resolveProxy(new URL('http://127.0.0.1:1'), {}, { HTTPS_PROXY: 'http://a:1' }), undefined, 'http targets use HTTP_PROXY only');
  });
  it('bypasses hosts in http.noProxy and NO_PROXY', () => {
    assert.equal(resolveProxy(target, { proxy: 'http://p:1', noProxy: ['example.com'] }, {}), undefined);
    assert.equal(resolveProxy(target, { proxy: 'http://p:1' }, { NO_PROXY: 'other.org, .example.com' }), undefined);
    assert.equal(resolveProxy(target, { proxy: 'http://p:1' }, { NO_PROXY: 'other.org' }), 'http://p:1');
  });
  it('reads NO_PROXY entries as curl does', () => {
    assert.ok(matchesNoProxy(target, '*'));
    assert.ok(matchesNoProxy(target, 'api.example.com'));
    assert.ok(matchesNoProxy(target, '*.example.com'));
    assert.ok(matchesNoProxy(target, 'example.com:443'));
    assert.ok(!matchesNoProxy(target, 'example.com:8443'));
    assert.ok(!matchesNoProxy(target, 'ample.com'));
    assert.ok(matchesNoProxy(new URL('http://[::1]:8080/'), '::1'));
    assert.ok(matchesNoProxy(new URL('http://127.0.0.1:8080/'), '127.0.0.1:8080'));
  });
});

describe('validation summaries', () => {
  it('names paths and problems, at most three, without quoting values', () => {
    const schema = z.object({ data: z.array(z.object({ id: z.string() })) });
    const input = { data: [{ id: 1234567 }, {}, { id: null }, { id: 2 }] };
    const result = schema.safeParse(input);
    assert.ok(!result.success);
    const summary = summarizeIssues(result.error, input);
    assert.equal(summary, 'data[0].id: expected string; data[1].id: missing (expected string); data[2].id: expected string (and 1 more)');
    assert.ok(!summary.includes('1234567'));
  });

  it('words enum, length and union problems from their codes', () => {
    const schema = z.object({
      kind: z.enum(['a', 'b']),
      name: z.string().check(z.minLength(3)),
      either: z.union([z.string(), z.number()]),
    });
    const input = { kind: 'c', name: 'x', either: true };
    const result = schema.safeParse(input);
    assert.ok(!result.success);
    assert.equal(summarizeIssues(result.error, input), 'kind: expected "a" or "b"; name: too short (at least 3); either: matches none of the expected shapes');
  });
});
