// Click-to-load images: the host fetches them (never the page) and hands back a data: URI, only
// for image types, within a size cap, following at most a few redirects.
import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { MAX_IMAGE_BYTES, fetchImageAsDataUri } from '../../src/http/images';
import { startScriptedServer, type Handler, type ScriptedServer } from './support/testServer';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const image =
  (type: string, body: Buffer): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': type, 'content-length': body.length });
    response.end(body);
  };

describe('remote images fetched by the host', () => {
  let server: ScriptedServer;
  let dispatcher: Agent;
  before(async () => {
    server = await startScriptedServer();
    dispatcher = new Agent();
  });
  after(async () => {
    await dispatcher.close();
    await server.close();
  });

  it('returns an image as a data: URI of its own type, without credentials', async () => {
    server.script(image('image/png; charset=binary', PNG));
    const uri = await fetchImageAsDataUri(`${server.url}/logo.png`, dispatcher);
    assert.equal(uri, `data:image/png;base64,${PNG.toString('base64')}`);
    assert.equal(server.requests[0]?.headers.authorization, undefined);
    assert.match(String(server.requests[0]?.headers.accept), /image\/png/);
  });

  it('follows a redirect to the image', async () => {
    server.script(
      (_request, response) => {
        response.writeHead(302, { location: '/moved.png' });
        response.end();
      },
      image('image/png', PNG),
    );
    assert.match(await fetchImageAsDataUri(`${server.url}/old.png`, dispatcher), /^data:image\/png;base64,/);
    assert.deepEqual(server.requests.map((request) => request.url), ['/old.png', '/moved.png']);
  });

  it('refuses what is not an image, an error status, and other schemes', async () => {
    server.script(image('text/html', Buffer.from('<script>alert(1)</script>')));
    await assert.rejects(fetchImageAsDataUri(`${server.url}/page`, dispatcher), /Not an image \(text\/html\)/);
    server.script(image('image/svg+xml', Buffer.from('<svg onload="alert(1)"/>')));
    await assert.rejects(fetchImageAsDataUri(`${server.url}/vector.svg`, dispatcher), /Not an image \(image\/svg\+xml\)/);
    server.script((_request, response) => response.writeHead(404).end());
    await assert.rejects(fetchImageAsDataUri(`${server.url}/gone.png`, dispatcher), /answered 404/);
    await assert.rejects(fetchImageAsDataUri('file:///etc/passwd', dispatcher), /Only http and https/);
    await assert.rejects(fetchImageAsDataUri('not a url', dispatcher), /Not a valid image address/);
  });

  it('stops reading an image larger than the cap', async () => {
    server.script(image('image/jpeg', Buffer.alloc(MAX_IMAGE_BYTES + 1)));
    await assert.rejects(fetchImageAsDataUri(`${server.url}/huge.jpg`, dispatcher), /larger than 5 MB/);
  });
});
