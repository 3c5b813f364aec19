// The thread header (service, container, participants, badges, dates, links), the progress of a
// thread the service is still processing, and the cards a service adds above the conversation.
import { t } from './l10n';
import type { Thread } from '../domain/model';
import type { ThreadView } from '../panel/protocol';
import { webviewName, webviewTitle } from '../sinks/webview';
import { h } from './dom';
import { absoluteTime, humanize, relativeTime } from './format';
import { link } from './messageView';
import { plural } from '../domain/format';

function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, 'data-badge': kind }, webviewName(text));
}

export function renderHeader(view: ThreadView, now: number): HTMLElement {
  const thread = view.thread;
  const crumbs = webviewName([view.serviceName, view.accountLabel, view.containerLabel].filter(Boolean).join(' · '));
  const badges: HTMLElement[] = [];
  // Each word once: a flag that repeats the status, priority or type ("high" beside
  // "priority: high", Cattix's type twice) is not shown again.
  const said = new Set<string>();
  const add = (value: string, text: string, kind: string) => {
    const key = humanize(value).trim();
    if (said.has(key)) return;
    said.add(key);
    badges.push(badge(text, kind));
  };
  if (thread.status) add(thread.status, humanize(thread.status), 'status');
  if (thread.priority) add(thread.priority, t('priority: {0}', humanize(thread.priority)), 'priority');
  if (thread.type) add(thread.type, humanize(thread.type), 'type');
  for (const flag of thread.badges) add(flag, flag, 'flag');
  const people = thread.participants.filter((person) => person.name || person.address);
  const dates = [
    thread.createdAt ? h('span', { title: absoluteTime(thread.createdAt) }, t('Started {0}', relativeTime(thread.createdAt, now) ?? '')) : undefined,
    thread.updatedAt ? h('span', { title: absoluteTime(thread.updatedAt) }, t('Last activity {0}', relativeTime(thread.updatedAt, now) ?? '')) : undefined,
    thread.messageCount !== undefined ? h('span', {}, `${plural(thread.messageCount, t('message'), t('messages'))}`) : undefined,
  ].filter(Boolean) as HTMLElement[];
  // A link a card shows already (Cattix's Maps link in its details) is not repeated up here.
  const inCards = new Set(thread.cards.flatMap((card) => (card.kind === 'facts' ? card.rows.flatMap((row) => (row.link ? [row.link.url] : [])) : [])));
  const links = [...(thread.webUrl && !thread.links.some((entry) => entry.url === thread.webUrl) ? [{ label: t('Open in {0}', view.serviceName), url: thread.webUrl }] : []), ...thread.links].filter(
    (entry) => !inCards.has(entry.url),
  );
  return h(
    'header',
    { class: 'thread-header', 'data-service': view.service, 'data-thread-id': thread.threadId },
    h('div', { class: 'crumbs muted' }, h('span', { class: 'service', 'data-service': view.service }, crumbs), view.live ? liveIndicator(view.live) : undefined, view.cached ? cachedIndicator(view.cached, now) : undefined),
    view.cached?.problem !== undefined ? cachedProblem(view, view.cached.problem) : undefined,
    h('h1', { dir: 'auto' }, webviewTitle(thread.title)),
    badges.length ? h('div', { class: 'badges' }, ...badges) : undefined,
    people.length
      ? h(
          'div',
          { class: 'people' },
          ...people.map((person) =>
            h(
              'span',
              { class: 'person', 'data-role': person.role },
              webviewName([person.name, person.address && person.name ? `<${person.address}>` : person.address].filter(Boolean).join(' ')),
              h('span', { class: `badge role role-${person.role}` }, person.role),
            ),
          ),
        )
      : undefined,
    dates.length ? h('div', { class: 'dates muted' }, ...dates.flatMap((date, index) => (index ? [' · ', date] : [date]))) : undefined,
    links.length ? h('div', { class: 'links' }, ...links.map((entry) => link(entry.url, webviewName(entry.label)))) : undefined,
  );
}

const LIVE_WORDS: Record<NonNullable<ThreadView['live']>, { text: string; title: string }> = {
  connecting: { text: t('connecting…'), title: t('Connecting to the live feed') },
  live: { text: t('live'), title: t('New messages appear as they are posted') },
  reconnecting: { text: t('reconnecting…'), title: t('The live feed dropped; reconnecting') },
  offline: { text: t('not live'), title: t('The live feed could not be reached; Reload to try again') },
};

