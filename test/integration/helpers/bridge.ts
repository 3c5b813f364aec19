// The suite's side of test/host/bridge.mjs: asks the launcher to act on the real page. Tests use
// the gestures built on it (./gestures.ts); these raw calls are for what no gesture covers.
const bridgeUrl = process.env['THREADLINE_HOST_BRIDGE'];

async function call<T>(route: string, body: unknown): Promise<T> {
  if (!bridgeUrl) throw new Error('THREADLINE_HOST_BRIDGE is not set: run the suite through test/host/run-integration.mjs');
  const response = await fetch(`${bridgeUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`bridge ${route}: ${result.error ?? response.status}`);
  return result;
}

/** The Playwright actions test/host/bridge.mjs performs on a locator. */
export type LocatorAction =
  | 'click'
  | 'dblclick'
  | 'hover'
  | 'focus'
  | 'press'
  | 'fill'
  | 'type'
  | 'waitFor'
  | 'count'
  | 'isVisible'
  | 'textContent'
  | 'innerText'
  | 'inputValue'
  | 'getAttribute'
  | 'allInnerTexts'
  | 'evaluateAll'
  | 'scrollIntoView'
  | 'screenshot';

export interface LocatorOptions {
  /** A selector that only the wanted frame's document matches (a webview), waited for. */
  frame?: string;
  /** How long Playwright waits for the element (default 30 s in the bridge). */
  timeoutMs?: number;
}

export const bridge = {
  available: Boolean(bridgeUrl),
  screenshot: (name: string) => call<{ path: string }>('/screenshot', { name }),
  pageEvaluate: <R>(fn: (arg: never) => R, arg?: unknown) => call<R>('/page/evaluate', { fn: fn.toString(), arg }),
  /** A CPU profile of the browser page (workbench and webviews), written beside the artifacts (benchmarks). */
  startProfile: () => call<Record<string, never>>('/profile/start', {}),
  stopProfile: (name: string) => call<{ path: string }>('/profile/stop', { name }),
  frameEvaluate: async <R>(selector: string, fn: (arg: never) => R | Promise<R>, arg?: unknown) =>
    call<{ found: boolean; result?: R }>('/frame/evaluate', { selector, fn: fn.toString(), arg }),
  allFrames: <R>(fn: (arg: never) => R, arg?: unknown) =>
    call<{ url: string; result?: R; error?: string }[]>('/frames/evaluate-all', { fn: fn.toString(), arg }),
  frameClick: (frameSelector: string, selector: string) => call<{ found: boolean }>('/frame/click', { frameSelector, selector }),
  frameScroll: (frameSelector: string, selector: string, top: number) =>
    call<{ found: boolean }>('/frame/scroll', { frameSelector, selector, top }),
  pageClick: (selector: string, button: 'left' | 'right' = 'left') => call<unknown>('/page/click', { selector, button }),
  pageDoubleClick: (selector: string) => call<unknown>('/page/dblclick', { selector }),
  viewport: (width: number, height: number) => call<unknown>('/page/viewport', { width, height }),
  frameIdentity: (selector: string) =>
    call<{ found: boolean; name?: string; url?: string; parentUrl?: string; timeOrigin?: number }>('/frame/identity', { selector }),
  keyboard: (keys: string[], text?: string) => call<unknown>('/keyboard', { keys, text }),
  pageMetrics: () => call<Record<string, number>>('/page/metrics', {}),
  console: (since = 0) => call<{ lines: string[]; total: number }>('/console', { since }),
  /** One Playwright action on the elements `selector` finds, in the page or in a frame. */
  locator: async <R = unknown>(selector: string, action: LocatorAction, args: unknown[] = [], options: LocatorOptions = {}) =>
    (await call<{ result: R }>('/locator', { selector, action, args, frame: options.frame, timeoutMs: options.timeoutMs })).result,
  mouseMove: (x: number, y: number) => call<unknown>('/mouse/move', { x, y }),
};
