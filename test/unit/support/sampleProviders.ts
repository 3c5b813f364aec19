// Providers pointed at a running sample server, with in-memory credentials and fast retries.
import { Agent } from 'undici';
import { systemClock, type Clock } from '../../../src/clock';
import type { Account, ServiceId } from '../../../src/domain/model';
import { serviceDescriptor } from '../../../src/providers/registry';
import type { CredentialName, CredentialStore, ServiceProvider } from '../../../src/providers/types';
import { sampleAccounts, sampleVariantAccounts, type SampleServer } from '../../../src/sample';

export class MemoryCredentials implements CredentialStore {
  readonly values = new Map<CredentialName, string>();
  async get(name: CredentialName): Promise<string | undefined> {
    return this.values.get(name);
  }
  async set(name: CredentialName, value: string): Promise<void> {
    this.values.set(name, value);
  }
}

export interface TestProvider<S extends ServiceProvider = ServiceProvider> {
  source: S;
  account: Account;
  credentials: MemoryCredentials;
  dispatcher: Agent;
}

export function sampleProvider<S extends ServiceProvider = ServiceProvider>(
  server: SampleServer,
  service: ServiceId,
  overrides: { apiKey?: string | null; session?: string | null; options?: Account['options']; baseUrl?: string; headersTimeoutMs?: number; now?: () => number; answerDeadlineMs?: number; clock?: Clock } = {},
): TestProvider<S> {
  const record = [...sampleAccounts(server), ...sampleVariantAccounts(server)].find((entry) => entry.service === service);
  if (!record) throw new Error(`no sample account for ${service}`);
  const account: Account = {
    id: `test-${service}`,
    service,
    label: record.label,
    baseUrl: overrides.baseUrl ?? record.baseUrl,
    options: overrides.options ?? record.options,
  };
  const credentials = new MemoryCredentials();
  const apiKey = overrides.apiKey === undefined ? record.apiKey : overrides.apiKey;
  if (apiKey !== null) credentials.values.set('apiKey', apiKey);
  const session = overrides.session === undefined ? (record.session ? JSON.stringify(record.session) : undefined) : overrides.session;
  if (session) credentials.values.set('session', session);
  const timeout = overrides.headersTimeoutMs ?? 5_000;
  const dispatcher = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connect: { timeout } });
  const source = serviceDescriptor(service).create({
    account,
    credentials,
    dispatcher,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 5_000 },
    ...(overrides.clock ? { clock: overrides.clock } : overrides.now ? { clock: { now: overrides.now, sleep: systemClock.sleep } } : {}),
    ...(overrides.answerDeadlineMs ? { answerDeadlineMs: overrides.answerDeadlineMs } : {}),
  }) as S;
  return { source, account, credentials, dispatcher };
}

/**
 * A sample server for one `describe` block: started before it, reset before each test, closed
 * (with every provider's connections) after it. `make` builds an provider pointed at it.
 */
export function useSampleServer(options: import('../../../src/sample').SampleServerOptions = {}): {
  readonly server: SampleServer;
  make<S extends ServiceProvider = ServiceProvider>(service: ServiceId, overrides?: Parameters<typeof sampleProvider>[2]): TestProvider<S>;
} {
  let server: SampleServer | undefined;
  const opened: TestProvider[] = [];
  before(async () => {
    const { startSampleServer } = await import('../../../src/sample');
    server = await startSampleServer(options);
  });
  after(async () => {
    await Promise.all(opened.map((entry) => entry.dispatcher.destroy()));
    await server?.close();
  });
  beforeEach(() => server?.control.reset());
  return {
    get server(): SampleServer {
      if (!server) throw new Error('the sample server is not started yet');
      return server;
    },
    make<S extends ServiceProvider = ServiceProvider>(service: ServiceId, overrides: Parameters<typeof sampleProvider>[2] = {}): TestProvider<S> {
      const made = sampleProvider<S>(this.server, service, overrides);
      opened.push(made);
      return made;
    },
  };
}
