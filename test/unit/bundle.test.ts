// The release bundles, built into a temporary folder with esbuild's metafile: activation loads
// neither the HTTP stack nor markdown-it (each is its own file, required on first use), the sizes
// stay under their ceilings, and the trimmed undici file — only the parts Threadline calls —
// still makes every kind of request Threadline makes: a plain one, one through a proxy (forwarded
// and tunnelled with CONNECT), and a WebSocket.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as UndiciParts from '../../src/http/undiciParts';
import type * as MarkdownItParts from '../../src/sinks/markdownItParts';
import { acceptWebSocket } from '../../src/sample/websocket';
import { json, startScriptedServer, type ScriptedServer } from './support/testServer';
import { networkAddress, startTinyproxy } from './support/tinyproxy';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Metafile {
  outputs: Record<string, { bytes: number; entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

describe('Release bundles: what activation loads, sizes, and the trimmed HTTP stack', function () {
  this.timeout(60_000);
  let dir: string;
  let meta: Metafile;
  const output = (file: string) => {
    const found = Object.entries(meta.outputs).find(([name]) => path.basename(name) === file);
    assert.ok(found, `${file} was built`);
    return found[1];
  };
  const budgets = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'bench', 'size-budgets.json'), 'utf8')) as { ceilings: { activationBundle: number; dist: number } };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-bundles-'));
    const built = spawnSync(process.execPath, ['esbuild.js', '--production', `--outdir=${path.join(dir, 'dist')}`, `--metafile=${path.join(dir, 'meta.json')}`], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, `the release build failed: ${built.stderr}`);
    meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Metafile;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('extension.js (loaded at activation) holds no undici, markdown-it or MiniSearch, and requires their own files instead', () => {
    const inputs = Object.keys(output('extension.js').inputs);
    assert.deepEqual(inputs.filter((input) => /node_modules\/(undici|markdown-it|minisearch)\//.test(input)), []);
    const text = fs.readFileSync(path.join(dir, 'dist', 'extension.js'), 'utf8');
    assert.match(text, /require\("\.\/undici\.js"\)/);
    assert.match(text, /require\("\.\/markdown-it\.js"\)/);
    assert.match(text, /require\("\.\/minisearch\.js"\)/);
  });

  it('undici.js leaves out what Threadline never calls: mocks, cache, cookies, EventSource, interceptors', () => {
    const inputs = Object.keys(output('undici.js').inputs);
    assert.ok(inputs.some((input) => input.includes('node_modules/undici/lib/dispatcher/proxy-agent.js')));
    assert.deepEqual(inputs.filter((input) => /node_modules\/undici\/(index\.js|lib\/(mock|cache|interceptor)\/|lib\/web\/(cookies|eventsource|cache)\/)/.test(input)), []);
  });

  it('undici.js carries one HTTP parser, compressed, and no HTTP/2 client (esbuild.js undiciTrimPlugin)', () => {
    const { inputs } = output('undici.js');
    const bytesOf = (file: string) => Object.entries(inputs).find(([input]) => input.endsWith(`node_modules/undici/lib/${file}`))?.[1].bytesInOutput ?? 0;
    // Each build of llhttp is about 72 KB of base64 as undici ships it.
    assert.ok(bytesOf('llhttp/llhttp-wasm.js') < 25_000, `the plain llhttp is ${bytesOf('llhttp/llhttp-wasm.js')} bytes`);
    assert.ok(bytesOf('llhttp/llhttp_simd-wasm.js') < 500, `the SIMD llhttp is ${bytesOf('llhttp/llhttp_simd-wasm.js')} bytes`);
    assert.ok(bytesOf('dispatcher/client-h2.js') < 500, `the HTTP/2 client is ${bytesOf('dispatcher/client-h2.js')} bytes`);
  });

  it('the bundles stay under their size ceilings (test/bench/size-budgets.json)', () => {
    assert.ok(output('extension.js').bytes <= budgets.ceilings.activationBundle, `extension.js is ${output('extension.js').bytes} bytes`);
    const total = fs.readdirSync(path.join(dir, 'dist')).reduce((sum, file) => sum + fs.statSync(path.join(dir, 'dist', file)).size, 0);
    assert.ok(total <= budgets.ceilings.dist, `dist holds ${total} bytes`);
  });

  it('markdown-it.js parses Markdown on its own', () => {
    const { MarkdownIt } = require(path.join(dir, 'dist', 'markdown-it.js')) as typeof MarkdownItParts;
    const tokens = new MarkdownIt('default', { html: false }).parse('# Title\n\n*hi*', {});
    assert.deepEqual(tokens.map((token) => token.type).slice(0, 3), ['heading_open', 'inline', 'heading_close']);
  });

  describe('requests through the built undici.js', () => {
    let undici: typeof UndiciParts;
    let local: ScriptedServer;
    before(async () => {
      undici = require(path.join(dir, 'dist', 'undici.js')) as typeof UndiciParts;
      local = await startScriptedServer();
    });
    after(async () => local.close());

    it('a plain request through an Agent', async () => {
      local.script(json(200, { ok: true }));
      const agent = new undici.Agent({ connections: 2 });
      try {
        const answer = await undici.request(`${local.url}/ping?x=1`, { dispatcher: agent, headers: { accept: 'application/json' } });
        assert.equal(answer.statusCode, 200);
        assert.deepEqual(await answer.body.json(), { ok: true });
        assert.equal(local.requests[0]?.url, '/ping?x=1');
      } finally {
        await agent.close();
      }
    });

    it('a request through a ProxyAgent, forwarded and tunnelled with CONNECT (tinyproxy)', async function () {
      const address = networkAddress();
      if (!address) {
        console.log('      (no network interface besides loopback: the proxied requests cannot be tested here)');
        this.skip();
      }
      const proxy = await startTinyproxy();
      const target = await startScriptedServer(address);
      const via = async (proxyTunnel: boolean) => {
        target.script(json(200, { ok: proxyTunnel }));
        const agent = new undici.ProxyAgent({ uri: proxy.url, proxyTunnel });
        try {
          const answer = await undici.request(`${target.url}/through`, { dispatcher: agent });
          assert.deepEqual(await answer.body.json(), { ok: proxyTunnel });
          return target.requests[0]?.headers['via'];
        } finally {
          await agent.close();
        }
      };
      try {
        // A forwarded request carries the proxy's Via header; a tunnel is opaque to the proxy.
        assert.match(String(await via(false)), /tinyproxy/);
        assert.equal(await via(true), undefined);
      } finally {
        await target.close();
        await proxy.stop();
      }
    });

    it('a WebSocket through the given dispatcher, with headers, exchanging text', async () => {
      const seen: string[] = [];
      const server = http.createServer((_request, response) => response.writeHead(404).end());
      server.on('upgrade', (request: http.IncomingMessage, socket) => {
        seen.push(String(request.headers['authorization']));
        acceptWebSocket(request, socket, (text, live) => live.send(`echo ${text}`), () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const agent = new undici.Agent();
      try {
        const { port } = server.address() as AddressInfo;
        const socket = new undici.WebSocket(`ws://127.0.0.1:${port}/feed`, { dispatcher: agent, headers: { authorization: 'Bearer test' } });
        const answer = await new Promise<string>((resolve, reject) => {
          socket.addEventListener('open', () => socket.send('ping'));
          socket.addEventListener('message', (event) => resolve(String(event.data)));
          socket.addEventListener('error', () => reject(new Error('the WebSocket failed')));
        });
        socket.close(1000);
        assert.equal(answer, 'echo ping');
        assert.deepEqual(seen, ['Bearer test']);
      } finally {
        await agent.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});
