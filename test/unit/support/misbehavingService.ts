// A model service for property tests of the paging invariants: one list of items, paged in one of
// the four styles Threadline meets (offset with a total, an opaque cursor, page numbers, the whole
// list in one answer), that misbehaves on chosen requests the way real services do: it re-serves
// items, sends a newer copy of one, claims a total it cannot deliver, grows or shrinks while being
// paged, never ends its cursor, repeats a cursor or a page, sends an empty page in the middle,
// sends enormous or control-character text, or fails. It records what it delivered, so a test can
// hold the store's result against it.
import type { Page } from '../../../src/domain/model';
import { ServerError } from '../../../src/http/errors';

export type PagingStyle = 'offset' | 'cursor' | 'page' | 'whole';

export const TRICKS = ['normal', 'dup', 'conflict', 'inflate', 'grow', 'shrink', 'endless', 'repeat', 'empty', 'huge', 'control', 'fail'] as const;
export type Trick = (typeof TRICKS)[number];

/** One item of the service's list. `key` orders it for keyset cursors; `version` changes with its content. */
export interface Entry {
  id: string;
  key: number;
  version: number;
  text: string;
}

export interface ModelOptions {
  style: PagingStyle;
  /** Items in the list at the start. */
  size: number;
  /** The page size the service uses. */
  pageSize: number;
  /** What the service does on its 1st, 2nd, … request (then it behaves). */
  tricks: readonly Trick[];
  /** Where a growing list gets its new items: the front (newest-first thread lists) or the end (messages). */
  growAt: 'front' | 'end';
  /** Deterministic choices (positions to delete, …). */
  seed: number;
}

/** A 50,000-character text, and one with every kind of control and reordering character. */
export const HUGE_TEXT = `huge ${'W'.repeat(50_000)}`;
export const CONTROL_TEXT = 'ctl \u0000\u0007\u001B[31m\u202Einvoice\u2066gpj.exe\u2069\u200B\u00AD\uFEFF\r\n\u2028end';

export class MisbehavingService {
  readonly options: ModelOptions;
  list: Entry[];
  requests = 0;
  /** The last copy of each id the service delivered. */
  readonly delivered = new Map<string, Entry>();
  /** The size of the first page it answered with. */
  firstPage: number | undefined;
  /** Ids in the list at the start. */
  readonly initial: Set<string>;
  readonly deleted = new Set<string>();
  /** The service sent an empty page in a style where that is its way of saying "the end". */
  endedByEmptyPage = false;
  private inflated = false;
  private endless = false;
  private nextKey: number;
  private random: number;
  private lastPage: Entry[] = [];

  constructor(options: ModelOptions) {
    this.options = options;
    this.list = Array.from({ length: options.size }, (_, index) => entry(index, 0));
    this.nextKey = options.size;
    this.initial = new Set(this.list.map((item) => item.id));
    this.random = options.seed >>> 0 || 1;
  }

  /** Items present from the start to now: what a complete read must contain. */
  stable(): string[] {
    return [...this.initial].filter((id) => !this.deleted.has(id));
  }

  /** Answers a request for the page at `cursor` (undefined: the first page). */
  answer(cursor: string | undefined): Page<Entry> {
    const trick = this.options.tricks[this.requests] ?? 'normal';
    this.requests++;
    if (trick === 'fail') throw new ServerError({ service: 'Model', status: 500 });
    this.mutate(trick);
    const page = this.page(cursor, trick);
    this.firstPage ??= page.items.length;
    for (const item of page.items) this.delivered.set(item.id, { ...item });
    this.lastPage = page.items;
    return page;
  }

  private mutate(trick: Trick): void {
    const { style, growAt } = this.options;
    switch (trick) {
      case 'grow':
      case 'huge':
      case 'control': {
        const count = trick === 'grow' ? 1 + this.pick(this.options.pageSize) : 1;
        const fresh = Array.from({ length: count }, () => entry(this.nextKey++, 0, trick === 'huge' ? HUGE_TEXT : trick === 'control' ? CONTROL_TEXT : undefined));
        if (growAt === 'front' && style !== 'cursor') this.list.unshift(...fresh);
        else this.list.push(...fresh);
        return;
      }
      case 'shrink': {
        // Page numbers without a total give no way to notice: the model keeps to what can be.
        if (style === 'page' || this.list.length === 0) return;
        const count = 1 + this.pick(Math.min(this.options.pageSize, this.list.length));
        for (let index = 0; index < count && this.list.length > 0; index++) {
          const [gone] = this.list.splice(this.pick(this.list.length), 1);
          if (gone) this.deleted.add(gone.id);
        }
        return;
      }
      case 'dup':
      case 'conflict': {
        // Offsets and page numbers: the list itself holds a second copy (an item listed twice).
        if (style === 'cursor' || this.list.length === 0) return;
        const original = this.list[this.pick(this.list.length)] as Entry;
        const copy = trick === 'conflict' ? bump(original) : { ...original };
        this.list.splice(this.pick(this.list.length + 1), 0, copy);
        return;
      }
      case 'inflate':
        this.inflated = true;
        return;
      case 'endless':
        // From now on the service never says it is done.
        this.endless = true;
        return;
      default:
        return;
    }
  }

