// Paging invariants, in one place, for every list the store pages (thread lists, message
// histories, whole-thread fetches):
// - every item appears once: items are keyed by id, and a later copy replaces the earlier one in
//   place (the newest wins; a copy that differs is reported);
// - paging stops when a page brings nothing new, when a cursor repeats, when the service's own
//   end marker says so, or at a ceiling derived from what the service promised.
import type { Page } from '../domain/model';

/** Pages beyond what a claimed total justifies before paging stops anyway. */
const SLACK_PAGES = 2;
/** With no total to go by, no list is paged further than this. */
export const HARD_PAGE_CEILING = 5_000;

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

  clear(): void {
    this.list.length = 0;
    this.positions.clear();
  }
}

export type PagingStop = { reason: 'repeated' | 'ceiling'; message: string };

/**
 * Decides, page after page, whether to ask for another: follows the service's cursor until it
 * ends, and stops with a plain message when the service repeats itself or pages past anything its
 * own total could justify.
 */
export class PagingGuard {
  private readonly cursors = new Set<string>();
  private pages = 0;

  constructor(private readonly what: string) {}

  /**
   * After a page arrived (asked for with `cursor`, bringing `fresh` new items): the cursor to ask
   * with next, or why to stop. `undefined` next with no stop means the service said it was done.
   */
  next(page: Page<unknown>, fresh: number, pageSize: number, loaded: number): { next?: string; stop?: PagingStop } {
    this.pages++;
    if (page.next === undefined) return {};
    const repeated = () => ({ reason: 'repeated' as const, message: `Stopped after ${this.pages} ${this.pages === 1 ? 'page' : 'pages'}: the service kept returning the same ${this.what}.` });
    if (fresh === 0 || this.cursors.has(page.next)) return { stop: repeated() };
    this.cursors.add(page.next);
    const ceiling =
      page.total !== undefined && pageSize > 0 ? Math.ceil(page.total / pageSize) + SLACK_PAGES : HARD_PAGE_CEILING;
    if (this.pages >= ceiling || (page.total !== undefined && loaded >= page.total + pageSize * SLACK_PAGES)) {
      return { stop: { reason: 'ceiling', message: `Stopped after ${this.pages} pages: more than the ${page.total ?? 'expected'} ${this.what}s the service said there were.` } };
    }
    return { next: page.next };
  }
}
