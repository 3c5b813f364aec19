// "Try with Sample Data": starts the sample server inside the extension host on 127.0.0.1 — a
// separate bundle, loaded only now, so activation stays small — and adds clearly labelled
// sample accounts; "Remove Sample Data" takes them away again with their keys, and stops it.
//
// `npm run demo` starts the sample server as its own process instead and tells the extension
// where it is with THREADLINE_SAMPLE_SERVER (a loopback URL only, with the server's token); the
// extension then gives the demo's sample accounts their keys, again on every start (code-server
// keeps secrets in memory).
//
// The in-extension server carries a fresh random token in its URL, so each start moves the sample
// accounts' base URLs; they are rebound like a moved port. Its control API is off outside test runs.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { AccountStore } from './accounts/accountStore';
import type { Confirmations } from './confirmations';
import { optionValueSchema, sessionInputSchema } from './accounts/accountSettings';
import type { Account, ServiceId } from './domain/model';
import { SERVICES } from './providers/registry';
import type { Logger } from './logger';
import { isLoopbackHost, originOf } from './http/origin';
import type { SampleAccount } from './sample/types';
import { plural } from './domain/format';

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
  startSampleServer(options: { port?: number; host?: string; control?: boolean }): Promise<{ url: string; baseUrls: Record<ServiceId, string>; keys: unknown; close(): Promise<void> }>;
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
    /** Serve the sample server's control API (test runs only). */
    private readonly controlApi = false,
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
      const options = { host: '127.0.0.1', control: this.controlApi };
      const started = await module.startSampleServer({ ...options, port: SAMPLE_PORT }).catch(() => module.startSampleServer({ ...options, port: 0 }));
      this.server = { url: started.url, accounts: module.sampleAccounts(started), close: () => started.close() };
      this.log.info(`Sample server listening on ${new URL(started.url).origin}`);
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
        // Our own server on loopback: its keys may follow it to the new origin (or token).
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

/**
 * What Remove Sample Data says will happen: the keys go; the sample server Threadline started
 * stops, but the demo's own server (`npm run demo`) keeps running until the demo is stopped.
 */
export function removeSampleDataDetail(servers: { ownServerRunning: boolean; demoServer: boolean }): string {
  const server = servers.ownServerRunning
    ? vscode.l10n.t(' and the sample server Threadline started stops')
    : '';
  const demo = servers.demoServer ? vscode.l10n.t(' The demo\'s sample server keeps running until you stop `npm run demo`.') : '';
  return vscode.l10n.t('Their keys are deleted{0}. Your own accounts are not touched.{1}', server, demo);
}

/** The demo's sample server, when `npm run demo` started one (loopback only; its URL carries its token). */
export function demoServerUrl(): string | undefined {
  const value = process.env['THREADLINE_SAMPLE_SERVER'];
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname) || url.search || url.hash || url.username || url.password) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const infoSchema = z.object({
  accounts: z.array(
    z.object({
      service: z.string().check(z.refine((value) => SERVICES.has(value))),
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
  return info.data.accounts.filter((record) => record.baseUrl.startsWith(`${url}/`) && originOf(record.baseUrl) === originOf(url));
}

/** Try with Sample Data, and Remove Sample Data (with a confirmation unless a test script calls it). */
export function registerSampleDataCommands(sampleData: SampleData, accounts: AccountStore, refresh: () => void, confirmations: Confirmations): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('threadline.trySampleData', async () => {
      const ids = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the sample server…') }, () => sampleData.add());
      refresh();
      return ids;
    }),
    vscode.commands.registerCommand('threadline.removeSampleData', async (args?: unknown) => {
      const count = accounts.list().filter(isSampleAccount).length;
      const remove = await confirmations.confirm(
        args !== undefined,
        vscode.l10n.t('Remove the {0}?', plural(count, 'sample account', 'sample accounts')),
        removeSampleDataDetail({ ownServerRunning: sampleData.running, demoServer: demoServerUrl() !== undefined }),
        vscode.l10n.t('Remove Sample Data'),
      );
      if (!remove) return 0;
      return sampleData.remove();
    }),
  ];
}
