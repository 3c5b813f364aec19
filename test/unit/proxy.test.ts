// Requests really go through a proxy (Debian's tinyproxy on loopback) when one is configured,
// and bypass it for NO_PROXY hosts and for this machine. The target of the proxied requests
// listens on this machine's network address, since loopback is never proxied.
import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { HttpClient } from '../../src/http/client';
import { createDispatcher, type ProxySettings } from '../../src/http/proxy';
import { decodeWith } from '../../src/http/validation';
import { json, startScriptedServer, type ScriptedServer } from './support/testServer';
import { networkAddress, startTinyproxy } from './support/tinyproxy';

describe('HTTP through a real proxy (tinyproxy)', function () {
  this.timeout(15_000);
  let proxy: { url: string; stop: () => Promise<void> };
  let target: ScriptedServer;
  let local: ScriptedServer;
  const decode = decodeWith(z.object({ ok: z.boolean() }), (value) => value.ok);

  before(async function () {
    const address = networkAddress();
    if (!address) {
      console.log('      (no network interface besides loopback: the proxied requests cannot be tested here)');
      this.skip();
    }
    proxy = await startTinyproxy();
    target = await startScriptedServer(address);
    local = await startScriptedServer();
  });
  after(async () => {
    await target?.close();
    await local?.close();
    await proxy?.stop();
  });

  async function fetchThrough(settings: ProxySettings, env: Record<string, string>, server = target, headers: Record<string, string> = {}): Promise<string | string[] | undefined> {
    server.script(json(200, { ok: true }));
    const dispatcher = createDispatcher(server.url, settings, env);
    try {
      const client = new HttpClient({ serviceName: 'Target', baseUrl: server.url, dispatcher, credentials: async () => headers });
      assert.equal((await client.get(['ping'], {}, decode)).data, true);
      return server.requests[0]?.headers['via'];
    } finally {
      await dispatcher.destroy();
    }
  }

  it('goes through the proxy named in http.proxy', async () => {
    const via = await fetchThrough({ proxy: proxy.url }, {});
    assert.match(String(via), /tinyproxy/);
  });

  it('goes through HTTP_PROXY from the environment when no setting is made', async () => {
    const via = await fetchThrough({}, { HTTP_PROXY: proxy.url });
    assert.match(String(via), /tinyproxy/);
  });

  it('bypasses the proxy for NO_PROXY hosts', async () => {
    const via = await fetchThrough({ proxy: proxy.url }, { NO_PROXY: `localhost,${new URL(target.url).hostname}` });
    assert.equal(via, undefined);
  });

  it('bypasses the proxy for http.noProxy hosts', async () => {
    const via = await fetchThrough({ proxy: proxy.url, noProxy: [new URL(target.url).hostname] }, {});
    assert.equal(via, undefined);
  });

  it('never sends a request to this machine through the proxy, so the proxy never sees its key (issue 11)', async () => {
    const key = { authorization: 'Bearer sample_key_for_loopback_0001' };
    assert.equal(await fetchThrough({ proxy: proxy.url }, {}, local, key), undefined, 'http.proxy set');
    assert.equal(await fetchThrough({}, { HTTP_PROXY: proxy.url }, local, key), undefined, 'HTTP_PROXY set');
    assert.equal(local.requests[0]?.headers.authorization, key.authorization, 'the request went straight to the local service');
  });
});
