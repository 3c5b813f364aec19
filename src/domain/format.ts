// Wording shared by the tree, the panel and the Markdown document.
import type { ThreadFilter } from './model';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 hours ago", "yesterday", "just now". */
export function relativeTime(iso: string | undefined, now: number = Date.now()): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  const seconds = Math.round((time - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function absoluteTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toLocaleString();
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

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** `status: active · unread · “refund”` — the active filter as a container shows it. */
export function describeFilter(filter: ThreadFilter): string | undefined {
  const parts: string[] = [];
  if (filter.status) parts.push(`status: ${filter.status}`);
  if (filter.priority) parts.push(`priority: ${filter.priority}`);
  if (filter.type) parts.push(`type: ${filter.type}`);
  if (filter.archived !== undefined) parts.push(filter.archived ? 'archived' : 'not archived');
  if (filter.unread !== undefined) parts.push(filter.unread ? 'unread' : 'read');
  if (filter.read !== undefined) parts.push(filter.read ? 'read' : 'unread');
  if (filter.escalated !== undefined) parts.push(filter.escalated ? 'escalated' : 'not escalated');
  if (filter.important !== undefined) parts.push(filter.important ? 'important' : 'not important');
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
