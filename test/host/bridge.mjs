// @ts-check
// A small HTTP server on loopback through which the suite, running inside the extension host,
// asks the launcher to act on the real page: screenshots, reading a webview's DOM (Playwright
// reaches webview iframes through page.frames()), keyboard input and the page console.
// Its address reaches the extension host as THREADLINE_HOST_BRIDGE.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * Starts the bridge; `attach` hands it the workbench page once there is one.
 * @param {{ consoleLines: string[], artifactsDir: string }} options
 */
export async function startBridge({ consoleLines, artifactsDir }) {
  /** @type {import('playwright-core').Page | undefined} */
  let attached;
  const pageOrThrow = () => {
    if (!attached) throw new Error('the workbench page is not attached to the bridge yet');
    return attached;
  };
  /** @type {Record<string, (body: any, page: import('playwright-core').Page) => Promise<unknown>>} */
  const routes = {
    async '/screenshot'({ name, fullPage }, page) {
      const file = path.join(artifactsDir, `${String(name).replace(/[^\w.-]+/g, '-')}.png`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: Boolean(fullPage) });
      return { path: file };
    },
    /** Evaluates a function in the first frame whose document matches `selector`. */
    async '/frame/evaluate'({ selector, fn, arg }, page) {
      const frame = await findFrame(page, selector);
      if (!frame) return { found: false };
      // The function travels as source text: this bridge only serves the local test suite.
      const result = await frame.evaluate(
        ({ source, value }) => (0, eval)(`(${source})`)(value),
        { source: String(fn), value: arg },
      );
      return { found: true, result };
    },
    /** Evaluates a function in every frame of the page (the workbench and every webview). */
    async '/frames/evaluate-all'({ fn, arg }, page) {
      const results = [];
      for (const frame of page.frames()) {
        try {
          results.push({ url: frame.url(), result: await frame.evaluate(({ source, value }) => (0, eval)(`(${source})`)(value), { source: String(fn), value: arg }) });
        } catch (error) {
          results.push({ url: frame.url(), error: error instanceof Error ? error.message : String(error) });
        }
      }
      return results;
    },
    async '/frame/click'({ frameSelector, selector }, page) {
      const frame = await findFrame(page, frameSelector);
      if (!frame) return { found: false };
      await frame.locator(selector).first().click();
      return { found: true };
    },
    async '/frame/scroll'({ frameSelector, selector, top }, page) {
      const frame = await findFrame(page, frameSelector);
      if (!frame) return { found: false };
      await frame.locator(selector).first().evaluate((element, y) => {
        element.scrollTop = y;
        element.dispatchEvent(new Event('scroll'));
      }, top);
      return { found: true };
    },
    async '/page/evaluate'({ fn, arg }, page) {
      return page.evaluate(({ source, value }) => (0, eval)(`(${source})`)(value), { source: String(fn), value: arg });
    },
    async '/page/click'({ selector, button }, page) {
      await page.locator(selector).first().click({ button: button === 'right' ? 'right' : 'left' });
      return {};
    },
    async '/page/dblclick'({ selector }, page) {
      await page.locator(selector).first().dblclick();
      return {};
    },
    async '/page/viewport'({ width, height }, page) {
      await page.setViewportSize({ width: Number(width), height: Number(height) });
      return {};
    },
    /**
     * Which webview document holds `selector`: its frame's name and URL, its parent's URL (the
     * webview's own id), and the document's time origin (a new document has a new one).
     */
    async '/frame/identity'({ selector }, page) {
      const frame = await findFrame(page, selector);
      if (!frame) return { found: false };
      const timeOrigin = await frame.evaluate(() => performance.timeOrigin);
      return { found: true, name: frame.name(), url: frame.url(), parentUrl: frame.parentFrame()?.url() ?? '', timeOrigin };
    },
    async '/keyboard'({ keys, text }, page) {
      for (const key of keys ?? []) await page.keyboard.press(key);
      if (text) await page.keyboard.type(text);
      return {};
    },
    async '/console'({ since }) {
      return { lines: consoleLines.slice(Number(since) || 0), total: consoleLines.length };
    },
  };

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const route = routes[request.url ?? ''];
      if (!route || request.method !== 'POST') {
        response.writeHead(404).end();
        return;
      }
      Promise.resolve()
        .then(() => route(body ? JSON.parse(body) : {}, pageOrThrow()))
        .then(
          (result) => {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(JSON.stringify(result ?? null));
          },
          (error) => {
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
          },
        );
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    attach: (/** @type {import('playwright-core').Page} */ page) => {
      attached = page;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * The first frame whose document holds an element matching the selector.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
async function findFrame(page, selector) {
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate((s) => document.querySelector(s) !== null, selector)) return frame;
    } catch {
      // detached or cross-origin frame in transition: skip it
    }
  }
  return undefined;
}