  private page(cursor: string | undefined, trick: Trick): Page<Entry> {
    const { style, pageSize } = this.options;
    const total = this.list.length + (this.inflated ? 1_000 : 0);
    switch (style) {
      case 'offset': {
        const offset = Number(cursor ?? 0);
        // `repeat`: the same page as last time, whatever offset was asked for.
        const items = trick === 'empty' ? [] : trick === 'repeat' && this.lastPage.length ? this.lastPage.map((item) => this.current(item)) : this.list.slice(offset, offset + pageSize);
        const claimed = this.endless ? total + 1_000 : total;
        const after = offset + items.length;
        // As AgentSend: the next offset while the total says more.
        return { items, offset, total: claimed, ...(after < claimed ? { next: String(after) } : {}) };
      }
      case 'cursor': {
        // Keyset paging: a cursor names the last item's key, so a list that changes loses nothing.
        const afterKey = cursor === undefined ? -1 : cursor.startsWith('x') ? Infinity : Number(cursor);
        const rest = this.list.filter((item) => item.key > afterKey);
        let items = trick === 'empty' ? [] : rest.slice(0, pageSize);
        if ((trick === 'dup' || trick === 'conflict') && this.lastPage.length > 0) {
          // The cursor lags: the end of the previous page comes again (a newer copy with `conflict`).
          const again = this.lastPage.slice(-1 - this.pick(Math.min(pageSize, this.lastPage.length))).map((item) => {
            if (trick !== 'conflict') return this.current(item);
            const newer = bump(this.current(item));
            this.replace(newer);
            return newer;
          });
          items = [...again, ...items].slice(0, Math.max(pageSize, again.length + 1));
        }
        const last = items[items.length - 1];
        const more = last !== undefined ? this.list.some((item) => item.key > last.key) : rest.length > 0;
        let next: string | undefined = more ? String(last?.key ?? afterKey) : undefined;
        if (this.endless && next === undefined) next = `x${this.requests}`;
        if (trick === 'repeat' && cursor !== undefined) next = cursor;
        return { items, ...(next !== undefined ? { next } : {}), ...(this.inflated ? { total } : {}) };
      }
      case 'page': {
        // As SiteGPT v0: page numbers, and an empty page is the end. `repeat`: the same page as
        // last time; once `endless`, pages past the end repeat the last one.
        const number = Number(cursor ?? 1);
        const lastNumber = Math.max(1, Math.ceil(this.list.length / pageSize));
        let items = trick === 'empty' ? [] : this.list.slice((number - 1) * pageSize, number * pageSize);
        if (trick === 'repeat' && this.lastPage.length) items = this.lastPage.map((item) => this.current(item));
        else if (this.endless && items.length === 0 && trick !== 'empty') items = this.list.slice((lastNumber - 1) * pageSize, lastNumber * pageSize);
        if (items.length === 0 && this.list.length > (number - 1) * pageSize) this.endedByEmptyPage = true;
        return { items, ...(items.length > 0 ? { next: String(number + 1) } : {}), ...(this.inflated ? { total } : {}) };
      }
      case 'whole': {
        const items = trick === 'empty' ? [] : [...this.list];
        if (trick === 'empty' && this.list.length > 0) this.endedByEmptyPage = true;
        return { items, total: this.inflated ? total : this.list.length };
      }
    }
  }

  private current(item: Entry): Entry {
    return this.list.find((other) => other.id === item.id) ?? item;
  }

  private replace(newer: Entry): void {
    this.list = this.list.map((item) => (item.id === newer.id ? newer : item));
  }

  /** A deterministic number in [0, below). */
  private pick(below: number): number {
    this.random = (this.random * 1_103_515_245 + 12_345) % 2 ** 31;
    return below <= 0 ? 0 : this.random % below;
  }
}

function entry(key: number, version: number, text?: string): Entry {
  const id = `i${key}`;
  return { id, key, version, text: `${marker(id, version)} ${text ?? ''}`.trim() };
}

function bump(item: Entry): Entry {
  return { ...item, version: item.version + 1, text: item.text.replace(marker(item.id, item.version), marker(item.id, item.version + 1)) };
}

/** An alphanumeric token naming the item and its version, found as it is in any rendering. */
export function marker(id: string, version: number): string {
  return `tok${id}v${version}end`;
}
