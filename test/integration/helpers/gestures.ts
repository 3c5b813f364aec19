// What a user does, on the real workbench page: click a row of the Threads view, hover it and
// click an inline icon, right-click it and pick from the context menu, use the view's title bar,
// answer a quick pick or an input box by typing, read and click notifications, run a command
// from the palette, press keys, and read or click the thread page in its webview.
//
// Each gesture is made by Playwright in the launcher (test/host/bridge.mjs), which waits — up to
// a generous deadline — for its target to be there, visible and stable before acting; reads
// that wait for a state go through waitUntil. Command arguments are for set-up; a test that
// proves a feature reaches it through one of these.
//
// The selectors are VS Code 1.100's workbench DOM, kept in this one file.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModalQuestion } from '../../../src/testHooks';
import { waitUntil } from '../../support/wait';
import { bridge, type LocatorAction } from './bridge';
import { cleanSlate, threadline } from './threadline';

const SIDEBAR = '.part.sidebar';
const VIEW_TITLE = `${SIDEBAR} .composite.title`;
/** The Threadline container's views, by name (the tree's list is labelled with it). */
const THREADS = 'Threads';
const SEARCH_RESULTS = 'Search Results';
const treeOf = (view: string) => `${SIDEBAR} .monaco-list[aria-label="${view}"]`;
const TREE = treeOf(THREADS);
const ROW = `${TREE} .monaco-list-row`;
/** A view's pane; its header shows only while the container holds more than one view. */
const paneOf = (view: string) => `${SIDEBAR} .pane:has(.pane-header h3.title${textIs(view)})`;
const paneHeaderOf = (view: string) => `${SIDEBAR} .pane-header:has(h3.title${textIs(view)})`;
/** A view's welcome content: the Threads view's is the container's first pane. */
const welcomeOf = (view: string) => (view === THREADS ? `${SIDEBAR} .split-view-view:first-child .welcome-view-content` : `${paneOf(view)} .welcome-view-content`);
const WELCOME = welcomeOf(THREADS);
const MENU = '.context-view.monaco-menu-container';
const QUICK_INPUT = '.quick-input-widget';
const QUICK_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const TOAST = '.notifications-toasts .notification-toast';
const EDITOR_GROUP = '.part.editor .editor-group-container.active';

/** A label as shown: exactly this text, or matching this pattern. */
export type Label = string | RegExp;

/** A Playwright text pseudo-class for a label. */
function textIs(label: Label): string {
  return typeof label === 'string' ? `:text-is(${JSON.stringify(label)})` : `:text-matches(${JSON.stringify(label.source)}, ${JSON.stringify(label.flags)})`;
}

/**
 * The elements `selector` finds whose text is the label — held directly or, as VS Code often
 * draws it, in a child span (Playwright's text pseudo-classes match the innermost element).
 * A selector list: use it whole, or inside :has().
 */
function withText(selector: string, label: Label): string {
  return `${selector}${textIs(label)}, ${selector} ${textIs(label)}`;
}

const act = <R = unknown>(selector: string, action: LocatorAction, ...args: unknown[]) => bridge.locator<R>(selector, action, args);

/**
 * Makes a gesture until `done` holds, again once nothing came for `againAfterMs` (at most `times`
 * gestures): a busy workbench drops one now and then — a click on a row being redrawn selects it
 * and runs nothing, a layout moves under the pointer — and a user would try again. Says so when
 * it took more than one.
 */
