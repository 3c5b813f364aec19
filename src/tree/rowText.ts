// What a tree row says, worked out without VS Code (unit-tested under plain Node): the parts a
// narrow side bar must not cut come first — for a thread its unread state (the icon), who wrote,
// when (a few characters) and the title in the label; the counts and the flags in the
// description — and what a screen reader announces says what the row is and what it holds.
import { t } from '../l10n';
import { absoluteTime, humanize, plural, shortTime, type TimeFormat } from '../domain/format';
import type { Participant, ThreadState, ThreadSummary } from '../domain/model';

/** How each state reads aloud (the icon shows it); asked when read, so it is in the user's language. */
const STATE_WORDS: Record<ThreadState, () => string | undefined> = {
  open: () => t('open'),
  waiting: () => t('waiting for an answer'),
  attention: () => t('needs attention'),
  done: () => t('done'),
  processing: () => t('processing'),
  unknown: () => undefined,
};

export interface ThreadRowText {
  label: string;
  description: string;
  /** Who wrote, when it is not already the title or the container (the customer's own list). */
  sender?: string;
  unread: number;
  accessibility: string;
}

const fold = (value: string) => value.trim().toLowerCase();

/**
 * The customer on the thread, by name or address, as far as the service said — `preferred` (the
 * one a row named before) while they are still on it, so a row does not change who it names
 * when opening the thread brings more people.
 */
export function senderOf(participants: readonly Participant[], preferred?: string): string | undefined {
  const names = participants.filter((candidate) => candidate.role === 'customer').map((person) => person.name?.trim() || person.address?.trim() || '').filter(Boolean);
  return preferred !== undefined && names.includes(preferred) ? preferred : names[0];
}

/**
 * A thread row. `commonBadges`: flags every row of the list carries (Tybrite's "sandbox"), shown
 * once on the container instead of at the end of each row.
 */
export function threadRowText(
  summary: ThreadSummary,
  containerLabel: string,
  commonBadges: ReadonlySet<string> = new Set(),
  now = Date.now(),
  format: TimeFormat = {},
  preferredSender?: string,
): ThreadRowText {
  const found = senderOf(summary.participants, preferredSender);
  const title = summary.title;
  const sender = found && fold(found) !== fold(containerLabel) && !fold(title).includes(fold(found)) ? found : undefined;
  const unread = summary.unread ?? 0;
  const badges = summary.badges.filter((badge) => badge !== summary.type && !commonBadges.has(badge));
  const time = shortTime(summary.updatedAt, now, format);
  const description = [
    summary.progress ? `${summary.progress.percent}%` : undefined,
    unread ? t('{0} unread', unread) : undefined,
    summary.messageCount !== undefined ? plural(summary.messageCount, t('msg'), t('msgs')) : undefined,
    ...badges,
  ].filter(Boolean);
  const when = absoluteTime(summary.updatedAt, format);
  const head = [sender ? shortSender(sender) : undefined, time].filter(Boolean).join(', ');
  const spoken = [
    unread ? t('Unread thread, {0}', plural(unread, t('unread message'), t('unread messages'))) : t('Thread'),
    sender ? t('from {0}', sender) : undefined,
    title,
    STATE_WORDS[summary.state](),
    summary.status && humanize(summary.status) !== STATE_WORDS[summary.state]() ? t('status {0}', humanize(summary.status)) : undefined,
    summary.progress ? `${summary.progress.label} ${summary.progress.percent}%` : undefined,
    when ? t('last activity {0}', when) : undefined,
    summary.messageCount !== undefined ? plural(summary.messageCount, t('message'), t('messages')) : undefined,
    badges.length ? `flags: ${badges.join(', ')}` : undefined,
    t('in {0}', containerLabel),
  ].filter(Boolean);
  return {
    // Who and when, then what: "sarah.johnson, 10:47 · Refund for order …". The side bar's
    // default width cuts a row's end, and a long title would push a time placed after it out of
    // sight. An address alone is shortened to its local part; the announcement and the hover
    // have it whole, and the full time.
    label: head ? `${head} · ${title}` : title,
    description: description.join(' · '),
    ...(sender ? { sender } : {}),
    unread,
    accessibility: spoken.join(', '),
  };
}

/** How a row names who wrote: a name as it is, an address by its local part. */
export function shortSender(sender: string): string {
  const at = sender.lastIndexOf('@');
  const short = at > 0 && !/\s/.test(sender) ? sender.slice(0, at) : sender;
  // However long a name the service sent, the title still starts within reach.
  return short.length > SENDER_MAX ? `${short.slice(0, SENDER_MAX - 1)}…` : short;
}

/** The most of a sender's name a row spends before its title. */
const SENDER_MAX = 32;

/** Flags every one of several threads carries: said once, on their container. */
export function commonBadgesOf(summaries: readonly ThreadSummary[]): Set<string> {
  if (summaries.length < 2) return new Set();
  const [first, ...rest] = summaries;
  return new Set((first?.badges ?? []).filter((badge) => rest.every((summary) => summary.badges.includes(badge))));
}

/** An account row's description: the service, unless the account's own name already says it, and what is missing. */
export function accountDescription(label: string, serviceName: string, status: string | undefined): string {
  const named = fold(label).includes(fold(serviceName));
  return [named ? undefined : serviceName, status].filter(Boolean).join(' · ');
}
