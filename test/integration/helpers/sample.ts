// The sample server (and the capture server) the launcher started, reached over its control API.
import * as assert from 'node:assert/strict';

export interface SampleAccount {
  service: 'agentsend' | 'sitegpt' | 'sitegpt-v2' | 'tybrite' | 'thred' | 'cattix';
  label: string;
  baseUrl: string;
  apiKey: string;
  options: Record<string, string | number | boolean | string[]>;
  session?: { accessToken: string; refreshToken?: string; expiresAt?: number };
}

export interface LoggedRequest {
  seq: number;
  /** Arrival, ms since the epoch. */
  time: number;
  method: string;
  service: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  status: number;
  /** The fault it met, if any. */
  fault?: string;
}

export class SampleServerClient {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__control/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    assert.ok(response.ok, `sample server control ${method} ${path}: ${response.status}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The one-per-service sample accounts. */
  async accounts(): Promise<SampleAccount[]> {
    return (await this.call<{ accounts: SampleAccount[] }>('GET', 'info')).accounts;
  }
  /** Accounts for a service's other API (SiteGPT v2). */
  async variantAccounts(): Promise<SampleAccount[]> {
    return (await this.call<{ variantAccounts?: SampleAccount[] }>('GET', 'info')).variantAccounts ?? [];
  }
  async account(service: SampleAccount['service']): Promise<SampleAccount> {
    const found = [...(await this.accounts()), ...(await this.variantAccounts())].find((entry) => entry.service === service);
    assert.ok(found, `sample account for ${service}`);
    return found;
  }
  setFaults(rules: { service?: string; pathIncludes?: string; fault: string; times?: number }[]): Promise<void> {
    return this.call('POST', 'faults', { rules });
  }
  clearFaults(): Promise<void> {
    return this.call('DELETE', 'faults');
  }
  setLatency(ms: number): Promise<void> {
    return this.call('POST', 'latency', { ms });
  }
  async requests(since = 0): Promise<LoggedRequest[]> {
    return (await this.call<{ requests: LoggedRequest[] }>('GET', `requests?since=${since}`)).requests;
  }
  clearRequests(): Promise<void> {
    return this.call('DELETE', 'requests');
  }
  reset(): Promise<void> {
    return this.call('POST', 'reset');
  }
  stats(): Promise<{ inFlight: number; maxInFlight: number }> {
    return this.call('GET', 'stats');
  }
  /** Serves AgentSend's long thread with this many messages until reset (the benchmark's 100,000). */
  agentsendLongThread(messages: number): Promise<void> {
    return this.call('POST', 'agentsend/long-thread', { messages });
  }
  /** Posts a message to a (sandbox) Tybrite thread; its live subscribers get it pushed. */
  tybritePost(threadId: string, text: string, sender: 'customer' | 'store' = 'customer'): Promise<{ message: { id: string; created_at: string } }> {
    return this.call('POST', 'tybrite/messages', { threadId, text, sender });
  }
  async tybriteLiveSockets(): Promise<number> {
    return (await this.call<{ sockets: number }>('GET', 'tybrite/live')).sockets;
  }
  /** Cuts every Tybrite live connection without a close frame. */
  tybriteDropLive(): Promise<void> {
    return this.call('DELETE', 'tybrite/live');
  }
  /** The longest lifetime a signed x-external-auth claim may have (reset puts back 300 s). */
  tybriteMaxClaimLifetime(seconds: number): Promise<void> {
    return this.call('POST', 'tybrite/claims', { maxLifetimeSeconds: seconds });
  }
  /** Moves the server's time forward, to keep it in step with a clock the extension is given (reset puts it back). */
  advanceClock(ms: number): Promise<void> {
    return this.call('POST', 'clock', { advanceMs: ms });
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through test/host/run-integration.mjs`);
  return value;
}

export const sample = new SampleServerClient(required('THREADLINE_SAMPLE_URL'));
export const capture = new SampleServerClient(required('THREADLINE_CAPTURE_URL'));
