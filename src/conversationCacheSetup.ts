// The disk cache's settings and command: `threadline.cache.persist` (off by default — it is
// customer data) and `threadline.cache.maxSizeMB` decide whether and how much the store keeps in
// the extension's global storage; "Threadline: Clear Cached Conversations" empties it. Turning
// the setting off deletes what was kept.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from './clock';
import { formatBytes, plural } from './domain/format';
import type { Logger } from './logger';
import { ConversationCache, emptyDirectory } from './store/conversationCache';

const DEFAULT_MAX_MB = 200;

export interface ConversationCacheSetup extends vscode.Disposable {
  /** The cache while persisting is on. */
  current(): ConversationCache | undefined;
  /** Where the cache keeps its files (undefined where global storage is not on this machine's disk). */
  readonly directory: string | undefined;
  /** Deletes every saved conversation; returns how many there were. */
  clear(): Promise<number>;
}

function settings(): { persist: boolean; maxBytes: number } {
  const config = vscode.workspace.getConfiguration('threadline.cache');
  const megabytes = config.get<number>('maxSizeMB', DEFAULT_MAX_MB);
  return { persist: config.get<boolean>('persist', false), maxBytes: Math.max(1, Number.isFinite(megabytes) ? megabytes : DEFAULT_MAX_MB) * 1024 * 1024 };
}

export function setUpConversationCache(deps: { globalStorageUri: vscode.Uri; clock: Clock; log: Logger; secrets: () => Iterable<string> }): ConversationCacheSetup {
  const directory = deps.globalStorageUri.scheme === 'file' ? path.join(deps.globalStorageUri.fsPath, 'conversations') : undefined;
  let cache: ConversationCache | undefined;
  const apply = () => {
    const wanted = settings().persist && directory !== undefined;
    if (wanted && !cache && directory) {
      cache = new ConversationCache({ directory, clock: deps.clock, maxBytes: () => settings().maxBytes, secrets: deps.secrets, log: deps.log });
      deps.log.info('Conversations you read are kept on disk (threadline.cache.persist)');
    } else if (!wanted && cache) {
      // Off means nothing about threads stays on disk: what was kept goes.
      const old = cache;
      cache = undefined;
      void old
        .dispose()
        .then(() => old.clear())
        .then(({ threads }) => deps.log.info(`Caching turned off: deleted ${threads} cached conversation(s)`))
        .catch((error: unknown) => deps.log.warn(`Couldn't delete the cached conversations: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  apply();
  const clear = async (): Promise<number> => {
    if (cache) return (await cache.clear()).threads;
    if (!directory) return 0;
    // Off now, but a copy kept before may be there.
    const threads = (await fs.readdir(directory).catch(() => [])).filter((name) => name.startsWith('t-') && name.endsWith('.json')).length;
    await emptyDirectory(directory);
    return threads;
  };
  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('threadline.cache')) apply();
    }),
    vscode.commands.registerCommand('threadline.clearCache', async () => {
      const before = cache ? await cache.stats() : undefined;
      const threads = await clear();
      const conversations = plural(threads, vscode.l10n.t('conversation'), vscode.l10n.t('conversations'));
      // The size is known while caching is on; a copy left from before is counted only.
      const size = before ? formatBytes(before.bytes) : undefined;
      void vscode.window.showInformationMessage(
        threads === 0
          ? vscode.l10n.t('No conversations are cached on this computer.')
          : size
            ? vscode.l10n.t('Deleted {0} ({1}) cached on this computer.', conversations, size)
            : vscode.l10n.t('Deleted {0} cached on this computer.', conversations),
      );
      return threads;
    }),
  ];
  return {
    current: () => cache,
    directory,
    clear,
    dispose: () => {
      subscriptions.forEach((subscription) => subscription.dispose());
      cache?.dispose().catch(() => undefined); // a failed write is logged by the cache
    },
  };
}
