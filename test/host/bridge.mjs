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
  /** @type {import('playwright-core').CDPSession | undefined} */
  let profiling;
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
    /**
     * One Playwright action on a locator of the page or of a frame: the suite's gestures
     * (test/integration/helpers/gestures.ts). Playwright waits for the element to be there,
     * visible and stable before acting, up to `timeoutMs`.
     */
    async '/locator'({ frame: frameSelector, selector, action, args = [], timeoutMs = DEFAULT_TIMEOUT_MS }, page) {
      const act = LOCATOR_ACTIONS[action];
      if (!act) throw new Error(`unknown locator action ${action}`);
      const root = frameSelector ? await waitForFrame(page, frameSelector, timeoutMs) : page;
      return { result: await act(root.locator(selector), args, timeoutMs) };
    },
    async '/mouse/move'({ x, y }, page) {
      await page.mouse.move(x, y);
      return {};
    },
    /**
     * Chromium's own counters for the workbench page after a full garbage collection (documents,
     * listeners, DOM nodes, JS heap, time spent in tasks): what a long run accumulates.
     */
    async '/page/metrics'(_body, page) {
      const session = await page.context().newCDPSession(page);
      try {
        await session.send('HeapProfiler.collectGarbage');
        await session.send('Performance.enable');
        const { metrics } = await session.send('Performance.getMetrics');
        const focus = await page.evaluate(() => ({ visible: document.visibilityState === 'visible' ? 1 : 0, focused: document.hasFocus() ? 1 : 0 }));
        return { ...Object.fromEntries(metrics.map((metric) => [metric.name, metric.value])), Pages: page.context().pages().length, Visible: focus.visible, Focused: focus.focused };
      } finally {
        await session.detach().catch(() => undefined);
      }
    },
    /** A CPU profile of the page's renderer (the workbench and its same-origin webviews), for the benchmarks. */
    async '/profile/start'(_body, page) {
      const session = await page.context().newCDPSession(page);
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 100 });
      await session.send('Profiler.start');
      profiling = session;
      return {};
    },
    async '/profile/stop'({ name }) {
      if (!profiling) throw new Error('no profile was started');
      const { profile } = await profiling.send('Profiler.stop');
      await profiling.detach().catch(() => undefined);
      profiling = undefined;
      const file = path.join(artifactsDir, `${String(name).replace(/[^\w.-]+/g, '-')}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return { path: file };
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

/** How long a gesture waits for its element, unless the suite says otherwise. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The Playwright locator actions the suite may ask for, by name. Each gets the locator, the
 * arguments from the suite and the time limit.
 * @type {Record<string, (locator: import('playwright-core').Locator, args: any[], timeout: number) => Promise<unknown>>}
 */
const LOCATOR_ACTIONS = {
  click: (locator, [options = {}], timeout) => locator.click({ timeout, ...options }),
  dblclick: (locator, [options = {}], timeout) => locator.dblclick({ timeout, ...options }),
  hover: (locator, [options = {}], timeout) => locator.hover({ timeout, ...options }),
  focus: (locator, _args, timeout) => locator.focus({ timeout }),
  press: (locator, [key], timeout) => locator.press(key, { timeout }),
  fill: (locator, [value], timeout) => locator.fill(value, { timeout }),
  type: (locator, [text], timeout) => locator.pressSequentially(text, { timeout }),
  waitFor: (locator, [state = 'visible'], timeout) => locator.waitFor({ state, timeout }),
  count: (locator) => locator.count(),
  isVisible: (locator) => locator.isVisible(),
  textContent: (locator, _args, timeout) => locator.textContent({ timeout }),
  innerText: (locator, _args, timeout) => locator.innerText({ timeout }),
  inputValue: (locator, _args, timeout) => locator.inputValue({ timeout }),
  getAttribute: (locator, [name], timeout) => locator.getAttribute(name, { timeout }),
  allInnerTexts: (locator) => locator.allInnerTexts(),
  /** Runs a function (sent as source text) over every matching element, in the page. */
  evaluateAll: (locator, [source, arg]) => locator.evaluateAll((elements, { source, arg }) => (0, eval)(`(${source})`)(elements, arg), { source, arg }),
  scrollIntoView: (locator, _args, timeout) => locator.scrollIntoViewIfNeeded({ timeout }),
  screenshot: (locator, [file], timeout) => locator.screenshot({ path: file, timeout }),
};

/**
 * The frame whose document holds `selector`, waiting for it to appear (a webview loads after
 * its panel opens).
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {number} timeoutMs
 */
async function waitForFrame(page, selector, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await findFrame(page, selector);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector} after ${timeoutMs} ms`);
    await page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => undefined);
  }
}

/**
 * The first frame whose document holds an element matching the selector.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
async function findFrame(page, selector) {
  // Every frame asked at once (a dozen sequential round trips made each step of a test slow),
  // the first in the page's order that answers yes taken.
  const frames = page.frames();
  const matches = await Promise.all(
    frames.map((frame) =>
      frame.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false), // detached or cross-origin frame in transition
    ),
  );
  return frames[matches.indexOf(true)];
}
