// Readable in every theme: the thread page rendered in VS Code's four built-in theme kinds —
// Light, Dark, High Contrast, High Contrast Light — and the contrast of what it draws computed
// from the colours the webview really renders: body text, code (inline, blocks, highlighted
// tokens) and badges must reach 4.5:1 against the background they sit on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { restPointer, threadsView } from './helpers/gestures';
import { addSampleAccount, addSampleAccounts, cleanSlate, removeAllAccounts, waitFor, waitForPaint } from './helpers/threadline';

const THEMES: [string, string][] = [
  ['Default Light Modern', 'vscode-light'],
  ['Default Dark Modern', 'vscode-dark'],
  ['Default High Contrast', 'vscode-high-contrast'],
  ['Default High Contrast Light', 'vscode-high-contrast-light'],
];
const SITEGPT_SARAH = { threadId: '3b1f6c2e-5d4a-4e8b-9c07-2a6f1e8d9b40', containerId: '412578301966815233' };
const EMAIL = 'thr_htmlmail0001';

interface Measured {
  kind: string;
  what: string;
  text: string;
  ratio: number;
  color: string;
}

/**
 * Runs in the page measured (self-contained: it is sent there as text): the contrast of every
 * checked element's text against what is behind it. In a thread's webview: body text, code and
 * badges. In the workbench: every coloured part of each Threads view row drawn (not selected,
 * focused or hovered) — the icon (a thread's state, an error, a row to act on), the label and
 * description, and the unread badge after the label.
 */
function measureContrast(where: 'thread page' | 'threads view'): { kind: string; results: Measured[]; background: string } {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba => {
    const numbers = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
    return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const alpha = top[3] + bottom[3] * (1 - top[3]);
    if (alpha === 0) return [0, 0, 0, 0];
    const channel = (index: 0 | 1 | 2) => (top[index] * top[3] + bottom[index] * bottom[3] * (1 - top[3])) / alpha;
    return [channel(0), channel(1), channel(2), alpha];
  };
  const background = (element: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let node = element; node; node = node.parentElement) layers.push(parse(getComputedStyle(node).backgroundColor));
    let color: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (color[3] === 0) color = [255, 255, 255, 1];
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const luminance = ([r, g, b]: Rgba) => {
    const linear = (value: number) => {
      const v = value / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (fore: Rgba, back: Rgba) => {
    const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a) as [number, number];
    return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
  };
  const results: Measured[] = [];
  if (where === 'threads view') {
    for (const row of Array.from(document.querySelectorAll<HTMLElement>('.part.sidebar .monaco-list[aria-label="Threads"] .monaco-list-row'))) {
      if (row.classList.contains('selected') || row.classList.contains('focused') || row.matches(':hover')) continue;
      const back = background(row);
      const name = row.querySelector('.label-name')?.textContent ?? '';
      const icon = row.querySelector<HTMLElement>('.custom-view-tree-node-item-icon');
      const iconName = Array.from(icon?.classList ?? []).find((entry) => entry.startsWith('codicon-') && entry !== 'codicon') ?? 'icon';
      const parts: [string, Element | null, string | null][] = [
        [`icon ${iconName}`, icon, null],
        ['label', row.querySelector('.label-name'), null],
        ['description', row.querySelector('.label-description'), null],
        ['unread badge', row.querySelector('.monaco-icon-label'), '::after'],
      ];
      for (const [what, element, pseudo] of parts) {
        if (!element) continue;
        const style = getComputedStyle(element, pseudo);
        if (pseudo && (!style.content || style.content === 'none' || style.content === 'normal')) continue;
        results.push({ kind: '', what, text: name.slice(0, 30), ratio: ratio(over(parse(style.color), back), back), color: style.color });
      }
    }
    const sidebar = document.querySelector('.part.sidebar');
    return { kind: '', results, background: sidebar ? getComputedStyle(sidebar).backgroundColor : '' };
  }
  const check = (what: string, selector: string) => {
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector)).slice(0, 12)) {
      if (!element.textContent?.trim() || element.getClientRects().length === 0) continue;
      const back = background(element);
      const color = getComputedStyle(element).color;
      results.push({ kind: document.body.dataset['vscodeThemeKind'] ?? '', what, text: element.textContent.trim().slice(0, 30), ratio: ratio(over(parse(color), back), back), color });
    }
  };
  check('body text', '.message .body p, .message .body-text, .message .body li, .thread-header h1, .message .author');
  check('inline code', '.message .body :not(pre) > code');
  check('code block', '.message .body pre code');
  check('code token', '.message .body pre code span[class^="hljs-"]');
  check('badge', '.badge');
  return { kind: document.body.dataset['vscodeThemeKind'] ?? '', results, background: getComputedStyle(document.body).backgroundColor };
}

