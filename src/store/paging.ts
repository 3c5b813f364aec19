// Paging invariants, in one place, for every list the store pages — a container's threads, a
// thread's messages, a whole thread for export — and for every way a service pages (offset with
// a total, opaque cursor, page number, the whole history in one answer):
// - every item appears once: items are keyed by id, and a later copy replaces the earlier one in
//   place (the newest wins; a copy that differs is reported);
// - paging stops when the service's own end marker says so, when a page is empty or brings
//   nothing new, when a cursor repeats, at a ceiling derived from the total the service claimed,
//   and when the requests made are more than the items delivered justify: never more than
//   ⌈distinct items / page size⌉ + SLACK_PAGES requests, the page size being the service's first
//   page. Each stop says why, in words the views show as they are;
// - with offsets, a total that shrinks between two pages means the items before the new page
//   moved up: those offsets are read again, so nothing is skipped (repeats are recognised by id).
import { t } from '../l10n';
import type { Page } from '../domain/model';

/** Requests beyond what the delivered items justify before paging stops anyway. */
export const SLACK_PAGES = 2;
/** No list is paged further than this, whatever the service claims. */
export const HARD_PAGE_CEILING = 5_000;

/** What is paged, in words: `{ one: 'message', many: 'messages' }`. */
export interface PagedNoun {
  one: string;
  many: string;
}

export const THREADS: PagedNoun = { one: 'thread', many: 'threads' };
export const MESSAGES: PagedNoun = { one: 'message', many: 'messages' };

/** Items of a paged list, in the order they came, each id once. */
export class UniqueItems<T> {
  private readonly list: T[] = [];
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly idOf: (item: T) => string | undefined,
    /** Told when an id came again with different content (the newer copy is kept). */
    private readonly onConflict: (id: string) => void = () => undefined,
  ) {}

  get items(): readonly T[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** Adds a page's items; returns the ones not seen before, in order. */
  add(items: readonly T[]): T[] {
    const fresh: T[] = [];
    for (const item of items) {
      const id = this.idOf(item);
      if (id === undefined) {
        // Nothing to recognise it by (an unreadable item without an id): kept as it came.
        this.list.push(item);
        fresh.push(item);
        continue;
      }
      const at = this.positions.get(id);
      if (at === undefined) {
        this.positions.set(id, this.list.length);
        this.list.push(item);
        fresh.push(item);
      } else {
        if (JSON.stringify(this.list[at]) !== JSON.stringify(item)) this.onConflict(id);
        this.list[at] = item;
      }
    }
    return fresh;
  }

  /**
   * Adds items read again from earlier in the service's list: each new one goes right after the
   * item that precedes it on the same page (or before the one that follows it), so the list keeps
   * the service's order. Returns the ones not seen before.
   */
  addInPlace(items: readonly T[]): T[] {
    const fresh: T[] = [];
    items.forEach((item, index) => {
      const id = this.idOf(item);
      if (id !== undefined && this.positions.has(id)) {
        this.add([item]);
        return;
      }
      const neighbour = (step: number): number | undefined => {
        for (let at = index + step; at >= 0 && at < items.length; at += step) {
          const other = this.idOf(items[at] as T);
          const position = other === undefined ? undefined : this.positions.get(other);
          if (position !== undefined) return position;
        }
        return undefined;
      };
      const after = neighbour(-1);
      const before = after === undefined ? neighbour(1) : undefined;
      const at = after !== undefined ? after + 1 : (before ?? this.list.length);
      this.list.splice(at, 0, item);
      this.reindex(at);
      fresh.push(item);
    });
    return fresh;
  }

  clear(): void {
    this.list.length = 0;
    this.positions.clear();
  }

  private reindex(from: number): void {
    for (let at = from; at < this.list.length; at++) {
      const id = this.idOf(this.list[at] as T);
      if (id !== undefined) this.positions.set(id, at);
    }
  }
}

/** Offsets to read again because the service's total went down from `before` to `after`. */
export interface Reread {
  offsets: number[];
  before: number;
  after: number;
}

export type PagingStopReason = 'empty' | 'repeated' | 'ceiling' | 'budget' | 'short';
export type PagingStop = { reason: PagingStopReason; message: string };

/** What one page brought, as the guard needs it. */
export interface PageOutcome {
  /** Items on the page as the service sent them, readable or not, repeats included. */
  received: number;
  /** Of those, how many were not seen before. */
  fresh: number;
  /** Distinct items known after the page. */
  distinct: number;
  /** The service's cursor for the page after this one, if it says there is one. */
  next?: string;
  total?: number;
}

/**
 * Decides, page after page, whether to ask for another: follows the service's cursor until it
 * ends, and stops with a plain message when the service repeats itself, sends nothing, or pages
 * past anything its own total or the items it delivered could justify.
 */
