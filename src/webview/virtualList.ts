// Windowing: only the rows near the viewport are in the DOM, so a 10,000-message thread costs
// a few dozen elements. Rows start at an estimated height and are measured once rendered;
// when a row above the viewport changes height the scroll position is corrected so the text
// being read does not jump.

export interface VirtualRow {
  key: string;
  estimate: number;
}

export interface VirtualListOptions<R extends VirtualRow> {
  host: HTMLElement;
  render: (row: R, index: number) => HTMLElement;
  /** Extra pixels rendered above and below the viewport. */
  overscan?: number;
  /** After each layout: the first and last rendered row. */
  onRange?: (first: number, last: number) => void;
  /** Pixels at the top of the viewport covered by a sticky bar: revealed rows go below it. */
  insetTop?: () => number;
  /**
   * Whether a rendered row, given again under the same key, would render the same: if so
   * setRows keeps its element (messages arriving re-render only the rows they change).
   */
  sameContent?: (before: R, after: R) => boolean;
}

/** Space kept between a revealed row and the edge (or the sticky bar) it is revealed against. */
const MARGIN = 8;

export class VirtualList<R extends VirtualRow> {
  private rows: R[] = [];
  private heights: number[] = [];
  /** offsets[i] = top of row i; offsets[rows.length] = total height. */
  private offsets: number[] = [0];
  private offsetsValidUpTo = 0;
  private readonly measured = new Map<string, number>();
  private readonly rendered = new Map<string, { element: HTMLElement; index: number }>();
  private frame = 0;
  private readonly observer: ResizeObserver;
  private readonly overscan: number;
  private readonly onWindowChange = (): void => this.schedule();