async function gestureUntil<T>(
  gesture: () => Promise<void>,
  done: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  what: string | (() => string),
  { againAfterMs, times = Infinity, timeoutMs }: { againAfterMs: number; times?: number; timeoutMs?: number },
): Promise<T> {
  let madeAt = 0;
  let made = 0;
  const result = await waitUntil(
    async () => {
      const value = await done();
      if (value) return value;
      if (made < times && Date.now() - madeAt > againAfterMs) {
        made++;
        madeAt = Date.now();
        await gesture();
      }
      return undefined;
    },
    what,
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  if (made > 1) console.log(`[threadline-test] ${typeof what === 'string' ? what : what()}: after the gesture was made ${made} times (the workbench dropped one)`);
  return result;
}

/** Moves the pointer to a corner, so no hover (and its tooltip) hides what comes next. */
export async function restPointer(): Promise<void> {
  await bridge.mouseMove(5, 5);
}

// ---- the Threads view ----

/** A row of the Threads view as drawn. */
export interface RowState {
  label: string;
  description: string;
  /** 1 for accounts, 2 for containers, 3 for threads. */
  level: number;
  /** Undefined for a row that cannot expand. */
  expanded: boolean | undefined;
  /** Position among its siblings and how many siblings there are (all, not only those drawn). */
  position: number;
  siblings: number;
  selected: boolean;
  /** The codicon of its icon, e.g. "filter", "inbox", "error". */
  icon: string;
  /** What a screen reader announces for it. */
  ariaLabel: string;
  /** A thread row's start, before its title: who wrote (where known) and when — "pat, 10:47". */
  head: string | undefined;
  /** Who wrote, as the row names them first, where it does (its announcement says "from …"). */
  sender: string | undefined;
}

/** A thread row's title: its label without who and when it starts with ("pat, 10:47 · Title"). */
export function titleOf(row: RowState): string {
  return row.head !== undefined ? row.label.slice(row.head.length + ' · '.length) : row.label;
}

/** Reads rows of the view from the DOM (only those drawn: the list is virtual). */
function readRows(elements: Element[]): RowState[] {
  return elements.map((row) => {
    const expanded = row.getAttribute('aria-expanded');
    const icon = Array.from(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? []).find((name) => name.startsWith('codicon-') && name !== 'codicon');
    const label = row.querySelector('.label-name')?.textContent ?? '';
    const aria = row.getAttribute('aria-label') ?? '';
    const from = / from (.+?), /.exec(aria)?.[1];
    // A thread row (announced "Thread, …" or "Unread thread, …") with a time or a sender starts
    // with them, before " · " and the title.
    const thread = /^(Unread thread|Thread), /.test(aria);
    const head = thread && (from !== undefined || / last activity /.test(aria)) && label.includes(' · ') ? label.slice(0, label.indexOf(' · ')) : undefined;
    return {
      label,
      description: row.querySelector('.label-description')?.textContent ?? '',
      level: Number(row.getAttribute('aria-level')),
      expanded: expanded === null ? undefined : expanded === 'true',
      position: Number(row.getAttribute('aria-posinset')),
      siblings: Number(row.getAttribute('aria-setsize')),
      selected: row.getAttribute('aria-selected') === 'true',
      icon: icon?.slice('codicon-'.length) ?? '',
      ariaLabel: row.getAttribute('aria-label') ?? '',
      head,
      // The row names them first, an address by its local part ("pat, 10:47 · Title"; the announcement has it whole).
      sender: from !== undefined && head !== undefined ? head.split(', ')[0] : undefined,
    };
  });
}

/** One row of the Threads view, found by its label (the `nth` one when several match). */
export class TreeRow {
  constructor(
    readonly label: Label,
    private readonly nth = 0,
    /** The rows of which view. */
    private readonly rowSelector = ROW,
  ) {}

  /**
   * Playwright selector of this row. A thread's row may start with who wrote ("pat@… · Title"):
   * a title alone finds it too.
   */
  get selector(): string {
    const label = typeof this.label === 'string' ? new RegExp(`^(?:.+ · )?${this.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : this.label;
    return `${this.rowSelector}:has(${withText('.monaco-tl-contents .label-name', label)}) >> nth=${this.nth}`;
  }

  /** Playwright selector of an element inside this row. */
  private part(selector: string): string {
    return `${this.selector} >> ${selector}`;
  }

  /** Waits until the row is drawn, and reads it. */
  async read(): Promise<RowState> {
    await act(this.selector, 'waitFor');
    return this.waitUntil(() => true, 'drawn');
  }

  /** Waits until the row, as drawn, satisfies `check` (e.g. a new description). */
  async waitUntil(check: (row: RowState) => boolean, what: string): Promise<RowState> {
    let last: RowState | undefined;
    return waitUntil(async () => {
      [last] = await act<RowState[]>(this.selector, 'evaluateAll', readRows.toString());
      return last && check(last) ? last : undefined;
    }, () => `row ${String(this.label)} ${what}; last seen: ${JSON.stringify(last ?? 'not drawn')}`);
  }

  /**
   * Moves the tree's focus (and selection) to this row without running its command or opening
   * or closing it — as right-clicking it does; the context menu that opens is closed again.
   */
  async focus(): Promise<void> {
    await this.openContextMenu();
    await menuItems();
    await closeMenu();
  }

  /**
   * Right-clicks the row until its context menu shows: a right click that lands while VS Code
   * redraws the row (rows learning who wrote) is lost, so it is given again once no menu has come
   * for a while after the last one.
   */
  private async openContextMenu(): Promise<void> {
    let clickedAt = 0;
    await waitUntil(async () => {
      if ((await act<number>(`${MENU} .action-menu-item`, 'count')) > 0) return true;
      if (Date.now() - clickedAt > 2_000) {
        await act(this.part('.label-name'), 'click', { button: 'right' });
        clickedAt = Date.now();
      }
      return false;
    }, () => `the context menu of ${String(this.label)}`);
  }

  /** Clicks the row's label: selects it, runs its command, or toggles it open. */
  async click(): Promise<void> {
    // A hover left open over the rows (a row's tooltip, shown where the pointer rested) would take the click.
    await restPointer();
    await act(this.part('.label-name'), 'click');
  }

  /**
   * Clicks the row until `done` holds. VS Code selects a row on a click that lands while the row
   * is being redrawn (it learns who wrote, its unread mark changes) but runs no command: a user
   * sees nothing open and clicks again, and so does this, once nothing came for a while.
   */
  clickUntil<T>(done: () => Promise<T | undefined | false> | T | undefined | false, what: string): Promise<T> {
    let clicked = false;
    return gestureUntil(
      async () => {
        // Again only while the row is there: a slow answer may have replaced it meanwhile.
        if (clicked && (await act<number>(this.selector, 'count')) === 0) return;
        clicked = true;
        await this.click();
      },
      done,
      what,
      { againAfterMs: 5_000, times: 3 },
    );
  }

  /** Opens the row if it is closed, and waits for its children to be drawn below it. */
  async expand(): Promise<RowState[]> {
    // A click that lands while the tree redraws (rows restored or reloaded around it) can be
    // lost: click again once the row has stayed closed for a while after the last click.
    await gestureUntil(
      async () => {
        // Off any open hover first, and briefly: a click a hover took is given again.
        await restPointer();
        await act(this.part('.monaco-tl-twistie'), 'click', { timeout: 3_000 });
      },
      async () => (await this.read()).expanded !== false,
      () => `the row ${String(this.label)} open`,
      { againAfterMs: 2_000 },
    );
    return this.children();
  }

  /** Closes the row if it is open. */
  async collapse(): Promise<void> {
    const row = await this.read();
    if (row.expanded) await act(this.part('.monaco-tl-twistie'), 'click');
    await this.waitUntil((state) => state.expanded === false, 'closed');
  }

  /** The rows drawn right below this open row, one level deeper, once it has loaded them. */
  async children(): Promise<RowState[]> {
    return this.waitForChildren(() => true, 'drawn');
  }

  /** Waits until the rows drawn below this open row satisfy `check` (e.g. a reload is done). */
  async waitForChildren(check: (rows: RowState[]) => boolean, what: string): Promise<RowState[]> {
    let last: RowState[] | undefined;
    return waitUntil(async () => {
      last = await this.childrenNow();
      return last && check(last) ? last : undefined;
    }, () => `the rows under ${String(this.label)} ${what}; last seen: ${JSON.stringify(last ?? 'closed, loading or not drawn')}`);
  }

  /**
   * The rows drawn below this row now, one level deeper — or undefined while it is closed, not
   * drawn, still loading, or shows nothing below it yet. Does not wait.
   */
  async childrenNow(): Promise<RowState[] | undefined> {
    const found = await act<{ rows: RowState[]; loading: boolean } | null>(
      this.selector,
      'evaluateAll',
      `(elements) => {
        const row = elements[0];
        if (!row || row.getAttribute('aria-expanded') !== 'true') return null;
        const read = ${readRows.toString()};
        const level = Number(row.getAttribute('aria-level'));
        const loading = row.querySelector('.monaco-tl-twistie')?.classList.contains('codicon-tree-item-loading') ?? false;
        const index = Number(row.getAttribute('data-index'));
        const below = [];
        const rows = Array.from(row.parentElement.children).filter((r) => Number(r.getAttribute('data-index')) > index).sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
        for (const candidate of rows) {
          const candidateLevel = Number(candidate.getAttribute('aria-level'));
          if (candidateLevel <= level) break;
          if (candidateLevel === level + 1) below.push(candidate);
        }
        return { rows: read(below), loading };
      }`,
    );
    return found && !found.loading && found.rows.length > 0 ? found.rows : undefined;
  }

  /** Hovers the row and clicks its inline action icon, found by the command's title. */
  async inlineAction(title: string): Promise<void> {
    await act(this.part('.label-name'), 'hover');
    await act(this.part(`.actions .action-label[aria-label="${title}"]`), 'click');
  }

  /** The titles of the row's inline action icons. */
  async inlineActions(): Promise<string[]> {
    await act(this.part('.label-name'), 'hover');
    return act<string[]>(this.part('.actions .action-label'), 'evaluateAll', '(elements) => elements.map((e) => e.getAttribute("aria-label") ?? "")');
  }

  /** Right-clicks the row and clicks an item of its context menu. */
  async contextMenu(item: string): Promise<void> {
    await this.openContextMenu();
    await pickMenuItem(item);
  }

  /** Right-clicks the row and reads its context menu, then closes it. */
  async contextMenuItems(): Promise<string[]> {
    await this.openContextMenu();
    const items = await menuItems();
    await closeMenu();
    return items;
  }

  /**
   * The keyboard way to the same menu: select the row, Shift+F10, arrow down to the item, Enter.
   */
  async contextMenuByKeyboard(item: string): Promise<void> {
    await this.focus();
    await keyboard.press('Shift+F10');
    await pickMenuItemByKeyboard(item);
  }
}

export const threadsView = {
  /** Opens the Threadline view the way a user does, from its activity bar icon (unless shown). */
  async show(): Promise<void> {
    // A menu a failed test left open would take every click of the next.
    if ((await act<number>(`${MENU} .action-menu-item`, 'count')) > 0) await closeMenu();
    const shown = await bridge.pageEvaluate<boolean>(() => {
      const sidebar = document.querySelector<HTMLElement>('.part.sidebar');
      return Boolean(sidebar?.checkVisibility() && /Threadline/.test(sidebar.querySelector('.composite.title h2')?.textContent ?? ''));
    });
    // The whole item, not its icon: the unread badge sits over the icon's middle and takes the click.
    if (!shown) await act('.part.activitybar .action-item:has(> .action-label[aria-label^="Threadline"])', 'click');
    await act(`${SIDEBAR} .pane-body >> nth=0`, 'waitFor');
    // A test that opened the Search Results section leaves the Threads view shorter: fewer rows drawn.
    await searchView.collapse();
  },

  /** The sidebar's width on screen, in pixels (0 while it is hidden). */
  async width(): Promise<number> {
    return bridge.pageEvaluate<number>(() => document.querySelector<HTMLElement>('.part.sidebar')?.getBoundingClientRect().width ?? 0);
  },

  /**
   * Widens the sidebar back to at least `pixels` (VS Code narrows it when the window does, and
   * keeps it narrow after): a test that shrinks the window puts the layout back for the next one.
   */
  async widenTo(pixels: number): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    for (let step = 0; step < 20 && (await this.width()) < pixels; step++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    assert.ok((await this.width()) >= pixels, `the sidebar is ${await this.width()} px wide, not ${pixels}`);
  },

  /** A row by its label. */
  row(label: Label, nth = 0): TreeRow {
    return new TreeRow(label, nth);
  },

  /** Every row drawn now, top to bottom. */
  async rows(): Promise<RowState[]> {
    return act<RowState[]>(ROW, 'evaluateAll', `(elements) => (${readRows.toString()})(elements.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'))))`);
  },

  /** Waits until the rows drawn satisfy `check`. */
  async waitForRows(check: (rows: RowState[]) => boolean, what: string): Promise<RowState[]> {
    let last: RowState[] = [];
    return waitUntil(async () => {
      last = await this.rows();
      return check(last) ? last : undefined;
    }, () => `${what}; rows drawn: ${last.map((row) => `${'  '.repeat(Math.max(0, row.level - 1))}${row.label}`).join(' | ')}`);
  },

  /** Clicks an icon of the view's title bar (Add Account…, Refresh, Look Up Customer by Email…). */
  async titleAction(title: string): Promise<void> {
    await clickTitleAction(THREADS, `[aria-label="${title}"]`);
  },

  /** Closes every open row with the title bar's Collapse All (when there is one to close). */
  async collapseAll(): Promise<void> {
    const action = async () => `${await titleActions(THREADS)} .action-label[aria-label="Collapse All"]`;
    // A click that lands while the tree is still drawing rows it has just been given (accounts
    // added a moment ago open on their own) can be undone by that drawing: click again once
    // the rows have stayed open for a while after the last click.
    let clickedAt = 0;
    let last: RowState[] = [];
    await waitUntil(async () => {
      last = await this.rows();
      if (last.every((row) => row.level === 1 && row.expanded !== true)) return true;
      if (Date.now() - clickedAt > 2_000 && (await act<string | null>(await action(), 'getAttribute', 'aria-disabled')) !== 'true') {
        await act(await action(), 'click');
        clickedAt = Date.now();
      }
      return false;
    }, () => `every row closed; rows drawn: ${last.map((row) => `${'  '.repeat(Math.max(0, row.level - 1))}${row.label}`).join(' | ')}`);
  },

  /** Picks an item of the title bar's "…" menu (Open Thread by ID…, Show Log, …). */
  async moreActions(item: string): Promise<void> {
    await waitUntil(async () => {
      await clickTitleAction(THREADS, MORE_ACTIONS);
      // The Search Results view arriving (a first account) moves the view's "…" from the side bar's
      // title to the view's own header: a "…" clicked as it moved opens the side bar's menu of
      // views instead. Closed again, and the "…" looked for where it is now.
      if (!(await menuItems()).includes(item)) {
        await closeMenu();
        return false;
      }
      // From the view's own header (beside Search Results), a pointer that leaves the view for the
      // menu hides the header's icons, and a click on the item was seen not to land: the keys then.
      if (await act<boolean>(`${paneHeaderOf(THREADS)} >> nth=0`, 'isVisible')) await pickMenuItemByKeyboard(item);
      else await pickMenuItem(item);
      return true;
    }, `“${item}” in the Threads view's … menu`);
  },

  /** The items of the title bar's "…" menu (the menu is closed again). */
  async moreActionItems(): Promise<string[]> {
    await clickTitleAction(THREADS, MORE_ACTIONS);
    const items = await menuItems();
    await closeMenu();
    return items;
  },

  /** The text of the welcome view shown while there is no account. */
  async welcomeText(): Promise<string> {
    return act<string>(WELCOME, 'innerText');
  },

  /** Clicks a button (a command link) of the welcome view. */
  async welcomeButton(text: string): Promise<void> {
    await act(`${withText(`${WELCOME} .monaco-button`, text)} >> nth=0`, 'click');
  },

  /**
   * Scrolls the tree, a page at a time from the row `from` (which it focuses), until a row
   * labelled `label` is drawn — as a user pages down a long list. Returns that row.
   */
  async pageDownTo(from: Label, label: Label): Promise<TreeRow> {
    const target = new TreeRow(label);
    await new TreeRow(from).focus();
    for (let page = 0; page < 100; page++) {
      if ((await act<number>(target.selector, 'count')) > 0) return target;
      await keyboard.press('PageDown');
    }
    assert.fail(`paged down 100 times from ${String(from)} without reaching ${String(label)}`);
  },

  /** Moves the keyboard focus into the tree (onto its focused row) and presses keys there. */
  async pressInTree(...keys: string[]): Promise<void> {
    await act(TREE, 'focus');
    for (const key of keys) await keyboard.press(key);
  },

  /** The number on Threadline's activity bar icon ('' when it shows none). */
  async badge(): Promise<string> {
    return bridge.pageEvaluate<string>(() => {
      const item = Array.from(document.querySelectorAll('.part.activitybar .action-item')).find((element) => element.querySelector('.action-label[aria-label^="Threadline"]'));
      const badge = item?.querySelector<HTMLElement>('.badge');
      return badge && badge.style.display !== 'none' ? (badge.querySelector('.badge-content')?.textContent ?? '') : '';
    });
  },

  /** Waits until Threadline's activity bar badge shows this number ('' for none). */
  async waitForBadge(expected: string): Promise<void> {
    let shown = '';
    await waitUntil(async () => (shown = await this.badge()) === expected, () => `the activity bar badge to show “${expected}” (it shows “${shown}”)`);
  },

  /** What the view says above its rows (its message, e.g. the active filter), '' when nothing. */
  async message(): Promise<string> {
    return bridge.pageEvaluate<string>(() => {
      const message = document.querySelector<HTMLElement>('.part.sidebar .pane-body .message');
      return message?.checkVisibility() ? (message.textContent ?? '') : '';
    });
  },

  /** The view's header text (its title and description), as shown: the container's title, and the view's own header when it shows one. */
  async header(): Promise<string> {
    const container = await bridge.pageEvaluate<string>(() => document.querySelector<HTMLElement>('.part.sidebar .composite.title')?.innerText ?? '');
    const header = `${paneHeaderOf(THREADS)} >> nth=0`;
    return (await act<boolean>(header, 'isVisible')) ? `${container}\n${await act<string>(header, 'innerText')}` : container;
  },

  /** A picture of the side bar, kept with the run's artifacts; returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(process.env['THREADLINE_ARTIFACTS'] ?? '', `${name}.png`);
    await restPointer();
    await act(SIDEBAR, 'screenshot', file);
    return file;
  },
};

/**
 * Where a view's title bar icons are: in the container's title while it is the container's only
 * view, else in the view's own header, which shows them while the pointer is over the view (so
 * the pointer goes there first, as a user's does).
 */
async function titleActions(view: string): Promise<string> {
  const header = `${paneHeaderOf(view)} >> nth=0`;
  if (!(await act<boolean>(header, 'isVisible'))) return `${VIEW_TITLE} .title-actions`;
  await act(header, 'hover');
  return `${paneHeaderOf(view)} .actions`;
}

/** The "…" of a view's title bar: "Views and More Actions..." in the container's, "More Actions..." in a view's own header. */
const MORE_ACTIONS = '[aria-label$="More Actions..."]';

/**
 * Clicks a view's title bar icon. Where the icons are changes as the view's Search Results
 * neighbour comes and goes (it shows once there is an account), so a click looks again until the
 * icon is there where the layout of the moment puts it.
 */
async function clickTitleAction(view: string, which: string): Promise<void> {
  await waitUntil(async () => {
    const action = `${await titleActions(view)} .action-label${which} >> nth=0`;
    if (!(await act<boolean>(action, 'isVisible'))) return false;
    // Briefly: an icon the layout has just moved is looked for again where it is now.
    await act(action, 'click', { timeout: 3_000 });
    return true;
  }, () => `the title bar icon ${which} of the ${view} view`);
}

// ---- the Search Results view ----

/** Clicks the Search Results section's header until the section is open (or closed); a click a busy workbench dropped is given again. */
async function setSearchResultsOpen(open: boolean): Promise<void> {
  const header = `${paneHeaderOf(SEARCH_RESULTS)} >> nth=0`;
  await gestureUntil(
    () => act(header, 'click'),
    async () => ((await act<string | null>(header, 'getAttribute', 'aria-expanded')) === 'true') === open,
    `the Search Results view ${open ? 'open' : 'closed'}`,
    { againAfterMs: 2_000 },
  );
}

export const searchView = {
  /**
   * Shows the Threadline container (set-up: its activity bar icon may carry a badge over it) and
   * opens the Search Results view's section by clicking its header, unless it is open.
   */
  async show(): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.extension.threadline');
    await setSearchResultsOpen(true);
  },

  /** Closes the Search Results view's section by clicking its header, if it is open (it is closed by default). */
  async collapse(): Promise<void> {
    if ((await act<number>(paneHeaderOf(SEARCH_RESULTS), 'count')) === 0) return; // no accounts: the view is hidden
    await setSearchResultsOpen(false);
  },

  /** The header of its section as shown: its name and description (the counts). */
  async header(): Promise<string> {
    return act<string>(`${paneHeaderOf(SEARCH_RESULTS)} >> nth=0`, 'innerText');
  },

  /** A row by its label (the `nth` one when several match). */
  row(label: Label, nth = 0): TreeRow {
    return new TreeRow(label, nth, `${treeOf(SEARCH_RESULTS)} .monaco-list-row`);
  },

  /** Every row drawn now, top to bottom. */
  async rows(): Promise<RowState[]> {
    return act<RowState[]>(`${treeOf(SEARCH_RESULTS)} .monaco-list-row`, 'evaluateAll', `(elements) => (${readRows.toString()})(elements.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'))))`);
  },

  /** Waits until the rows drawn satisfy `check`. */
  async waitForRows(check: (rows: RowState[]) => boolean, what: string): Promise<RowState[]> {
    let last: RowState[] = [];
    return waitUntil(async () => {
      last = await this.rows();
      return check(last) ? last : undefined;
    }, () => `${what}; rows drawn: ${last.map((row) => `${row.label} — ${row.description}`).join(' | ')}`);
  },

  /** Clicks an icon of its title bar (Search Conversations…, Clear Results). */
  async titleAction(title: string): Promise<void> {
    await clickTitleAction(SEARCH_RESULTS, `[aria-label="${title}"]`);
  },

  /** Its welcome text, shown while it holds no results. */
  async welcomeText(): Promise<string> {
    return act<string>(`${welcomeOf(SEARCH_RESULTS)} >> nth=0`, 'innerText');
  },
};

// ---- menus ----

async function menuItems(): Promise<string[]> {
  await act(`${MENU} .action-menu-item >> nth=0`, 'waitFor');
  return act<string[]>(`${MENU} .action-menu-item .action-label`, 'evaluateAll', '(elements) => elements.map((e) => e.textContent ?? "")');
}

/**
 * Clicks a menu item as a mouse user does: pointer onto it, and once the menu shows it focused
 * (the menu is taking the pointer's events), the click; then the menu has closed.
 */
async function pickMenuItem(item: string): Promise<void> {
  const entry = `${MENU} .action-item:has(${withText('.action-label', item)})`;
  await act(`${entry} >> nth=0 >> .action-menu-item`, 'hover');
  await act(`${MENU} .action-item.focused:has(${withText('.action-label', item)}) >> nth=0`, 'waitFor');
  await act(`${entry} >> nth=0 >> .action-menu-item`, 'click');
  await act(`${MENU} .action-menu-item >> nth=0`, 'waitFor', 'detached');
}

/** Arrow keys down the open menu to the item, and Enter; then the menu has closed. */
async function pickMenuItemByKeyboard(item: string): Promise<void> {
  const items = await menuItems();
  assert.ok(items.includes(item), `"${item}" is in the menu: ${items.join(' | ')}`);
  // Each ArrowDown moves to the next item (separators skipped).
  for (let step = 0; step < items.length && (await focusedMenuItem()) !== item; step++) await keyboard.press('ArrowDown');
  assert.equal(await focusedMenuItem(), item, 'the arrow keys reached the item');
  await keyboard.press('Enter');
  await act(`${MENU} .action-menu-item >> nth=0`, 'waitFor', 'detached');
}

async function closeMenu(): Promise<void> {
  await keyboard.press('Escape');
  await act(`${MENU} .action-menu-item >> nth=0`, 'waitFor', 'detached');
}

/** The label of the menu item that has the keyboard focus. */
async function focusedMenuItem(): Promise<string> {
  return (await act<string[]>(`${MENU} .action-item.focused .action-label`, 'evaluateAll', '(elements) => elements.map((e) => e.textContent ?? "")'))[0] ?? '';
}

// ---- quick picks and input boxes ----

export interface QuickPickItemState {
  label: string;
  description: string;
  detail: string;
  focused: boolean;
}

export const quickInput = {
  /** Waits for the quick input to open; returns its title and placeholder (or prompt). */
  async waitOpen(): Promise<{ title: string; placeholder: string }> {
    await act(`${QUICK_INPUT} .quick-input-box input`, 'waitFor');
    return {
      title: ((await act<string | null>(`${QUICK_INPUT} .quick-input-title`, 'textContent')) ?? '').replace(/\u00a0/g, '').trim(),
      placeholder: (await act<string | null>(`${QUICK_INPUT} .quick-input-box input`, 'getAttribute', 'placeholder')) ?? '',
    };
  },

  /** The items listed now. */
  async items(): Promise<QuickPickItemState[]> {
    await act(`${QUICK_ROW} >> nth=0`, 'waitFor');
    return act<QuickPickItemState[]>(
      QUICK_ROW,
      'evaluateAll',
      `(rows) => rows.map((row) => {
        const lines = row.querySelectorAll('.quick-input-list-row');
        return {
          label: lines[0]?.querySelector('.label-name')?.textContent ?? '',
          description: lines[0]?.querySelector('.label-description')?.textContent ?? '',
          detail: lines[1]?.textContent ?? '',
          focused: row.classList.contains('focused'),
        };
      })`,
    );
  },

  /** Clicks the item with this label. */
  async pick(label: Label): Promise<void> {
    await act(`${QUICK_ROW}:has(${withText('.quick-input-list-row:first-child .label-name', label)}) >> nth=0`, 'click');
  },

  /** Types into the box, key by key, as a user does (replacing what is there). */
  async type(text: string): Promise<void> {
    const input = `${QUICK_INPUT} .quick-input-box input`;
    await act(input, 'fill', '');
    await act(input, 'type', text);
  },

  /** What the box holds now. */
  async value(): Promise<string> {
    return act<string>(`${QUICK_INPUT} .quick-input-box input`, 'inputValue');
  },

  /** Presses Enter. */
  async accept(): Promise<void> {
    await act(`${QUICK_INPUT} .quick-input-box input`, 'press', 'Enter');
  },

  /** Types the text and presses Enter. */
  async answer(text: string): Promise<void> {
    await this.waitOpen();
    await this.type(text);
    await this.accept();
  },

  /** The validation message under the box. */
  async message(): Promise<string> {
    return (await act<string | null>(`${QUICK_INPUT} .quick-input-message`, 'textContent')) ?? '';
  },

  async isOpen(): Promise<boolean> {
    return act<boolean>(`${QUICK_INPUT} .quick-input-box input`, 'isVisible');
  },

  /** Clicks the title bar's Back button (a step of a multi-step input). */
  async back(): Promise<void> {
    await act(`${QUICK_INPUT} .quick-input-left-action-bar .action-label >> nth=0`, 'click');
  },

  /** Presses Escape and waits for it to close. */
  async dismiss(): Promise<void> {
    await act(`${QUICK_INPUT} .quick-input-box input`, 'press', 'Escape');
    await act(QUICK_INPUT, 'waitFor', 'hidden');
  },

  async waitClosed(): Promise<void> {
    await act(QUICK_INPUT, 'waitFor', 'hidden');
  },
};

// ---- notifications, the status bar, the palette, the keyboard ----

export const notifications = {
  /** The messages of the notification toasts on screen. */
  async texts(): Promise<string[]> {
    return act<string[]>(`${TOAST} .notification-list-item-message`, 'evaluateAll', '(elements) => elements.map((e) => e.textContent ?? "")');
  },

  /** Waits for a toast whose message matches, and returns that message. */
  async waitFor(message: RegExp): Promise<string> {
    return waitUntil(async () => (await this.texts()).find((text) => message.test(text)), `a notification matching ${String(message)}`);
  },

  /**
   * Clicks a button (Cancel, Set API Key, …) of the notification whose message matches: on its
   * toast, or — when VS Code keeps it in the list without a toast, as it sometimes does for a
   * progress notification — in the notification center, opened from the status bar's bell.
   */
  async clickButton(message: RegExp, button: string): Promise<void> {
    const item = (list: string) => `${list}:has(${withText('.notification-list-item-message', message)})`;
    const buttonOf = (list: string) => `${withText(`${item(list)} .notification-list-item-buttons-container .monaco-button`, button)} >> nth=0`;
    const shown = await waitUntil(async () => (await act<number>(item(TOAST), 'count')) > 0, 'the toast', { timeoutMs: 5_000 }).catch(() => false);
    let list = TOAST;
    if (!shown) {
      await act('.part.statusbar [id="status.notifications"]', 'click');
      list = '.notifications-center .notification-list-item';
    }
    // A progress notification is drawn again at each report, so its button is never "stable" for
    // long on a busy machine: click where it is without waiting for that (it stays in place).
    await act(buttonOf(list), 'click', { force: true });
    if (!shown) await vscode.commands.executeCommand('notifications.hideList');
  },

  /** The buttons of the toast whose message matches, in order (the first is the primary one). */
  async buttons(message: RegExp): Promise<string[]> {
    const item = `${TOAST}:has(${withText('.notification-list-item-message', message)})`;
    await act(`${item} >> nth=0`, 'waitFor');
    return act<string[]>(`${item} >> nth=0 >> .notification-list-item-buttons-container .monaco-button`, 'evaluateAll', '(elements) => elements.map((e) => e.textContent ?? "")');
  },

  /** Clears every notification (set-up between tests). */
  async clear(): Promise<void> {
    await vscode.commands.executeCommand('notifications.clearAll');
  },
};

export const statusBar = {
  /** Waits for a status bar item whose text matches, and returns it. */
  async waitFor(text: RegExp): Promise<string> {
    return waitUntil(async () => {
      const items = await act<string[]>('.part.statusbar .statusbar-item', 'evaluateAll', '(elements) => elements.map((e) => e.textContent ?? "")');
      return items.find((item) => text.test(item));
    }, `a status bar item matching ${String(text)}`);
  },
};

export const keyboard = {
  /** Presses keys on the focused element of the page, e.g. 'Enter', 'Shift+F10', 'ArrowDown'. */
  async press(...keys: string[]): Promise<void> {
    await bridge.keyboard(keys);
  },
  /** Types text on the focused element. */
  async type(text: string): Promise<void> {
    await bridge.keyboard([], text);
  },
};

export const palette = {
  /** Runs a command from the command palette (F1), by typing its title and pressing Enter. */
  async run(title: string): Promise<void> {
    await keyboard.press('F1');
    await quickInput.waitOpen();
    await act(`${QUICK_INPUT} .quick-input-box input`, 'type', title);
    await act(`${QUICK_ROW}:has(${withText('.label-name', title)}) >> nth=0`, 'waitFor');
    await quickInput.accept();
  },
};

// ---- editors and panels ----

export const editor = {
  /** The label of the active editor's tab. */
  async activeTab(): Promise<string> {
    return (await act<string | null>(`${EDITOR_GROUP} .tab.active .label-name`, 'textContent')) ?? '';
  },
  /** Waits until an editor on screen shows text matching, and returns what it shows. */
  async waitForText(text: RegExp): Promise<string> {
    return waitUntil(async () => {
      // Monaco draws spaces as no-break spaces and wraps long lines onto several.
      const shown = (await act<string[]>('.part.editor .monaco-editor .view-lines', 'allInnerTexts')).map((lines) => lines.replace(/\s+/g, ' '));
      return shown.find((lines) => text.test(lines));
    }, `an editor showing ${String(text)}`);
  },
  /** Clicks an icon in an editor's title bar (e.g. Reload Markdown Document, shown for its documents). */
  async titleAction(title: string): Promise<void> {
    await act(`.part.editor .editor-actions .action-label[aria-label^="${title}"] >> nth=0`, 'click');
  },
};

/** Waits until the Output panel is open on this channel. */
export async function waitForOutputChannel(name: string): Promise<void> {
  let shown = '';
  await waitUntil(async () => {
    shown = await bridge.pageEvaluate<string>(() => {
      const select = document.querySelector<HTMLSelectElement>('.part.panel .monaco-select-box');
      return `${select?.checkVisibility() ? 'visible' : 'hidden'}:${select?.value ?? 'none'}`;
    });
    return shown === `visible:${name}`;
  }, () => `the Output panel showing ${name} (shown: ${shown})`);
}

// ---- the thread page, in its webview ----

/**
 * The page of a webview, found by a selector only its document matches (e.g. the thread's
 * `[data-thread-id="…"]`, or `.failure` for the failure page).
 */
export function webview(frame: string) {
  const inFrame = <R = unknown>(selector: string, action: LocatorAction, ...args: unknown[]) => bridge.locator<R>(selector, action, args, { frame });
  return {
    frame,
    /** Clicks an element of the page (a button: `[data-action="reload"]`). */
    click: (selector: string) => inFrame(selector, 'click'),
    /** Types into a field of the page, key by key. */
    type: async (selector: string, text: string) => {
      await inFrame(selector, 'fill', '');
      await inFrame(selector, 'type', text);
    },
    /** Presses a key on an element of the page. */
    press: (selector: string, key: string) => inFrame(selector, 'press', key),
    /** Waits for the first element the selector finds to reach the state. */
    waitFor: (selector: string, state: 'visible' | 'attached' | 'hidden' = 'visible') => inFrame(`${selector} >> nth=0`, 'waitFor', state),
    text: async (selector: string) => (await inFrame<string | null>(selector, 'textContent')) ?? '',
    count: (selector: string) => inFrame<number>(selector, 'count'),
    /** Runs a function over the elements a selector finds, in the page. */
    evaluateAll: <R>(selector: string, fn: (elements: Element[], arg: never) => R, arg?: unknown) => inFrame<R>(selector, 'evaluateAll', fn.toString(), arg),
  };
}

/** The page of one thread's panel. */
export function threadPage(threadId: string) {
  return webview(`[data-thread-id="${threadId}"]`);
}

// ---- modal questions ----

/**
 * Waits for the modal question the last gesture led to, checks what it asks, and clicks one of
 * its buttons (or dismisses it with undefined). VS Code shows no modal dialog while extension
 * tests run, so the extension hands its questions to the suite in test runs (src/testHooks.ts).
 */
/**
 * Makes a gesture that asks a modal question, checks the question and its button, and answers it. A gesture a
 * busy workbench dropped (a click on a row being redrawn, an Enter in a menu that was closing)
 * asks nothing: it is made again once nothing was asked for 15 s, as a user would, at most 3 times.
 */
export async function gestureAndAnswerModal(gesture: () => Promise<void>, asks: RegExp, button: string | undefined): Promise<ModalQuestion> {
  let asked: ModalQuestion | undefined;
  void (await threadline()).nextModal().then((question) => (asked = question));
  const question = await gestureUntil(gesture, () => asked, 'the question the gesture asks', { againAfterMs: 15_000, times: 3, timeoutMs: 60_000 });
  assert.match(question.message, asks);
  if (button !== undefined) assert.ok(question.buttons.includes(button), `"${button}" is offered: ${question.buttons.join(', ')}`);
  question.answer(button);
  return question;
}

/** Clicks a row, and answers the modal question it asks (see gestureAndAnswerModal). */
export function clickAndAnswerModal(row: TreeRow, asks: RegExp, button: string | undefined): Promise<ModalQuestion> {
  return gestureAndAnswerModal(() => row.click(), asks, button);
}

// ---- a clean workbench for every test ----

/**
 * Mocha hooks for a suite whose tests each start from a clean slate (no accounts, editors,
 * notifications or faults; `setUp` adds what the suite needs) with the Threads view shown, and
 * leave no quick input open behind them.
 */
export function eachTestOnACleanWorkbench(setUp: () => Promise<void> = async () => undefined): void {
  beforeEach(async () => {
    await cleanSlate();
    await setUp();
    await threadsView.show();
  });
  afterEach(async () => {
    if (await quickInput.isOpen()) await quickInput.dismiss();
  });
  after(cleanSlate);
}
