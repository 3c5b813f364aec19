// The Search Results view (`threadline.search`, in the Threadline sidebar): the last Search
// Conversations results, kept while the window lives. A header row says what was searched and how
// many matched; a row per hit says service · account · thread, with author, time and the matched
// words beside it and the words in context in its hover. Clicking a row does what choosing the
// hit in the quick pick does: the thread opens at that message with the words highlighted.
// Labels and descriptions are plain text through the tree sink; the hover is a MarkdownString
// built by the tooltip sink (untrusted, no HTML, no icons).
import * as vscode from 'vscode';
import { normalizeQuery } from '../markdown/search';
import { treeDescription, treeLabel } from '../sinks/treeLabel';
import { tooltipMarkdown } from '../sinks/tooltip';
import type { ConversationHit, ConversationResults } from '../store/conversationIndex';
import { countsOf, hitText, openHit, type SearchDeps } from './searchConversations';

/** Rows the view shows at most (the header says how many matched in all). */
const SHOWN = 200;

export type SearchNode = { kind: 'header' } | { kind: 'hit'; hit: ConversationHit; row: number };

interface LastSearch {
  query: string;
  results: ConversationResults;
  /** Counts up with each search: a row's command names the search it belongs to. */
  generation: number;
}

export class SearchResultsView implements vscode.TreeDataProvider<SearchNode>, vscode.Disposable {
  private last: LastSearch | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly deps: SearchDeps) {}

  /** The last search, as the view shows it (undefined when cleared or none was made). */
  get lastSearch(): { query: string; results: ConversationResults } | undefined {
    return this.last && { query: this.last.query, results: this.last.results };
  }

  /** Replaces what the view shows with a search's results. */
  show(query: string, results: ConversationResults): void {
    if (!normalizeQuery(query)) return;
    this.last = { query, results, generation: ++this.generation };
    this.changed.fire();
    void vscode.commands.executeCommand('setContext', 'threadline.searchHasResults', true);
  }

  clear(): void {
    this.last = undefined;
    this.generation++;
    this.changed.fire();
    void vscode.commands.executeCommand('setContext', 'threadline.searchHasResults', false);
  }

  /** A row's click: the hit at `row` of search `generation`, opened as the quick pick opens it. */
  open(generation: unknown, row: unknown): void {
    const last = this.last;
    if (!last || generation !== last.generation || typeof row !== 'number') return;
    const hit = last.results.hits[row];
    if (hit) openHit(this.deps, hit, last.query);
  }

  getChildren(node?: SearchNode): SearchNode[] {
    if (node || !this.last) return [];
    // A hit of an account removed since is left out.
    const hits = this.last.results.hits
      .slice(0, SHOWN)
      .map((hit, row): SearchNode => ({ kind: 'hit', hit, row }))
      .filter((node) => node.kind === 'hit' && this.deps.store.hasAccount(node.hit.accountId));
    return [{ kind: 'header' }, ...hits];
  }

  getTreeItem(node: SearchNode): vscode.TreeItem {
    const last = this.last;
    if (!last) return new vscode.TreeItem('');
    if (node.kind === 'header') {
      const item = new vscode.TreeItem(treeLabel(vscode.l10n.t('“{0}”', normalizeQuery(last.query))));
      const shown = last.results.hits.length > SHOWN ? vscode.l10n.t('{0} — the best {1} shown', countsOf(last.results), SHOWN) : countsOf(last.results);
      item.description = treeDescription(shown);
      item.tooltip = vscode.l10n.t('Search Conversations: {0}', shown);
      item.iconPath = new vscode.ThemeIcon('search');
      item.contextValue = 'searchHeader';
      item.id = `${last.generation}/header`;
      return item;
    }
    const text = hitText(this.deps, node.hit);
    const item = new vscode.TreeItem(treeLabel(text?.place ?? node.hit.threadId));
    // An id of this search's own: without one VS Code names a row by its place and label, and kept
    // a row of the previous query (same thread, same place) with that query's matched words.
    item.id = `${last.generation}/${node.row}`;
    item.iconPath = new vscode.ThemeIcon(node.hit.kind === 'message' ? 'comment' : 'comment-discussion');
    item.contextValue = `searchResult-${node.hit.kind}`;
    if (text) {
      item.description = treeDescription(`${text.who} · ${text.matched}`);
      item.tooltip = new vscode.MarkdownString(tooltipMarkdown([{ text: text.title, strong: true }, { text: text.where }, ...(text.context ? [{ text: text.context }] : []), { text: text.matched }]));
    }
    item.command = { command: 'threadline.openSearchResult', title: vscode.l10n.t('Open Search Result'), arguments: [last.generation, node.row] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The view, its two commands and its place for the quick pick's results. */
export function registerSearchView(view: SearchResultsView): vscode.Disposable[] {
  const tree = vscode.window.createTreeView('threadline.search', { treeDataProvider: view });
  return [
    view,
    tree,
    // The counts show in the view's header, even while its section is closed.
    view.onDidChangeTreeData(() => {
      const last = view.lastSearch;
      tree.description = last ? treeDescription(countsOf(last.results)) : undefined;
    }),
    vscode.commands.registerCommand('threadline.clearSearchResults', () => view.clear()),
    vscode.commands.registerCommand('threadline.openSearchResult', (generation: unknown, row: unknown) => view.open(generation, row)),
  ];
}
