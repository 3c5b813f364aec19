// Dates and words as the page shows them (local time, relative with the absolute on hover).
export { absoluteTime, formatBytes, humanize, relativeTime } from '../domain/format';

// Made once: toLocaleTimeString and toLocaleDateString with options build a new formatter on
// every call, and a page formats a time for every message it renders and a date for every day
// heading each time its rows are rebuilt.
let clockFormat: Intl.DateTimeFormat | undefined;
let dayFormat: Intl.DateTimeFormat | undefined;

/** The local clock time, "10:47". */
export function clockTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  clockFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  return clockFormat.format(time);
}

/** A price with its currency where the service gives one ("$24.99"); the number alone otherwise. */
export function formatPrice(price: string | undefined, currency: string | undefined): string | undefined {
  if (price === undefined) return undefined;
  const amount = Number(price);
  if (currency && /^[A-Za-z]{3}$/.test(currency) && Number.isFinite(amount)) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(amount);
    } catch {
      // an unknown code: shown as written
    }
  }
  return currency ? `${price} ${currency}` : price;
}

/** The day heading a message falls under: "Today", "Yesterday", or the local date. */
export function dayLabel(iso: string | undefined, now = new Date()): string {
  if (!iso) return 'Undated';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'Undated';
  const startOf = (value: Date) => new Date(value.getFullYear(), value.getMonth(), value.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(date)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  dayFormat ??= new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  return dayFormat.format(date);
}

/** A key for grouping by local day. */
export function dayKey(iso: string | undefined): string {
  if (!iso) return 'undated';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'undated' : `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}
