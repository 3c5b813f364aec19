// @ts-check
// Driving the demo's workbench in headless Chromium the way a person would (activity bar,
// clicks, command palette): the demo's self-check, and the README's screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser } from './browser.mjs';
import { pollUntil } from './wait.mjs';

/** @typedef {import('playwright-core').Page} Page */

const SERVICES = ['AgentSend', 'Cattix', 'SiteGPT', 'Thred', 'Tybrite'];

/** The workbench's console, printed when a step fails. @type {string[]} */
const consoleLines = [];

/** @param {string} url */
async function openWorkbench(url) {
  const { page } = await openBrowser({ viewport: { width: 1440, height: 900 }, onConsole: (line) => consoleLines.push(line) });
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar [aria-label^="Threadline"]').first().click({ timeout: 60_000 });
  for (const service of SERVICES) await row(page, `Sample ${service}`).waitFor({ timeout: 60_000 });
  return page;
}

/**
 * A row of the Threads view by its label.
 * @param {Page} page
 * @param {string | RegExp} label
 */
function row(page, label) {
  return page.locator('.pane-body .monaco-list-row').filter({ hasText: label }).first();
}

/**
 * Expands the first container under an account and returns the titles of its thread rows.
 * @param {Page} page
 * @param {string} account
 */
async function expandFirstContainer(page, account) {
  const accountRow = row(page, account);
  const index = Number(await accountRow.getAttribute('data-index'));
  const container = page.locator(`.pane-body .monaco-list-row[data-index="${index + 1}"]`);
  await container.click();
  const threads = page.locator('.pane-body .monaco-list-row[aria-level="3"]');
  await threads.first().waitFor({ timeout: 30_000 });
  const titles = await threads.evaluateAll((rows) => rows.map((element) => element.querySelector('.label-name')?.textContent ?? ''));
  return { container: (await container.locator('.label-name').first().textContent()) ?? '', titles, collapse: () => container.click() };
}

/**
 * Expands a container row by its label and returns a function that collapses it again.
 * @param {Page} page
 * @param {string} label
 */
async function expandContainer(page, label) {
  const container = page.locator('.pane-body .monaco-list-row[aria-level="2"]').filter({ hasText: label }).first();
  await container.click();
  await page.locator('.pane-body .monaco-list-row[aria-level="3"]').first().waitFor({ timeout: 30_000 });
  return () => container.click();
}

/**
 * Drags the sidebar's edge so thread titles have room.
 * @param {Page} page
 * @param {number} width
 */
async function widenSidebar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge + 1, 400);
  await page.mouse.down();
  await page.mouse.move(box.x + width, 400, { steps: 8 });
  await page.mouse.up();
}

/**
 * The demo's self-check: the tree lists sample threads of all five services.
 * @param {string} url
 * @param {string} artifacts
 */
export async function checkDemo(url, artifacts) {
  fs.mkdirSync(artifacts, { recursive: true });
  const page = await openWorkbench(url);
  let failed = false;
  try {
    for (const service of SERVICES) {
      const { container, titles, collapse } = await expandFirstContainer(page, `Sample ${service}`);
      console.log(`  ${service.padEnd(10)} ${container}: ${titles.length} threads shown, e.g. “${titles.slice(0, 2).join('”, “')}”`);
      if (titles.length === 0) failed = true;
      await collapse();
    }
  } catch (error) {
    await page.screenshot({ path: path.join(artifacts, 'failure.png') });
    await runCommand(page, 'Threadline: Show Log').catch(() => undefined);
    await page.locator('.part.panel .view-lines').first().waitFor().catch(() => undefined);
    await page.screenshot({ path: path.join(artifacts, 'failure-log.png') });
    throw error;
  }
  await expandFirstContainer(page, 'Sample AgentSend');
  const shot = path.join(artifacts, 'demo.png');
  await page.screenshot({ path: shot });
  console.log(`${failed ? 'FAILED' : 'OK'}: the demo's tree lists sample threads of all five services; screenshot ${path.relative(process.cwd(), shot)}`);
  return failed ? 1 : 0;
}

/**
 * Waits for the thread page of the open panel and returns its frame.
 * @param {Page} page
 * @param {string} title
 * @param {number} [timeoutMs]
 */
async function threadFrame(page, title, timeoutMs = 30_000) {
  const frame = await pollUntil(async () => {
    for (const candidate of page.frames()) {
      const found = await candidate.evaluate((text) => document.querySelector('.thread-header h1')?.textContent === text, title).catch(() => false);
      if (found) return candidate;
    }
    return undefined;
  }, { intervalMs: 200, timeoutMs });
  if (!frame) throw new Error(`the panel for “${title}” did not appear`);
  return frame;
}