describe('readable in every theme', function () {
  this.timeout(240_000);
  let accountIds: Map<string, string>;
  let originalTheme: string | undefined;

  before(async () => {
    await removeAllAccounts();
    await sample.reset();
    accountIds = await addSampleAccounts(['sitegpt', 'agentsend']);
    originalTheme = vscode.workspace.getConfiguration('workbench').inspect<string>('colorTheme')?.globalValue;
  });
  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', originalTheme, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllAccounts();
  });

  it('body text, code and badges reach 4.5:1 in Light, Dark, High Contrast and High Contrast Light', async () => {
    const failures: string[] = [];
    for (const [theme, kind] of THEMES) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      for (const [service, target] of [
        ['sitegpt', SITEGPT_SARAH],
        ['agentsend', { threadId: EMAIL }],
      ] as const) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.commands.executeCommand('threadline.openThread', { accountId: accountIds.get(service), ...target });
        await waitForPaint(target.threadId);
        const page = `[data-thread-id="${target.threadId}"]`;
        await waitFor(async () => (await bridge.frameEvaluate<string>(page, () => document.body.dataset['vscodeThemeKind'] ?? '')).result === kind, `${theme} in the webview`);
        if (service === 'sitegpt') {
          // Code blocks are highlighted once the highlighter has loaded.
          await waitFor(async () => (await bridge.frameEvaluate<boolean>(page, () => document.querySelector('.body pre code.hljs span') !== null)).result, 'highlighted code');
        }
        const measured = await bridge.frameEvaluate<ReturnType<typeof measureContrast>>(page, measureContrast, 'thread page');
        const results = measured.result?.results ?? [];
        const kinds = new Set(results.map((entry) => entry.what));
        const expected = service === 'sitegpt' ? ['body text', 'inline code', 'code block', 'code token', 'badge'] : ['body text', 'badge'];
        for (const what of expected) assert.ok(kinds.has(what), `${theme}, ${service}: ${what} was measured`);
        const lowest = new Map<string, Measured>();
        for (const entry of results) if (!lowest.has(entry.what) || (lowest.get(entry.what)?.ratio ?? 99) > entry.ratio) lowest.set(entry.what, entry);
        console.log(`[threadline-test] ${theme} (${service}): ${[...lowest.values()].map((entry) => `${entry.what} ${entry.ratio}:1`).join(', ')}`);
        for (const entry of results) if (entry.ratio < 4.5) failures.push(`${theme}, ${service}: ${entry.what} “${entry.text}” ${entry.ratio}:1`);
      }
    }
    assert.deepEqual(failures, [], 'every measured text reaches 4.5:1');
  });
});

describe('the Threads view in every theme', function () {
  this.timeout(240_000);
  let originalTheme: string | undefined;

  before(async () => {
    await cleanSlate();
    originalTheme = vscode.workspace.getConfiguration('workbench').inspect<string>('colorTheme')?.globalValue;
    // Every kind of status row: Tybrite's threads (unread, waiting, needs attention, done), an
    // error row (a chatbot that fails) and a row asking to act (a Cattix account without a key).
    await addSampleAccounts(['tybrite', 'sitegpt']);
    await addSampleAccount('cattix', 'Keyless Cattix', { apiKey: undefined });
    await sample.setFaults([{ service: 'sitegpt', pathIncludes: '/threads', fault: '500' }]);
    await threadsView.show();
    await threadsView.collapseAll();
    await threadsView.row('Keyless Cattix').expand();
    await threadsView.row('Sample SiteGPT').expand();
    await threadsView.row('Pricing Bot').expand();
    await threadsView.row('Sample Tybrite').expand();
    await threadsView.row('Sarah Johnson').expand();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', originalTheme, vscode.ConfigurationTarget.Global);
    await cleanSlate();
  });

  it('every status colour of the tree reaches 4.5:1 against the side bar in Light, Dark, High Contrast and High Contrast Light', async () => {
    const failures: string[] = [];
    await restPointer();
    for (const [theme, kind] of THEMES) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      const workbenchClass = { 'vscode-light': 'vs', 'vscode-dark': 'vs-dark', 'vscode-high-contrast': 'hc-black', 'vscode-high-contrast-light': 'hc-light' }[kind] ?? kind;
      await waitFor(() => bridge.pageEvaluate<boolean>((wanted: string) => document.querySelector('.monaco-workbench')?.classList.contains(wanted) ?? false, workbenchClass as never), `${theme} on the workbench`);
      const measured = await waitFor(async () => {
        const found = await bridge.pageEvaluate<ReturnType<typeof measureContrast>>(measureContrast, 'threads view');
        const kinds = new Set(found.results.map((entry) => entry.what));
        const wanted = ['icon codicon-circle-filled', 'icon codicon-error', 'icon codicon-key', 'unread badge'];
        return wanted.every((what) => kinds.has(what)) && [...kinds].some((what) => /codicon-(clock|warning|pass)$/.test(what)) ? found : undefined;
      }, `${theme}: every kind of status row drawn`);
      const lowest = new Map<string, Measured>();
      for (const entry of measured.results) if ((lowest.get(entry.what)?.ratio ?? 99) > entry.ratio) lowest.set(entry.what, entry);
      console.log(`[threadline-test] ${theme} tree on ${measured.background}: ${[...lowest.values()].map((entry) => `${entry.what} ${entry.color} ${entry.ratio}:1`).join(', ')}`);
      for (const entry of measured.results) if (entry.ratio < 4.5) failures.push(`${theme}: ${entry.what} of “${entry.text}” ${entry.color} ${entry.ratio}:1`);
      await bridge.screenshot(`tree-contrast-${kind}`);
    }
    assert.deepEqual(failures, [], 'every status colour reaches 4.5:1');
  });
});