/** "live" / "reconnecting" beside the thread's origin, for services that push new messages. */
function liveIndicator(state: NonNullable<ThreadView['live']>): HTMLElement {
  const words = LIVE_WORDS[state];
  return h('span', { class: `live live-${state}`, 'data-live': state, title: words.title, role: 'status' }, ` · ${words.text}`);
}

/** "cached · updated 3 minutes ago" beside the thread's origin, while the page shows a copy saved on disk. */
function cachedIndicator(cached: NonNullable<ThreadView['cached']>, now: number): HTMLElement {
  const saved = new Date(now - cached.ageMs).toISOString();
  const state = cached.refreshing ? 'refreshing' : cached.problem !== undefined ? 'offline' : 'cached';
  const title = cached.refreshing ? t('A copy saved on this computer, shown while the service is asked for the thread as it is now') : t('A copy saved on this computer, saved {0}', absoluteTime(saved) ?? '');
  return h('span', { class: `cached cached-${state}`, 'data-cached': state, title, role: 'status' }, ` · ${t('cached · updated {0}', relativeTime(saved, now) ?? '')}`);
}

/** Why the cached copy could not be refreshed, naming the service; Reload tries again. */
function cachedProblem(view: ThreadView, problem: string): HTMLElement {
  return h(
    'p',
    { class: 'cached-problem muted', role: 'status' },
    t('Couldn’t refresh from {0} — you may be offline. Showing the copy saved on this computer. {1}', view.serviceName, problem),
    ' ',
    h('button', { type: 'button', 'data-action': 'reload' }, t('Reload')),
  );
}

function list(title: string, values: string[]): HTMLElement | undefined {
  if (values.length === 0) return undefined;
  // Entries are sentences, like message bodies: their own direction, not cut.
  return h('section', { class: 'insight' }, h('h3', {}, webviewName(title)), h('ul', {}, ...values.map((value) => h('li', { dir: 'auto' }, value))));
}

/**
 * While the service is still processing the thread: a bar that follows its percentage, and the
 * page updates by itself until it is complete (or Threadline stops asking, with Reload).
 */
export function renderProgress(view: ThreadView): HTMLElement | undefined {
  const thread = view.thread;
  const progress = thread.progress;
  if (thread.state !== 'processing' || !progress) return undefined;
  const percent = Math.max(0, Math.min(100, progress.percent));
  const bar = h('div', { class: 'progress-bar' });
  bar.style.width = `${percent}%`;
  return h(
    'section',
    { class: 'card card-progress processing', 'data-card': 'progress' },
    h('h2', {}, progress.label),
    h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-label': progress.label }, bar),
    view.followGaveUp
      ? h('p', { class: 'muted' }, t('{0}% — still processing. ', percent), h('button', { type: 'button', 'data-action': 'reload' }, t('Retry')))
      : h('p', { class: 'muted' }, t('{0}% — this page updates by itself until it is complete.', percent)),
  );
}

/** The cards a service adds above the conversation: lists (insights) and facts (details). */
export function renderCards(thread: Thread): HTMLElement[] {
  return thread.cards.map((card) =>
    card.kind === 'lists'
      ? h(
          'section',
          { class: 'card card-lists', 'data-card': card.id },
          h('h2', {}, webviewName(card.title)),
          card.summary ? h('p', { class: 'summary', dir: 'auto' }, card.summary) : undefined,
          h('div', { class: 'insight-grid' }, ...card.lists.map((entry) => list(entry.title, entry.items))),
          card.footnote ? h('p', { class: 'muted' }, card.footnote) : undefined,
        )
      : h(
          'section',
          { class: 'card card-facts', 'data-card': card.id },
          h('h2', {}, webviewName(card.title)),
          h(
            'dl',
            {},
            ...card.rows.flatMap((row) => [
              h('dt', {}, webviewName(row.label)),
              h('dd', { dir: 'auto' }, row.link ? h('span', {}, h('span', {}, webviewName(row.value)), ' ', link(row.link.url, webviewName(row.link.label))) : webviewName(row.value)),
            ]),
          ),
        ),
  );
}
