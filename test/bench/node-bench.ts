// The plain-Node half of `npm run bench`, against a sample server in its own process:
// - the floor for opening the 10,000-message thread: the same two HTTP requests Threadline makes,
//   plus JSON.parse, from a bare script (node:http, keep-alive) — and Threadline's provider path
//   (undici, validation, mapping) beside it;
// - paging all 10,000 messages at 50 ms latency: Threadline's fetch (concurrent, since AgentSend
//   gives offsets and a total) against a plain sequential loop, with the ideal for comparison.
// - search: the conversation index fed 100,000 messages, and queries over them (search-bench.ts).
// Writes its results as JSON to the file named by BENCH_OUT. measureNode() is also what the unit
// test of the report runs, tiny.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { Agent } from 'undici';
import { AgentSendProvider } from '../../src/providers/agentsend/client';
import { memoryStore } from '../unit/support/memoryStore';
import { DEFAULT_SAMPLE_KEYS } from '../../src/sample';
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
}

function getJson(url: string, keepAlive: http.Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: keepAlive, headers: { 'x-api-key': KEY, accept: 'application/json' } }, (response) => {
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

/** The floor and the provider for opening the long thread at each latency, and (unless left out) paging. */
export async function measureNode(options: { sampleUrl: string; runs: number; latencies: number[]; paging: boolean; search?: { messages: number; runs: number } }): Promise<NodeResults> {
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
    const search = options.search ? await measureSearch(options.search) : undefined;
    if (!options.paging) return { open, ...(search ? { search } : {}) };

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
    return { open, paging: { latencyMs: 50, pages: 100, concurrency: CONCURRENCY, threadlineMs: threadline.median, sequentialMs: sequential.median, idealMs }, ...(search ? { search } : {}) };
  } finally {
    await setLatency(sample, 0);
    await dispatcher.close();
    keepAlive.destroy();
  }
}

if (require.main === module) {
  measureNode({ sampleUrl: process.env['SAMPLE_URL'] ?? '', runs: 15, latencies: [0, 50], paging: true, search: { messages: 100_000, runs: 9 } }).then(
    (result) => fs.writeFileSync(process.env['BENCH_OUT'] ?? 'node-bench.json', JSON.stringify(result, null, 2)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
