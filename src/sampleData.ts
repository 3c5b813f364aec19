// "Try with Sample Data": starts the sample server inside the extension host on 127.0.0.1 — a
// separate bundle, loaded only now, so activation stays small — and adds clearly labelled
// sample accounts; "Remove Sample Data" takes them away again with their keys, and stops it.
//
// `npm run demo` starts the sample server as its own process instead and tells the extension
// where it is with THREADLINE_SAMPLE_SERVER (a loopback URL only); the extension then gives the
// demo's sample accounts their keys, again on every start (code-server keeps secrets in memory).
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { AccountStore } from './accounts/accountStore';
import { optionValueSchema, sessionInputSchema } from './accounts/accountSettings';
import { SERVICE_IDS, type Account, type ServiceId } from './domain/model';
import type { Logger } from './http/client';
import { isLoopbackHost, originOf } from './http/origin';
import { askModal } from './modal';
import type { SampleAccount } from './sample/types';

/** Account option marking what Try with Sample Data (or the demo) added. */
export const SAMPLE_OPTION = 'sampleData';
/** Where the in-extension sample server listens when it can, so sample accounts keep their URL across restarts. */
export const SAMPLE_PORT = 47_813;

interface RunningServer {
  url: string;
  accounts: SampleAccount[];
  close(): Promise<void>;
}

type SampleServerModule = {
  startSampleServer(options: { port?: number; host?: string }): Promise<{ url: string; baseUrls: Record<ServiceId, string>; keys: unknown; close(): Promise<void> }>;
  sampleAccounts(server: { baseUrls: Record<ServiceId, string>; keys: unknown }): SampleAccount[];
};

export const isSampleAccount = (account: Account): boolean => account.options[SAMPLE_OPTION] === true;

export class SampleData implements vscode.Disposable {
  private server: RunningServer | undefined;
  private starting: Promise<RunningServer> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly accounts: AccountStore,
    private readonly log: Logger,
  ) {}

  /** Starts the in-extension sample server (if needed) and adds or refreshes the sample accounts. */
  async add(): Promise<string[]> {
    const server = await this.start();
    return this.provision(server);
  }

  /** Removes every sample account with its secrets, and stops the in-extension server. */
  async remove(): Promise<number> {
    const sample = this.accounts.list().filter(isSampleAccount);
    for (const account of sample) await this.accounts.remove(account.id);
    await this.stop();
    this.log.info(`Removed ${sample.length} sample account(s)`);
    return sample.length;
  }

  /**
   * At start-up: sample accounts that exist need their server again (and, on hosts that keep
   * secrets in memory, their keys). Does nothing — and loads nothing — without sample accounts.
   */
  async resume(): Promise<void> {
    const sample = this.accounts.list().filter(isSampleAccount);
    const external = demoServerUrl();
    if (external) {
      this.log.info(`Sample data: using the demo's sample server at ${external}`);
      const info = await fetchInfo(external);
      this.log.info(`Sample data: ${info.length} sample accounts described`);
      await this.provision({ url: external, accounts: info, close: async () => undefined });
      this.log.info('Sample data: keys in place');
      return;
    }
    if (sample.length === 0) return;
    await this.add();
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  dispose(): void {
    void this.stop();
  }

  private start(): Promise<RunningServer> {
    if (this.server) return Promise.resolve(this.server);
    this.starting ??= (async () => {
      // The sample server is its own bundle: required here, never at activation.
      const module = require(vscode.Uri.joinPath(this.extensionUri, 'dist', 'sample-server.js').fsPath) as SampleServerModule;
      const started = await module.startSampleServer({ port: SAMPLE_PORT, host: '127.0.0.1' }).catch(() => module.startSampleServer({ port: 0, host: '127.0.0.1' }));
      this.server = { url: started.url, accounts: module.sampleAccounts(started), close: () => started.close() };
      this.log.info(`Sample server listening on ${started.url}`);
      return this.server;
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await server.close().catch(() => undefined);
  }

  /** One labelled account per service on this server, each with its key; existing ones are fixed up. */
  private async provision(server: RunningServer): Promise<string[]> {
    const ids: string[] = [];
    for (const record of server.accounts) {
      const existing = this.accounts.list().find((account) => isSampleAccount(account) && account.service === record.service);
      let account: Account;
      if (existing) {
        account =
          existing.baseUrl === record.baseUrl
            ? existing
            : await this.accounts.update(existing.id, { baseUrl: record.baseUrl }); // the port moved
        // Our own server on loopback: its keys may follow it to the new origin.
        if (originOf(existing.baseUrl) !== originOf(record.baseUrl)) await this.accounts.secrets.rebind(account);
        if ((await this.accounts.secrets.state(account, 'apiKey')).status !== 'ok') await this.accounts.secrets.save(account, 'apiKey', record.apiKey);
        if (record.session && (await this.accounts.secrets.state(account, 'session')).status !== 'ok') {
          await this.accounts.secrets.save(account, 'session', JSON.stringify(record.session));
        }
      } else {
        account = await this.accounts.add({
          service: record.service,
          label: record.label,
          baseUrl: record.baseUrl,
          apiKey: record.apiKey,
          options: { ...record.options, [SAMPLE_OPTION]: true },
          ...(record.session ? { session: record.session } : {}),
        });
      }
      ids.push(account.id);
    }
    return ids;
  }
}

/** The demo's sample server, when `npm run demo` started one (loopback only). */
export function demoServerUrl(): string | undefined {
  const value = process.env['THREADLINE_SAMPLE_SERVER'];
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const infoSchema = z.object({
  accounts: z.array(
    z.object({
      service: z.enum(SERVICE_IDS),
      label: z.string(),
      baseUrl: z.string(),
      apiKey: z.string(),
      options: z.record(z.string(), optionValueSchema),
      session: z.optional(sessionInputSchema),
    }),
  ),
});

async function fetchInfo(url: string): Promise<SampleAccount[]> {
  const response = await fetch(`${url}/__control/info`);
  if (!response.ok) throw new Error(`The demo's sample server answered ${response.status}`);
  const info = infoSchema.safeParse(await response.json());
  if (!info.success) throw new Error("The demo's sample server sent an unexpected description of its accounts");
  // Only accounts on that same server: its info cannot point a key anywhere else.
  return info.data.accounts.filter((record) => URL.canParse(record.baseUrl) && originOf(record.baseUrl) === url);
}

/** Try with Sample Data, and Remove Sample Data (with a confirmation unless a script calls it). */
export function registerSampleDataCommands(sampleData: SampleData, accounts: AccountStore, refresh: () => void): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('threadline.trySampleData', async () => {
      const ids = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Starting the sample server…' }, () => sampleData.add());
      refresh();
      return ids;
    }),
    vscode.commands.registerCommand('threadline.removeSampleData', async (args?: unknown) => {
      const count = accounts.list().filter(isSampleAccount).length;
      if (args === undefined) {
        const answer = await askModal(
          `Remove the ${count} sample account${count === 1 ? '' : 's'}?`,
          'Their keys are deleted and the sample server stops. Your own accounts are not touched.',
          'Remove Sample Data',
        );
        if (answer !== 'Remove Sample Data') return 0;
      }
      return sampleData.remove();
    }),
  ];
}
