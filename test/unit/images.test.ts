// Click-to-load images: the host fetches them (never the page) and hands back a data: URI, only
// for image types, within a size cap, following at most a few redirects — and only from public
// addresses, checked after name resolution on every hop, with the connection pinned to the
// addresses that were checked.
import * as assert from 'node:assert/strict';
import { MAX_IMAGE_BYTES, fetchImageAsDataUri, isPublicAddress, type ImageFetchOptions } from '../../src/http/images';
import { startScriptedServer, type Handler, type ScriptedServer } from './support/testServer';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const image =
  (type: string, body: Buffer): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': type, 'content-length': body.length });
    response.end(body);
  };

const redirectTo =
  (location: string): Handler =>
  (_request, response) => {
    response.writeHead(302, { location });
    response.end();
  };

describe('remote images fetched by the host', () => {
  let server: ScriptedServer;
  let port: string;
  /**
   * The test's stand-in for the internet: `cdn.example` resolves to the loopback test server and
   * counts as public; every other address is judged by the real rule.
   */
  const internet: ImageFetchOptions = {
    resolve: async (hostname) => (hostname === 'cdn.example' ? [{ address: '127.0.0.1', family: 4 }] : []),
    addressAllowed: (address, hostname) => hostname === 'cdn.example' || isPublicAddress(address),
  };
  before(async () => {
    server = await startScriptedServer();
    port = new URL(server.url).port;
  });
  after(() => server.close());

  it('returns an image as a data: URI of its own type, without credentials, connecting to the address it checked', async () => {
    server.script(image('image/png; charset=binary', PNG));
    const uri = await fetchImageAsDataUri(`http://cdn.example:${port}/logo.png`, internet);
    assert.equal(uri, `data:image/png;base64,${PNG.toString('base64')}`);
    const [request] = server.requests;
    assert.equal(request?.headers.authorization, undefined);
    assert.equal(request?.headers.host, `cdn.example:${port}`, 'the name is kept; only the address is pinned');
    assert.match(String(request?.headers.accept), /image\/png/);
  });

  it('follows a redirect within the public internet, checking the new address again', async () => {
    server.script(redirectTo(`http://cdn.example:${port}/moved.png`), image('image/png', PNG));
    assert.match(await fetchImageAsDataUri(`http://cdn.example:${port}/old.png`, internet), /^data:image\/png;base64,/);
    assert.deepEqual(server.requests.map((request) => request.url), ['/old.png', '/moved.png']);
  });

  it('refuses loopback, private and link-local addresses before sending anything', async () => {
    server.script(image('image/png', PNG));
    for (const url of [
      `http://127.0.0.1:${port}/x.png`,
      `http://localhost:${port}/x.png`,
      `http://[::1]:${port}/x.png`,
      'http://10.0.0.8/x.png',
      'http://192.168.1.1/x.png',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/x.png',
      'http://[::ffff:127.0.0.1]/x.png',
    ]) {
      await assert.rejects(fetchImageAsDataUri(url), /this machine or a private network/, url);
    }
    assert.equal(server.requests.length, 0, 'no request reached the local service');
  });

  it('refuses a public-looking name that resolves to a private address (checked after resolution)', async () => {
    server.script(image('image/png', PNG));
    const rebound: ImageFetchOptions = { resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }] };
    await assert.rejects(fetchImageAsDataUri(`http://images.example:${port}/x.png`, rebound), /images\.example is 127\.0\.0\.1/);
    assert.equal(server.requests.length, 0);
  });

  it('refuses a redirect from an outside host to this machine, before following it', async () => {
    server.script(redirectTo(`http://127.0.0.1:${port}/admin/delete`), image('image/png', PNG));
    await assert.rejects(fetchImageAsDataUri(`http://cdn.example:${port}/pixel.png`, internet), /private network are not loaded \(127\.0\.0\.1\)/);
    assert.deepEqual(server.requests.map((request) => request.url), ['/pixel.png'], 'the local address was never requested');
  });

  it('stops after three redirects', async () => {
    server.script(redirectTo(`http://cdn.example:${port}/again.png`));
    await assert.rejects(fetchImageAsDataUri(`http://cdn.example:${port}/loop.png`, internet), /redirected too many times/);
    assert.equal(server.requests.length, 4);
  });

  it('refuses what is not an image, an error status, other schemes and credentials in the address', async () => {
    server.script(image('text/html', Buffer.from('<script>alert(1)</script>')));
    await assert.rejects(fetchImageAsDataUri(`http://cdn.example:${port}/page`, internet), /Not an image \(text\/html\)/);
    server.script(image('image/svg+xml', Buffer.from('<svg onload="alert(1)"/>')));
    await assert.rejects(fetchImageAsDataUri(`http://cdn.example:${port}/vector.svg`, internet), /Not an image \(image\/svg\+xml\)/);
    server.script((_request, response) => response.writeHead(404).end());
    await assert.rejects(fetchImageAsDataUri(`http://cdn.example:${port}/gone.png`, internet), /answered 404/);
    await assert.rejects(fetchImageAsDataUri('file:///etc/passwd'), /Only http and https/);
    await assert.rejects(fetchImageAsDataUri('not a url'), /Not a valid image address/);
    await assert.rejects(fetchImageAsDataUri(`http://user:pw@cdn.example:${port}/x.png`, internet), /credentials/);
  });

  it('stops reading an image larger than the cap', async () => {
    server.script(image('image/jpeg', Buffer.alloc(MAX_IMAGE_BYTES + 1)));
    await assert.rejects(fetchImageAsDataUri(`http://cdn.example:${port}/huge.jpg`, internet), /larger than 5 MB/);
  });
});

describe('which addresses are public', () => {
  it('knows the private, loopback, link-local and reserved ranges, and IPv4 inside IPv6', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2001:4860:4860::8888']) assert.ok(isPublicAddress(address), address);
    for (const address of [
      '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
      '::ffff:10.0.0.1', '64:ff9b::a00:1', 'not an address',
    ]) {
      assert.ok(!isPublicAddress(address), address);
    }
  });
});
