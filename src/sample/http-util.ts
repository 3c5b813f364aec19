// Small helpers the service modules share.
import type { ServiceResponse } from './types';

export function json(status: number, body: unknown, shape?: string): ServiceResponse {
  return shape === undefined ? { status, body } : { status, body, shape };
}

export type IntParam = { ok: true; value: number | undefined } | { ok: false };

/** An optional integer query parameter: absent → undefined; present → must be a plain (signed) integer. */
export function intParam(query: URLSearchParams, name: string): IntParam {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: undefined };
  if (!/^-?\d{1,15}$/.test(raw.trim())) return { ok: false };
  return { ok: true, value: Number(raw.trim()) };
}

export type BoolParam = { ok: true; value: boolean | undefined } | { ok: false };

/** An optional boolean query parameter: `true` / `false` (case-insensitive), else invalid. */
export function boolParam(query: URLSearchParams, name: string): BoolParam {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: undefined };
  const lower = raw.trim().toLowerCase();
  if (lower === 'true') return { ok: true, value: true };
  if (lower === 'false') return { ok: true, value: false };
  return { ok: false };
}

/** A tiny LRU cache for serialised pages. */
export class Lru<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  clear(): void {
    this.map.clear();
  }
}

export function parseJsonBody(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (!raw.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Standard reason phrases for the injected statuses. */
export const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
