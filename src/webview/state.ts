// All of the page's mutable state, in one object: what the host sent, the rows built from it,
// and what the reader is doing (focus, search, images, long tasks). Every module reads and
// changes this object and nothing else, so one reload of the page starts from one fresh state.
import type { MessageItem } from '../domain/model';
import type { PageMessage, PageState as SavedState, PanelTarget, ThreadView } from '../panel/protocol';
import { pageStateSchema } from '../panel/protocol';
import type { VirtualList, VirtualRow } from './virtualList';

export type Row =
  | (VirtualRow & { kind: 'day'; label: string })
  /** `item` and `setSize` are what its element shows: the same ones, the same element. */
  | (VirtualRow & { kind: 'message'; index: number; item: MessageItem; setSize: number })
  /** A message the page does not hold yet: it is asked for when it comes into view. */
  | (VirtualRow & { kind: 'placeholder'; index: number })
  | (VirtualRow & { kind: 'status'; state: 'loading' | 'failed' | 'end' | 'idle'; text: string });

export interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}

export interface SearchMatch {
  index: number;
  count: number;
}

export interface Page {
  readonly vscode: VsCodeApi;
  readonly app: HTMLElement;
  target: PanelTarget | undefined;
  view: ThreadView | undefined;
  /** The thread's messages by position; `undefined` where the page does not hold one yet. */
  messages: (MessageItem | undefined)[];
  /** How many messages the host holds from the first one on. */
  held: number;
  rows: Row[];
  /** Row index of each message. */
  rowOfMessage: number[];
  list: VirtualList<Row> | undefined;
  loadingMore: boolean;
  moreError: string | undefined;
  /** Ranges asked of the host and not answered yet, by their first index. */
  requested: Set<number>;
  /** A message to focus once it arrives (End, a search jump into messages not held yet). */
  pendingFocus: { index: number; align: 'start' | 'end' | 'nearest' } | undefined;
  focusedMessage: number;
  painted: boolean;
  preview: boolean;
  /** The reader kept the preview open (the host was told once). */
  keptOpen: boolean;
  /** Where a reload left the reader, until the thread is on screen again. */
  restoreAnchor: { id?: string; index: number; offset: number; target: PanelTarget } | undefined;
  /** A long task the host runs for the page, with its progress. */
  task: { kind: 'load' | 'search'; loaded: number; total: number | undefined } | undefined;
  toolbar: {
    /** "Loaded 1,100 of 10,000", or a long task's progress with Cancel. */
    loaded: HTMLElement | undefined;
    keepOpen: HTMLElement | undefined;
  };
  search: {
    input: HTMLInputElement | undefined;
    count: HTMLElement | undefined;
    /** What was searched, when not the whole thread ("searched 1,100 of 10,000 — Search all"). */
    scope: HTMLElement | undefined;
    query: string;
    matches: SearchMatch[];
    /** Occurrences in all matches. */
    total: number;
    /** Where the matches came from: the messages the page holds, or every message (the host). */
    source: 'page' | 'host';
    searched: number;
    of: number;
    /** The current occurrence: which match, and which occurrence inside it. */
    current: { match: number; nth: number } | undefined;
    /** The message whose match becomes current when the host's answer comes (opened at it). */
    wanted: number | undefined;
    /** Lower-cased searchable text per message index, built when first searched. */
    texts: Map<number, string>;
    timer: number;
  };
  images: {
    loaded: Map<string, string>;
    pending: Map<number, HTMLElement>;
    nextRequest: number;
  };
  highlighter: { state: 'idle' | 'loading' | 'ready' | 'failed'; waiting: HTMLElement[] };
  saveTimer: number;
  requestTimer: number;
}

export function createPage(vscode: VsCodeApi, app: HTMLElement): Page {
  const saved = pageStateSchema.safeParse(vscode.getState());
  return {
    vscode,
    app,
    target: undefined,
    view: undefined,
    messages: [],
    held: 0,
    rows: [],
    rowOfMessage: [],
    list: undefined,
    loadingMore: false,
    moreError: undefined,
    requested: new Set(),
    pendingFocus: undefined,
    focusedMessage: -1,
    painted: false,
    preview: saved.success ? saved.data.preview === true : false,
    keptOpen: false,
    restoreAnchor:
      saved.success && saved.data.anchorIndex !== undefined
        ? { ...(saved.data.anchorId ? { id: saved.data.anchorId } : {}), index: saved.data.anchorIndex, offset: saved.data.anchorOffset ?? 0, target: saved.data.target }
        : undefined,
    task: undefined,
    toolbar: { loaded: undefined, keepOpen: undefined },
    search: {
      input: undefined,
      count: undefined,
      scope: undefined,
      query: '',
      matches: [],
      total: 0,
      source: 'page',
      wanted: undefined,
      searched: 0,
      of: 0,
      current: undefined,
      texts: new Map(),
      timer: 0,
    },
    images: { loaded: new Map(), pending: new Map(), nextRequest: 1 },
    highlighter: { state: 'idle', waiting: [] },
    saveTimer: 0,
    requestTimer: 0,
  };
}

export function send(page: Page, message: PageMessage): void {
  page.vscode.postMessage(message);
}

/** How many messages the thread has as far as the page knows (the service's total where it says). */
export function messageCount(page: Page): number {
  return Math.max(page.view?.total ?? 0, page.held, page.messages.length);
}

/** The first message visible below the toolbar, and how far it is scrolled, to come back to. */
export function anchorState(page: Page): { id?: string; index: number; offset: number } | undefined {
  const anchor = page.list?.anchor();
  if (!anchor) return undefined;
  for (let row = anchor.index; row < page.rows.length; row++) {
    const entry = page.rows[row];
    if (entry?.kind === 'message' || entry?.kind === 'placeholder') {
      const id = page.messages[entry.index]?.id;
      return { ...(id ? { id } : {}), index: entry.index, offset: row === anchor.index ? anchor.offset : 0 };
    }
  }
  return undefined;
}

/** Saves what a reload restores: the thread, the reading position (message and offset), preview or not. */
export function saveState(page: Page): void {
  if (!page.target) return;
  // Until a restored thread is on screen again, keep the position saved before.
  const anchor = (page.list && page.view ? anchorState(page) : undefined) ?? (page.restoreAnchor && sameTarget(page.restoreAnchor.target, page.target) ? page.restoreAnchor : undefined);
  page.vscode.setState({
    target: page.target,
    ...(anchor ? { anchorIndex: anchor.index, anchorOffset: anchor.offset, ...(anchor.id ? { anchorId: anchor.id } : {}) } : {}),
    ...(page.preview && !page.keptOpen ? { preview: true } : {}),
  });  // What was saved, where a test (or a curious reader) can see it.
  document.body.dataset['savedAnchor'] = anchor?.id ?? '';
}

export function sameTarget(a: PanelTarget | undefined, b: PanelTarget | undefined): boolean {
  return a !== undefined && b !== undefined && a.accountId === b.accountId && a.threadId === b.threadId;
}
