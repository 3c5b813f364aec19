// The plain-Node half of `npm run bench`, against a sample server in its own process:
// - the floor for opening the 10,000-message thread: the same two HTTP requests Threadline makes,
//   plus JSON.parse, from a bare script (node:http, keep-alive) — and Threadline's provider path
//   (undici, validation, mapping) beside it;
// - paging all 10,000 messages at 50 ms latency: Threadline's fetch (concurrent, since AgentSend
//   gives offsets and a total) against a plain sequential loop, with the ideal for comparison.
// - search: the conversation index fed 100,000 messages, and queries over them (search-bench.ts).
// - the floor for the Threads view's first rows: for each sample account, the list calls its tree
//   makes to show its first thread rows (its containers, then its first container's first page),
//   as Threadline's providers make them (read back from the sample server's request log), made
//   again from a bare script with JSON.parse, every account at once — and the providers beside it.
// Writes its results as JSON to the file named by BENCH_OUT. measureNode() is also what the unit
// test of the report runs, tiny.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { Agent } from 'undici';
import { AgentSendProvider } from '../../src/providers/agentsend/client';
import { memoryStore } from '../unit/support/memoryStore';
import { DEFAULT_SAMPLE_KEYS, type SampleAccount } from '../../src/sample';
import { SERVICES } from '../../src/providers/registry';
import type { RequestLogEntry } from '../../src/sample/types';
import { measureSearch, type SearchResults } from './search-bench';

const KEY = DEFAULT_SAMPLE_KEYS.agentsend;
const THREAD = 'thr_longhistory0001';
const CONCURRENCY = 6;

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface NodeResults {
  open: Record<string, { floorMs: number; providerMs: number; floor: Spread; provider: Spread }>;
  paging?: { latencyMs: number; pages: number; concurrency: number; threadlineMs: number; sequentialMs: number; idealMs: number };
  /** The conversation index over the long thread (left out on request). */
  search?: SearchResults;
  /** The requests each sample account's tree makes for its first thread rows, at 0 ms latency. */
  treeFirstRows?: TreeFloor;
}

export interface TreeFloor {
  /** Per account: its service and the requests, in order (`GET /path?query`). */
  accounts: { service: string; requests: string[] }[];
  /** Those requests from a bare script (node:http, keep-alive) plus JSON.parse: accounts at once, each in order. */
  floor: Spread;
  /** Threadline's providers in plain Node: listContainers, then the first container's first page. */
  provider: Spread;
}