export class PagingGuard {
  private readonly cursors = new Set<string>();
  private made = 0;
  private arrived = 0;
  private firstPage: number | undefined;

  constructor(private readonly noun: PagedNoun) {}

  /** Requests made so far (pages, and offsets read again). */
  get requests(): number {
    return this.made;
  }

  /** Items the service sent over all requests, repeats and unreadable ones included. */
  get received(): number {
    return this.arrived;
  }

  /** The service's page size: its first page, as it sent it (at least 1). */
  get pageSize(): number {
    return Math.max(1, this.firstPage ?? 0);
  }

  /** The most requests `distinct` delivered items justify. */
  budget(distinct: number): number {
    return Math.min(HARD_PAGE_CEILING, Math.ceil(distinct / this.pageSize) + SLACK_PAGES);
  }

  /** Whether one more request stays within what the delivered items justify. */
  allowsAnother(distinct: number): boolean {
    return this.made + 1 <= this.budget(distinct);
  }

  /** A request outside the run of pages (an offset read again): counted like any other. */
  countRequest(received: number): void {
    this.made++;
    this.arrived += received;
    this.firstPage ??= received;
  }

  /** The message for a stop after the requests made so far. */
  stopMessage(why: string): string {
    return t('Stopped after {0} {1}: {2}.', this.made, this.made === 1 ? 'page' : 'pages', why);
  }

  /**
   * After a page arrived: the cursor to ask with next, or why to stop. `undefined` next with no
   * stop means the service said it was done.
   */
  next(page: PageOutcome): { next?: string; stop?: PagingStop } {
    this.countRequest(page.received);
    const { many } = this.noun;
    const stop = (reason: PagingStopReason, why: string) => ({ stop: { reason, message: this.stopMessage(why) } });
    const repeated = () => stop('repeated', t('the service kept returning the same page of {0}', many));
    // A later page made only of items already shown — even one the service calls its last — is
    // not where the service said it was: what it should have held was never sent.
    if (this.made > 1 && page.received > 0 && page.fresh === 0) return repeated();
    if (page.next === undefined) return {};
    if (page.received === 0) return stop('empty', t('the service sent an empty page of {0} but said more would follow', many));
    if (this.cursors.has(page.next)) return repeated();
    this.cursors.add(page.next);
    const total = page.total;
    if (total !== undefined && (this.made >= Math.ceil(total / this.pageSize) + SLACK_PAGES || page.distinct >= total + this.pageSize * SLACK_PAGES)) {
      return stop('ceiling', t('more than the {0} {1} the service said there were', total, total === 1 ? this.noun.one : many));
    }
    if (this.made >= HARD_PAGE_CEILING) return stop('ceiling', t('{0} pages is as far as Threadline reads', HARD_PAGE_CEILING));
    if (!this.allowsAnother(page.distinct)) return stop('budget', t('the service kept sending {0} it had already sent', many));
    return { next: page.next };
  }
}

/**
 * One paged list: its items (each id once), the guard, the service's cursor and total, why it
 * stopped, and — where the service pages by offset — where its list continues.
 */
export class PagedList<T> {
  private readonly unique: UniqueItems<T>;
  guard: PagingGuard;
  next: string | undefined;
  total: number | undefined;
  stopped: string | undefined;
  /** With offsets: the offset right after the last page read. */
  position: number | undefined;
  /** First id, last id and length of each page taken: a page read again that is one of them was repeated. */
  private readonly shapes = new Set<string>();

  constructor(
    private readonly noun: PagedNoun,
    private readonly idOf: (item: T) => string | undefined,
    onConflict?: (id: string) => void,
  ) {
    this.unique = new UniqueItems(idOf, onConflict);
    this.guard = new PagingGuard(noun);
  }

  /** The items, in the order they came, each id once. */
  get items(): readonly T[] {
    return this.unique.items;
  }

  get size(): number {
    return this.unique.size;
  }

  has(id: string): boolean {
    return this.unique.has(id);
  }

  /** Items that arrived outside paging (pushed by the service): each id once, as always. */
  add(items: readonly T[]): T[] {
    return this.unique.add(items);
  }

  /** Forgets everything: the next page is a first page. */
  reset(): void {
    this.unique.clear();
    this.guard = new PagingGuard(this.noun);
    this.next = undefined;
    this.total = undefined;
    this.stopped = undefined;
    this.position = undefined;
    this.shapes.clear();
  }

  private shapeOf(items: readonly T[]): string {
    const first = items[0];
    const last = items[items.length - 1];
    return `${first === undefined ? '' : this.idOf(first)}\u0000${last === undefined ? '' : this.idOf(last)}\u0000${items.length}`;
  }