/**
 * VS Code's built-in theme of each kind, the webview's name for the kind, the picture's suffix,
 * and the workbench's class for the kind.
 * @type {[string, string, string, string][]}
 */
const THEMES = [
  ['Default Light Modern', 'vscode-light', 'light', 'vs'],
  ['Default Dark Modern', 'vscode-dark', 'dark', 'vs-dark'],
  ['Default High Contrast', 'vscode-high-contrast', 'high-contrast', 'hc-black'],
  ['Default High Contrast Light', 'vscode-high-contrast-light', 'high-contrast-light', 'hc-light'],
];

/**
 * Chooses a color theme in the theme picker, as a person would: type its name, take the first
 * match — or the next one when that was another theme of the same name's start ("Default High
 * Contrast" and "… Light") — until `themed` says the theme is drawn (a thread's page in the
 * theme's kind: `pageThemed`; the workbench: `workbenchThemed`).
 * @param {Page} page
 * @param {string} theme
 * @param {() => Promise<boolean>} themed
 */
async function pickTheme(page, theme, themed) {
  for (let skip = 0; skip < 3; skip++) {
    // Ctrl+K Ctrl+T, the theme picker's own keys (the palette would offer the Marketplace first).
    await page.mouse.click(1000, 500); // the editor area has focus for the chord
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(theme);
    // The picker filters as it is typed into (its rows name a theme by label, "Light Modern", and
    // by id, "Default Light Modern"; a Marketplace row may come first): click the theme's row.
    const rows = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: theme }).filter({ hasNotText: 'Browse Additional' });
    await rows.first().waitFor();
    await rows.nth(Math.min(skip, (await rows.count()) - 1)).click();
    if (await themed()) return;
  }
  throw new Error(`could not choose ${theme}`);
}

/**
 * Whether the workbench turns to the theme kind (its class, within a few seconds).
 * @param {Page} page
 * @param {string} workbenchClass
 */
async function workbenchThemed(page, workbenchClass) {
  const kindOf = () => page.evaluate((name) => document.querySelector('.monaco-workbench')?.classList.contains(name) ?? false, workbenchClass);
  return (await pollUntil(async () => (await kindOf()) === true, { intervalMs: 100, timeoutMs: 8_000 })) === true;
}

/**
 * Whether the thread's page turns to the theme kind (within a few seconds).
 * @param {Page} page
 * @param {string} title
 * @param {string} kind
 */
async function pageThemed(page, title, kind) {
  const frame = await threadFrame(page, title);
  const kindOf = () => frame.evaluate(() => document.body.dataset['vscodeThemeKind']).catch(() => undefined);
  return (await pollUntil(async () => (await kindOf()) === kind, { intervalMs: 100, timeoutMs: 8_000 })) === true;
}

/**
 * Clicks a thread row and waits for its panel. A row redrawn just as it is clicked runs nothing
 * (VS Code drops the old row's command), so the click is made again if no panel appears.
 * @param {Page} page
 * @param {string | RegExp} label
 * @param {string} title
 */
async function openRow(page, label, title) {
  for (let attempt = 0; attempt < 4; attempt++) {
    await row(page, label).click();
    const frame = await threadFrame(page, title, 6_000).catch(() => undefined);
    if (frame) return frame;
  }
  throw new Error(`clicking “${title}” opened no panel`);
}

/**
 * Runs a command from the palette.
 * @param {Page} page
 * @param {string} title
 */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * The README's screenshots, taken from the real workbench, and the icon rendered from its SVG.
 * @param {string} url
 * @param {string} root
 */
