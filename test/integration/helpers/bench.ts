// What the host benchmarks share: how many runs (THREADLINE_BENCH_RUNS), the spread of a set of
// runs, the webview floor (a trivial webview made by this extension host), and a page's JS heap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contentSecurityPolicy, createNonce } from '../../../src/panel/html';
import { bridge } from './bridge';
import { waitFor } from './threadline';

/** Runs of each timed figure: 10, or THREADLINE_BENCH_RUNS (fewer while developing). */
export const BENCH_RUNS = Number(process.env['THREADLINE_BENCH_RUNS'] ?? 10);

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Median, fastest and slowest of a set of runs, and the runs themselves (rounded). */
export function spread(values: number[]): { median: number; min: number; max: number; runs: number[] } {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.map((value) => Math.round(value * 10) / 10) };
}

/**
 * The webview floor: the command to the first paint of a trivial webview — the panel's CSP, one
 * paragraph, and a nonce'd script that marks the paint right after the next frame exactly as the
 * thread page does — created by this extension host as Threadline creates its panels.
 */
export async function openFloorAndPaint(run: number, keep = false, heightPx = 0): Promise<number> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel('threadline.benchFloor', 'Floor', vscode.ViewColumn.One, { enableScripts: true });
  const nonce = createNonce();
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(panel.webview.cspSource, nonce)}"></head>
<body><p id="bench-floor-${run}">One paragraph.</p>${heightPx ? `<div style="height:${heightPx}px"></div>` : ''}
<script nonce="${nonce}">requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); document.body.dataset.painted = 'true'; }; c.port2.postMessage(undefined); });</script></body></html>`;
  await waitFor(async () => (await bridge.frameEvaluate<boolean>(`#bench-floor-${run}`, () => document.body.dataset['painted'] === 'true')).result, 'the floor webview to paint', 60_000);
  const ms = performance.now() - started;
  if (!keep) panel.dispose();
  return ms;
}

/**
 * A webview `heightPx` tall of plain paragraphs (message-like sentences, no script once laid out),
 * with the panel's CSP; returns the selector of its frame once painted.
 */
export async function openTextFloor(heightPx: number): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const panel = vscode.window.createWebviewPanel('threadline.benchFloor', 'Text floor', vscode.ViewColumn.One, { enableScripts: true });
  const nonce = createNonce();
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(panel.webview.cspSource, nonce)}"></head>
<body id="bench-text-floor"><script nonce="${nonce}">
const words = 'the order history shows two charges for the same subscription and the customer asks why the second one went through before the refund'.split(' ');
const fill = () => {
  const batch = document.createDocumentFragment();
  for (let i = 0; i < 500; i++) {
    const p = document.createElement('p');
    p.textContent = Array.from({ length: 30 + (i % 40) }, (_, j) => words[(i + j) % words.length]).join(' ');
    batch.append(p);
  }
  document.body.append(batch);
  if (document.documentElement.scrollHeight < ${Math.round(heightPx)}) fill();
  else requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); document.body.dataset.painted = 'true'; }; c.port2.postMessage(undefined); });
};
fill();
</script></body></html>`;
  await waitFor(async () => (await bridge.frameEvaluate<boolean>('#bench-text-floor', () => document.body.dataset['painted'] === 'true')).result, 'the text floor to paint', 120_000);
  return '#bench-text-floor';
}

/** Runs in a page: the JS heap after garbage collection (Chromium runs with --expose-gc here). */
async function heapAfterGc(): Promise<number | null> {
  (globalThis as unknown as { gc?: () => void }).gc?.();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
}

/** The workbench's own JS heap after garbage collection, read from its top frame. */
export async function workbenchHeap(): Promise<number | null> {
  return bridge.pageEvaluate<Promise<number | null>>(heapAfterGc);
}

/** A webview's JS heap after garbage collection. */
export async function heapOf(frameSelector: string): Promise<number | null> {
  return (await bridge.frameEvaluate<number | null>(frameSelector, heapAfterGc)).result ?? null;
}


/**
 * Runs `work` under the extension host's CPU profiler when THREADLINE_BENCH_PROFILE is set, and
 * writes `<name>.cpuprofile` into the artifacts folder (for finding where a stall goes).
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!process.env['THREADLINE_BENCH_PROFILE']) return work();
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    fs.writeFileSync(path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

/**
 * Runs `work` under Chromium's CPU profiler for the workbench page (its same-origin webviews
 * included) when THREADLINE_BENCH_PROFILE is set, writing `<name>.cpuprofile` beside the artifacts.
 */
export async function pageProfiled<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  if (!process.env['THREADLINE_BENCH_PROFILE']) return undefined;
  await bridge.startProfile();
  try {
    return await work();
  } finally {
    await bridge.stopProfile(name);
  }
}