  /**
   * Takes the next page of the run. `extraReceived`: items the page held that are not in
   * `page.items` (threads the service sent in a shape Threadline could not read). Returns the
   * items not seen before and, for an offset page whose total shrank, offsets to read again.
   */
  accept(page: Page<T>, extraReceived = 0): { fresh: T[]; reread?: Reread; stop?: PagingStop } {
    const fresh = this.unique.add(page.items);
    if (page.items.length) this.shapes.add(this.shapeOf(page.items));
    const received = page.items.length + extraReceived;
    const reread = this.shifted(page, received);
    if (page.total !== undefined) this.total = page.total;
    const decision = this.guard.next({
      received,
      fresh: fresh.length + extraReceived,
      distinct: this.unique.size,
      ...(page.next !== undefined ? { next: page.next } : {}),
      ...(page.total !== undefined ? { total: page.total } : {}),
    });
    this.next = decision.next;
    if (decision.stop) this.stopped = decision.stop.message;
    return { fresh, ...(reread ? { reread } : {}), ...(decision.stop ? { stop: decision.stop } : {}) };
  }

  /**
   * Takes a page read again at an offset (after a total shrank): its items join the list, and
   * it counts against the same budget, but it does not move the run along.
   */
  acceptReread(page: Page<T>): T[] {
    this.guard.countRequest(page.items.length);
    if (page.total !== undefined) this.total = page.total;
    return this.unique.addInPlace(page.items);
  }

  /** Whether another request (a page read again) is within what the delivered items justify. */
  mayReread(): boolean {
    return this.guard.allowsAnother(this.unique.size);
  }

  /**
   * Reads again, one page at a time and within the budget, the offsets a shrinking total left
   * behind. Returns the items not seen before. Past the budget the run stops and says why.
   */
  async readAgain(reread: Reread | undefined, fetchAt: ((offset: number) => Promise<Page<T>>) | undefined, onPage?: (page: Page<T>) => void): Promise<T[]> {
    if (!reread || !fetchAt) return [];
    const fresh: T[] = [];
    for (const offset of reread.offsets) {
      if (!this.mayReread()) {
        this.stop(t('the number of {0} went from {1} to {2} while Threadline paged; reading them again would take more requests than they justify', this.noun.many, reread.before, reread.after));
        break;
      }
      const page = await fetchAt(offset);
      onPage?.(page);
      const repeated = page.items.length > 0 && this.shapes.has(this.shapeOf(page.items));
      const added = this.acceptReread(page);
      fresh.push(...added);
      if (repeated && added.length === 0) {
        // Asked for another offset, the service sent a page it had sent before.
        this.stop(t('the service kept returning the same page of {0}', this.noun.many));
        break;
      }
      if (page.items.length === 0) {
        // Nothing where the service's own total says items are: the repair cannot be trusted.
        this.stop(t('the service sent an empty page of {0} where it said there were more', this.noun.many));
        break;
      }
      if (page.total !== undefined && page.total !== reread.after) {
        // The list moved again while it was being mended: what it holds now cannot be told.
        this.stop(t('the number of {0} kept changing while Threadline paged ({1}, {2}, then {3})', this.noun.many, reread.before, reread.after, page.total));
        break;
      }
    }
    // The pages read again used up part of what the delivered items justify.
    if (this.next !== undefined && !this.mayReread()) this.stop(t('the service kept sending {0} it had already sent', this.noun.many));
    return fresh;
  }

  /**
   * Once the run has ended: when the service sent fewer items than its own total (repeats
   * counted, so a repeated item is not taken for a missing one), says so.
   */
  noteShortfall(): void {
    if (this.next !== undefined || this.stopped !== undefined || this.total === undefined || this.guard.received >= this.total) return;
    this.stopped = this.guard.stopMessage(t('the service said {0} {1} but sent {2}', this.total, this.total === 1 ? this.noun.one : this.noun.many, this.size));
  }

  /** Stops the run here with a message (a request that would exceed the budget, say). */
  stop(why: string): void {
    this.next = undefined;
    this.stopped ??= this.guard.stopMessage(why);
  }

  /**
   * With offsets: when the total went down by `d` since the last page, up to `d` items before
   * this page moved to offsets already read. Those offsets are read again, one page at a time
   * (each within the budget, which the store checks before asking).
   */
  private shifted(page: Page<T>, received: number): Reread | undefined {
    if (page.offset === undefined) return undefined;
    const before = this.total;
    this.position = page.offset + received;
    if (before === undefined || page.total === undefined || page.total >= before) return undefined;
    const from = Math.max(0, page.offset - (before - page.total));
    const offsets: number[] = [];
    for (let offset = from; offset < page.offset; offset += this.guard.pageSize) offsets.push(offset);
    return offsets.length ? { offsets, before, after: page.total } : undefined;
  }
}
