// Fault specs, control rules and the generic drift transforms.
//
// A spec is one of the items below, or `latency:<ms>`, `inject` / `inject-huge`, `slow[:ms]` and the
// misbehaviours of src/sample/misbehave.ts combined with one of them (`latency:200,503`,
// `inject,404`, `dup,control`, `endless,slow:5`):
//   429 | 429:<s> | 429-date:<s> | 429-day | 429-quota | 429-reset:<s> | 500 | 502 | 503 | 503:<s> | 504 | 401 | 403 | 404
//   (429-quota: the service's "monthly allowance used up" 429, where it has one — Tybrite's quota_exceeded;
//    429-reset:<s>: a 429 that says when it clears only in X-RateLimit-Reset, without Retry-After)
//   hang | refuse | truncate | invalid-json | drift | drift-item | drift-enum | latency:<ms>
//   (refuse: the connection is closed without an answer, as when the server has stopped)
//   inject        every free-text string of the answer (error bodies too) carries the injection corpus
//   inject-huge   the same, and the first of those strings is also padded to 1 MB
//   dup | total-high | grow | shrink | endless | empty-page | huge | control   (misbehave.ts)
//   slow[:ms]     the answer is written one byte at a time
import { MISBEHAVIOURS, SLOW_BYTE_MS, type Misbehaviour } from './misbehave';
import { SERVICE_IDS, type DriftKind, type FaultRule, type ServiceId } from './types';

export type FaultAction =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; retryAfterAsDate?: boolean; quota?: boolean; noRetryAfter?: boolean }
  | { kind: 'hang' }
  | { kind: 'refuse' }
  | { kind: 'truncate' }
  | { kind: 'invalid-json' }
  | { kind: DriftKind };

export type InjectKind = 'inject' | 'inject-huge';

export interface ParsedFault {
  spec: string;
  latencyMs: number;
  action?: FaultAction;
  /** The injection corpus goes into the answer's text fields (see injectCorpus). */
  inject?: InjectKind;
  /** What a misbehaving service does to a successful answer (misbehave.ts). */
  misbehave?: Misbehaviour[];
  /** The answer is written one byte at a time, this many ms apart. */
  slowMs?: number;
}

const PLAIN_STATUSES = new Set([401, 403, 404, 500, 502, 504]);
const MAX_LATENCY_MS = 600_000;

function parseItem(item: string): FaultAction | { latencyMs: number } | { inject: InjectKind } | { misbehave: Misbehaviour } | { slowMs: number } {
  let match: RegExpExecArray | null;
  if (item === 'inject' || item === 'inject-huge') return { inject: item };
  if ((MISBEHAVIOURS as readonly string[]).includes(item)) return { misbehave: item as Misbehaviour };
  if (item === 'slow') return { slowMs: SLOW_BYTE_MS };
  if ((match = /^slow:(\d+)$/.exec(item))) {
    const ms = Number(match[1]);
    if (ms > 10_000) throw new Error(`slow above 10000 ms a byte: ${item}`);
    return { slowMs: ms };
  }
  if (item === '429-day') return { kind: 'status', status: 429, retryAfterSeconds: 86_400 };
  if ((match = /^latency:(\d+)$/.exec(item))) {
    const ms = Number(match[1]);
    if (ms > MAX_LATENCY_MS) throw new Error(`latency above ${MAX_LATENCY_MS} ms: ${item}`);
    return { latencyMs: ms };
  }
  if (/^\d{3}$/.test(item) && PLAIN_STATUSES.has(Number(item))) return { kind: 'status', status: Number(item) };
  if (item === '429') return { kind: 'status', status: 429, retryAfterSeconds: 1 };
  if ((match = /^429:(\d+)$/.exec(item))) return { kind: 'status', status: 429, retryAfterSeconds: Number(match[1]) };
  if ((match = /^429-date:(\d+)$/.exec(item))) {
    return { kind: 'status', status: 429, retryAfterSeconds: Number(match[1]), retryAfterAsDate: true };
  }
  if (item === '429-quota') return { kind: 'status', status: 429, quota: true };
  if ((match = /^429-reset:(\d+)$/.exec(item))) return { kind: 'status', status: 429, retryAfterSeconds: Number(match[1]), noRetryAfter: true };
  if (item === '503') return { kind: 'status', status: 503 };
  if ((match = /^503:(\d+)$/.exec(item))) return { kind: 'status', status: 503, retryAfterSeconds: Number(match[1]) };
  switch (item) {
    case 'hang':
    case 'refuse':
    case 'truncate':
    case 'invalid-json':
    case 'drift':
    case 'drift-item':
    case 'drift-enum':
      return { kind: item };
    default:
      throw new Error(`unknown fault "${item}"`);
  }
}

