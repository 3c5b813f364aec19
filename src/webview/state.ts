// All of the page's mutable state, in one object: what the host sent, the rows built from it,
// and what the reader is doing (focus, search, images). Every module reads and changes this
// object and nothing else, so one reload of the page starts from one fresh state.
import type { MessageItem } from '../domain/model';
import type { PageMessage, PageState as SavedState, PanelTarget, ThreadView } from '../panel/protocol';
import { pageStateSchema } from '../panel/protocol';
import type { VirtualList, VirtualRow } from './virtualList';

export type Row =
  | (VirtualRow & { kind: 'day'; label: string })
  | (VirtualRow & { kind: 'message'; index: number })
  | (VirtualRow & { kind: 'status'; state: 'loading' | 'failed' | 'end' | 'idle'; text: string });

export interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}

export interface Page {
  readonly vscode: VsCodeApi;
  readonly app: HTMLElement;
  target: PanelTarget | undefined;
  view: ThreadView | undefined;
  messages: MessageItem[];
  rows: Row[];
  /** Row index of each message. */
  rowOfMessage: number[];
  list: VirtualList<Row> | undefined;
  loadingMore: boolean;
  moreError: string | undefined;
  focusedMessage: number;
  painted: boolean;
  /** Where a reload of the window left the reader, until the thread is on screen again. */
  restoreAnchor: { id: string; offset: number } | undefined;
  search: {
    input: HTMLInputElement | undefined;
    count: HTMLElement | undefined;
    matches: number[];
    /** The same, for the per-row checks while rendering. */
    matchSet: Set<number>;
    current: number;
    /** Lower-cased searchable text per message index, built when first searched. */
    texts: Map<number, string>;
    timer: number;
  };
  images: {
    loaded: Map<string, string>;
    pending: Map<number, HTMLElement>;
    nextRequest: number;
  };
  saveTimer: number;
}

export function createPage(vscode: VsCodeApi, app: HTMLElement): Page {
  const saved = pageStateSchema.safeParse(vscode.getState());
  return {
    vscode,
    app,
    target: undefined,
    view: undefined,
    messages: [],
    rows: [],
    rowOfMessage: [],
    list: undefined,
    loadingMore: false,
    moreError: undefined,
    focusedMessage: -1,
    painted: false,
    restoreAnchor: saved.success && saved.data.anchorId ? { id: saved.data.anchorId, offset: saved.data.anchorOffset ?? 0 } : undefined,
    search: { input: undefined, count: undefined, matches: [], matchSet: new Set(), current: -1, texts: new Map(), timer: 0 },
    images: { loaded: new Map(), pending: new Map(), nextRequest: 1 },
    saveTimer: 0,
  };
}

export function send(page: Page, message: PageMessage): void {
  page.vscode.postMessage(message);
}

/** The first message visible at the top, and how far it is scrolled, to come back to. */
export function anchorState(page: Page): { id: string; offset: number } | undefined {
  const anchor = page.list?.anchor();
  if (!anchor) return undefined;
  for (let row = anchor.index; row < page.rows.length; row++) {
    const entry = page.rows[row];
    if (entry?.kind === 'message') {
      const id = page.messages[entry.index]?.id;
      if (id) return { id, offset: row === anchor.index ? anchor.offset : 0 };
    }
  }
  return undefined;
}

/** Saves what the serializer restores after a window reload: the thread, and the reading position. */
export function saveState(page: Page): void {
  if (!page.target) return;
  // Until a restored thread is on screen again, keep the position saved before.
  const anchor = anchorState(page) ?? page.restoreAnchor;
  page.vscode.setState({ target: page.target, ...(anchor ? { anchorId: anchor.id, anchorOffset: anchor.offset } : {}) });
}
