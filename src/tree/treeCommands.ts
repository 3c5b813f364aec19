// Commands on tree rows: refresh, load more, retry, filters, copy id, open in browser.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { FilterDefinition, ThreadFilter } from '../domain/model';
import { describeFilter } from '../domain/format';
import { openWebLink, type ExternalOpener } from '../ui/links';
import { scriptArgs } from '../ui/viewNode';
import { AccountNode } from './accountNode';
import { ContainerNode } from './containerNode';
import { ErrorNode } from './rows';
import { ThreadNode } from './threadNode';
import type { ThreadTreeProvider } from './threadTree';
import { TreeNode } from './treeNode';
import { notice } from '../sinks/notification';
import { pickDescription } from '../sinks/quickPick';

const nodeArgsSchema = z.object({ nodeId: z.string() });
const containerArgsSchema = z.object({ accountId: z.string(), containerId: z.string() });
const filterSchema = z.object({
  status: z.optional(z.string()),
  priority: z.optional(z.string()),
  type: z.optional(z.string()),
  archived: z.optional(z.boolean()),
  unread: z.optional(z.boolean()),
  escalated: z.optional(z.boolean()),
  important: z.optional(z.boolean()),
  read: z.optional(z.boolean()),
  reaction: z.optional(z.string()),
  period: z.optional(z.string()),
  text: z.optional(z.string()),
});

/** A row passed by VS Code, `{nodeId}`, or `{accountId, containerId}` from a script. */
export function resolveNode(tree: ThreadTreeProvider, args: unknown): TreeNode | undefined {
  if (args instanceof TreeNode) return args;
  const byId = nodeArgsSchema.safeParse(args);
  if (byId.success) return tree.nodeById(byId.data.nodeId);
  const byContainer = containerArgsSchema.safeParse(args);
  if (byContainer.success) {
    return tree.accountNode(byContainer.data.accountId)?.containerNode(byContainer.data.containerId);
  }
  const byAccount = z.object({ accountId: z.string() }).safeParse(args);
  if (byAccount.success) return tree.accountNode(byAccount.data.accountId);
  return undefined;
}

export function registerTreeCommands(tree: ThreadTreeProvider, log: { info(message: string): void }, open?: ExternalOpener): vscode.Disposable[] {
  const container = (args: unknown): ContainerNode => {
    const node = resolveNode(tree, args);
    if (!(node instanceof ContainerNode)) throw new Error('Pick an inbox, chatbot, company or customer in the Threadline view');
    return node;
  };

  return [
    vscode.commands.registerCommand('threadline.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('threadline.refreshNode', (args?: unknown) => {
      const node = resolveNode(tree, args);
      tree.refresh(node instanceof AccountNode || node instanceof ContainerNode ? node : undefined);
    }),
    vscode.commands.registerCommand('threadline.loadMore', async (args?: unknown) => {
      await container(args).loadMore();
    }),
    vscode.commands.registerCommand('threadline.retry', (args?: unknown) => {
      const node = resolveNode(tree, args);
      if (node instanceof ErrorNode) node.retry();
      else if (node instanceof AccountNode || node instanceof ContainerNode) node.reload();
    }),
    vscode.commands.registerCommand('threadline.filterThreads', async (args?: unknown) => {
      const node = container(args);
      // A row clicked in the view is a node, and gets the picker; only a script's plain object
      // carries a filter to apply as it is.
      const given = scriptArgs(z.object({ filter: filterSchema }), args);
      if (given) {
        node.setFilter(given.filter);
        return describeFilter(node.filter);
      }
      const next = await pickFilter(node.filterDefinitions, node.filter, node.searchesOnServer);
      if (next) node.setFilter(next);
      return describeFilter(node.filter);
    }),
    vscode.commands.registerCommand('threadline.filterView', async (args?: unknown) => {
      // A script passes the words ({text}); a click on the title bar gets a box that filters as you type.
      const given = scriptArgs(z.object({ text: z.string() }), args);
      if (given) {
        tree.setFilter(given.text);
        return tree.filter;
      }
      const before = tree.filter;
      const box = vscode.window.createInputBox();
      box.title = vscode.l10n.t('Filter Threads');
      box.prompt = vscode.l10n.t('Show the loaded threads whose title or people contain these words (Escape puts back the filter before)');
      box.placeholder = vscode.l10n.t('Words in a title, a name or an address');
      box.value = before ?? '';
      const done = new Promise<string | undefined>((resolve) => {
        let accepted = false;
        box.onDidChangeValue((value) => tree.setFilter(value));
        box.onDidAccept(() => {
          accepted = true;
          box.hide();
        });
        box.onDidHide(() => {
          if (!accepted) tree.setFilter(before);
          box.dispose();
          resolve(tree.filter);
        });
      });
      box.show();
      return done;
    }),
    vscode.commands.registerCommand('threadline.clearViewFilter', () => tree.setFilter(undefined)),
    vscode.commands.registerCommand('threadline.clearFilter', (args?: unknown) => {
      container(args).setFilter({});
    }),
    vscode.commands.registerCommand('threadline.copyId', async (args?: unknown) => {
      const node = resolveNode(tree, args);
      const id = node instanceof ThreadNode ? node.threadId : node instanceof ContainerNode ? node.containerId : node instanceof AccountNode ? node.accountId : undefined;
      if (id === undefined) return undefined;
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(notice`Copied ${id}`, 3000);
      return id;
    }),
    vscode.commands.registerCommand('threadline.openInBrowser', async (args?: unknown) => {
      const node = resolveNode(tree, args);
      const url = node instanceof ThreadNode ? node.summary.webUrl : undefined;
      if (!url) return false;
      return openWebLink(url, log, false, open);
    }),
  ];
}

