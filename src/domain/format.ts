// Wording shared by the tree, the panel and the Markdown document.
import { t } from '../l10n';
import type { ThreadFilter } from './model';

/**
 * How far from now a time may be and still read well relative to now ("3 hours ago", "in 20
 * minutes"). Further away, a time shows its date: "2 days ago" leaves the reader counting, and a
 * wait of "23 hours" does not say which day it ends.
 */
export const NEAR_MS = 6 * 3_600_000;

/** Formatting of times: `locale` and `timeZone` default to the user's (tests fix them). */
export interface TimeFormat {
  locale?: string;
  timeZone?: string;
}

const SMALL_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

function relativeFormat(format: TimeFormat): Intl.RelativeTimeFormat {
  return cached(`r|${format.locale ?? ''}`, () => new Intl.RelativeTimeFormat(format.locale, { numeric: 'auto' }));
}

function dateFormat(format: TimeFormat, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${format.locale ?? ''}|${format.timeZone ?? ''}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(format.locale, { ...options, ...(format.timeZone ? { timeZone: format.timeZone } : {}) }));
}

function parse(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** "in 20 minutes", "3 hours ago", "now": for times within NEAR_MS of now, down to `smallest`. */
function nearTime(time: number, now: number, format: TimeFormat, smallest: 'minute' | 'second'): string {
  const delta = time - now;
  for (const [unit, size] of SMALL_UNITS) {
    if (Math.abs(delta) >= size) return relativeFormat(format).format(Math.round(delta / size), unit);
    if (unit === smallest) break;
  }
  return relativeFormat(format).format(0, 'second');
}

function sameYear(time: number, now: number, format: TimeFormat): boolean {
  const year = dateFormat(format, { year: 'numeric' });
  return year.format(time) === year.format(now);
}

function sameDay(time: number, now: number, format: TimeFormat): boolean {
  const day = dateFormat(format, { year: 'numeric', month: 'numeric', day: 'numeric' });
  return day.format(time) === day.format(now);
}

/** "Thu 4 Dec, 12:00" in the user's locale (with the year when it is not this year's). */
export function dateAndTime(time: number, now: number = Date.now(), format: TimeFormat = {}): string {
  return dateFormat(format, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear(time, now, format) ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(time);
}

/**
 * When something happened, next to other facts: within a few hours relative to now ("3 hours
 * ago"); further away its date and time ("Thu 4 Dec, 12:00"). The full time is in `absoluteTime`.
 */
export function relativeTime(iso: string | undefined, now: number = Date.now(), format: TimeFormat = {}): string | undefined {
  const time = parse(iso);
  if (time === undefined) return undefined;
  return Math.abs(time - now) < NEAR_MS ? nearTime(time, now, format, 'minute') : dateAndTime(time, now, format);
}

/**
 * When, in as few characters as a list row can spare (as mail clients do): "10:47" today, "Thu"
 * within the week, "4 Dec" this year, "Dec 2025" before. The full time is in `absoluteTime`.
 */
export function shortTime(iso: string | undefined, now: number = Date.now(), format: TimeFormat = {}): string | undefined {
  const time = parse(iso);
  if (time === undefined) return undefined;
  if (sameDay(time, now, format)) return dateFormat(format, { hour: '2-digit', minute: '2-digit' }).format(time);
  if (time < now && now - time < 6 * 24 * 3_600_000) return dateFormat(format, { weekday: 'short' }).format(time);
  if (sameYear(time, now, format)) return dateFormat(format, { day: 'numeric', month: 'short' }).format(time);
  return dateFormat(format, { month: 'short', year: 'numeric' }).format(time);
}

/** A time in full, in the user's locale: "Thu 4 Dec 2026, 12:00". */
export function absoluteTime(iso: string | undefined, format: TimeFormat = {}): string | undefined {
  const time = parse(iso);
  if (time === undefined) return undefined;
  return dateFormat(format, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(time);
}

/**
 * The end of a wait the service asked for: "until 12:20 (in 20 minutes)" when it is near and
 * today, "until Thu 4 Dec, 12:00" otherwise.
 */
export function waitUntil(until: number, now: number = Date.now(), format: TimeFormat = {}): string {
  const delta = until - now;
  if (Math.abs(delta) < NEAR_MS && sameDay(until, now, format)) {
    const clock = dateFormat(format, { hour: '2-digit', minute: '2-digit', ...(Math.abs(delta) < 60_000 ? { second: '2-digit' } : {}) }).format(until);
    return t('until {0} ({1})', clock, nearTime(until, now, format, 'second'));
  }
  return t('until {0}', dateAndTime(until, now, format));
}

export function formatBytes(size: number | undefined): string | undefined {
  if (size === undefined || !Number.isFinite(size) || size < 0) return undefined;
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** `1 inbox`, `3 inboxes`: both forms are given (English plurals are not all a trailing s). */
export function plural(count: number, noun: string, nouns: string): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** `status: active · unread · “refund”` — the active filter as a container shows it. */
export function describeFilter(filter: ThreadFilter): string | undefined {
  const parts: string[] = [];
  if (filter.status) parts.push(`status: ${filter.status}`);
  if (filter.priority) parts.push(`priority: ${filter.priority}`);
  if (filter.type) parts.push(`type: ${filter.type}`);
  if (filter.archived !== undefined) parts.push(filter.archived ? 'archived' : t('not archived'));
  if (filter.unread !== undefined) parts.push(filter.unread ? 'unread' : 'read');
  if (filter.read !== undefined) parts.push(filter.read ? 'read' : 'unread');
  if (filter.escalated !== undefined) parts.push(filter.escalated ? 'escalated' : t('not escalated'));
  if (filter.important !== undefined) parts.push(filter.important ? 'important' : t('not important'));
  if (filter.reaction) parts.push(`reaction: ${filter.reaction.toLowerCase()}`);
  if (filter.period) parts.push(filter.period);
  if (filter.text) parts.push(`“${filter.text}”`);
  return parts.length ? parts.join(' · ') : undefined;
}

export function isFilterEmpty(filter: ThreadFilter): boolean {
  return describeFilter(filter) === undefined;
}

export function humanize(value: string): string {
  return value.replace(/_/g, ' ').toLowerCase();
}
