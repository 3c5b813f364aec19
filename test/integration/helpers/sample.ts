// The sample server (and the capture server) the launcher started, reached over its control API.
import * as assert from 'node:assert/strict';

export interface SampleAccount {
  service: 'agentsend' | 'sitegpt' | 'tybrite' | 'thred' | 'cattix';
  label: string;
  baseUrl: string;
  apiKey: string;
  options: Record<string, string | number | boolean | string[]>;
  session?: { accessToken: string; refreshToken?: string; expiresAt?: number };
}

export interface LoggedRequest {
  seq: number;
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

  async accounts(): Promise<SampleAccount[]> {
    return (await this.call<{ accounts: SampleAccount[] }>('GET', 'info')).accounts;
  }
  async account(service: SampleAccount['service']): Promise<SampleAccount> {
    const found = (await this.accounts()).find((entry) => entry.service === service);
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
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through test/host/run-integration.mjs`);
  return value;
}

export const sample = new SampleServerClient(required('THREADLINE_SAMPLE_URL'));
export const capture = new SampleServerClient(required('THREADLINE_CAPTURE_URL'));
