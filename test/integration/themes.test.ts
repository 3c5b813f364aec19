// Readable in every theme: the thread page rendered in VS Code's four built-in theme kinds —
// Light, Dark, High Contrast, High Contrast Light — and the contrast of what it draws computed
// from the colours the webview really renders: body text, code (inline, blocks, highlighted
// tokens) and badges must reach 4.5:1 against the background they sit on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridge } from './helpers/bridge';
import { sample } from './helpers/sample';
import { addSampleAccounts, removeAllAccounts, waitFor, waitForPaint } from './helpers/threadline';

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
}

/** Runs in the webview: the contrast of every checked element's text against what is behind it. */
function measureContrast(): { kind: string; results: Measured[] } {
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
  const results: Measured[] = [];
  const check = (what: string, selector: string) => {
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector)).slice(0, 12)) {
      if (!element.textContent?.trim() || element.getClientRects().length === 0) continue;
      const back = background(element);
      const fore = over(parse(getComputedStyle(element).color), back);
      const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a) as [number, number];
      results.push({ kind: document.body.dataset['vscodeThemeKind'] ?? '', what, text: element.textContent.trim().slice(0, 30), ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100 });
    }
  };
  check('body text', '.message .body p, .message .body-text, .message .body li, .thread-header h1, .message .author');
  check('inline code', '.message .body :not(pre) > code');
  check('code block', '.message .body pre code');
  check('code token', '.message .body pre code span[class^="hljs-"]');
  check('badge', '.badge');
  return { kind: document.body.dataset['vscodeThemeKind'] ?? '', results };
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
        const measured = await bridge.frameEvaluate<ReturnType<typeof measureContrast>>(page, measureContrast);
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