export async function takeScreenshots(url, root) {
  const out = path.join(root, 'media', 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const page = await openWorkbench(url);
  try {
    await screenshotFlows(page, out);
  } catch (error) {
    await page.screenshot({ path: path.join(root, 'test-artifacts', 'screenshots-failure.png') }).catch(() => undefined);
    console.error(consoleLines.filter((line) => /error/i.test(line)).slice(-15).join('\n'));
    throw error;
  }
  await renderIcon(page, root);
  return 0;
}

/**
 * @param {Page} page
 * @param {string} out
 */
async function screenshotFlows(page, out) {
  const shot = async (/** @type {string} */ name) => {
    await page.mouse.move(1400, 880); // no hover tooltips in the pictures
    await page.locator('.monaco-hover, .context-view .monaco-menu').first().waitFor({ state: 'hidden' }).catch(() => undefined);
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    console.log(`  media/screenshots/${name}.png`);
  };

  /** A walkthrough step's picture: shipped in the extension, so a compressed crop. */
  const walkthroughShot = async (/** @type {string} */ step, /** @type {{x: number, y: number, width: number, height: number}} */ clip) => {
    await page.mouse.move(1400, 880);
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden' }).catch(() => undefined);
    const file = path.join(out, '..', 'walkthrough', `${step}.jpg`);
    await page.screenshot({ path: file, type: 'jpeg', quality: 60, clip });
    console.log(`  media/walkthrough/${step}.jpg`);
  };

  // The tree at the side bar's default width, as a new user first sees it: an email inbox (who
  // wrote, the title, when) and a Tybrite customer (unread threads marked, their count at the
  // end), the other accounts closed; in each of VS Code's four theme kinds.
  const sidebarRight = await page.locator('.part.sidebar').evaluate((element) => element.getBoundingClientRect().right);
  const treeClip = { x: 0, y: 0, width: Math.ceil(sidebarRight), height: 700 };
  for (const account of ['Sample Cattix', 'Sample SiteGPT', 'Sample Thred']) await row(page, account).click();
  const support = await expandContainer(page, 'Acme Sales');
  // The rows learn who wrote each email just after they are drawn.
  await page.locator('.pane-body .monaco-list-row[aria-level="3"][aria-label*=", from "]').first().waitFor({ timeout: 30_000 });
  const customer = await expandContainer(page, 'Sarah Johnson');
  await page.locator('.pane-body .monaco-list-row[aria-label^="Unread thread"]').first().waitFor({ timeout: 30_000 });
  await walkthroughShot('browse', treeClip);
  for (const [theme, , name, workbenchClass] of THEMES) {
    await pickTheme(page, theme, () => workbenchThemed(page, workbenchClass));
    await page.mouse.move(1400, 880);
    await page.screenshot({ path: path.join(out, `tree-${name}.png`), clip: treeClip });
    console.log(`  media/screenshots/tree-${name}.png`);
  }
  await pickTheme(page, 'Default Dark Modern', () => workbenchThemed(page, 'vs-dark'));

  // Adding an account: the service picker.
  await runCommand(page, 'Threadline: Add Account…');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await walkthroughShot('connect', { x: 0, y: 0, width: 1100, height: 460 });
  await page.keyboard.press('Escape');

  // Looking a customer up.
  await runCommand(page, 'Threadline: Look Up Customer by Email…');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('sarah.johnson@techcorp.example');
  await walkthroughShot('lookup', { x: 0, y: 0, width: 1100, height: 300 });
  await page.keyboard.press('Escape');

  await customer();
  await support();
  for (const account of ['Sample Cattix', 'Sample SiteGPT', 'Sample Thred']) await row(page, account).click();

  await widenSidebar(page, 470);

  // The tree: a Cattix company and a SiteGPT chatbot expanded (bottom first, so both stay in view).
  const company = await expandContainer(page, 'Summit Dental Group');
  const chatbot = await expandContainer(page, 'Pricing Bot');
  await shot('tree');
  await chatbot();
  await company();

  // An email thread in the panel, then the same thread in each of VS Code's four theme kinds
  // (chosen from the color theme picker, as a person would).
  const inbox = await expandFirstContainer(page, 'Sample AgentSend');
  await openRow(page, 'Q3 invoice split by workspace', 'Q3 invoice split by workspace');
  await shot('panel-email');
  await walkthroughShot('read', { x: 0, y: 0, width: 1240, height: 760 });
  for (const [theme, kind, name] of THEMES) {
    await pickTheme(page, theme, () => pageThemed(page, 'Q3 invoice split by workspace', kind));
    await shot(`panel-email-${name}`);
  }
  await pickTheme(page, 'Default Dark Modern', () => pageThemed(page, 'Q3 invoice split by workspace', 'vscode-dark'));
  await inbox.collapse();

  // A Thred customer with insights.
  const thred = await expandFirstContainer(page, 'Sample Thred');
  await openRow(page, /^Sarah Johnson/, 'Sarah Johnson');
  await shot('panel-thred');
  await thred.collapse();

  // Looking a customer up from the command palette.
  await runCommand(page, 'Threadline: Look Up Customer by Email…');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type('sarah.johnson@techcorp.example');
  await shot('lookup');
  await page.keyboard.press('Escape');

  // The same email thread as a Markdown document.
  const again = await expandFirstContainer(page, 'Sample AgentSend');
  await row(page, 'Q3 invoice split by workspace').click({ button: 'right' });
  // The menu takes its items from the keyboard more reliably than from a synthetic click.
  await page.locator('.context-view .action-label', { hasText: 'Open Thread as Markdown' }).hover();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'Q3 invoice split by workspace' }).first().waitFor();
  await shot('markdown');
  await again.collapse();
}

/**
 * The Marketplace icon, rendered from media/icon.svg.
 * @param {Page} page
 * @param {string} root
 */
async function renderIcon(page, root) {
  const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
  const icon = await page.context().newPage();
  await icon.setViewportSize({ width: 128, height: 128 });
  await icon.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await icon.screenshot({ path: path.join(root, 'media', 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  console.log('  media/icon.png');
}
