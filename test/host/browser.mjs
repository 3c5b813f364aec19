// @ts-check
// Debian's Chromium driven by playwright-core: opens the workbench and waits for the suite's exit code.
import { chromium } from 'playwright-core';
import { BROWSER, CHROMIUM_PATH, ensureRequirements } from './prerequisites.mjs';
import { onCleanup } from './processes.mjs';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Let the benchmarks collect garbage before reading the heap, and read it unrounded (Chromium
  // otherwise buckets performance.memory); they change nothing else.
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
];

/**
 * Launches Chromium and opens a page; the browser is closed by the process cleanup on every path.
 * With `closePopups`, every other page the workbench opens (code-server's openExternal opens a
 * new tab for each link) is closed at once and the workbench brought back to the front: a
 * background workbench gets about one animation frame a second, so every Playwright click, which
 * waits for two frames of a stable layout, took 2 s for the rest of the run.
 * @param {{ onConsole?: (line: string) => void, viewport?: { width: number, height: number }, closePopups?: boolean }} options
 */
export async function openBrowser({ onConsole, viewport = { width: 1440, height: 900 }, closePopups = false } = {}) {
  ensureRequirements(BROWSER);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const close = onCleanup(async () => {
    await browser.close().catch(() => undefined);
  });
  // Copy commands reach the page's clipboard, which the suite reads back.
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  if (closePopups) {
    context.on('page', (popup) => {
      onConsole?.(`[popup] the workbench opened a page (closed): ${popup.url()}`);
      void popup
        .close()
        .catch(() => undefined)
        .then(() => page.bringToFront())
        .catch(() => undefined);
    });
  }
  if (onConsole) {
    page.on('console', (message) => onConsole(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => onConsole(`[pageerror] ${error.message}`));
  }
  return { browser, page, close };
}