/** Parses a fault spec; throws an Error whose message says what is wrong. */
export function parseFaultSpec(spec: string): ParsedFault {
  const trimmed = spec.trim();
  if (!trimmed) throw new Error('empty fault spec');
  const out: ParsedFault = { spec: trimmed, latencyMs: 0 };
  for (const raw of trimmed.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const parsed = parseItem(item);
    if ('latencyMs' in parsed) {
      out.latencyMs += parsed.latencyMs;
    } else if ('inject' in parsed) {
      out.inject = parsed.inject;
    } else if ('misbehave' in parsed) {
      out.misbehave ??= [];
      if (!out.misbehave.includes(parsed.misbehave)) out.misbehave.push(parsed.misbehave);
    } else if ('slowMs' in parsed) {
      out.slowMs = parsed.slowMs;
    } else {
      if (out.action) throw new Error(`a fault spec combines latency, inject, slow and misbehaviours with at most one other fault: "${trimmed}"`);
      out.action = parsed;
    }
  }
  return out;
}

/** The control rule set. First matching rule wins; a rule with `times` expires after that many matches. */
export class FaultRules {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  /** Validates every rule first, then replaces the set. */
  set(rules: unknown): void {
    if (!Array.isArray(rules)) throw new Error('"rules" must be an array');
    const next = rules.map((value: unknown, index) => ({ rule: validateRule(value, index), remaining: Infinity }));
    for (const entry of next) entry.remaining = entry.rule.times ?? Infinity;
    this.rules = next;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) =>
      Number.isFinite(remaining) ? { ...rule, times: remaining } : { ...rule },
    );
  }

  /** The spec of the first rule matching the request, consuming one of its `times`. */
  take(service: ServiceId, pathWithQuery: string): string | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const entry = this.rules[i];
      if (!entry) continue;
      const { rule } = entry;
      if (rule.service !== undefined && rule.service !== service) continue;
      if (rule.pathIncludes !== undefined && !pathWithQuery.includes(rule.pathIncludes)) continue;
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.rules.splice(i, 1);
      return rule.fault;
    }
    return undefined;
  }
}

function validateRule(value: unknown, index: number): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`rules[${index}] must be an object`);
  const record = value as Record<string, unknown>;
  const rule: FaultRule = { fault: '' };
  if (typeof record['fault'] !== 'string') throw new Error(`rules[${index}].fault must be a string`);
  parseFaultSpec(record['fault']); // throws on a bad spec
  rule.fault = record['fault'];
  if (record['service'] !== undefined) {
    if (typeof record['service'] !== 'string' || !(SERVICE_IDS as readonly string[]).includes(record['service'])) {
      throw new Error(`rules[${index}].service must be one of ${SERVICE_IDS.join(', ')}`);
    }
    rule.service = record['service'] as ServiceId;
  }
  if (record['pathIncludes'] !== undefined) {
    if (typeof record['pathIncludes'] !== 'string') throw new Error(`rules[${index}].pathIncludes must be a string`);
    rule.pathIncludes = record['pathIncludes'];
  }
  if (record['times'] !== undefined) {
    const times = record['times'];
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) throw new Error(`rules[${index}].times must be a positive integer`);
    rule.times = times;
  }
  return rule;
}

// ---- drift transforms (operate on private copies) ----

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `drift-item`: every other item (odd indexes) gets the required field `rename[0]` renamed to `rename[1]`;
 * items at indexes 3, 7, 11, … also lose their id field.
 */
export function driftItems(items: unknown, rename: readonly [string, string], idField: string): void {
  if (!Array.isArray(items)) return;
  items.forEach((item, index) => {
    if (!isRecord(item) || index % 2 === 0) return;
    renameKey(item, rename[0], rename[1]);
    if (index % 4 === 3) delete item[idField];
  });
}

/** Renames a key in place, keeping its position in the serialised output. */
export function renameKey(record: Record<string, unknown>, from: string, to: string): void {
  if (!(from in record)) return;
  const entries = Object.entries(record).map(([key, value]): [string, unknown] => [key === from ? to : key, value]);
  for (const key of Object.keys(record)) delete record[key];
  for (const [key, value] of entries) record[key] = value;
}

/**
 * `drift-enum`: every object gains unknown fields, and every string field named in `enums` takes the
 * unknown value given there (`{ status: 'teleported' }`).
 */
export function driftEnums(body: unknown, enums: Readonly<Record<string, string>>): unknown {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, field] of Object.entries(value)) {
      const replacement = enums[key];
      if (replacement !== undefined && typeof field === 'string') value[key] = replacement;
      else visit(field);
    }
    value['futureField'] = 'added in a later API version';
    value['futureFlags'] = { beta: true, rolloutPercent: 12 };
  };
  visit(body);
  return body;
}
