// The thread header (service, container, participants, badges, dates, links) and the cards
// some services add above the conversation: Thred's insights, Cattix's details.
import type { Thread } from '../domain/model';
import type { ThreadView } from '../panel/protocol';
import { webviewName, webviewTitle } from '../sinks/webview';
import { h } from './dom';
import { absoluteTime, humanize, relativeTime } from './format';
import { link } from './messageView';

function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, 'data-badge': kind }, webviewName(text));
}

export function renderHeader(view: ThreadView, now: number): HTMLElement {
  const thread = view.thread;
  const crumbs = webviewName([view.serviceName, view.accountLabel, view.containerLabel].filter(Boolean).join(' · '));
  const badges: HTMLElement[] = [];
  if (thread.status) badges.push(badge(humanize(thread.status), 'status'));
  if (thread.priority) badges.push(badge(`priority: ${humanize(thread.priority)}`, 'priority'));
  if (thread.type) badges.push(badge(humanize(thread.type), 'type'));
  for (const flag of thread.badges) if (flag !== thread.type && !flag.endsWith('%')) badges.push(badge(flag, 'flag'));
  const people = thread.participants.filter((person) => person.name || person.address);
  const dates = [
    thread.createdAt ? h('span', { title: absoluteTime(thread.createdAt) }, `Started ${relativeTime(thread.createdAt, now)}`) : undefined,
    thread.updatedAt ? h('span', { title: absoluteTime(thread.updatedAt) }, `Last activity ${relativeTime(thread.updatedAt, now)}`) : undefined,
    thread.messageCount !== undefined ? h('span', {}, `${thread.messageCount} message${thread.messageCount === 1 ? '' : 's'}`) : undefined,
  ].filter(Boolean) as HTMLElement[];
  const links = [...(thread.webUrl && !thread.links.some((entry) => entry.url === thread.webUrl) ? [{ label: `Open in ${view.serviceName}`, url: thread.webUrl }] : []), ...thread.links];
  return h(
    'header',
    { class: 'thread-header', 'data-service': view.service, 'data-thread-id': thread.threadId },
    h('div', { class: 'crumbs muted' }, h('span', { class: 'service', 'data-service': view.service }, crumbs)),
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
    links.length ? h('div', { class: 'links' }, ...links.map((entry) => link(entry.url, entry.label))) : undefined,
  );
}

function list(title: string, values: string[]): HTMLElement | undefined {
  if (values.length === 0) return undefined;
  return h('section', { class: 'insight' }, h('h3', {}, title), h('ul', {}, ...values.map((value) => h('li', {}, value))));
}

/** Thred: insights on top; a progress bar that follows the API's percentage while processing. */
export function renderThredCard(thread: Thread): HTMLElement | undefined {
  const facts = thread.facts;
  if (facts.service !== 'thred') return undefined;
  if (facts.processing) {
    const bar = h('div', { class: 'progress-bar' });
    bar.style.width = `${Math.max(0, Math.min(100, facts.progress))}%`;
    return h(
      'section',
      { class: 'card card-insights processing', 'data-card': 'thred-progress' },
      h('h2', {}, 'Thred is processing this customer'),
      h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': facts.progress, 'aria-label': 'Processing' }, bar),
      h('p', { class: 'muted' }, `${facts.progress}% — this page updates by itself until it is complete.`),
    );
  }
  const insight = facts.insights;
  return h(
    'section',
    { class: 'card card-insights', 'data-card': 'thred-insights' },
    h('h2', {}, 'Insights'),
    insight.summary ? h('p', { class: 'summary' }, insight.summary) : undefined,
    h(
      'div',
      { class: 'insight-grid' },
      list('Products discussed', insight.productsDiscussed),
      list('Main concerns', insight.mainConcerns),
      list('Buying signals', insight.buyingSignals),
      list('Competitors considered', insight.competitorsConsidered),
      list('Suggestions', insight.suggestions),
    ),
    facts.company || facts.platform ? h('p', { class: 'muted' }, [facts.company, facts.platform && `via ${facts.platform}`].filter(Boolean).join(' · ')) : undefined,
  );
}

/** Cattix: the thread's details, and a plain note that there is no message history to show. */
export function renderCattixCard(thread: Thread): HTMLElement | undefined {
  const facts = thread.facts;
  if (facts.service !== 'cattix') return undefined;
  const rows: [string, Node | string][] = [];
  if (facts.assistantType) rows.push(['Assistant', humanize(facts.assistantType)]);
  rows.push(['Completion', facts.completed ? 'Completed' : 'In progress']);
  if (facts.description) rows.push(['Description', facts.description]);
  if (facts.adsCustomer) {
    const ads = facts.adsCustomer;
    rows.push(['Google Ads customer', [ads.name, `#${ads.id}`, ads.currency, ads.timeZone, ads.status && humanize(ads.status)].filter(Boolean).join(' · ')]);
  }
  if (facts.adsLoginCustomerId !== undefined) rows.push(['Ads login customer', `#${facts.adsLoginCustomerId}`]);
  if (facts.location) {
    const location = facts.location;
    const place = h('span', {}, [location.title, ...location.address].filter(Boolean).join(', '));
    rows.push(['Business Profile location', location.mapsUrl ? h('span', {}, place, ' ', link(location.mapsUrl, 'Open in Maps')) : place]);
  }
  return h(
    'section',
    { class: 'card card-details', 'data-card': 'cattix-details' },
    h('h2', {}, 'Details'),
    h('dl', {}, ...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
  );
}