async function pickFilter(definitions: readonly FilterDefinition[], current: ThreadFilter, searchesOnServer: boolean): Promise<ThreadFilter | undefined> {
  const items: (vscode.QuickPickItem & { key: string })[] = [
    ...definitions.map((definition) => ({
      label: definition.label,
      description: pickDescription(describeValue(current[definition.key]) ?? 'any'),
      detail: definition.appliesOn === 'server' ? vscode.l10n.t('Asked of the service') : vscode.l10n.t('Applied to the loaded threads'),
      key: definition.key,
    })),
    searchesOnServer
      ? { label: vscode.l10n.t('Search…'), description: current.text ? pickDescription(`“${current.text}”`) : 'any', detail: vscode.l10n.t('Asked of the service (its own search)'), key: 'text' }
      : { label: vscode.l10n.t('Title contains…'), description: current.text ? pickDescription(`“${current.text}”`) : 'any', detail: vscode.l10n.t('Applied to the loaded threads'), key: 'text' },
    { label: vscode.l10n.t('Clear Filter'), key: 'clear' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Filter threads by…') });
  if (!picked) return undefined;
  if (picked.key === 'clear') return {};
  if (picked.key === 'text') {
    const text = await vscode.window.showInputBox({ prompt: searchesOnServer ? vscode.l10n.t('Find conversations with these words (the service searches)') : vscode.l10n.t('Show threads whose title contains'), value: current.text ?? '' });
    if (text === undefined) return undefined;
    return { ...current, ...(text.trim() ? { text: text.trim() } : { text: undefined }) };
  }
  const definition = definitions.find((candidate) => candidate.key === picked.key);
  if (!definition) return undefined;
  const choices = definition.values ? ['any', ...definition.values] : ['any', 'yes', 'no'];
  const value = await vscode.window.showQuickPick(choices, { placeHolder: definition.label });
  if (value === undefined) return undefined;
  const next: ThreadFilter = { ...current };
  if (value === 'any') delete next[definition.key];
  else if (definition.values) (next as Record<string, unknown>)[definition.key] = value;
  else (next as Record<string, unknown>)[definition.key] = value === 'yes';
  return next;
}

function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