function getJson(url: string, keepAlive: http.Agent, headers: Record<string, string> = { 'x-api-key': KEY, accept: 'application/json' }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: keepAlive, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

async function setLatency(sample: string, ms: number): Promise<void> {
  await fetch(`${sample}/__control/latency`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function time(run: () => Promise<unknown>, runs: number): Promise<Spread> {
  await run(); // warm the connections
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.map((value) => Math.round(value * 100) / 100) };
}

async function control<T>(sample: string, path: string, method = 'GET'): Promise<T> {
  const response = await fetch(`${sample}/__control/${path}`, { method });
  if (!response.ok) throw new Error(`sample server control ${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Headers a connection sets for itself: not copied when a logged request is made again. */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * The floor of the Threads view's first rows: each sample account's providers make the calls its
 * tree makes (containers, then the first container's first page) once, the sample server's log
 * gives those requests exactly, and a bare script makes them again, every account at once.
 */
export async function measureTreeFloor(sample: string, runs: number): Promise<TreeFloor> {
  const accounts = (await control<{ accounts: SampleAccount[] }>(sample, 'info')).accounts;
  const dispatcher = new Agent({ connections: 16 });
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    const providers = accounts.map((sampleAccount) => {
      const account = { id: `bench-${sampleAccount.service}`, service: sampleAccount.service, label: sampleAccount.label, baseUrl: sampleAccount.baseUrl, options: sampleAccount.options };
      const session = sampleAccount.session ? JSON.stringify(sampleAccount.session) : undefined;
      return SERVICES.get(sampleAccount.service).create({ account, dispatcher, credentials: { get: async (name) => (name === 'apiKey' ? sampleAccount.apiKey : session), set: async () => undefined } });
    });
    const firstRows = async (provider: (typeof providers)[number]) => {
      const containers = await provider.listContainers();
      const first = containers[0];
      if (!first) throw new Error('an account without containers');
      return provider.listThreads(first, { filter: {} });
    };
    const requests: { service: string; url: string; headers: Record<string, string>; line: string }[][] = [];
    for (const provider of providers) {
      const before = (await control<{ requests: RequestLogEntry[] }>(sample, 'requests')).requests.at(-1)?.seq ?? 0;
      const page = await firstRows(provider);
      if (page.items.length === 0) throw new Error('a first container without threads');
      const logged = (await control<{ requests: RequestLogEntry[] }>(sample, `requests?since=${before}`)).requests;
      requests.push(
        logged.map((entry) => {
          const query = new URLSearchParams();
          for (const [name, value] of Object.entries(entry.query)) for (const one of Array.isArray(value) ? value : [value]) query.append(name, one);
          const search = query.toString();
          const headers = Object.fromEntries(Object.entries(entry.headers).filter(([name]) => !CONNECTION_HEADERS.has(name)));
          return { service: entry.service, url: `${sample}/${entry.service}${entry.path}${search ? `?${search}` : ''}`, headers, line: `${entry.method} ${entry.path}${search ? `?${search}` : ''}` };
        }),
      );
    }
    const floor = await time(() => Promise.all(requests.map(async (account) => {
      for (const request of account) await getJson(request.url, keepAlive, request.headers);
    })), runs);
    const provider = await time(() => Promise.all(providers.map(firstRows)), runs);
    return { accounts: requests.map((account, index) => ({ service: accounts[index]?.service ?? '', requests: account.map((request) => request.line) })), floor, provider };
  } finally {
    await dispatcher.close();
    keepAlive.destroy();
  }
}

/** The floor and the provider for opening the long thread at each latency, and (unless left out) paging. */
export async function measureNode(options: { sampleUrl: string; runs: number; latencies: number[]; paging: boolean; search?: { messages: number; runs: number }; treeFirstRows?: boolean }): Promise<NodeResults> {
  const sample = options.sampleUrl;
  const base = `${sample}/agentsend`;
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const get = (url: string) => getJson(url, keepAlive);
  const dispatcher = new Agent({ connections: 16 });
  const account = { id: 'bench', service: 'agentsend', label: 'Bench', baseUrl: base, options: {} };
  const source = new AgentSendProvider({
    account,
    credentials: { get: async (name) => (name === 'apiKey' ? KEY : undefined), set: async () => undefined },
    dispatcher,
  });
  const ref = { threadId: THREAD };
  const floorOpen = () => Promise.all([get(`${base}/threads/${THREAD}`), get(`${base}/threads/${THREAD}/messages?limit=100&offset=0`)]);
  const open: NodeResults['open'] = {};
  try {
    for (const latency of options.latencies) {
      await setLatency(sample, latency);
      const floor = await time(floorOpen, options.runs);
      const provider = await time(() => source.openThread(ref), options.runs);
      open[`${latency}ms`] = { floorMs: floor.median, providerMs: provider.median, floor, provider };
    }
    await setLatency(sample, 0);
    const treeFirstRows = options.treeFirstRows ? await measureTreeFloor(sample, options.runs) : undefined;
    const search = options.search ? await measureSearch(options.search) : undefined;
    const extra = { ...(search ? { search } : {}), ...(treeFirstRows ? { treeFirstRows } : {}) };
    if (!options.paging) return { open, ...extra };

    await setLatency(sample, 50);
    const threadline = await time(async () => {
      const { messages: all } = await memoryStore([{ account, provider: source }]).loadWholeThread({ accountId: account.id, ...ref });
      if (all.length !== 10_000) throw new Error(`fetched ${all.length}`);
    }, 3);
    const sequential = await time(async () => {
      let count = 0;
      await get(`${base}/threads/${THREAD}`);
      for (let offset = 0; offset < 10_000; offset += 100) {
        const page = (await get(`${base}/threads/${THREAD}/messages?limit=100&offset=${offset}`)) as { data: unknown[] };
        count += page.data.length;
      }
      if (count !== 10_000) throw new Error(`fetched ${count}`);
    }, 3);
    // Ideal at this concurrency: the first page (with the thread, side by side), then 99 pages in
    // rounds of CONCURRENCY, each round one latency long.
    const idealMs = (1 + Math.ceil(99 / CONCURRENCY)) * 50;
    return { open, paging: { latencyMs: 50, pages: 100, concurrency: CONCURRENCY, threadlineMs: threadline.median, sequentialMs: sequential.median, idealMs }, ...extra };
  } finally {
    await setLatency(sample, 0);
    await dispatcher.close();
    keepAlive.destroy();
  }
}

if (require.main === module) {
  measureNode({ sampleUrl: process.env['SAMPLE_URL'] ?? '', runs: 15, latencies: [0, 50], paging: true, search: { messages: 100_000, runs: 9 }, treeFirstRows: true }).then(
    (result) => fs.writeFileSync(process.env['BENCH_OUT'] ?? 'node-bench.json', JSON.stringify(result, null, 2)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
