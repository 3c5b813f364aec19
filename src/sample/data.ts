// Deterministic building blocks for the sample data: a seeded PRNG (mulberry32), a fixed clock
// window (2026-09-01 … 2026-11-20 UTC) and a few name/text pools shared by the services.
// Same seed → same data on every start; nothing here reads the real clock.

/** mulberry32: tiny, fast, good enough for fixtures. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stateless hash of (seed, index) to [0, 1): for data generated lazily by index. */
export function hashUnit(seed: number, index: number): number {
  return mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0)();
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford-ish, ULID-looking
const HEX = '0123456789abcdef';

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return out;
  }

  alnum(length: number): string {
    return this.chars(ALNUM, length);
  }

  lowerId(length: number): string {
    return this.chars(LOWER_ALNUM, length);
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  digits(length: number): string {
    return this.chars('0123456789', length);
  }

  /** A version-4-looking UUID. */
  uuid(): string {
    const variant = '89ab'.charAt(this.int(0, 3));
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = at(out, i);
      out[i] = at(out, j);
      out[j] = a;
    }
    return out;
  }
}

/** Indexed access that throws instead of yielding undefined (fixtures are static; a miss is a bug). */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[((index % items.length) + items.length) % items.length];
  if (item === undefined) throw new Error(`sample data: empty pool or hole at ${index}`);
  return item;
}

// ---- the clock window ----

export const CLOCK_START_MS = Date.UTC(2026, 8, 1, 0, 0, 0); // 2026-09-01T00:00:00Z
export const CLOCK_END_MS = Date.UTC(2026, 10, 20, 0, 0, 0); // 2026-11-20T00:00:00Z
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `2026-09-01T00:00:00.000Z` */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2026-09-01T00:00:00Z` (no fraction). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2026-09-01T00:00:00.123456Z` (microseconds, like SiteGPT's examples). `micros` are the extra 3 digits. */
export function isoMicros(ms: number, micros: number): string {
  return new Date(ms).toISOString().replace('Z', `${String(micros % 1000).padStart(3, '0')}Z`);
}

/** `2026-09-01T00:00:00.123456` (no time-zone suffix, like Cattix's connections guide). */
export function isoNaive(ms: number, micros: number): string {
  return isoMicros(ms, micros).replace('Z', '');
}

/** A time in [from, to) picked by the rng, rounded to the second. */
export function timeBetween(rng: Rng, from: number, to: number): number {
  return Math.floor((from + rng.float() * (to - from)) / 1000) * 1000;
}

// ---- shared people ----

/** The person who appears in several services (AgentSend, SiteGPT, Tybrite, Thred). */
/**
 * A phrase in exactly two sample messages: message 9,000 of AgentSend's 10,000-message thread and
 * Sarah's first SiteGPT answer. Search Conversations finds both, and nothing else.
 */
export const SEARCH_PHRASE = 'checksum manifest mismatch';

export const SARAH = {
  name: 'Sarah Johnson',
  firstName: 'Sarah',
  email: 'sarah.johnson@techcorp.example',
  phone: '+1 415 555 0142',
  company: 'TechCorp',
} as const;

export interface Person {
  first: string;
  last: string;
  email: string;
}

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sophia', 'Lucas', 'Isabella', 'Ethan', 'Mia', 'Arjun',
  'Chloé', 'Jonas', 'Amara', 'Kwame', 'Yuki', 'Diego', 'Fatima', 'Henrik', 'Grace', 'Omar', 'Léa', 'Wei',
  'Nadia', 'Tomás', 'Ingrid', 'Ravi', 'Elena', 'Samuel',
];
const LAST_NAMES = [
  'Nguyen', 'Patel', 'García', 'Smith', 'Kowalski', 'Okafor', 'Tanaka', 'Müller', 'Silva', 'Andersson',
  'Brown', 'Haddad', 'Ivanova', 'Rossi', 'Mensah', 'Dubois', "O'Brien", 'Kim', 'Novak', 'Fernández',
];
const EMAIL_DOMAINS = ['example.com', 'mail.example', 'bluefin.example', 'northstar.example', 'greenleaf.example', 'quartz.example'];

export function makePerson(rng: Rng): Person {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return { first, last, email: `${local}@${rng.pick(EMAIL_DOMAINS)}` };
}

/** Counts values of `key` over items: handy in self-checks and tests. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
