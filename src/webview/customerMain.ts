// The Show Customer page: one person's conversations on a timeline grouped by day, and what each
// account could or could not be asked. It renders only what the host sends (validated against
// src/customer/protocol.ts), builds every element with textContent, never fetches anything, and
// sends back only the number of the entry chosen.
import { t } from './l10n';
import './customer.css';
import { customerHostMessageSchema, type CustomerHostMessage, type CustomerPageMessage } from '../customer/protocol';
import { webviewName, webviewTitle } from '../sinks/webview';
import { h } from './dom';

declare function acquireVsCodeApi(): { postMessage(message: CustomerPageMessage): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function show(message: CustomerHostMessage): void {
  app.dataset['email'] = message.email;
  document.title = webviewName(t('Customer: {0}', message.email));
  const heading = h('h1', {}, webviewName(message.email));
  if (message.type === 'loading') {
    app.replaceChildren(heading, h('p', { class: 'status', role: 'status' }, t('Looking through every account…')));
    return;
  }
  if (message.type === 'failed') {
    app.replaceChildren(heading, h('p', { class: 'failure', role: 'alert' }, webviewName(message.message)), h('button', { type: 'button', 'data-action': 'refresh' }, t('Try Again')));
    return;
  }
  const found = message.days.reduce((sum, day) => sum + day.entries.length, 0);
  const summary = h('p', { class: 'summary muted' }, found ? t('{0} across {1}', plural(found, t('conversation'), t('conversations')), plural(new Set(message.days.flatMap((day) => day.entries.map((entry) => entry.accountLabel))).size, t('account'), t('accounts'))) : t('No conversation with this address was found.'), ' ', h('button', { type: 'button', 'data-action': 'refresh' }, t('Refresh')));
  const timeline = h(
    'section',
    { class: 'timeline', 'aria-label': t('Conversations by day') },
    message.days.map((day) =>
      h(
        'div',
        { class: 'day' },
        h('h2', {}, day.day),
        h(
          'ul',
          {},
          day.entries.map((entry) =>
            h(
              'li',
              { class: 'entry', 'data-entry': entry.entry, 'data-service': entry.serviceName },
              h('span', { class: 'time muted', title: entry.when }, entry.time ?? ''),
              h(
                'button',
                { type: 'button', class: 'open', 'data-action': 'open', 'data-entry': entry.entry, title: t('Open this conversation') },
                h('span', { class: 'title', dir: 'auto' }, webviewTitle(entry.title)),
              ),
              h('span', { class: 'where muted' }, `${webviewName(entry.serviceName)} · ${webviewName(entry.accountLabel)}${entry.status ? ` · ${webviewName(entry.status)}` : ''}${entry.source === 'held' ? ' · seen in Threadline' : ''}`),
            ),
          ),
        ),
      ),
    ),
  );
  const accounts = h(
    'section',
    { class: 'accounts', 'aria-label': t('Accounts') },
    h('h2', {}, t('Accounts')),
    h(
      'ul',
      {},
      message.accounts.map((account) =>
        h(
          'li',
          { class: `account ${account.kind}`, 'data-kind': account.kind },
          h('strong', {}, `${webviewName(account.accountLabel)} (${webviewName(account.serviceName)})`),
          ': ',
          account.kind === 'asked' ? t('asked by email — {0}', plural(account.found, t('conversation'), t('conversations'))) : t('not asked — {0}; {1} found', webviewName(account.why ?? ''), plural(account.found, t('conversation'), t('conversations'))),
        ),
      ),
    ),
  );
  app.replaceChildren(heading, summary, timeline, accounts);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = customerHostMessageSchema.safeParse(event.data);
  if (parsed.success) show(parsed.data);
});

document.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  if (!target) return;
  event.preventDefault();
  if (target.dataset['action'] === 'refresh') vscode.postMessage({ type: 'refresh' });
  else if (target.dataset['action'] === 'open') {
    const entry = Number(target.dataset['entry']);
    if (Number.isInteger(entry) && entry >= 0) vscode.postMessage({ type: 'open', entry });
  }
});

vscode.postMessage({ type: 'ready' });