  constructor(private readonly options: VirtualListOptions<R>) {
    this.overscan = options.overscan ?? 800;
    options.host.classList.add('virtual-list');
    this.observer = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const element = entry.target as HTMLElement;
        const key = element.dataset['rowKey'];
        const slot = key ? this.rendered.get(key) : undefined;
        if (!slot) continue;
        changed = this.record(slot.index, element.offsetHeight) || changed;
      }
      if (changed) this.schedule();
    });
    window.addEventListener('scroll', this.onWindowChange, { passive: true });
    window.addEventListener('resize', this.onWindowChange);
  }

  /** Stops listening to the window: a page that shows a new list (Thred's progress updates) drops the old one. */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.observer.disconnect();
    window.removeEventListener('scroll', this.onWindowChange);
    window.removeEventListener('resize', this.onWindowChange);
    this.rendered.clear();
  }

  /**
   * Replaces every row, keeping measured heights of rows whose keys stay, the elements of rows
   * that render the same (`sameContent`), and the row being read where it was on screen (when it
   * is still there).
   */
  setRows(rows: R[]): void {
    const keep = this.rows.length ? this.anchor() : undefined;
    const keepKey = keep ? this.rows[keep.index]?.key : undefined;
    const previous = this.rows;
    this.rows = rows;
    this.heights = rows.map((row) => this.measured.get(row.key) ?? row.estimate);
    this.offsetsValidUpTo = 0;
    const sameContent = this.options.sameContent;
    const stays = new Map<string, number>();
    if (sameContent && this.rendered.size > 0) {
      rows.forEach((row, index) => {
        if (this.rendered.has(row.key)) stays.set(row.key, index);
      });
    }
    for (const [key, slot] of this.rendered) {
      const index = stays.get(key);
      const before = previous[slot.index];
      const after = index === undefined ? undefined : rows[index];
      if (sameContent && index !== undefined && before && after && sameContent(before, after)) {
        slot.index = index;
        continue;
      }
      slot.element.remove();
      this.observer.unobserve(slot.element);
      this.rendered.delete(key);
    }
    const index = keepKey !== undefined && keep ? rows.findIndex((row) => row.key === keepKey) : -1;
    if (keep && index >= 0 && window.scrollY > 0) this.scrollToAnchor(index, keep.offset);
    else this.layout();
  }

  /** Replaces the rows from `from` on (the tail changes as pages arrive). */
  replaceFrom(from: number, rows: R[]): void {
    this.rows.splice(from, this.rows.length - from, ...rows);
    this.heights.splice(from, this.heights.length - from, ...rows.map((row) => this.measured.get(row.key) ?? row.estimate));
    this.offsetsValidUpTo = Math.min(this.offsetsValidUpTo, from);
    for (const [key, slot] of this.rendered) {
      if (slot.index >= from) {
        slot.element.remove();
        this.observer.unobserve(slot.element);
        this.rendered.delete(key);
      }
    }
    this.schedule();
  }

  /**
   * The rendered element of a row, scrolled fully into view first: below the sticky bar and
   * above the bottom edge (`nearest`), at the top (`start`) or at the bottom (`end`). Rows are
   * measured as they render, so the scroll is corrected until the row sits where it should.
   */
  reveal(index: number, align: 'start' | 'nearest' | 'end' = 'nearest'): HTMLElement | undefined {
    if (index < 0 || index >= this.rows.length) return undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      this.computeOffsets();
      const listTop = this.listTop();
      const top = listTop + (this.offsets[index] ?? 0);
      const bottom = top + (this.heights[index] ?? 0);
      const inset = this.inset();
      const viewTop = window.scrollY + inset;
      const viewBottom = window.scrollY + window.innerHeight;
      let wanted: number | undefined;
      const fitsBelowTop = bottom - top <= window.innerHeight - inset - 2 * MARGIN;
      if (align === 'start' || (align === 'nearest' && (top < viewTop + MARGIN || !fitsBelowTop))) wanted = top - inset - MARGIN;
      else if (align === 'end' || bottom > viewBottom - MARGIN) wanted = fitsBelowTop ? bottom - window.innerHeight + MARGIN : top - inset - MARGIN;
      const max = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
      if (wanted !== undefined) wanted = Math.max(0, Math.min(max, wanted));
      const settled = wanted === undefined || Math.abs(wanted - window.scrollY) < 1;
      if (!settled) window.scrollTo({ top: wanted as number });
      this.layout();
      if (settled) break;
    }
    const key = this.rows[index]?.key;
    return key ? this.rendered.get(key)?.element : undefined;
  }

  /** The first row whose box reaches below the sticky bar, and how far into it the bar's edge is. */
  anchor(): { index: number; offset: number } | undefined {
    if (this.rows.length === 0) return undefined;
    this.computeOffsets();
    const viewTop = window.scrollY + this.inset() - this.listTop();
    let index = this.indexAt(Math.max(0, viewTop));
    // A row with only a sliver left below the edge is not what the reader is reading: the next one is.
    if (index + 1 < this.rows.length && (this.offsets[index + 1] ?? 0) - viewTop < 16) index++;
    return { index, offset: viewTop - (this.offsets[index] ?? 0) };
  }

  /** Puts row `index` at the sticky bar's edge, `offset` pixels into it; corrected as rows are measured. */
  scrollToAnchor(index: number, offset: number): void {
    const row = Math.min(index, this.rows.length - 1);
    for (let attempt = 0; attempt < 4; attempt++) {
      this.computeOffsets();
      const wanted = Math.max(0, this.listTop() + (this.offsets[row] ?? 0) + offset - this.inset());
      const settled = Math.abs(wanted - window.scrollY) < 1;
      if (!settled) window.scrollTo({ top: wanted });
      this.layout();
      if (settled) break;
    }
  }

  private inset(): number {
    return this.options.insetTop?.() ?? 0;
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  /** Renders the rows in and near the viewport, measures new ones and fixes positions. */
  layout(): void {
    const host = this.options.host;
    this.computeOffsets();
    const listTop = this.listTop();
    const before = this.anchorBeforeLayout(listTop);
    const viewTop = window.scrollY - listTop - this.overscan;
    const viewBottom = window.scrollY - listTop + window.innerHeight + this.overscan;
    const first = this.rows.length ? this.indexAt(Math.max(0, viewTop)) : 0;
    const last = this.rows.length ? this.indexAt(Math.max(0, viewBottom)) : -1;

    for (const [key, slot] of this.rendered) {
      if (slot.index < first || slot.index > last || this.rows[slot.index]?.key !== key) {
        slot.element.remove();
        this.observer.unobserve(slot.element);
        this.rendered.delete(key);
      }
    }
    const added: { element: HTMLElement; index: number }[] = [];
    for (let index = first; index <= last; index++) {
      const row = this.rows[index];
      if (!row || this.rendered.has(row.key)) continue;
      const element = this.options.render(row, index);
      element.dataset['rowKey'] = row.key;
      element.classList.add('virtual-row');
      element.style.top = `${this.offsets[index] ?? 0}px`;
      host.append(element);
      this.rendered.set(row.key, { element, index });
      added.push({ element, index });
    }
    // Read every new height in one pass after all writes.
    let changed = false;
    for (const { element, index } of added) {
      changed = this.record(index, element.offsetHeight) || changed;
      this.observer.observe(element);
    }
    if (changed) this.computeOffsets();
    for (const { element, index } of this.rendered.values()) element.style.top = `${this.offsets[index] ?? 0}px`;
    host.style.height = `${this.offsets[this.rows.length] ?? 0}px`;
    if (before && changed) {
      // Keep the row being read where it was.
      const drift = (this.offsets[before.index] ?? 0) - before.top;
      if (drift !== 0) window.scrollBy(0, drift);
    }
    this.options.onRange?.(first, last);
  }

  private anchorBeforeLayout(listTop: number): { index: number; top: number } | undefined {
    if (this.rows.length === 0 || window.scrollY <= listTop) return undefined;
    const index = this.indexAt(window.scrollY - listTop);
    return { index, top: this.offsets[index] ?? 0 };
  }

  private record(index: number, height: number): boolean {
    const row = this.rows[index];
    if (!row || height <= 0 || Math.abs((this.heights[index] ?? 0) - height) < 0.5) return false;
    this.heights[index] = height;
    this.measured.set(row.key, height);
    this.offsetsValidUpTo = Math.min(this.offsetsValidUpTo, index);
    return true;
  }

  /** Brings offsets up to date from the first row whose height changed. */
  private computeOffsets(): void {
    const count = this.rows.length;
    if (this.offsets.length !== count + 1) this.offsets.length = count + 1;
    this.offsets[0] = 0;
    for (let index = Math.min(this.offsetsValidUpTo, count); index < count; index++) {
      this.offsets[index + 1] = (this.offsets[index] ?? 0) + (this.heights[index] ?? 0);
    }
    this.offsetsValidUpTo = count;
  }

  /** The row covering a vertical position in the list (binary search). */
  private indexAt(position: number): number {
    let low = 0;
    let high = this.rows.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.offsets[middle] ?? 0) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private listTop(): number {
    return this.options.host.getBoundingClientRect().top + window.scrollY;
  }
}
